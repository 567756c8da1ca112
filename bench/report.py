#!/usr/bin/python3
"""Reads the benchmarks' JSON lines on stdin and prints every figure beside its target.

Each line is one benchmark's object; scripts/bench tags each with "bench" (training-fp32,
training-bf16, reference-fp32, reference-bf16, lengths, store, window...). With --markdown the
table is printed as Markdown, as the README's "Speed" section holds it.
"""
import json
import platform
import sys


def cpu_name():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    markdown = "--markdown" in sys.argv
    runs = {}
    for line in sys.stdin:
        line = line.strip()
        if line.startswith("{"):
            obj = json.loads(line)
            key = obj.get("bench", obj.get("implementation", "?"))
            # A benchmark run more than once (the Python references) keeps its best run.
            if key not in runs or obj.get("tokens_per_s", 0) > runs[key].get("tokens_per_s", 0):
                runs[key] = obj
    rows = []  # (what, measured, target, met or None)

    def row(what, measured, target="", met=None):
        rows.append((what, measured, target, met))

    f32, b16 = runs.get("training-fp32"), runs.get("training-bf16")
    p32, p16 = runs.get("reference-fp32"), runs.get("reference-bf16")
    if f32:
        row("fp32 GEMM peak, measured (GFLOP/s; the faster of OpenBLAS and oneDNN)",
            f"{f32['fp32_gemm_peak_gflops']:.0f} ({f32.get('fp32_gemm_openblas_gflops', 0):.0f}, "
            f"{f32.get('fp32_gemm_onednn_gflops', 0):.0f})")
        row("bf16 GEMM peak, measured (GFLOP/s)", f"{f32['bf16_gemm_peak_gflops']:.0f}")
    for name, run in (("fp32", f32), ("bf16", b16)):
        if run:
            row(f"engine {name}: tokens/s (BERT mini, 16 x 128)", f"{run['tokens_per_s']:.0f}")
            row(f"engine {name}: ms/step", f"{run['ms_per_step']:.0f}")
            row(f"engine {name}: peak resident memory (MB)", f"{run['peak_rss_mb']:.0f}")
            peak = "mfu_fp32_peak" if name == "fp32" else "mfu_bf16_peak"
            goal = 0.5 if name == "fp32" else None
            row(f"engine {name}: share of the {name} GEMM peak", f"{run[peak]:.0%}",
                "≥ 50%" if goal else "", run[peak] >= goal if goal else None)
            if "engine_mix_vs_best" in run:
                share = run["engine_mix_vs_best"]
                row(f"engine {name}: thread mix vs the best mix", f"{share:.0%} of best",
                    "≥ 95%", share >= 0.95)
    blas = runs.get("training-fp32-openblas")
    if blas:
        row("engine fp32, products in OpenBLAS (torch's own path): tokens/s",
            f"{blas['tokens_per_s']:.0f}")
    p32m = runs.get("reference-fp32-malloc")
    for name, run in (("fp32", p32), ("fp32, the engine's malloc settings", p32m),
                      ("bf16 autocast", p16)):
        if run:
            row(f"Python reference {name}: tokens/s", f"{run['tokens_per_s']:.0f}")
    if f32 and p32:
        r = f32["tokens_per_s"] / p32["tokens_per_s"]
        row("engine fp32 / Python fp32", f"{r:.2f}x", "≥ 1.3x", r >= 1.3)
    if b16 and p32:
        r = b16["tokens_per_s"] / p32["tokens_per_s"]
        row("engine bf16 / Python fp32", f"{r:.2f}x", "≥ 3x", r >= 3)
    if p32m:
        for name, run in (("fp32", f32), ("bf16", b16)):
            if run:
                r = run["tokens_per_s"] / p32m["tokens_per_s"]
                row(f"engine {name} / Python fp32 with the engine's malloc settings", f"{r:.2f}x")
    if b16 and p16:
        r = b16["tokens_per_s"] / p16["tokens_per_s"]
        row("engine bf16 / Python bf16 autocast", f"{r:.2f}x")
    lengths = runs.get("lengths")
    if lengths:
        for way in ("max", "batch", "bucket"):
            first = lengths.get(way + "_first_pass_real_tokens_per_s")
            row(f"{lengths['dataset']}, {way} padding: real tokens/s, an epoch after the first",
                f"{lengths[way + '_real_tokens_per_s']:.0f} "
                f"({lengths[way + '_padding_share']:.0%} padding"
                + (f"; first epoch {first:.0f})" if first else ")"))
        r = lengths["bucket_vs_max"]
        row("bucketing / padding to max length", f"{r:.2f}x", "≥ 1.8x", r >= 1.8)
    for key, run in sorted(runs.items()):
        if key.startswith("window") or key.startswith("startup") or key.startswith("store") \
                or key.startswith("demo"):
            for what, value, target, met in run.get("figures", []):
                row(what, value, target, met)

    mark = {True: "yes", False: "NO", None: ""}
    print(f"Machine: {cpu_name()}, {len(open('/proc/cpuinfo').read().split('processor')) - 1} "
          f"logical CPUs")
    if markdown:
        print("\n| figure | measured | target | met |\n| --- | --- | --- | --- |")
        for what, measured, target, met in rows:
            print(f"| {what} | {measured} | {target} | {mark[met]} |")
    else:
        width = max(len(r[0]) for r in rows) if rows else 10
        for what, measured, target, met in rows:
            print(f"{what:<{width}}  {measured:>24}  {target:>8}  {mark[met]}")
    return 0 if all(met is not False for *_, met in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
