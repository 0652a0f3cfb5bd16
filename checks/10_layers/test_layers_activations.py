import pytest
import torch

from dlings.testing import expect_close, expect_not_calling, forbid_calls
from support_10_layers import torch_names, compare_forward_backward

BANNED = ["torch.relu", "torch.sigmoid", "torch.tanh", "torch.nn.functional.relu", "torch.nn.functional.sigmoid",
          "torch.nn.functional.tanh", "torch.Tensor.relu", "torch.Tensor.sigmoid", "torch.Tensor.tanh",
          "torch.special.expit"]
WHY = "write the formula from the docstring with torch.exp, clamp, arithmetic."


def inputs():
    g = torch.Generator().manual_seed(0)
    yield (torch.rand(5, 4, generator=g) * 12 - 6)
    yield (torch.rand(3, 2, 6, generator=g) * 12 - 6).transpose(0, 2)  # non-contiguous
    yield torch.tensor([-6.0, -1.0, -0.25, 0.5, 2.0, 6.0], dtype=torch.float64)


MISTAKES = {
    "relu": lambda x: {"this is the step function (x > 0): relu keeps x itself where x > 0.": (x > 0).to(x.dtype),
                       "this is abs(x): negative inputs should become 0.": x.abs()},
    "sigmoid": lambda x: {"exp(x) instead of exp(-x): the sign in the exponent is flipped.": 1 / (1 + torch.exp(x)),
                          "this is exp(-x) / (1 + exp(-x)) = 1 - sigmoid(x).": torch.exp(-x) / (1 + torch.exp(-x))},
    "tanh": lambda x: {"this is sinh: divide by (exp(x) + exp(-x)), not by 2.": torch.sinh(x),
                       "numerator and denominator swapped (that is coth).": 1 / torch.tanh(x)},
}
REFS = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}


@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh"])
def test_values_and_gradients(exercise, name):
    fn = getattr(exercise, name)
    for x in inputs():
        keep = x.clone()
        with forbid_calls(BANNED, why=WHY):
            fn(x)
        expect_close(x, keep, f"the input x after calling {name}(x)",
                     hint="an in-place op (clamp_, relu_, x[x < 0] = 0, +=) changed the caller's tensor: return a new one.")

        def mine(t):
            with forbid_calls(BANNED, why=WHY):
                return fn(t)

        compare_forward_backward(mine, REFS[name], x, f"{name}(x) for x of shape {tuple(x.shape)}, dtype {x.dtype}",
                                 mistakes=MISTAKES[name](x))

@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh"])
def test_no_builtin(exercise, name):
    expect_not_calling(getattr(exercise, name), torch_names("relu", "sigmoid", "tanh", "expit", "ReLU", "Sigmoid", "Tanh"),
                       why=WHY)
