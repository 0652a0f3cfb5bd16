"""deploy_export: torch.export with a batch size that can change.

torch.export traces a model once on example inputs into an ExportedProgram:
a graph of aten ops with no Python left, which other runtimes can load.
Every size of the example becomes a fixed constant in that graph, unless
you declare it dynamic; a program exported on a batch of 4 then refuses a
batch of 3.

Write export_model(model, example): export `model` (already in eval mode)
on `example`, a (batch, features) tensor, with dimension 0 dynamic so that
the program runs any batch size, 1 included. Return the ExportedProgram
(run it with program.module()(x)).

Read: torch.export.export (dynamic_shapes), torch.export.Dim, torch.export.ExportedProgram
"""
import torch
from torch import nn
from torch.export import Dim, ExportedProgram


def export_model(model: nn.Module, example: torch.Tensor) -> ExportedProgram:
    # TODO: export with dimension 0 of the input dynamic
    ...


if __name__ == "__main__":
    net = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 2)).eval()
    program = export_model(net, torch.randn(4, 6))
    print(program.module()(torch.randn(3, 6)).shape)
