#!/usr/bin/python3
"""Independent Python reference of the Hugging Face encoders (BERT, RoBERTa, XLM-R, XLNet) for C++ parity tests.

Builds a tiny random float32 model, writes it as a Hugging Face checkpoint folder
(config.json + model.safetensors with the original state-dict key names) and writes test
cases (inputs and the outputs the original implementations compute in eval mode).
Written from the architecture description (shared/design/MODELS.md) and knowledge of the
transformers modeling code; needs only Debian's python3-torch (no transformers, no pip).

  hf_reference.py --family {bert,roberta,xlm-roberta,xlnet} --out DIR [--seed N]
                  [--head {sequence-classification,base,masked-lm}] [--no-prefix] [--omit-tied] [--check]
"""
import argparse
import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F

VOCAB, HIDDEN, LAYERS, HEADS, INTER = 99, 32, 2, 4, 37
LABELS = {"0": "negative", "1": "positive", "2": "neutral"}
# Special ids per family, as the real tokenizers lay them out at the start of the vocabulary.
SPECIAL = {
    "bert": dict(pad=0, unk=1, cls=2, sep=3, mask=4),
    "roberta": dict(bos=0, pad=1, eos=2, unk=3, mask=98),
    "xlnet": dict(unk=0, bos=1, eos=2, cls=3, sep=4, pad=5, mask=6),
}
SPECIAL["xlm-roberta"] = SPECIAL["roberta"]
PREFIX = {"bert": "bert.", "roberta": "roberta.", "xlm-roberta": "roberta.", "xlnet": "transformer."}
CLASS = {"bert": "Bert", "roberta": "Roberta", "xlm-roberta": "XLMRoberta", "xlnet": "XLNet"}


# ----------------------------------------------------------------------------- config
def make_config(family, head):
    arch = CLASS[family] + {"sequence-classification": "ForSequenceClassification", "base": "Model",
                            "masked-lm": "ForMaskedLM"}[head]
    if family == "xlnet" and head == "masked-lm":
        arch = "XLNetLMHeadModel"
    sp = SPECIAL[family]
    common = {"model_type": family, "architectures": [arch], "vocab_size": VOCAB,
              "id2label": LABELS, "label2id": {v: int(k) for k, v in LABELS.items()},
              "initializer_range": 0.02, "pad_token_id": sp["pad"], "torch_dtype": "float32"}
    if family == "xlnet":
        return dict(common, d_model=HIDDEN, n_layer=LAYERS, n_head=HEADS, d_head=HIDDEN // HEADS,
                    d_inner=INTER, ff_activation="gelu", untie_r=True, attn_type="bi", bi_data=False,
                    clamp_len=-1, mem_len=None, reuse_len=None, same_length=False, dropout=0.1,
                    summary_type="last", summary_use_proj=True, summary_activation="tanh",
                    summary_last_dropout=0.1, start_n_top=5, end_n_top=5, layer_norm_eps=1e-12,
                    bos_token_id=sp["bos"], eos_token_id=sp["eos"], use_mems_eval=True,
                    use_mems_train=False)
    cfg = dict(common, hidden_size=HIDDEN, num_hidden_layers=LAYERS, num_attention_heads=HEADS,
               intermediate_size=INTER, hidden_act="gelu", hidden_dropout_prob=0.1,
               attention_probs_dropout_prob=0.1, position_embedding_type="absolute",
               classifier_dropout=None, use_cache=True)
    if family == "bert":  # real BERT configs carry no bos/eos ids
        cfg.update(max_position_embeddings=40, type_vocab_size=2, layer_norm_eps=1e-12)
    else:  # positions start at padding_idx + 1 = 2, hence 2 extra rows
        cfg.update(max_position_embeddings=42, type_vocab_size=1, layer_norm_eps=1e-5,
                   bos_token_id=sp["bos"], eos_token_id=sp["eos"])
    return cfg


# ----------------------------------------------------------------------------- weights
def make_weights(family, head, cfg):
    """Random, non-degenerate parameters keyed by the HF state-dict names (with the prefix).
    Body first, then head, so the body is the same for every head at a given seed."""
    P = {}
    normal = lambda *shape, std=0.2: torch.randn(*shape) * std  # noqa: E731

    def linear(name, n_out, n_in):
        P[name + ".weight"] = normal(n_out, n_in)
        P[name + ".bias"] = normal(n_out, std=0.1)

    def norm(name, n):
        P[name + ".weight"] = 1.0 + normal(n, std=0.1)
        P[name + ".bias"] = normal(n, std=0.1)

    pre = PREFIX[family]
    if family == "xlnet":
        n, dh = HEADS, HIDDEN // HEADS
        P[pre + "word_embedding.weight"] = normal(VOCAB, HIDDEN, std=0.5)
        P[pre + "mask_emb"] = normal(1, 1, HIDDEN)
        for i in range(LAYERS):
            p = f"{pre}layer.{i}."
            for m in "qkvor":
                P[p + "rel_attn." + m] = normal(HIDDEN, n, dh)
            for b in ("r_r_bias", "r_s_bias", "r_w_bias"):
                P[p + "rel_attn." + b] = normal(n, dh, std=0.3)
            P[p + "rel_attn.seg_embed"] = normal(2, n, dh, std=0.5)
            norm(p + "rel_attn.layer_norm", HIDDEN)
            norm(p + "ff.layer_norm", HIDDEN)
            linear(p + "ff.layer_1", INTER, HIDDEN)
            linear(p + "ff.layer_2", HIDDEN, INTER)
        if head == "sequence-classification":
            linear("sequence_summary.summary", HIDDEN, HIDDEN)
            linear("logits_proj", len(LABELS), HIDDEN)
        elif head == "masked-lm":  # lm_loss.weight is tied to the word embedding
            P["lm_loss.weight"] = P[pre + "word_embedding.weight"].clone()
            P["lm_loss.bias"] = normal(VOCAB, std=0.1)
        return P

    e = pre + "embeddings."
    P[e + "word_embeddings.weight"] = normal(VOCAB, HIDDEN, std=0.5)
    P[e + "position_embeddings.weight"] = normal(cfg["max_position_embeddings"], HIDDEN, std=0.5)
    P[e + "token_type_embeddings.weight"] = normal(cfg["type_vocab_size"], HIDDEN, std=0.5)
    norm(e + "LayerNorm", HIDDEN)
    for i in range(LAYERS):
        p = f"{pre}encoder.layer.{i}."
        for m in ("query", "key", "value"):
            linear(p + "attention.self." + m, HIDDEN, HIDDEN)
        linear(p + "attention.output.dense", HIDDEN, HIDDEN)
        norm(p + "attention.output.LayerNorm", HIDDEN)
        linear(p + "intermediate.dense", INTER, HIDDEN)
        linear(p + "output.dense", HIDDEN, INTER)
        norm(p + "output.LayerNorm", HIDDEN)
    if has_pooler(family, head):
        linear(pre + "pooler.dense", HIDDEN, HIDDEN)
    word = P[e + "word_embeddings.weight"]
    if family == "bert" and head == "sequence-classification":
        linear("classifier", len(LABELS), HIDDEN)
    elif family == "bert" and head == "masked-lm":
        linear("cls.predictions.transform.dense", HIDDEN, HIDDEN)
        norm("cls.predictions.transform.LayerNorm", HIDDEN)
        P["cls.predictions.bias"] = normal(VOCAB, std=0.1)
        P["cls.predictions.decoder.weight"] = word.clone()                # tied
        P["cls.predictions.decoder.bias"] = P["cls.predictions.bias"].clone()  # tied
    elif head == "sequence-classification":  # RobertaClassificationHead, no pooler
        linear("classifier.dense", HIDDEN, HIDDEN)
        linear("classifier.out_proj", len(LABELS), HIDDEN)
    elif head == "masked-lm":
        linear("lm_head.dense", HIDDEN, HIDDEN)
        norm("lm_head.layer_norm", HIDDEN)
        P["lm_head.bias"] = normal(VOCAB, std=0.1)
        P["lm_head.decoder.weight"] = word.clone()                # tied
        P["lm_head.decoder.bias"] = P["lm_head.bias"].clone()     # tied
    return P


def has_pooler(family, head):
    # BertModel / BertForSequenceClassification and a bare RobertaModel have a pooler;
    # *ForMaskedLM and RobertaForSequenceClassification are built with add_pooling_layer=False.
    return family != "xlnet" and (head == "base" or (family == "bert" and head == "sequence-classification"))


# ----------------------------------------------------------------------------- forward passes
def lin(P, name, x):
    return F.linear(x, P[name + ".weight"], P[name + ".bias"])


def ln(P, name, x, eps):
    return F.layer_norm(x, (x.shape[-1],), P[name + ".weight"], P[name + ".bias"], eps)


def bert_body(P, pre, cfg, family, ids, mask, types):
    """BertModel / RobertaModel encoder: returns the list [embeddings, layer 1, ..., layer L]."""
    B, T = ids.shape
    eps, e = cfg["layer_norm_eps"], pre + "embeddings."
    if family == "bert":
        pos = torch.arange(T).expand(B, T)
    else:  # create_position_ids_from_input_ids: from input_ids, not from the attention mask
        real = ids.ne(cfg["pad_token_id"]).int()
        pos = (torch.cumsum(real, dim=1) * real).long() + cfg["pad_token_id"]
    if types is None:
        types = torch.zeros_like(ids)
    x = (P[e + "word_embeddings.weight"][ids] + P[e + "token_type_embeddings.weight"][types]
         + P[e + "position_embeddings.weight"][pos])
    x = ln(P, e + "LayerNorm", x, eps)
    # get_extended_attention_mask: (1 - mask) * finfo.min, broadcast over heads and queries
    ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    dh = HIDDEN // HEADS
    split = lambda t: t.view(B, T, HEADS, dh).transpose(1, 2)  # noqa: E731
    states = [x]
    for i in range(LAYERS):
        p = f"{pre}encoder.layer.{i}."
        q, k, v = (split(lin(P, p + "attention.self." + m, x)) for m in ("query", "key", "value"))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(dh) + ext
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(B, T, HIDDEN)
        a = ln(P, p + "attention.output.LayerNorm", lin(P, p + "attention.output.dense", ctx) + x, eps)
        h = F.gelu(lin(P, p + "intermediate.dense", a))  # exact erf GELU
        x = ln(P, p + "output.LayerNorm", lin(P, p + "output.dense", h) + a, eps)
        states.append(x)
    return states


def rel_shift_bnij(x, klen):
    """XLNetRelativeAttention.rel_shift_bnij: [b, n, qlen, R] -> [b, n, qlen, klen]."""
    b, n, i, r = x.shape
    x = x.reshape(b, n, r, i)[:, :, 1:, :].reshape(b, n, i, r - 1)
    return x[:, :, :, :klen]


def xlnet_body(P, pre, cfg, ids, mask, types):
    """XLNetModel content stream (no mems, no perm_mask, no target_mapping), batch-first."""
    B, T = ids.shape
    eps, dh = cfg["layer_norm_eps"], cfg["d_head"]
    h = P[pre + "word_embedding.weight"][ids]
    # Relative sinusoidal encoding for positions klen, klen-1, ..., -qlen+1 (attn_type "bi").
    inv_freq = 1.0 / torch.pow(10000, torch.arange(0, HIDDEN, 2.0) / HIDDEN)
    pos_seq = torch.arange(T, -T, -1.0)
    sinusoid = torch.einsum("i,d->id", pos_seq, inv_freq)
    pos_emb = torch.cat([torch.sin(sinusoid), torch.cos(sinusoid)], dim=-1)  # [2T, d_model]
    # non_tgt_mask: key j hidden from query i when j is padding and i != j.
    pad = (1.0 - mask.float()) > 0
    non_tgt = (pad[:, None, :] & ~torch.eye(T, dtype=torch.bool)[None]).float()  # [B, i, j]
    seg_mat = None
    if types is not None:  # one-hot of [same segment, different segment]
        seg_mat = F.one_hot((types[:, :, None] != types[:, None, :]).long(), 2).float()  # [B,i,j,2]
    states = [h]
    for i in range(LAYERS):
        p = f"{pre}layer.{i}.rel_attn."
        q, k, v = (torch.einsum("bih,hnd->bind", h, P[p + m]) for m in "qkv")
        k_r = torch.einsum("rh,hnd->rnd", pos_emb, P[p + "r"])
        ac = torch.einsum("bind,bjnd->bnij", q + P[p + "r_w_bias"], k)
        bd = rel_shift_bnij(torch.einsum("bind,rnd->bnir", q + P[p + "r_r_bias"], k_r), T)
        ef = 0
        if seg_mat is not None:
            ef = torch.einsum("bind,snd->bins", q + P[p + "r_s_bias"], P[p + "seg_embed"])
            ef = torch.einsum("bijs,bins->bnij", seg_mat, ef)
        score = (ac + bd + ef) * (1.0 / dh ** 0.5) - 1e30 * non_tgt[:, None]
        vec = torch.einsum("bnij,bjnd->bind", torch.softmax(score, dim=3), v)
        a = ln(P, p + "layer_norm", torch.einsum("bind,hnd->bih", vec, P[p + "o"]) + h, eps)
        f = f"{pre}layer.{i}.ff."
        ff = lin(P, f + "layer_2", F.gelu(lin(P, f + "layer_1", a)))
        h = ln(P, f + "layer_norm", ff + a, eps)
        states.append(h)
    return states


def forward(P, pre, cfg, family, head, ids, mask, types):
    """The outputs the HF class returns in eval mode, as a dict of tensors."""
    with torch.no_grad():
        if family == "xlnet":
            states = xlnet_body(P, pre, cfg, ids, mask, types)
        else:
            states = bert_body(P, pre, cfg, family, ids, mask, types)
        h = states[-1]
        out = {"last_hidden_state": h, "hidden_states": torch.stack(states)}
        if has_pooler(family, head):
            out["pooler_output"] = torch.tanh(lin(P, pre + "pooler.dense", h[:, 0]))
        if head == "sequence-classification":
            if family == "bert":
                out["logits"] = lin(P, "classifier", out["pooler_output"])
            elif family == "xlnet":  # SequenceSummary "last" + tanh, then logits_proj
                out["sequence_summary"] = torch.tanh(lin(P, "sequence_summary.summary", h[:, -1]))
                out["logits"] = lin(P, "logits_proj", out["sequence_summary"])
            else:
                out["logits"] = lin(P, "classifier.out_proj", torch.tanh(lin(P, "classifier.dense", h[:, 0])))
        elif head == "masked-lm":
            if family == "bert":
                t = ln(P, "cls.predictions.transform.LayerNorm",
                       F.gelu(lin(P, "cls.predictions.transform.dense", h)), cfg["layer_norm_eps"])
                out["logits"] = lin(P, "cls.predictions.decoder", t)
            elif family == "xlnet":
                out["logits"] = lin(P, "lm_loss", h)
            else:
                t = ln(P, "lm_head.layer_norm", F.gelu(lin(P, "lm_head.dense", h)), cfg["layer_norm_eps"])
                out["logits"] = lin(P, "lm_head.decoder", t)
        return out


# ----------------------------------------------------------------------------- test cases
def make_cases(family, seed):
    """Token sequences laid out as each family's tokenizer would produce them."""
    g = torch.Generator().manual_seed(seed + 1000)
    sp = SPECIAL[family]
    lo, hi = (5, VOCAB) if family == "bert" else (4, 98) if family != "xlnet" else (7, VOCAB)
    words = lambda n: torch.randint(lo, hi, (n,), generator=g).tolist()  # noqa: E731

    def single(a):  # returns (ids, types)
        if family == "bert":
            return [sp["cls"]] + a + [sp["sep"]], [0] * (len(a) + 2)
        if family == "xlnet":
            return a + [sp["sep"], sp["cls"]], [0] * (len(a) + 1) + [2]
        return [sp["bos"]] + a + [sp["eos"]], [0] * (len(a) + 2)

    def pair(a, b):
        if family == "bert":
            return [sp["cls"]] + a + [sp["sep"]] + b + [sp["sep"]], [0] * (len(a) + 2) + [1] * (len(b) + 1)
        if family == "xlnet":
            return a + [sp["sep"]] + b + [sp["sep"], sp["cls"]], [0] * (len(a) + 1) + [1] * (len(b) + 1) + [2]
        ids = [sp["bos"]] + a + [sp["eos"], sp["eos"]] + b + [sp["eos"]]
        return ids, [0] * len(ids)

    def batch(rows, with_types):
        T = max(len(r[0]) for r in rows)
        pad_type = 3 if family == "xlnet" else 0  # XLNetTokenizer pads segments with 3
        ids, mask, types = [], [], []
        for r_ids, r_types in rows:
            n = T - len(r_ids)
            if family == "xlnet":  # left padding
                ids.append([sp["pad"]] * n + r_ids); mask.append([0] * n + [1] * len(r_ids))
                types.append([pad_type] * n + r_types)
            else:
                ids.append(r_ids + [sp["pad"]] * n); mask.append([1] * len(r_ids) + [0] * n)
                types.append(r_types + [pad_type] * n)
        case = {"input_ids": ids, "attention_mask": mask}
        if with_types:
            case["token_type_ids"] = types
        return case

    bert = family == "bert"
    cases = {
        "single": batch([single(words(9))], bert),
        "padded": batch([single(words(n)) for n in (6, 13, 3)], bert),
        "pairs": batch([pair(words(a), words(b)) for a, b in ((4, 6), (7, 3), (2, 2))], True),
    }
    if family == "xlnet":  # the tokenizer's real segment ids for one sequence: 0 ... 0 2
        cases["single_typed"] = batch([single(words(9))], True)
    return cases


def tensors_of(case):
    types = case.get("token_type_ids")
    return (torch.tensor(case["input_ids"]), torch.tensor(case["attention_mask"]),
            None if types is None else torch.tensor(types))


# ----------------------------------------------------------------------------- safetensors
def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        data = tensors[name].detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def read_safetensors(path):
    import numpy as np
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header, data = json.loads(raw[8:8 + n]), raw[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", info
        a, b = info["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype="<f4").copy()).reshape(info["shape"])
    return out


# ----------------------------------------------------------------------------- main
def self_check(P, pre, cfg, family, head, cases, path):
    """Round-trip the checkpoint, and check that padding changes nothing for real tokens."""
    back = read_safetensors(path)
    for name, t in back.items():
        assert torch.equal(t, P[name if name in P else pre + name]), name
    worst = 0.0
    for name, case in cases.items():
        ids, mask, types = tensors_of(case)
        full = forward(P, pre, cfg, family, head, ids, mask, types)["last_hidden_state"]
        for b in range(ids.shape[0]):
            keep = mask[b].bool()
            alone = forward(P, pre, cfg, family, head, ids[b][keep][None], mask[b][keep][None],
                            None if types is None else types[b][keep][None])["last_hidden_state"]
            worst = max(worst, (full[b][keep] - alone[0]).abs().max().item())
    print(f"check: {len(back)} tensors round-trip; padded vs alone max diff {worst:.2e}")
    assert worst < 1e-5, worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--family", required=True, choices=["bert", "roberta", "xlm-roberta", "xlnet"])
    ap.add_argument("--out", required=True, help="checkpoint folder to write")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--head", default="sequence-classification",
                    choices=["sequence-classification", "base", "masked-lm"])
    ap.add_argument("--no-prefix", action="store_true", help="with --head base: keys as a bare *Model saves them")
    ap.add_argument("--omit-tied", action="store_true",
                    help="leave out tied decoder weights/biases, as save_pretrained's safetensors dedup does")
    ap.add_argument("--check", action="store_true", help="run self-checks after writing")
    args = ap.parse_args()
    if args.no_prefix and args.head != "base":
        sys.exit("--no-prefix only applies to --head base")

    torch.manual_seed(args.seed)
    cfg = make_config(args.family, args.head)
    P = make_weights(args.family, args.head, cfg)
    pre = PREFIX[args.family]
    saved = dict(P)
    if args.omit_tied:
        for k in ("cls.predictions.decoder.weight", "cls.predictions.decoder.bias",
                  "lm_head.decoder.weight", "lm_head.decoder.bias", "lm_loss.weight"):
            saved.pop(k, None)
    if args.no_prefix:
        saved = {k[len(pre):]: v for k, v in saved.items()}

    os.makedirs(os.path.join(args.out, "cases"), exist_ok=True)
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    st_path = os.path.join(args.out, "model.safetensors")
    write_safetensors(st_path, saved)
    cases = make_cases(args.family, args.seed)
    for name, case in cases.items():
        out = forward(P, pre, cfg, args.family, args.head, *tensors_of(case))
        base = os.path.join(args.out, "cases", name)
        with open(base + ".input.json", "w") as f:
            json.dump(case, f)
        with open(base + ".expected.json", "w") as f:  # tolist(): exact float32 values as Python floats
            json.dump({k: v.tolist() for k, v in out.items()}, f)
    if args.check:
        self_check(P, pre, cfg, args.family, args.head, cases, st_path)


if __name__ == "__main__":
    main()
