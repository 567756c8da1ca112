#!/usr/bin/python3
"""The Python reference for bench_training: a BERT encoder in Hugging Face's op order.

Separate query/key/value projections, post-LayerNorm blocks, exact GELU, a [CLS] pooler and a
classifier, trained with AdamW on random ids, in Debian's python3-torch (the same LibTorch the
engine links). Prints one JSON object: tokens/s and ms/step, best of three timed windows.

  usage: reference_bert.py --precision fp32|bf16 [--layers 4 --hidden 256 --heads 4 --ff 1024]
                           [--len 128] [--batch 16] [--vocab 4000] [--steps 10]
                           [--torch-threads N] [--blas-threads N]
"""
import argparse
import json
import math
import os
import sys
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--ff", type=int, default=1024)
    p.add_argument("--len", type=int, default=128)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--vocab", type=int, default=4000)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--torch-threads", type=int, default=1)
    p.add_argument("--blas-threads", type=int, default=2)
    return p.parse_args()


ARGS = parse()
# OpenBLAS reads its thread count when it is loaded: before torch is imported.
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.blas_threads)
import torch  # noqa: E402
from torch import nn  # noqa: E402


class SelfAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads, self.size = heads, d // heads
        self.query, self.key, self.value = nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d)
        self.dropout = nn.Dropout(0.1)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.size).permute(0, 2, 1, 3)

    def forward(self, x, additive_mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.size) + additive_mask
        probs = self.dropout(torch.softmax(scores, dim=-1))
        context = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        return context.view(x.shape)


class Layer(nn.Module):
    def __init__(self, d, heads, ff):
        super().__init__()
        self.attention = SelfAttention(d, heads)
        self.attention_out = nn.Linear(d, d)
        self.attention_norm = nn.LayerNorm(d, eps=1e-12)
        self.intermediate = nn.Linear(d, ff)
        self.output = nn.Linear(ff, d)
        self.output_norm = nn.LayerNorm(d, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x, additive_mask):
        a = self.dropout(self.attention_out(self.attention(x, additive_mask)))
        x = self.attention_norm(a + x)
        h = self.dropout(self.output(nn.functional.gelu(self.intermediate(x))))
        return self.output_norm(h + x)


class Bert(nn.Module):
    def __init__(self, a):
        super().__init__()
        self.words = nn.Embedding(a.vocab, a.hidden, padding_idx=0)
        self.positions = nn.Embedding(512, a.hidden)
        self.types = nn.Embedding(2, a.hidden)
        self.norm = nn.LayerNorm(a.hidden, eps=1e-12)
        self.dropout = nn.Dropout(0.1)
        self.layers = nn.ModuleList(Layer(a.hidden, a.heads, a.ff) for _ in range(a.layers))
        self.pooler = nn.Linear(a.hidden, a.hidden)
        self.classifier = nn.Linear(a.hidden, 2)

    def forward(self, ids, mask, types):
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        x = self.words(ids) + self.positions(positions) + self.types(types)
        x = self.dropout(self.norm(x))
        additive = (1.0 - mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.layers:
            x = layer(x, additive)
        pooled = torch.tanh(self.pooler(x[:, 0]))
        return self.classifier(self.dropout(pooled))


def main():
    a = ARGS
    torch.set_num_threads(a.torch_threads)
    torch.manual_seed(1)
    model = Bert(a)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
    ids = torch.randint(5, a.vocab, (a.batch, a.len))
    mask = torch.ones(a.batch, a.len, dtype=torch.long)
    types = torch.zeros(a.batch, a.len, dtype=torch.long)
    labels = torch.randint(0, 2, (a.batch,))
    bf16 = a.precision == "bf16"

    def step():
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = nn.functional.cross_entropy(model(ids, mask, types), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    for _ in range(3):
        step()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(a.steps):
            step()
        best = min(best, (time.perf_counter() - start) / a.steps)
    print(json.dumps({"implementation": "python-reference", "precision": a.precision,
                      "torch_threads": a.torch_threads, "blas_threads": a.blas_threads,
                      "batch": a.batch, "len": a.len, "ms_per_step": best * 1000,
                      "tokens_per_s": a.batch * a.len / best}))


if __name__ == "__main__":
    sys.exit(main())
