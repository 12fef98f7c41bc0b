#!/usr/bin/env python3
"""Exports the seed network to ONNX with PyTorch's exporter: testdata/onnx/seed-net.onnx.

The network ([2, 100, 100, 3], exact GELU between layers) is rebuilt from
testdata/reference/seed-net.weights.json (float32 values, PyTorch layout) and exported in
float64 (`net.double()`), so that the constants the exporter writes for its GELU
decomposition (x / sqrt(2), ...) are float64 like the reference computation, and the weights
are the float32 values widened exactly. Opset 17; the batch axis is dynamic.

Run from the repository root:  python3 tools/testdata/export_seed_onnx.py
"""
import json
import pathlib
import sys

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
WEIGHTS = ROOT / "testdata" / "reference" / "seed-net.weights.json"
REFERENCE = ROOT / "testdata" / "reference" / "seed-net.json"
OUT = ROOT / "testdata" / "onnx" / "seed-net.onnx"


def seed_network() -> torch.nn.Sequential:
    data = json.loads(WEIGHTS.read_text())
    sizes = data["layers_sizes"]
    modules = []
    for k, layer in enumerate(data["layers"]):
        linear = torch.nn.Linear(sizes[k], sizes[k + 1])
        with torch.no_grad():
            # Through float32 first: the JSON holds float32 values.
            linear.weight.copy_(torch.tensor(layer["weight"], dtype=torch.float32))
            linear.bias.copy_(torch.tensor(layer["bias"], dtype=torch.float32))
        modules.append(linear)
        if k < len(data["layers"]) - 1:
            modules.append(torch.nn.GELU())
    return torch.nn.Sequential(*modules).double().eval()


def main() -> int:
    net = seed_network()
    reference = json.loads(REFERENCE.read_text())
    points = torch.tensor(reference["points"], dtype=torch.float64)
    with torch.no_grad():
        worst = (net(points) - torch.tensor(reference["value"], dtype=torch.float64)).abs().max().item()
    if worst > 1e-12:
        print(f"the rebuilt network differs from {REFERENCE.name} by {worst}", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        net,
        torch.zeros(1, 2, dtype=torch.float64),
        str(OUT),
        opset_version=17,
        input_names=["x"],
        output_names=["y"],
        dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}},
    )
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes) with torch {torch.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
