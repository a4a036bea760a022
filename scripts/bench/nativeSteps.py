#!/usr/bin/python3
"""A fixed number of training steps of the native anchor's default CNN (fmnist_cnn_baseline.py,
imported from the anchors folder given as the first argument: its data loading, network, Keras
initialisers and Adam), timed as that script times them: median images/s over the batches
after `--skip`. For the benchmark's interleaved native ratio, where a whole native epoch would
take minutes on a busy machine. Prints one JSON line."""
import argparse
import json
import statistics
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("anchors")
ap.add_argument("--images", type=int, default=4096, help="timed images (after the skipped batches)")
ap.add_argument("--bs", type=int, default=64)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--skip", type=int, default=20)
args = ap.parse_args()
sys.path.insert(0, args.anchors)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import fmnist_cnn_baseline as anchor  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(0)
xtr, ytr, _, _ = anchor.load_data()
model = anchor.Net()
anchor.keras_init(model)
opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
perm = torch.randperm(xtr.shape[0], generator=torch.Generator().manual_seed(0))
batches = args.skip + -(-args.images // args.bs)
times = []
for b in range(batches):
    tb = time.perf_counter()
    idx = perm[b * args.bs:(b + 1) * args.bs]
    xb, yb = xtr[idx], ytr[idx]
    loss = F.cross_entropy(model(xb), yb)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    times.append(time.perf_counter() - tb)
timed = times[args.skip:]
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "images": len(timed) * args.bs,
                  "median_ex_per_s": args.bs / statistics.median(timed)}))
