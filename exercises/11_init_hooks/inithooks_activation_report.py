"""inithooks_activation_report: init + forward hooks = an activation-health report.

activation_report(model, x, init_fn) works on ANY model (not just a Sequential):
1. model.apply(init_fn) to initialise it;
2. register a forward hook on every nn.ReLU that records output.std().item()
   under the module's name (model.named_modules());
3. run model(x) once under torch.no_grad(); remove every hook (in `finally:`);
4. return the {name: std} dict (the order the ReLUs ran in).
A healthy init keeps these numbers of the same size from the first ReLU to the last.
Read: torch.nn.Module.apply, torch.nn.Module.register_forward_hook
"""
import torch
from torch import nn


def activation_report(model: nn.Module, x: torch.Tensor, init_fn) -> dict[str, float]:
    report = {}
    # TODO: init, hooks on every nn.ReLU, one forward without grad, remove the hooks
    raise NotImplementedError


if __name__ == "__main__":
    def kaiming(m):
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)

    model = nn.Sequential(*[layer for _ in range(8) for layer in (nn.Linear(64, 64), nn.ReLU())])
    for name, std in activation_report(model, torch.randn(128, 64), kaiming).items():
        print(f"{name:3s} {std:.3f}")
