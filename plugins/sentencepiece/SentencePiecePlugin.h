/* SentencePiecePlugin.h: the C interface of the sentencepiece plugin (train, load, encode). */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

#define TWB_SP_EXPORT __attribute__((visibility("default")))

/* Bumped whenever the functions below change; the loader refuses other versions. */
#define TWB_SP_ABI_VERSION 2
TWB_SP_EXPORT int twb_sp_abi_version(void);

/* Trains a model with sentencepiece's trainer flags ("--input=... --model_prefix=..."). */
TWB_SP_EXPORT int twb_sp_train(const char* flags, char* error, int error_size);

/* Loads a .model file; returns a handle or NULL with the reason in error. */
TWB_SP_EXPORT void* twb_sp_load(const char* model_path, char* error, int error_size);
TWB_SP_EXPORT void twb_sp_free(void* handle);

TWB_SP_EXPORT int twb_sp_vocab_size(const void* handle);
/* Id of the model's unknown piece (what sentencepiece gives text it cannot cover). */
TWB_SP_EXPORT int twb_sp_unk_id(const void* handle);
/* Id of a piece, or -1 when the piece is not in the vocabulary. */
TWB_SP_EXPORT int twb_sp_piece_to_id(const void* handle, const char* piece);
/* Copies the piece (UTF-8, NUL-terminated) into out; returns its length, -1 for a bad id. */
TWB_SP_EXPORT int twb_sp_id_to_piece(const void* handle, int id, char* out, int out_size);

/* Encodes UTF-8 text into ids. Returns the number of ids; when it exceeds capacity only the
 * first capacity ids were written, so call again with a larger buffer. -1 on error. */
TWB_SP_EXPORT int twb_sp_encode(const void* handle, const char* text, int* ids, int capacity);
/* Encodes UTF-8 text into pieces as sentencepiece shows them (an unknown piece keeps its text),
 * each written into out followed by a NUL. Returns the bytes needed, NULs included; when that
 * exceeds out_size nothing useful was written, so call again with a larger buffer. -1 on error. */
TWB_SP_EXPORT int twb_sp_encode_pieces(const void* handle, const char* text, char* out,
                                       int out_size);
/* Decodes ids into UTF-8 text; same length convention as twb_sp_encode. */
TWB_SP_EXPORT int twb_sp_decode(const void* handle, const int* ids, int count, char* out,
                                int out_size);

#ifdef __cplusplus
}
#endif
