import torch

from dlings.testing import expect_close, fail, forbid_calls

BANNED = ["torch.func.grad", "torch.func.hessian", "torch.func.jacrev", "torch.func.jacfwd", "torch.func.vmap",
          "torch.autograd.functional.hessian", "torch.autograd.functional.jacobian", "torch.autograd.functional.hvp",
          "torch.autograd.functional.vhp"]

FUNCTIONS = [
    ("t ** 3", lambda t: t ** 3, lambda t: 3 * t ** 2, lambda t: 6 * t),
    ("torch.sin(t)", torch.sin, torch.cos, lambda t: -torch.sin(t)),
    ("torch.tanh(t)", torch.tanh, lambda t: 1 - torch.tanh(t) ** 2,
     lambda t: -2 * torch.tanh(t) * (1 - torch.tanh(t) ** 2)),
    ("torch.exp(-t ** 2)", lambda t: torch.exp(-t ** 2), lambda t: -2 * t * torch.exp(-t ** 2),
     lambda t: (4 * t ** 2 - 2) * torch.exp(-t ** 2)),
]


def test_second_derivative(exercise):
    torch.manual_seed(0)
    for shape in [(5,), (2, 3)]:
        for text, f, d1, d2 in FUNCTIONS:
            x = torch.randn(shape)
            what = f"second_derivative(f, x) for f(t) = {text}, x of shape {shape}"
            try:
                with forbid_calls(BANNED, why="this exercise is about create_graph=True: use torch.autograd.grad "
                                              "(or backward) twice."):
                    got = exercise.second_derivative(f, x)
            except RuntimeError as exc:
                if "does not require grad" in str(exc):
                    fail(f"{what} raised: {str(exc).splitlines()[0]}",
                         hint="the first derivative was computed without create_graph=True, so it has no graph "
                              "and cannot be differentiated again.")
                raise
            expect_close(got, d2(x), what, rtol=1e-4, atol=1e-5, mistakes={
                "this is the FIRST derivative f'(x): differentiate it once more.": d1(x),
                "this is f'(x) + f''(x): with backward(create_graph=True) the second backward ADDS into x.grad, "
                "which already holds f'. Use torch.autograd.grad for both steps (or reset x.grad).": d1(x) + d2(x),
            })
