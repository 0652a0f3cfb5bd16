"""deploy_bundle: one file to ship, the program and its class names together.

A served model needs more than its graph: at least the names of the classes
its outputs stand for, and they must travel in the same file so the two can
never get out of step. torch.export.save writes an ExportedProgram into a
.pt2 archive and stores extra files beside it (extra_files={name: text});
torch.export.load reads the program back, with no model code needed, and
fills in only the extra files whose NAMES its own extra_files dict holds.

Write save_bundle(model, example, classes, path): export `model` (already in eval mode)
on `example`, a (batch, features) tensor, with dimension 0 dynamic, and save
it at `path` with the list of class names `classes` as the extra file
"classes.json" (JSON text). Write load_bundle(path): return (program,
classes), the ExportedProgram and the list of class names from the bundle.

Read: torch.export.save, torch.export.load (extra_files), json.dumps, json.loads
"""
import json

import torch
from torch import nn
from torch.export import Dim, ExportedProgram


def save_bundle(model: nn.Module, example: torch.Tensor, classes: list[str], path: str) -> None:
    # TODO: export with a dynamic batch, save the program with "classes.json" inside
    ...


def load_bundle(path: str) -> tuple[ExportedProgram, list[str]]:
    # TODO: load the program and read "classes.json" back from the same file
    ...


if __name__ == "__main__":
    import os
    import tempfile

    path = os.path.join(tempfile.mkdtemp(), "bundle.pt2")
    save_bundle(nn.Linear(3, 2).eval(), torch.randn(4, 3), ["cat", "dog"], path)
    program, classes = load_bundle(path)
    print(classes, program.module()(torch.randn(2, 3)).argmax(dim=1))
