import pytest
import torch
from torch import nn

from dlings.testing import expect, expect_close, fail
from support_11_init_hooks import expect_no_hooks


def make_model():
    return nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Sequential(nn.Linear(7, 6), nn.Tanh()), nn.Linear(6, 2))


def reference(model, x):
    a = model[0](x)
    b = model[2][0](model[1](a))
    c = model[3](model[2][1](b))
    return torch.tensor([a.mean().item(), b.mean().item(), c.mean().item()], dtype=torch.float64)


class Boom(nn.Module):
    def forward(self, x):
        raise ValueError("a layer failed on purpose (dlings check)")


def test_means_and_no_hooks_left(exercise):
    torch.manual_seed(0)
    model = make_model()
    for call in (1, 2, 3):
        x = torch.randn(4 + call, 5)
        got = exercise.linear_output_means(model, x)
        expect(isinstance(got, (list, tuple)), f"linear_output_means should return a list of floats, got {got!r}.")
        expect_close(torch.tensor([float(v) for v in got], dtype=torch.float64), reference(model, x),
                     what=f"linear_output_means(model, x) on call number {call}", rtol=1e-5, atol=1e-6,
                     hint="hooks from an earlier call are still registered, so every Linear reports more than once.")
        expect_no_hooks(model, f"after call number {call} of linear_output_means",
                        hint="keep each handle register_forward_hook returns (in a list) and call .remove() on "
                             "every one; a single `handle` variable only remembers the last one.")


def test_hooks_removed_when_forward_raises(exercise):
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(5, 4), nn.Linear(4, 4), Boom(), nn.Linear(4, 3))
    with pytest.raises(Exception) as info:
        exercise.linear_output_means(model, torch.randn(2, 5))
    if "on purpose" not in str(info.value):
        raise info.value
    expect_no_hooks(model, "after a forward pass that raised an error",
                    hint="remove the handles in a `finally:` block so they go even when model(x) raises "
                         "(and let the error propagate).")


def test_other_hooks_are_left_alone(exercise):
    torch.manual_seed(2)
    model = make_model()
    seen = []
    mine = model[0].register_forward_hook(lambda m, i, o: seen.append(1))
    exercise.linear_output_means(model, torch.randn(3, 5))
    left = len(model[0]._forward_hooks)
    mine.remove()
    if left != 1:
        fail("a forward hook that someone else had registered on the first Linear was removed too.",
             hint="remove only your own hooks with their handles; do not clear module._forward_hooks.")
    expect_no_hooks(model, "after linear_output_means")
