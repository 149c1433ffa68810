#!/usr/bin/env python3
"""PyTorch as a BackpropParity side (docs/side-protocol.md): replay each request and write what PyTorch computes.

    python3 tools/pytorch_replay.py REQUEST.safetensors RESPONSE.safetensors [REQUEST2 RESPONSE2 ...]

A request (or a stored fixture: same layout) is read with NumPy alone; the model is rebuilt from the scenario spec in
its metadata, and the run replayed from its data and initial parameters:
  - free-running from the initial parameters for every step, recording the loss of each;
  - at every step listed in recorded_steps, one step from the parameters given for the start of that step
    (step/k/start/), recording its loss (step/k/loss), every layer output (act/), the gradient into it (dact/, via retain_grad), every
    parameter gradient (grad/) and every parameter after the optimizer step (param/).
The output has the fixture's layout, with reference = "pytorch" and the settings PyTorch actually used (its
optimizer's param group) in the metadata key "settings" (JSON). Several fixture/output pairs are replayed in one
process (importing torch costs more than replaying most fixtures). Exit code 0 on success, 2 on a fixture it cannot
replay (the fixture and the reason on stderr, one line).

Also: `python3 tools/pytorch_replay.py --state-dict IN.safetensors OUT.safetensors SPEC.json` loads a state
dict into a PyTorch model built from SPEC.json and saves the model's state dict again (used by the round-trip test).
"""
import json
import struct
import sys

import numpy as np
import torch

DTYPES = {"F64": ("<f8", torch.float64), "F32": ("<f4", torch.float32)}


def read_safetensors(path):
    """(metadata, {name: np.ndarray}) of a safetensors file."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=DTYPES[entry["dtype"]][0]).reshape(entry["shape"])
    return metadata, tensors


def write_safetensors(path, tensors, metadata):
    """Write (name, np.ndarray) pairs in order, with string metadata, as safetensors."""
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name, array in tensors:
        dtype = "F64" if array.dtype == np.float64 else "F32"
        raw = np.ascontiguousarray(array, dtype=DTYPES[dtype][0]).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)


def build_model(spec, dtype):
    """The scenario's layers as named children, so named_parameters() gives fc1.weight, fc1.bias, ..."""
    model = torch.nn.Module()
    for layer in spec["layers"]:
        kind = layer["kind"]
        if kind == "linear":
            module = torch.nn.Linear(layer["in_features"], layer["out_features"], dtype=dtype)
        elif kind == "sigmoid":
            module = torch.nn.Sigmoid()
        elif kind == "tanh":
            module = torch.nn.Tanh()
        elif kind == "re_lu":
            module = torch.nn.ReLU()
        else:
            raise ValueError(f"layer kind '{kind}' is not one PyTorch replay knows")
        model.add_module(layer["name"], module)
    return model


def loss_function(kind):
    if kind == "mean_squared_error":
        return torch.nn.functional.mse_loss
    if kind == "half_squared_error":
        return lambda prediction, target: 0.5 * (prediction - target).pow(2).mean()
    if kind == "binary_cross_entropy":
        return torch.nn.functional.binary_cross_entropy
    if kind == "softmax_cross_entropy":
        return lambda logits, target: torch.nn.functional.cross_entropy(logits, target.reshape(-1).long())
    raise ValueError(f"loss '{kind}' is not one PyTorch replay knows")


def load_parameters(model, values):
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.copy_(torch.from_numpy(np.array(values[name], dtype=np.float64)))


def train_step(model, optimizer, loss_fn, x, y, record):
    """One step as a PyTorch user writes it; returns the loss and, when record is set, every tensor by name.

    zero_grad sets the gradients to None (PyTorch 2's default; 1.13's zeroes them in place): the next backward
    writes each gradient afresh, the same numbers either way, in fewer operations."""
    optimizer.zero_grad(set_to_none=True)
    outputs, activation = [], x
    for name, module in model.named_children():
        activation = module(activation)
        if record:
            activation.retain_grad()
            outputs.append((name, activation))
    loss = loss_fn(activation, y)
    loss.backward()
    tensors = []
    if record:
        tensors += [(f"act/{name}", out.detach().numpy().copy()) for name, out in outputs]
        tensors += [(f"dact/{name}", out.grad.numpy().copy()) for name, out in reversed(outputs)]
        tensors += [(f"grad/{name}", p.grad.numpy().copy()) for name, p in model.named_parameters()]
    optimizer.step()
    if record:
        tensors += [(f"param/{name}", p.detach().numpy().copy()) for name, p in model.named_parameters()]
    return loss.item(), tensors


def number(value):
    """Shortest round-trip text of a double, as the harness writes settings: 0.5, 0, 0.10000000149011612."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def replay_network(spec, metadata, stored, dtype, numpy_dtype):
    recorded_steps = [int(s) for s in metadata["recorded_steps"].split(",") if s]
    model = build_model(spec, dtype)
    parameter_names = [name for name, _ in model.named_parameters()]
    initial = {name: stored[f"init/{name}"] for name in parameter_names}
    x = torch.from_numpy(np.array(stored["data/inputs"], dtype=numpy_dtype))
    y = torch.from_numpy(np.array(stored["data/targets"], dtype=numpy_dtype))
    loss_fn = loss_function(spec["loss"])
    learning_rate = spec["optimizer"]["learning_rate"]
    if spec["optimizer"]["kind"] != "sgd":
        raise ValueError(f"optimizer '{spec['optimizer']['kind']}' is not one PyTorch replay knows")

    load_parameters(model, initial)
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    losses = np.array([train_step(model, optimizer, loss_fn, x, y, record=False)[0] for _ in range(spec["steps"])], dtype=numpy_dtype)

    out = [("data/inputs", x.numpy()), ("data/targets", y.numpy())]
    out += [(f"init/{name}", np.array(initial[name], dtype=numpy_dtype)) for name in parameter_names]
    out.append(("loss", losses))
    for step in recorded_steps:
        start = {name: stored[f"step/{step}/start/{name}"] for name in parameter_names}
        load_parameters(model, start)
        optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
        replayed_loss, tensors = train_step(model, optimizer, loss_fn, x, y, record=True)
        out += [(f"step/{step}/start/{name}", np.array(start[name], dtype=numpy_dtype)) for name in parameter_names]
        out.append((f"step/{step}/loss", np.array(replayed_loss, dtype=numpy_dtype)))
        out += [(f"step/{step}/{name}", value) for name, value in tensors]
    group = optimizer.param_groups[0]
    settings = {
        "layers": ", ".join(f"{name} {type(module).__name__.lower()}" for name, module in model.named_children()),
        "loss": {"mean_squared_error": "mse", "half_squared_error": "half_squared_error", "binary_cross_entropy": "bce",
                 "softmax_cross_entropy": "cross_entropy"}[spec["loss"]],
        "loss reduction": "mean",
        "optimizer": "sgd",
        "learning rate": number(np.array(group["lr"], dtype=numpy_dtype)),
        "momentum": number(group["momentum"]),
        "dampening": number(group["dampening"]),
        "weight decay": number(group["weight_decay"]),
        "nesterov": "on" if group["nesterov"] else "off",
        "maximize": "on" if group.get("maximize", False) else "off",
    }
    return out, settings


def replay_expression(spec, stored):
    """The lessons' scalar expressions, as a PyTorch user writes them; every input requires grad."""
    names = [key[len("init/"):] for key in stored if key.startswith("init/")]
    v = {name: torch.tensor(float(stored[f"init/{name}"]), dtype=torch.float64, requires_grad=True) for name in names}
    expression, kept, nudged = spec["expression"], [], []

    def keep(name, tensor):
        tensor.retain_grad()
        kept.append((name, tensor))
        return tensor

    if expression == "sin((3x+2)^2)":
        u = keep("u", 3 * v["x"] + 2)
        w = keep("v", u.pow(2))
        loss, inputs = w.sin(), ["x"]
    elif expression == "(a*b+c)*d":
        e = keep("e", v["a"] * v["b"])
        f = keep("f", e + v["c"])
        loss, inputs = f * v["d"], ["a", "b", "c", "d"]
    elif expression == "(w3*w2*w1*a0-y)^2":
        a1 = keep("a1", v["w1"] * v["a0"])
        a2 = keep("a2", v["w2"] * a1)
        a3 = keep("a3", v["w3"] * a2)
        loss, inputs = (a3 - v["y"]).pow(2), ["w1", "w2", "w3"]
    elif expression == "(sigmoid(w*x+b)-y)^2":
        z = keep("z", v["w"] * v["x"] + v["b"])
        a = keep("a", z.sigmoid())
        loss, inputs = (a - v["y"]).pow(2), ["w", "b"]
        with torch.no_grad():
            moved = ((v["w"] + 1e-5) * v["x"] + v["b"]).sigmoid().sub(v["y"]).pow(2)
        nudged = [("w", (moved.item() - loss.item()) / 1e-5)]
    else:
        raise ValueError(f"expression '{expression}' is not one PyTorch replay knows")
    loss.backward()

    scalar = lambda value: np.array(value, dtype=np.float64)
    step = [(f"step/0/start/{name}", scalar(stored[f"init/{name}"])) for name in names]
    step += [("step/0/loss", scalar(loss.item()))]
    step += [(f"step/0/act/{name}", scalar(t.item())) for name, t in kept]
    step += [(f"step/0/dact/{name}", scalar(t.grad.item())) for name, t in reversed(kept)]
    step += [(f"step/0/grad/{name}", scalar(v[name].grad.item())) for name in inputs]
    step += [(f"step/0/nudge/{name}", scalar(value)) for name, value in nudged]
    out = [("data/inputs", np.array(stored["data/inputs"])), ("data/targets", np.array(stored["data/targets"]))]
    out += [(f"init/{name}", scalar(stored[f"init/{name}"])) for name in names]
    out += [("loss", np.array([loss.item()], dtype=np.float64))] + step
    return out, {"expression": expression}


def replay(fixture_path, out_path):
    metadata, stored = read_safetensors(fixture_path)
    spec = json.loads(metadata["scenario_spec"])
    dtype, numpy_dtype = (torch.float32, np.float32) if metadata["dtype"] == "float32" else (torch.float64, np.float64)
    torch.set_num_threads(1)
    if spec.get("expression"):
        tensors, settings = replay_expression(spec, stored)
    else:
        tensors, settings = replay_network(spec, metadata, stored, dtype, numpy_dtype)
    out_metadata = dict(metadata)
    out_metadata.update(reference="pytorch", torchsharp_version="-", libtorch_version=torch.__version__,
                        settings=json.dumps(settings, sort_keys=True))
    write_safetensors(out_path, tensors, out_metadata)


def round_trip_state_dict(in_path, out_path, spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    _, tensors = read_safetensors(in_path)
    dtype = torch.float32 if next(iter(tensors.values())).dtype == np.float32 else torch.float64
    model = build_model(spec, dtype)
    model.load_state_dict({name: torch.from_numpy(np.array(value)) for name, value in tensors.items()})
    write_safetensors(out_path, [(name, value.detach().numpy()) for name, value in model.state_dict().items()], {"format": "pt"})


if __name__ == "__main__":
    arguments = sys.argv[1:]
    current = arguments[0] if arguments else ""
    try:
        if len(arguments) == 4 and arguments[0] == "--state-dict":
            current = arguments[1]
            round_trip_state_dict(arguments[1], arguments[2], arguments[3])
        elif arguments and len(arguments) % 2 == 0:
            for fixture, output in zip(arguments[0::2], arguments[1::2]):
                current = fixture
                replay(fixture, output)
        else:
            print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
            sys.exit(2)
    except (ValueError, KeyError, OSError) as error:
        print(f"pytorch_replay: {current}: {error}", file=sys.stderr)
        sys.exit(2)
