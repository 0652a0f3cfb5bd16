"""The C++ source is given, so every learner file (and every mistake here) shares one cached build
(support_27_extensions.cached_builds): about 12 s of CPU time the first time, under a second after.
The pristine file fails before anything compiles (forward and backward still hold only the TODO).
Which C++ kernels ran is recorded with a TorchDispatchMode, forward and backward apart.
"""
import pytest
import torch
from torch.utils._python_dispatch import TorchDispatchMode

from dlings.testing import expect, expect_close, expect_grad, fail
from support_27_extensions import cached_builds, expect_written

BETAS = (1.0, 2.0, 0.5)


@pytest.fixture(scope="module", autouse=True)
def _builds():
    with cached_builds():
        yield


@pytest.fixture(scope="module")
def softplus(exercise):
    expect_written(exercise.SoftplusFn.forward, "SoftplusFn.forward")
    expect_written(exercise.SoftplusFn.backward, "SoftplusFn.backward")
    exercise.build()
    return exercise.softplus


class _Ops(TorchDispatchMode):
    def __init__(self):
        super().__init__()
        self.names = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.names.append(func._schema.name)
        return func(*args, **(kwargs or {}))


def _reference(x, beta):
    return (torch.logaddexp(beta * x.double(), torch.zeros((), dtype=torch.float64)) / beta).to(x.dtype)


def _inputs():
    g = torch.Generator().manual_seed(0)
    base = torch.randn(5, 8, generator=g) * 4
    return [("x of shape (5, 8)", base.clone()), ("x of shape (1,)", torch.randn(1, generator=g)),
            ("x of shape (2, 3, 4)", torch.randn(2, 3, 4, generator=g) * 4), ("x = base.t()", base.t()),
            ("x with values +-30", torch.tensor([-30.0, -1.0, 0.0, 1.0, 30.0]))]


def test_forward_uses_the_kernel(softplus):
    for beta in BETAS:
        for label, x in _inputs():
            with _Ops() as ops:
                y = softplus(x, beta)
            expect_close(y, _reference(x, beta), what=f"softplus({label}, beta={beta})")
            expect("dlings_softplus::softplus_fwd" in ops.names,
                   f"softplus({label}, beta={beta}) gave the right values without calling the C++ kernel "
                   f"softplus_fwd (ops that ran: {', '.join(sorted(set(ops.names))) or 'none'}).",
                   hint="the point is to run the compiled kernel: torch.ops.dlings_softplus.softplus_fwd(x, beta).")


def test_gradient_uses_the_kernel(softplus):
    g = torch.Generator().manual_seed(1)
    for beta in BETAS:
        for label, x0 in _inputs():
            x = x0.detach().clone().requires_grad_(True)
            y = softplus(x, beta)
            expect(isinstance(y, torch.Tensor) and y.grad_fn is not None,
                   f"softplus({label}, beta={beta}) of an x with requires_grad=True returned a tensor with no grad_fn.",
                   hint="return SoftplusFn.apply(x, beta): autograd records the Function, not what runs inside it.")
            upstream = torch.randn(y.shape, generator=g)
            with _Ops() as ops:
                try:
                    y.backward(upstream)
                except RuntimeError as exc:
                    fail(f"y = softplus({label}, beta={beta}); y.backward(grad) raised RuntimeError: "
                         f"{str(exc).splitlines()[0][:240]}",
                         hint="autograd cannot differentiate a C++ kernel: compute y inside SoftplusFn.forward and "
                              "return one gradient per input of forward from backward (None for beta).")
            xd = x0.detach()
            expect(x.grad is not None,
                   f"y = softplus({label}, beta={beta}); y.backward(grad) ran, but no gradient reached x (x.grad is "
                   "None).", hint="autograd cannot see inside the C++ kernel, so it never reaches x: compute y inside "
                                  "SoftplusFn.forward, give the gradient in backward, and return SoftplusFn.apply(x, beta).")
            expect_grad(x, upstream * torch.sigmoid(beta * xd), what=f"x.grad for softplus({label}, beta={beta})",
                        mistakes={"backward got y (the output) where the kernel wants x: save x in forward.":
                                  upstream * torch.sigmoid(beta * _reference(xd, beta)),
                                  "backward used beta = 1: keep beta on ctx in forward and pass it on.":
                                  upstream * torch.sigmoid(xd),
                                  "backward ignores the incoming gradient grad_y.":
                                  torch.sigmoid(beta * xd)})
            expect("dlings_softplus::softplus_bwd" in ops.names,
                   f"x.grad for softplus({label}, beta={beta}) is right, but the C++ kernel softplus_bwd did not "
                   "compute it.", hint="call torch.ops.dlings_softplus.softplus_bwd(grad_y, x, beta) in backward.")


def test_gradcheck_float64(softplus):
    x = torch.randn(6, dtype=torch.float64, generator=torch.Generator().manual_seed(2), requires_grad=True)
    try:
        ok = torch.autograd.gradcheck(lambda t: softplus(t, 1.5), (x,), raise_exception=False)
    except RuntimeError as exc:
        fail(f"torch.autograd.gradcheck(lambda t: softplus(t, 1.5), (x,)) raised: {str(exc).splitlines()[0][:240]}")
    expect(ok, "torch.autograd.gradcheck (float64, beta=1.5) finds that your gradient does not match the "
               "numerical derivative of your forward.")
