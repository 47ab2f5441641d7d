#!/usr/bin/env python3
"""Times PyTorch's CUDA activation ops on the workloads of `rectify bench
--device cuda` and writes one CSV line per row.

Key columns as rectify's CSV: op, dtype, direction, n; then seconds (median
seconds per call), gbps (with rectify's byte counts: 2 arrays of n elements
forward, 3 backward), bytes, calls_per_sample, repeats, note (why a row has
no time). Each sample times back-to-back calls between two torch.cuda.Event
records; the median of --repeats samples is reported.

What is timed, per direction (ops at rectify's default parameters):
  forward        the functional op, e.g. F.gelu(x)
  backward       the aten backward op autograd runs, e.g.
                 aten.gelu_backward(dy, x); sigmoid and tanh take the
                 saved output y instead of x, as autograd does
  bias_forward   act(x.view(n / C, C) + bias): two kernels, as eager code
  bias_backward  dx = aten backward at t = x + bias (t saved, as autograd
                 keeps it), then dbias = dx.sum(0)

Exit status: 0 when the CSV was written (rows torch cannot do carry a
note), 1 without torch or a CUDA device, 2 for bad arguments.
"""

import argparse
import csv
import math
import statistics
import sys

OPS = ["relu", "leaky_relu", "clipped_relu", "hardsigmoid", "hardswish", "elu",
       "selu", "gelu", "gelu_tanh", "silu", "mish", "softplus", "sigmoid", "tanh"]
DTYPES = ["f32", "f64", "bf16", "f16"]
DIRECTIONS = ["forward", "backward", "bias_forward", "bias_backward"]
SIZES = ["64K", "1M", "16M", "256M"]
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
MAX_CALLS = 65536


def parse_size(text):
    """'64K' -> 65536, '1M' -> 1048576, '1000' -> 1000; ValueError otherwise."""
    units = {"K": 1 << 10, "M": 1 << 20}
    unit = units.get(text[-1:].upper(), 1)
    digits = text[:-1] if unit != 1 else text
    if not digits.isdigit() or int(digits) == 0:
        raise ValueError(f"bad size '{text}' (e.g. 1000, 64K, 256M)")
    return int(digits) * unit


def parse_list(text, valid, what):
    """A comma-separated list whose items must all be in `valid`."""
    items = [item for item in text.split(",") if item]
    for item in items:
        if item not in valid:
            raise argparse.ArgumentTypeError(
                f"unknown {what} '{item}'; valid: {', '.join(valid)}")
    return items


def forward_fn(op, torch, F):
    """The functional forward of `op` at rectify's default parameters."""
    return {
        "relu": torch.relu,
        "leaky_relu": lambda x: F.leaky_relu(x, 0.01),
        "clipped_relu": lambda x: F.hardtanh(x, 0.0, 6.0),
        "hardsigmoid": F.hardsigmoid,
        "hardswish": F.hardswish,
        "elu": lambda x: F.elu(x, 1.0),
        "selu": F.selu,
        "gelu": F.gelu,
        "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
        "silu": F.silu,
        "mish": F.mish,
        "softplus": lambda x: F.softplus(x, beta=1.0),
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
    }[op]


def backward_fn(op, torch):
    """(fn(dy, saved), uses_output): the aten op autograd runs for `op`;
    `saved` is the input, or the output when uses_output is True."""
    aten = torch.ops.aten
    table = {
        "relu": (lambda dy, x: aten.threshold_backward(dy, x, 0), False),
        "leaky_relu": (lambda dy, x: aten.leaky_relu_backward(dy, x, 0.01, False), False),
        "clipped_relu": (lambda dy, x: aten.hardtanh_backward(dy, x, 0.0, 6.0), False),
        "hardsigmoid": (aten.hardsigmoid_backward, False),
        "hardswish": (aten.hardswish_backward, False),
        "elu": (lambda dy, x: aten.elu_backward(dy, 1.0, 1, 1, False, x), False),
        "selu": (lambda dy, x: aten.elu_backward(dy, SELU_ALPHA, SELU_SCALE, 1, False, x),
                 False),
        "gelu": (lambda dy, x: aten.gelu_backward(dy, x, approximate="none"), False),
        "gelu_tanh": (lambda dy, x: aten.gelu_backward(dy, x, approximate="tanh"), False),
        "silu": (aten.silu_backward, False),
        "mish": (aten.mish_backward, False),
        "softplus": (lambda dy, x: aten.softplus_backward(dy, x, 1.0, 20.0), False),
        "sigmoid": (aten.sigmoid_backward, True),
        "tanh": (aten.tanh_backward, True),
    }
    return table[op]


def make_call(op, direction, x, dy, bias, channels, torch, F):
    """A zero-argument function running one call of the row (untimed
    set-up, such as saved outputs, happens here)."""
    fwd = forward_fn(op, torch, F)
    if direction == "forward":
        return lambda: fwd(x)
    bwd, uses_output = backward_fn(op, torch)
    if direction == "backward":
        saved = fwd(x) if uses_output else x
        return lambda: bwd(dy, saved)
    x2 = x.view(-1, channels)
    if direction == "bias_forward":
        return lambda: fwd(x2 + bias)
    t = x2 + bias
    saved = fwd(t) if uses_output else t
    dy2 = dy.view(-1, channels)

    def bias_backward():
        dx = bwd(dy2, saved)
        return dx, dx.sum(0)
    return bias_backward


def time_call(call, repeats, min_seconds, torch):
    """(median seconds per call, calls per sample): warm-up, calibration to
    samples of at least min_seconds, then `repeats` samples."""
    start = torch.cuda.Event(enable_timing=True)
    stop = torch.cuda.Event(enable_timing=True)

    def sample(calls):
        start.record()
        for _ in range(calls):
            call()
        stop.record()
        stop.synchronize()
        return start.elapsed_time(stop) / 1e3

    call()
    torch.cuda.synchronize()
    first = sample(1)
    calls = max(1, min(MAX_CALLS, math.ceil(min_seconds / 4 / max(first, 1e-9))))
    if first < min_seconds:
        taken = sample(calls)
        calls = max(1, min(MAX_CALLS, math.ceil(min_seconds * calls / max(taken, 1e-9))))
    samples = [sample(calls) / calls for _ in range(repeats)]
    return statistics.median(samples), calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--op", type=lambda t: parse_list(t, OPS, "op"), default=OPS)
    parser.add_argument("--dtype", type=lambda t: parse_list(t, DTYPES, "dtype"),
                        default=["f32"])
    parser.add_argument("--direction", type=lambda t: parse_list(t, DIRECTIONS, "direction"),
                        default=DIRECTIONS)
    parser.add_argument("--size", default=",".join(SIZES),
                        help="element counts, K = 1024, M = 1048576 (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--min-time", type=float, default=1.0,
                        help="milliseconds a sample lasts at least (default 1)")
    parser.add_argument("--channels", type=int, default=1024,
                        help="C of the bias rows' layout [n/C][C] (default 1024)")
    parser.add_argument("--csv", required=True, help="the CSV file to write")
    args = parser.parse_args()
    try:
        sizes = [parse_size(s) for s in args.size.split(",") if s]
    except ValueError as e:
        parser.error(str(e))
    if args.repeats < 1 or args.min_time <= 0 or args.channels < 1:
        parser.error("--repeats, --min-time and --channels must be positive")
    bias_rows = any(d.startswith("bias_") for d in args.direction)
    if bias_rows and any(n % args.channels for n in sizes):
        parser.error(f"every size must be a multiple of --channels {args.channels}")

    try:
        import torch
        import torch.nn.functional as F
    except ImportError as e:
        print(f"torch_peer: cannot import torch: {e}", file=sys.stderr)
        return 1
    if not torch.cuda.is_available():
        print("torch_peer: torch sees no CUDA device", file=sys.stderr)
        return 1
    dtypes = {"f32": torch.float32, "f64": torch.float64, "bf16": torch.bfloat16,
              "f16": torch.float16}
    print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN "
          f"{torch.backends.cudnn.version()}, {torch.cuda.get_device_name(0)}")

    fields = ["op", "dtype", "direction", "n", "seconds", "gbps", "bytes",
              "calls_per_sample", "repeats", "note"]
    failures = 0
    with open(args.csv, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for dtype_name in args.dtype:
            dtype = dtypes[dtype_name]
            element = torch.empty(0, dtype=dtype).element_size()
            for n in sizes:
                gen = torch.Generator(device="cuda").manual_seed(n)
                try:
                    x = torch.empty(n, dtype=dtype, device="cuda").uniform_(-8, 8, generator=gen)
                    dy = torch.empty(n, dtype=dtype, device="cuda").uniform_(-1, 1, generator=gen)
                    bias = torch.empty(args.channels, dtype=dtype,
                                       device="cuda").uniform_(-1, 1, generator=gen)
                except torch.cuda.OutOfMemoryError as e:
                    print(f"torch_peer: {dtype_name} n={n}: {e}; skipped", file=sys.stderr)
                    failures += 1
                    continue
                for op in args.op:
                    for direction in args.direction:
                        arrays = 2 if direction.endswith("forward") else 3
                        row = {"op": op, "dtype": dtype_name, "direction": direction, "n": n,
                               "bytes": arrays * n * element, "repeats": args.repeats}
                        try:
                            call = make_call(op, direction, x, dy, bias, args.channels, torch, F)
                            seconds, calls = time_call(call, args.repeats, args.min_time / 1e3,
                                                       torch)
                            del call
                            row.update(seconds=f"{seconds:.6e}",
                                       gbps=f"{row['bytes'] / seconds / 1e9:.6g}",
                                       calls_per_sample=calls)
                        except Exception as e:  # an op torch lacks for a dtype, memory
                            row["note"] = f"{type(e).__name__}: {str(e).splitlines()[0]}"[:200]
                            failures += 1
                        writer.writerow(row)
                        out.flush()
                        print(f"{op:12} {dtype_name:4} {direction:13} {n:>10} "
                              f"{row.get('gbps', 'n/a'):>9} GB/s {row.get('note', '')}",
                              flush=True)
                del x, dy, bias
                torch.cuda.empty_cache()
    print(f"torch_peer: CSV in {args.csv}; {failures} rows without a time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
