"""deploy_torchscript: reading legacy TorchScript, trace versus script.

Older deployments ship TorchScript. torch.jit.trace runs the model once on
an example and records the ops that ran: a Python `if` on a tensor's value
is frozen into the branch the example took (trace only warns). torch.jit.script
compiles the forward's source, so the `if` stays an `if`. (Both are
deprecated in current torch in favour of torch.export; you will still meet
them in existing code.)

Write to_torchscript(model): a TorchScript module (torch.jit.ScriptModule)
that gives the same output as `model` for EVERY input, whichever branch of
Gate.forward it takes.

Read: torch.jit.trace, torch.jit.script, "TorchScript" (Tracing vs Scripting)
"""
import torch
from torch import nn


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.fc(x)
        if h.sum() > 0:
            return torch.relu(h)
        return -h


def to_torchscript(model: Gate) -> torch.jit.ScriptModule:
    # TODO: convert model to TorchScript, keeping the data-dependent branch
    return torch.jit.script(model)


if __name__ == "__main__":
    scripted = to_torchscript(Gate())
    print(scripted.code)
