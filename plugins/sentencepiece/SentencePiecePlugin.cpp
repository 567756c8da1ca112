// SentencePiecePlugin.cpp: wraps Debian's libsentencepiece behind the plugin's C interface.
#include "SentencePiecePlugin.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace {

void copyOut(const std::string& text, char* out, int size) {
  if (!out || size <= 0) return;
  const size_t n = std::min(text.size(), static_cast<size_t>(size - 1));
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

const sentencepiece::SentencePieceProcessor* processor(const void* handle) {
  return static_cast<const sentencepiece::SentencePieceProcessor*>(handle);
}

}  // namespace

extern "C" {

int twb_sp_abi_version(void) { return TWB_SP_ABI_VERSION; }

int twb_sp_train(const char* flags, char* error, int error_size) {
  const auto status = sentencepiece::SentencePieceTrainer::Train(flags);
  if (status.ok()) return 0;
  copyOut(status.ToString(), error, error_size);
  return -1;
}

void* twb_sp_load(const char* model_path, char* error, int error_size) {
  auto* sp = new sentencepiece::SentencePieceProcessor();
  const auto status = sp->Load(model_path);
  if (status.ok()) return sp;
  copyOut(status.ToString(), error, error_size);
  delete sp;
  return nullptr;
}

void twb_sp_free(void* handle) {
  delete static_cast<sentencepiece::SentencePieceProcessor*>(handle);
}

int twb_sp_vocab_size(const void* handle) { return processor(handle)->GetPieceSize(); }

int twb_sp_unk_id(const void* handle) { return processor(handle)->unk_id(); }

int twb_sp_piece_to_id(const void* handle, const char* piece) {
  const auto* sp = processor(handle);
  const int id = sp->PieceToId(piece);
  // PieceToId answers unk's id for an unknown piece; tell the two apart.
  return (id == sp->unk_id() && sp->IdToPiece(id) != piece) ? -1 : id;
}

int twb_sp_id_to_piece(const void* handle, int id, char* out, int out_size) {
  const auto* sp = processor(handle);
  if (id < 0 || id >= sp->GetPieceSize()) return -1;
  const std::string& piece = sp->IdToPiece(id);
  copyOut(piece, out, out_size);
  return static_cast<int>(piece.size());
}

int twb_sp_encode(const void* handle, const char* text, int* ids, int capacity) {
  std::vector<int> result;
  if (!processor(handle)->Encode(text, &result).ok()) return -1;
  const int n = static_cast<int>(result.size());
  std::copy_n(result.begin(), std::min(n, std::max(capacity, 0)), ids);
  return n;
}

int twb_sp_encode_pieces(const void* handle, const char* text, char* out, int out_size) {
  std::vector<std::string> pieces;
  if (!processor(handle)->Encode(text, &pieces).ok()) return -1;
  std::string joined;
  for (const std::string& piece : pieces) joined.append(piece).push_back('\0');
  const int n = static_cast<int>(joined.size());
  if (out && n <= out_size) std::memcpy(out, joined.data(), joined.size());
  return n;
}

int twb_sp_decode(const void* handle, const int* ids, int count, char* out, int out_size) {
  std::string text;
  if (!processor(handle)->Decode(std::vector<int>(ids, ids + count), &text).ok()) return -1;
  copyOut(text, out, out_size);
  return static_cast<int>(text.size());
}

}  // extern "C"
