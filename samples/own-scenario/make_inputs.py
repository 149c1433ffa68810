"""Writes what my-network.json reads, with real PyTorch and NumPy, into FOLDER (default: beside this script):

  inputs.npy    [64, 5] float32        np.save
  targets.npy   [64, 1] int64 (0 or 1) np.save
  init.pt       the model's state_dict torch.save, names fc1.weight, fc1.bias, fc2.weight, fc2.bias

and, for checking that the suite reads them exactly, init-reference.npz (the same weights through NumPy) and
init-unnamed.pt (the same network as a plain nn.Sequential, whose names are 0.weight, 0.bias, 2.weight, 2.bias).

    python3 make_inputs.py [FOLDER]
"""
import os
import sys
from collections import OrderedDict

import numpy as np
import torch

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(folder, exist_ok=True)

rng = np.random.default_rng(7)
inputs = rng.normal(size=(64, 5)).astype(np.float32)
direction = rng.normal(size=5)
targets = (inputs @ direction > 0).astype(np.int64).reshape(64, 1)
np.save(os.path.join(folder, "inputs.npy"), inputs)
np.save(os.path.join(folder, "targets.npy"), targets)

torch.manual_seed(0)
model = torch.nn.Sequential(OrderedDict(
    fc1=torch.nn.Linear(5, 12), relu1=torch.nn.ReLU(),
    fc2=torch.nn.Linear(12, 1), sigmoid2=torch.nn.Sigmoid()))
state = model.state_dict()
torch.save(state, os.path.join(folder, "init.pt"))
np.savez(os.path.join(folder, "init-reference.npz"), **{name: tensor.numpy() for name, tensor in state.items()})

unnamed = torch.nn.Sequential(torch.nn.Linear(5, 12), torch.nn.ReLU(), torch.nn.Linear(12, 1), torch.nn.Sigmoid())
unnamed.load_state_dict({name.replace("fc1", "0").replace("fc2", "2"): tensor for name, tensor in state.items()})
torch.save(unnamed.state_dict(), os.path.join(folder, "init-unnamed.pt"))
print(f"wrote inputs.npy, targets.npy, init.pt, init-reference.npz, init-unnamed.pt into {folder}")
