import math

import pytest
import torch
import torch.nn.functional as F

from dlings.testing import expect_not_calling, forbid_calls
from support_10_layers import torch_names, compare_forward_backward

BANNED = ["torch.nn.functional.gelu", "torch.nn.GELU"]
WHY = "write the formula from the docstring with torch.erf / torch.tanh."


def mistakes(x, mode):
    c = math.sqrt(2 / math.pi)
    out = {
        "you used the tanh approximation where the exact erf form was asked (approximate='none')."
        if mode == "none" else "you used the exact erf form where the tanh approximation was asked.":
            F.gelu(x, approximate="tanh" if mode == "none" else "none"),
        "x * sigmoid(1.702 x) is yet another approximation, not the one asked.": x * torch.sigmoid(1.702 * x),
        "erf(x / 2): the argument is x / sqrt(2).": 0.5 * x * (1 + torch.erf(x / 2)),
        "the 0.044715 * x**3 term is missing inside the tanh.": 0.5 * x * (1 + torch.tanh(c * x)),
        "sqrt(2) / pi instead of sqrt(2 / pi).": 0.5 * x * (1 + torch.tanh(math.sqrt(2) / math.pi * (x + 0.044715 * x**3))),
        "the 0.5 factor is missing.": x * (1 + torch.erf(x / math.sqrt(2))),
    }
    return out


@pytest.mark.parametrize("mode", ["none", "tanh"])
def test_gelu_matches_torch(exercise, mode):
    g = torch.Generator().manual_seed(0)
    for x in [torch.randn(6, 5, generator=g) * 3, torch.randn(4, 3, 2, generator=g, dtype=torch.float64).transpose(0, 1),
              torch.linspace(-8, 8, 33)]:
        def mine(t):
            with forbid_calls(BANNED, why=WHY):
                return exercise.gelu(t, mode)

        compare_forward_backward(mine, lambda t: F.gelu(t, approximate=mode), x,
                                 f"gelu(x, approximate={mode!r}) for x of shape {tuple(x.shape)}, {x.dtype}",
                                 mistakes=mistakes(x, mode))


def test_no_builtin_gelu(exercise):
    expect_not_calling(exercise.gelu, torch_names("gelu", "GELU"), why=WHY)


def test_unknown_mode_raises(exercise):
    from dlings.testing import fail
    x = torch.randn(3)
    try:
        exercise.gelu(x, "fast")
    except ValueError:
        return
    fail('gelu(x, approximate="fast") did not raise ValueError.',
         hint="F.gelu accepts only 'none' and 'tanh' and raises ValueError for anything else (keep the last line "
              "of the starter code: raise ValueError(...)); silently using one of the two forms hides a typo.")
