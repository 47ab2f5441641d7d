#!/usr/bin/env python3
"""Plot the train.json of `rectify train --out DIR`: test accuracy per epoch
and dead-unit fraction per epoch, one line per activation, titled with the
scenario and its hyperparameters.

Usage:
  build/tools/rectify/rectify train --out results
  /usr/bin/python3 scripts/plot-training.py results/train.json   # results/train.png
  /usr/bin/python3 scripts/plot-training.py results/train.json -o dying.png

`rectify train --out DIR --plot FILE.png` runs this script itself. Needs
python3 and matplotlib; draws with the Agg backend (no display).
"""

import argparse
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)


def title(data):
    config = data["config"]
    network = "-".join(str(n) for n in config["network"])
    if config["optimizer"] == "adam":
        optimizer = "Adam lr {:g} (betas {:g}, {:g})".format(
            config["learning_rate"], config["beta1"], config["beta2"])
    else:
        optimizer = "SGD lr {:g} momentum {:g}".format(
            config["learning_rate"], config["momentum"])
    return "rectify train, scenario {}: {}, {}, batch {}, seed {}".format(
        data["scenario"], network, optimizer, config["batch"], config["seed"])


def plot(data, path):
    figure, (accuracy_axes, dead_axes) = plt.subplots(1, 2, figsize=(12, 4.8))
    for run in data["runs"]:
        epochs = [e["epoch"] for e in run["epochs"]]
        accuracy = [100 * e["test_accuracy"] if e["test_accuracy"] is not None else float("nan")
                    for e in run["epochs"]]
        dead = [100 * e["dead_fraction"] for e in run["epochs"]]
        accuracy_axes.plot(epochs, accuracy, marker="o", markersize=3, label=run["activation"])
        dead_axes.plot(epochs, dead, marker="o", markersize=3, label=run["activation"])

    accuracy_axes.set_title("test accuracy")
    accuracy_axes.set_xlabel("epoch")
    accuracy_axes.set_ylabel("% correct (10,000 test images)")
    accuracy_axes.axhline(100 * data["config"]["target_accuracy"], color="grey",
                          linestyle=":", linewidth=1)
    dead_axes.set_title("dead hidden units (no positive pre-activation for a whole epoch)")
    dead_axes.set_xlabel("epoch")
    dead_axes.set_ylabel("% of {} hidden units".format(sum(data["config"]["hidden"])))
    dead_axes.set_ylim(bottom=0)
    for axes in (accuracy_axes, dead_axes):
        axes.grid(True, alpha=0.3)
        axes.legend()
        axes.xaxis.get_major_locator().set_params(integer=True)
    figure.suptitle(title(data))
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", help="train.json written by rectify train --out DIR")
    parser.add_argument("-o", "--output",
                        help="PNG to write (default: the JSON's path with .png)")
    args = parser.parse_args()
    try:
        with open(args.json) as f:
            data = json.load(f)
    except (OSError, ValueError) as error:
        sys.exit("plot-training: {}: {}".format(args.json, error))
    if not data.get("runs"):
        sys.exit("plot-training: {}: no runs".format(args.json))
    output = args.output or os.path.splitext(args.json)[0] + ".png"
    plot(data, output)
    print("plot-training: wrote " + output)


if __name__ == "__main__":
    main()
