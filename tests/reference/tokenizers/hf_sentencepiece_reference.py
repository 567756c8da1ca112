#!/usr/bin/python3
"""Reference ids of Hugging Face's XLM-R and XLNet (slow, sentencepiece) tokenizers.

Uses Debian's python3-sentencepiece only (no transformers). The Hugging Face rules applied on
top of sentencepiece are written here from their description, independently of the C++ code:

  * special tokens written in the text are cut out first, longest match from the left; <mask>
    also swallows the whitespace before it (lstrip);
  * XLM-R: fairseq's dictionary: <s> 0, <pad> 1, </s> 2, <unk> 3, every other piece its
    sentencepiece id + 1, sentencepiece's id 0 (unknown) -> 3, <mask> = size + 1;
  * XLNet: sentencepiece's own ids; with do_lower_case the text outside special tokens is
    lower-cased first; each plain part is cleaned (whitespace collapsed, `` and '' -> ",
    NFKD without combining characters unless keep_accents, lower-cased with do_lower_case),
    and a piece ending in a digit and "," is re-encoded without its comma and "▁" marks, with
    the comma as a piece of its own.

  hf_sentencepiece_reference.py --scheme {xlm-roberta,xlnet} --model FILE
      [--lower] [--keep-accents] [--keep-space]  < texts.json  > result.json

Input: a JSON list of texts. Output: {"size": n, "ids": [[...]], "tokens": [[...]],
"plain_pieces": [[...]]}, where plain_pieces is sentencepiece's own encoding of each text
(used by the tests to check that a fixture exercises a rule).
"""
import argparse
import json
import sys
import unicodedata

import sentencepiece as spm

UNDERLINE = "\u2581"


def split_specials(text, specials, lstrip):
    """[(segment, is_special)], leftmost-longest matches of the special strings."""
    out, plain, i = [], "", 0
    while i < len(text):
        match = max((s for s in specials if text.startswith(s, i)), key=len, default=None)
        if match is None:
            plain += text[i]
            i += 1
            continue
        if match in lstrip:
            plain = plain.rstrip()
        if plain:
            out.append((plain, False))
        out.append((match, True))
        plain = ""
        i += len(match)
    if plain:
        out.append((plain, False))
    return out


def xlnet_clean(text, args):
    out = text if args.keep_space else " ".join(text.strip().split())
    out = out.replace("``", '"').replace("''", '"')
    if not args.keep_accents:
        out = unicodedata.normalize("NFKD", out)
        out = "".join(c for c in out if not unicodedata.combining(c))
    if args.lower:
        out = out.lower()
    return out


def xlnet_pieces(sp, text, args):
    out = []
    for piece in sp.encode(xlnet_clean(text, args), out_type=str):
        if len(piece) > 1 and piece[-1] == "," and piece[-2].isdigit():
            parts = sp.encode(piece[:-1].replace(UNDERLINE, ""), out_type=str)
            if piece[0] != UNDERLINE and parts and parts[0][0] == UNDERLINE:
                parts = parts[1:] if len(parts[0]) == 1 else [parts[0][1:]] + parts[1:]
            out.extend(parts + [","])
        else:
            out.append(piece)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheme", choices=["xlm-roberta", "xlnet"], required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--lower", action="store_true")
    parser.add_argument("--keep-accents", action="store_true")
    parser.add_argument("--keep-space", action="store_true")
    args = parser.parse_args()
    sp = spm.SentencePieceProcessor(model_file=args.model)
    size = sp.get_piece_size()

    if args.scheme == "xlm-roberta":
        fixed = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": size + 1}
        specials = dict(fixed)

        def to_id(token):
            if token in fixed:
                return fixed[token]
            sp_id = sp.piece_to_id(token)
            return sp_id + 1 if sp_id else 3
    else:
        names = ["<unk>", "<s>", "</s>", "<cls>", "<sep>", "<pad>", "<mask>", "<eop>", "<eod>"]
        specials = {}
        for name in names:
            sp_id = sp.piece_to_id(name)
            if sp.id_to_piece(sp_id) == name:
                specials[name] = sp_id

        def to_id(token):
            return specials[token] if token in specials else sp.piece_to_id(token)

    result = {"size": size, "ids": [], "tokens": [], "plain_pieces": []}
    for text in json.load(sys.stdin):
        if args.scheme == "xlnet" and args.lower:
            text = "".join(s if special else s.lower()
                           for s, special in split_specials(text, specials, set()))
        tokens = []
        for segment, special in split_specials(text, specials, {"<mask>"}):
            if special:
                tokens.append(segment)
            elif args.scheme == "xlnet":
                tokens.extend(xlnet_pieces(sp, segment, args))
            else:
                tokens.extend(sp.encode(segment, out_type=str))
        result["tokens"].append(tokens)
        result["ids"].append([to_id(t) for t in tokens])
        result["plain_pieces"].append(sp.encode(text, out_type=str))
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
