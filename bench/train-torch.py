#!/usr/bin/env python3
"""The network of `rectify train` in PyTorch, for bench/compare-train-torch.sh.

The same multilayer perceptron (784-256-128-10 by default), initialisation
(He normal for the ReLU family, gelu, silu; Xavier uniform for sigmoid and
tanh and for the output layer; biases 0), data (the same Fashion-MNIST .gz
files, pixels / 255 standardised with the training set's mean and std),
loss (softmax cross-entropy, mean over the batch) and hyperparameters (Adam
lr 1e-3, betas 0.9/0.999, eps 1e-8, batch 128, shuffled every epoch, last
batch partial). By default the initial weights and the data order are
rectify's own, for the same --seed: its generator (std::mt19937_64 seeded
through SplitMix64, Box-Muller normals, Fisher-Yates shuffles; see
tools/rectify/train/rng.cc) is reproduced here with numpy, so the two
trainings start from the same weights and see the same batches; they then
differ only by floating-point rounding (summation order in the matrix
products). --torch-rng uses torch's generator instead.

Usage:
  /usr/bin/python3 bench/train-torch.py --activation relu --epochs 5 --threads 2 \\
      --json torch.json

Prints one line per epoch, and writes (with --json) the configuration and
per epoch the training loss, test accuracy, training seconds (the batches
and optimizer steps; the shuffle, as in rectify, is not timed) and
evaluation seconds. Needs python3-torch and python3-numpy.
"""

import argparse
import gzip
import json
import os
import platform
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ACTIVATIONS = {
    "relu": nn.ReLU,
    "leaky_relu": lambda: nn.LeakyReLU(0.01),
    "clipped_relu": nn.ReLU6,
    "hardsigmoid": nn.Hardsigmoid,
    "hardswish": nn.Hardswish,
    "elu": nn.ELU,
    "selu": nn.SELU,
    "gelu": nn.GELU,
    "gelu_tanh": lambda: nn.GELU(approximate="tanh"),
    "silu": nn.SiLU,
    "mish": nn.Mish,
    "softplus": nn.Softplus,
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
}
XAVIER = {"sigmoid", "tanh", "hardsigmoid"}

MASK64 = (1 << 64) - 1


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


class Mt19937_64:
    """std::mt19937_64, vectorised with numpy."""

    N, M = 312, 156

    def __init__(self, seed):
        state = [seed & MASK64]
        for i in range(1, self.N):
            state.append((6364136223846793005 * (state[-1] ^ (state[-1] >> 62)) + i) & MASK64)
        self.state = np.array(state, dtype=np.uint64)
        self.index = self.N

    def _twist(self):
        s, n, m = self.state, self.N, self.M
        upper, lower = np.uint64(0xFFFFFFFF80000000), np.uint64(0x7FFFFFFF)
        matrix, one, zero = np.uint64(0xB5026F5AA96619E9), np.uint64(1), np.uint64(0)

        def rows(low, high, source):
            y = (s[low:high] & upper) | (s[low + 1:high + 1] & lower)
            s[low:high] = source ^ (y >> one) ^ np.where((y & one) != 0, matrix, zero)

        rows(0, n - m, s[m:n].copy())              # reads words not yet replaced
        rows(n - m, n - 1, s[0:m - 1].copy())      # reads words replaced just above
        y = (s[n - 1] & upper) | (s[0] & lower)
        s[n - 1] = s[m - 1] ^ (y >> one) ^ (matrix if y & one else zero)
        self.index = 0

    def draw(self, count):
        out = np.empty(count, dtype=np.uint64)
        done = 0
        while done < count:
            if self.index == self.N:
                self._twist()
            take = min(count - done, self.N - self.index)
            out[done:done + take] = self.state[self.index:self.index + take]
            self.index += take
            done += take
        out ^= (out >> np.uint64(29)) & np.uint64(0x5555555555555555)
        out ^= (out << np.uint64(17)) & np.uint64(0x71D67FFFEDA60000)
        out ^= (out << np.uint64(37)) & np.uint64(0xFFF7EEE000000000)
        out ^= out >> np.uint64(43)
        return out


class RectifyRng:
    """rectify_cli::train::Rng: the same numbers for the same seed and stream."""

    INIT, DATA_ORDER = 1, 2

    def __init__(self, seed, stream):
        self.bits = Mt19937_64(splitmix64(splitmix64(seed) ^ stream))
        self.spare = None

    def uniform(self, count):
        return (self.bits.draw(count) >> np.uint64(11)).astype(np.float64) * 2.0 ** -53

    def normal(self, count):
        out = np.empty(count)
        start = 0
        if self.spare is not None and count > 0:
            out[0], self.spare, start = self.spare, None, 1
        pairs = (count - start + 1) // 2
        u = self.uniform(2 * pairs).reshape(pairs, 2)
        radius = np.sqrt(-2.0 * np.log(1.0 - u[:, 0]))
        angle = 2.0 * np.pi * u[:, 1]
        values = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1).ravel()
        out[start:] = values[:count - start]
        if len(values) > count - start:
            self.spare = values[-1]
        return out

    def shuffle(self, n):
        """Fisher-Yates over 0..n-1, as Rng::Shuffle of a fresh iota."""
        values = list(range(n))
        bounds = np.arange(n, 1, -1, dtype=np.uint64)
        draws = self.bits.draw(len(bounds))
        reject_below = (np.uint64(0) - bounds) % bounds
        if np.any(draws < reject_below):  # about n / 2^64: never in practice
            sys.exit("train-torch: a rejected draw; not reproduced")
        for i, j in zip(range(n, 1, -1), (draws % bounds).tolist()):
            values[i - 1], values[j] = values[j], values[i - 1]
        return np.array(values, dtype=np.int64)



def read_idx(path, magic):
    """The array of an IDX file (gzip-compressed), checked against `magic`."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    found, = struct.unpack(">I", data[:4])
    if found != magic:
        sys.exit("train-torch: {}: magic number {:#010x}, expected {:#010x}".format(
            path, found, magic))
    dims = magic & 0xff
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    array = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    if array.size != int(np.prod(shape)):
        sys.exit("train-torch: {}: {} bytes of data, expected {}".format(
            path, array.size, int(np.prod(shape))))
    return array.reshape(shape)


def load(data_dir, split, limit):
    images = read_idx(os.path.join(data_dir, split + "-images-idx3-ubyte.gz"), 0x803)
    labels = read_idx(os.path.join(data_dir, split + "-labels-idx1-ubyte.gz"), 0x801)
    if limit:
        images, labels = images[:limit], labels[:limit]
    x = images.reshape(len(images), -1).astype(np.float32) / np.float32(255)
    return x, labels.astype(np.int64)


def make_model(activation, inputs, hidden, classes, rng):
    """The network; weights from `rng` (a RectifyRng, drawn in rectify's order:
    layer by layer, [in][out] row-major) or, when None, from torch's own."""
    def fill(linear, values):
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(
                values.astype(np.float32).reshape(linear.in_features, linear.out_features).T))

    layers = []
    for units in hidden:
        linear = nn.Linear(inputs, units)
        count = inputs * units
        if activation in XAVIER:
            bound = (6.0 / (inputs + units)) ** 0.5
            if rng:
                fill(linear, -bound + 2 * bound * rng.uniform(count))
            else:
                nn.init.xavier_uniform_(linear.weight)
        else:
            std = (1.0 / inputs if activation == "selu" else 2.0 / inputs) ** 0.5
            if rng:
                fill(linear, std * rng.normal(count))
            else:
                nn.init.normal_(linear.weight, std=std)
        nn.init.zeros_(linear.bias)
        layers += [linear, ACTIVATIONS[activation]()]
        inputs = units
    output = nn.Linear(inputs, classes)
    bound = (6.0 / (inputs + classes)) ** 0.5
    if rng:
        fill(output, -bound + 2 * bound * rng.uniform(inputs * classes))
    else:
        nn.init.xavier_uniform_(output.weight)
    nn.init.zeros_(output.bias)
    layers.append(output)
    return nn.Sequential(*layers)


def accuracy(model, x, y, rows=1000):
    correct = 0
    with torch.no_grad():
        for begin in range(0, len(x), rows):
            logits = model(x[begin:begin + rows])
            correct += (logits.argmax(dim=1) == y[begin:begin + rows]).sum().item()
    return correct / len(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activation", default="relu", choices=sorted(ACTIVATIONS))
    parser.add_argument("--hidden", default="256,128", help="units per hidden layer")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--limit-train", type=int, default=0)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--torch-rng", action="store_true",
                        help="initial weights and data order from torch's generator instead "
                             "of rectify's")
    args = parser.parse_args()
    if args.epochs < 1 or args.batch < 1 or args.threads < 1 or args.lr <= 0:
        sys.exit("train-torch: --epochs, --batch, --threads and --lr must be positive")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    hidden = [int(units) for units in args.hidden.split(",")]

    x_train, y_train = load(args.data, "train", args.limit_train)
    x_test, y_test = load(args.data, "t10k", 0)
    mean = float(x_train.mean(dtype=np.float64))
    std = float(x_train.std(dtype=np.float64))
    x_train = torch.from_numpy((x_train - np.float32(mean)) * np.float32(1 / std))
    x_test = torch.from_numpy((x_test - np.float32(mean)) * np.float32(1 / std))
    y_train = torch.from_numpy(y_train)
    y_test = torch.from_numpy(y_test)

    init_rng = None if args.torch_rng else RectifyRng(args.seed, RectifyRng.INIT)
    model = make_model(args.activation, x_train.shape[1], hidden, 10, init_rng)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    generator = torch.Generator().manual_seed(args.seed)
    order_rng = RectifyRng(args.seed, RectifyRng.DATA_ORDER)
    rows = len(x_train)
    epochs = []
    for epoch in range(1, args.epochs + 1):
        if args.torch_rng:
            order = torch.randperm(rows, generator=generator)
        else:
            order = torch.from_numpy(order_rng.shuffle(rows))
        model.train()
        start = time.perf_counter()
        loss_sum = 0.0
        for begin in range(0, rows, args.batch):
            index = order[begin:begin + args.batch]
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x_train[index]), y_train[index])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(index)
        train_seconds = time.perf_counter() - start
        model.eval()
        start = time.perf_counter()
        test_accuracy = accuracy(model, x_test, y_test)
        eval_seconds = time.perf_counter() - start
        epochs.append({"epoch": epoch, "train_loss": loss_sum / rows,
                       "test_accuracy": test_accuracy, "train_seconds": train_seconds,
                       "eval_seconds": eval_seconds})
        print("torch {} epoch {}/{}  loss {:.4f}  test {:6.2f}%  train {:.2f} s  eval {:.2f} s"
              .format(args.activation, epoch, args.epochs, loss_sum / rows,
                      100 * test_accuracy, train_seconds, eval_seconds), flush=True)

    if args.json:
        result = {
            "tool": "bench/train-torch.py",
            "torch_version": torch.__version__,
            "threads": torch.get_num_threads(),
            "machine": platform.processor() or platform.machine(),
            "config": {"activation": args.activation, "hidden": hidden, "batch": args.batch,
                       "epochs": args.epochs, "optimizer": "adam", "learning_rate": args.lr,
                       "seed": args.seed, "rng": "torch" if args.torch_rng else "rectify",
                       "train_rows": rows, "test_rows": len(x_test)},
            "epochs": epochs,
        }
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
