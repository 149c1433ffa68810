#!/usr/bin/env python3
"""The spiral network of the lesson "How It Actually Learns", written the way the lesson writes it, as a
BackpropParity side: the suite runs it on its spiral scenarios and compares every step with libtorch.

    backprop-parity run spiral-lesson spiral-relu-bce --side numpy="python3 samples/numpy-spiral/spiral_side.py"

It is called as  spiral_side.py REQUEST RESPONSE [REQUEST RESPONSE ...]  and, for each request, reads the scenario
(its spec, data and parameters), trains as the lesson does, and writes what it computed (docs/side-protocol.md).
The lesson's weights are [in, out] (X @ W1); PyTorch's fc1.weight is [out, in]: this file maps one to the other.

BUG=relu-slope  (an environment variable) leaves relu_deriv out of the backward pass, the lesson's classic mistake,
so you can see what the suite says about it.
"""
import json
import os
import struct
import sys

import numpy as np

BUG = os.environ.get("BUG", "")
DTYPES = {"F64": np.float64, "F32": np.float32}


# ----- safetensors, by hand: 8 bytes of header length, a JSON header, then the raw little-endian data -----

def read_safetensors(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
    return metadata, tensors


def write_safetensors(path, tensors, metadata):
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name, array in tensors.items():
        raw = np.ascontiguousarray(array).tobytes()
        header[name] = {"dtype": "F64" if array.dtype == np.float64 else "F32", "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


# ----- the lesson's network -----

def relu(z): return np.maximum(0, z)
def relu_deriv(z): return (z > 0).astype(z.dtype)
def sigmoid(z): return 1 / (1 + np.exp(-z))


def supported(spec):
    kinds = [layer["kind"] for layer in spec.get("layers", [])]
    if spec.get("expression") or kinds != ["linear", "re_lu", "linear", "sigmoid"]:
        return "only the lesson's network: linear, relu, linear, sigmoid"
    if spec["loss"] != "binary_cross_entropy" or spec["optimizer"]["kind"] != "sgd":
        return "only binary cross-entropy with plain SGD"
    return None


def train_step(X, y, weights, learning_rate, record):
    """One iteration of the lesson's loop; returns the loss and, when asked, what the suite compares by name."""
    W1, b1, W2, b2 = weights
    N = len(X)
    # ------- FORWARD PASS -------
    z1 = X @ W1 + b1                    # shape (N, n_hidden)
    a1 = relu(z1)                       # shape (N, n_hidden)
    z2 = a1 @ W2 + b2                   # shape (N, 1)
    y_hat = sigmoid(z2)                 # shape (N, 1)
    # The lesson's eps = 1e-15 is below float32's resolution next to 1 (1 - 1e-15 rounds to 1 in float32), so in a
    # float32 run the clip would let log(1 - y_hat) reach log(0) once y_hat rounds to 1: use float32's own epsilon there.
    eps = 1e-15 if X.dtype == np.float64 else float(np.finfo(np.float32).eps)
    y_hat_clip = np.clip(y_hat, eps, 1 - eps)
    loss = -np.mean(y * np.log(y_hat_clip) + (1 - y) * np.log(1 - y_hat_clip))

    # ------- BACKWARD PASS -------
    delta2 = (y_hat - y)                # log loss + sigmoid, fused: dL/dz2 = (y_hat - y) / N
    dW2 = a1.T @ delta2 / N
    db2 = delta2.mean(axis=0, keepdims=True)
    back = delta2 @ W2.T                # N · dL/da1
    delta1 = back if BUG == "relu-slope" else back * relu_deriv(z1)
    dW1 = X.T @ delta1 / N
    db1 = delta1.mean(axis=0, keepdims=True)

    # ------- UPDATE -------
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2

    if not record:
        return loss, {}
    # The suite's names are PyTorch's: the lesson's delta is N times the gradient, its W is PyTorch's weight transposed.
    # dact/sigmoid2 is not captured: the lesson never computes dL/dy_hat, it fuses the loss and the sigmoid.
    return loss, {
        "act/fc1": z1, "act/relu1": a1, "act/fc2": z2, "act/sigmoid2": y_hat,
        "dact/fc2": delta2 / N, "dact/relu1": back / N, "dact/fc1": delta1 / N,
        "grad/fc1.weight": dW1.T, "grad/fc1.bias": db1.reshape(-1), "grad/fc2.weight": dW2.T, "grad/fc2.bias": db2.reshape(-1),
        "param/fc1.weight": W1.T, "param/fc1.bias": b1.reshape(-1), "param/fc2.weight": W2.T, "param/fc2.bias": b2.reshape(-1),
    }


def lesson_weights(parameters, dtype):
    """PyTorch's state dict as the lesson's arrays (copies: the lesson updates them in place)."""
    return [np.array(parameters["fc1.weight"].T, dtype=dtype), np.array(parameters["fc1.bias"].reshape(1, -1), dtype=dtype),
            np.array(parameters["fc2.weight"].T, dtype=dtype), np.array(parameters["fc2.bias"].reshape(1, -1), dtype=dtype)]


def answer(request_path, response_path):
    metadata, tensors = read_safetensors(request_path)
    spec = json.loads(metadata["scenario_spec"])
    reason = supported(spec)
    if reason:
        write_safetensors(response_path, {}, {"unsupported": reason})
        return
    dtype = np.float32 if metadata["dtype"] == "float32" else np.float64
    X, y = tensors["data/inputs"].astype(dtype), tensors["data/targets"].astype(dtype)
    learning_rate = dtype(spec["optimizer"]["learning_rate"])
    init = {name[len("init/"):]: value for name, value in tensors.items() if name.startswith("init/")}

    out = {}
    weights = lesson_weights(init, dtype)
    out["loss"] = np.array([train_step(X, y, weights, learning_rate, record=False)[0] for _ in range(spec["steps"])], dtype=dtype)
    for step in [int(s) for s in metadata["recorded_steps"].split(",") if s]:
        start = {name: tensors[f"step/{step}/start/{name}"] for name in init}
        loss, recorded = train_step(X, y, lesson_weights(start, dtype), learning_rate, record=True)
        out[f"step/{step}/loss"] = np.array(loss, dtype=dtype)
        out.update({f"step/{step}/{name}": np.array(value, dtype=dtype) for name, value in recorded.items()})
    settings = {"loss": "bce", "loss reduction": "mean", "optimizer": "sgd", "learning rate": repr(float(learning_rate)).removesuffix(".0")}
    write_safetensors(response_path, out, {"settings": json.dumps(settings)})


if __name__ == "__main__":
    files = sys.argv[1:]
    if not files or len(files) % 2:
        sys.exit("usage: spiral_side.py REQUEST RESPONSE [REQUEST RESPONSE ...]")
    for request, response in zip(files[0::2], files[1::2]):
        answer(request, response)
