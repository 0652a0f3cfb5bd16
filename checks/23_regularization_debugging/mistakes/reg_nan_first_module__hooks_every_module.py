"""reg_nan_first_module: which layer made the first NaN?

Once a NaN or inf appears in a forward pass it spreads to everything after
it, so the model's output only tells you THAT something broke. Write
first_nonfinite(model, x) -> the name (as in model.named_modules()) of the
first LEAF module (one with no children), in the order the forward pass
RUNS them, whose output tensor holds a NaN or an inf; None if no output does.
Run the forward once under torch.no_grad() with a forward hook on every leaf
module, and remove all your hooks before returning (even when forward raises).
The order modules run in is not always the order they were defined in.

Read: torch.nn.Module.register_forward_hook, torch.nn.Module.named_modules, torch.isfinite
"""
import torch
from torch import nn


def first_nonfinite(model: nn.Module, x: torch.Tensor) -> str | None:
    bad = []
    handles = []

    def make_hook(name):
        def hook(module, inputs, output):
            if isinstance(output, torch.Tensor) and not bool(torch.isfinite(output).all()):
                bad.append(name)
        return hook

    try:
        for name, module in model.named_modules():
            if True:
                handles.append(module.register_forward_hook(make_hook(name)))
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return bad[0] if bad else None


class Log(nn.Module):
    def forward(self, x):
        return torch.log(x)


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 8), Log(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
    print(model(torch.randn(3, 4)).flatten())                # NaN everywhere: but from where?
    print(first_nonfinite(model, torch.randn(3, 4)))          # "1": the log of negative numbers
