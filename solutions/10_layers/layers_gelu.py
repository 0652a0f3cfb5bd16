"""layers_gelu: GELU, exact and tanh-approximated.

GELU(x) = x * Phi(x), where Phi is the standard normal CDF:
    exact ("none"):  0.5 * x * (1 + erf(x / sqrt(2)))
    "tanh":          0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))
The two differ by up to ~1e-3, so a model trained with one should be run with
the same one (GPT-2 used the tanh form). Write `gelu(x, approximate)` matching
F.gelu(x, approximate=...) for both modes.
Not allowed: F.gelu, nn.GELU (torch.erf and torch.tanh are fine).

Read: torch.nn.GELU, torch.erf, torch.tanh
"""
import math

import torch


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    if approximate == "none":
        # TODO: the exact form with torch.erf
        return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))
    if approximate == "tanh":
        # TODO: the tanh approximation
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    raise ValueError(f"approximate must be 'none' or 'tanh', not {approximate!r}")


if __name__ == "__main__":
    x = torch.linspace(-3, 3, 7)
    print(gelu(x), gelu(x, "tanh") - gelu(x), sep="\n")
