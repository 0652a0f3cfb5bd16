import pytest
import torch

from dlings.testing import expect, expect_close, expect_tensor, expect_not_calling, forbid_calls
from support_10_layers import torch_names

BANNED = ["torch.sigmoid", "torch.tanh", "torch.nn.functional.sigmoid", "torch.nn.functional.tanh",
          "torch.Tensor.sigmoid", "torch.Tensor.tanh", "torch.special.expit", "torch.nn.functional.logsigmoid"]
WHY = "build it from torch.exp(-x.abs()) and arithmetic, as the docstring says."
REFS = {"sigmoid": torch.sigmoid, "tanh": torch.tanh}


def inputs():
    g = torch.Generator().manual_seed(0)
    big = torch.tensor([-1000.0, -500.0, -100.0, -90.0, -30.0, -1.5, -0.01, 0.75, 30.0, 90.0, 100.0, 500.0, 1000.0])
    yield big
    yield big.double() * 2
    yield (torch.rand(4, 5, generator=g) * 400 - 200).T  # non-contiguous
    yield torch.randn(3, 3, generator=g)


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_values_and_gradients_for_huge_inputs(exercise, name):
    fn = getattr(exercise, name)
    for x in inputs():
        what = f"{name}(x) for x = {x.flatten()[:5].tolist()}... ({x.dtype})"
        a = x.clone().requires_grad_()
        with forbid_calls(BANNED, why=WHY):
            got = fn(a)
        expect_tensor(got, what)
        ref_in = x.clone().requires_grad_()
        ref = REFS[name](ref_in)
        expect_close(got, ref, what, atol=1e-6 if x.dtype == torch.float32 else 1e-12,
                     mistakes={"tanh is odd: tanh(-x) = -tanh(x); multiply by the sign of x.": ref.abs()},
                     hint=None if torch.isfinite(got).all() else "NaN or inf in the value: exp(x) / exp(-x) overflowed; use exp(-|x|), which stays in (0, 1].")
        expect(got.requires_grad, f"{what} does not require grad: the graph was cut.")
        got.sum().backward()
        ref.sum().backward()
        bad = ~torch.isfinite(a.grad)
        expect(not bool(bad.any()),
               f"the gradient of {what} is NaN or inf at x = {x[bad][:4].tolist()} (values looked fine).",
               hint="an exp() overflowed somewhere in the graph. With torch.where, both branches are computed "
                    "and differentiated: 0 * NaN is NaN, so the branch you discard must not overflow either. "
                    "Use only exp(-|x|).")
        expect_close(a.grad, ref_in.grad, f"the gradient of {what}", atol=1e-6 if x.dtype == torch.float32 else 1e-12)


def test_no_builtin(exercise):
    for name in ["sigmoid", "tanh"]:
        expect_not_calling(getattr(exercise, name), torch_names("sigmoid", "tanh", "expit", "logsigmoid"), why=WHY)
