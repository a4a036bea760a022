#!/usr/bin/python3
"""Native reference for the WASM profile: one training step of the default CNN in PyTorch.

  /usr/bin/python3 scripts/profile/nativeStep.py [--threads=2] [--steps=40] [--runs=3] [--ops]

Imports the model and data loader from the native anchor (../shared/anchors, or
NATIVE_ANCHORS), trains batches of 64 with Adam as it does, and prints the median step's wall
and CPU time (this process, all threads) per run, like scripts/profile/wasmTraining.ts; with
--ops, torch.autograd.profiler's self CPU time per op over a few steps (ms per step).
"""
import os
import resource
import statistics
import sys
import time

ANCHORS = os.environ.get("NATIVE_ANCHORS", os.path.join(os.path.dirname(__file__), "../../../shared/anchors"))
sys.path.insert(0, os.path.abspath(ANCHORS))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from fmnist_cnn_baseline import Net, keras_init, load_data  # noqa: E402


def arg(name, default):
    for a in sys.argv[1:]:
        if a.startswith(f"--{name}="):
            return a.split("=", 1)[1]
    return default


def cpu_s():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    threads, steps, runs, bs = int(arg("threads", "2")), int(arg("steps", "40")), int(arg("runs", "3")), 64
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    xtr, ytr, _, _ = load_data()
    model = Net()
    keras_init(model)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    gen = torch.Generator().manual_seed(0)

    def step():
        idx = torch.randint(0, xtr.shape[0], (bs,), generator=gen)
        out = model(xtr[idx])
        loss = F.cross_entropy(out, ytr[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    for _ in range(10):
        step()
    load = lambda: " ".join(f"{l:.2f}" for l in os.getloadavg())
    print(f"native torch {torch.__version__}, {threads} threads, batch {bs}, {steps} steps x {runs} runs; load {load()}")
    per_run, per_cpu = [], []
    for r in range(runs):
        walls, cpus = [], []
        for _ in range(steps):
            t0, c0 = time.perf_counter(), cpu_s()
            step()
            walls.append(1000 * (time.perf_counter() - t0))
            cpus.append(1000 * (cpu_s() - c0))
        w, c = statistics.median(walls), statistics.median(cpus)
        # getrusage ticks are coarse (4 ms at HZ=250): the mean CPU time is the steadier figure.
        cm = statistics.mean(cpus)
        per_run.append(1000 * bs / w)
        per_cpu.append(1000 * bs / cm)
        print(f"run {r + 1}: median step {w:.1f} ms ({cm:.1f} ms CPU mean), {per_run[-1]:.0f} examples/s ({per_cpu[-1]:.0f} per CPU second)")
    print(f"median over runs: {statistics.median(per_run):.0f} examples/s, {statistics.median(per_cpu):.0f} per CPU second; load {load()}")
    if "--ops" in sys.argv:
        n = 5
        with torch.autograd.profiler.profile() as prof:
            for _ in range(n):
                step()
        rows = sorted(prof.key_averages(), key=lambda e: -e.self_cpu_time_total)
        total = sum(e.self_cpu_time_total for e in rows)
        print(f"ops, self CPU ms per step (sum {total / n / 1000:.1f}):")
        for e in rows[:25]:
            print(f"  {e.key:40s} {e.self_cpu_time_total / n / 1000:7.2f}  ({e.count // n} calls)")


if __name__ == "__main__":
    main()
