"""CPP is ext_cpp_autograd's source, byte for byte, and build() passes the same arguments, so its build
is shared through the cache (support_27_extensions.cached_builds): no second compile. The pristine file
fails before anything compiles (register() is still `...`). Fast checks first (fake calls on meta, eager
gradient); torch.compile (backend aot_eager: traces forward and backward with fake tensors, no code
generation) and opcheck last, only when those passed: together about 4 s on an idle 2-core machine,
most of it importing torch._dynamo.
"""
import pytest
import torch

from dlings.testing import expect, expect_close, expect_grad, fail
from support_27_extensions import cached_builds, expect_written

BETAS = (1.0, 2.0, 0.5)


@pytest.fixture(scope="module", autouse=True)
def _builds():
    with cached_builds():
        yield


@pytest.fixture(scope="module")
def ops(exercise):
    expect_written(exercise.register, "register()")
    exercise.build()
    exercise.register()
    return torch.ops.dlings_softplus


def _reference(x, beta):
    return (torch.logaddexp(beta * x.double(), torch.zeros((), dtype=torch.float64)) / beta).to(x.dtype)


def _meta_call(fn, args, label):
    try:
        return fn(*args)
    except (RuntimeError, NotImplementedError) as exc:
        fail(f"{label} with tensors on device \"meta\" (a shape and dtype, no data) raised {type(exc).__name__}: "
             f"{str(exc).strip().splitlines()[0][:240]}",
             hint="register a fake implementation for it with torch.library.register_fake(\"dlings_softplus::...\"): "
                  "it returns an empty tensor shaped like x, with x's dtype and device.")


def test_fake_implementations(ops):
    for dtype in (torch.float32, torch.float64):
        for shape in ((3, 5), (1,), (2, 1, 4)):
            x = torch.empty(shape, dtype=dtype, device="meta")
            for name, args in (("softplus_fwd", (x, 2.0)), ("softplus_bwd", (torch.empty_like(x), x, 2.0))):
                label = f"torch.ops.dlings_softplus.{name} for x of shape {shape}, {dtype}"
                y = _meta_call(getattr(ops, name), args, label)
                expect(isinstance(y, torch.Tensor) and y.device.type == "meta" and tuple(y.shape) == shape
                       and y.dtype == dtype,
                       f"{label} gave {y!r}; expected an empty tensor on meta, shape {shape}, {dtype}.",
                       hint="the fake returns torch.empty_like(x): x's shape, dtype and device.")
                expect(y is not x, f"{label} returned x itself.",
                       hint="an operator's output is a new tensor, even in its fake: torch.empty_like(x).")


def test_eager_gradient(exercise, ops):
    g = torch.Generator().manual_seed(1)
    for beta in BETAS:
        x0 = torch.randn(4, 6, generator=g) * 3
        x = x0.clone().requires_grad_(True)
        y = exercise.softplus(x, beta)
        expect_close(y, _reference(x0, beta), what=f"softplus(x, beta={beta})")
        expect(y.grad_fn is not None,
               f"softplus(x, beta={beta}) for x with requires_grad=True gave a tensor with no grad_fn.",
               hint="torch.library.register_autograd(\"dlings_softplus::softplus_fwd\", backward, "
                    "setup_context=setup_context).")
        upstream = torch.randn(y.shape, generator=g)
        try:
            y.backward(upstream)
        except RuntimeError as exc:
            fail(f"softplus(x, beta={beta}).backward(grad) raised RuntimeError: {str(exc).splitlines()[0][:240]}",
                 hint="backward returns one gradient per input of the op: (grad for x, None for beta).")
        expect(x.grad is not None, f"softplus(x, beta={beta}).backward(grad) ran, but x.grad is None.",
               hint="register autograd for softplus_fwd: torch.library.register_autograd(...).")
        expect_grad(x, upstream * torch.sigmoid(beta * x0), what=f"x.grad for softplus(x, beta={beta})",
                    mistakes={"backward got y (the output) where softplus_bwd wants x: save x in setup_context.":
                              upstream * torch.sigmoid(beta * _reference(x0, beta)),
                              "backward used beta = 1: keep beta on ctx in setup_context.":
                              upstream * torch.sigmoid(x0)})


class _Backend:
    """aot_eager, remembering each graph Dynamo hands it."""

    def __init__(self):
        self.graphs = []

    def __call__(self, gm, example_inputs):
        from torch._dynamo.backends.registry import lookup_backend

        self.graphs.append(gm)
        return lookup_backend("aot_eager")(gm, example_inputs)


def test_compile_fullgraph(exercise, ops, request):
    if request.session.testsfailed:
        pytest.skip("an earlier test failed; torch.compile is tried once those pass")
    import torch._dynamo

    torch._dynamo.reset()
    backend = _Backend()
    compiled = torch.compile(exercise.softplus, fullgraph=True, backend=backend, dynamic=False)
    x0 = torch.randn(3, 7, generator=torch.Generator().manual_seed(2)) * 3
    x = x0.clone().requires_grad_(True)
    try:
        y = compiled(x, 2.0)
        y.sum().backward()
    except Exception as exc:  # Dynamo and AOTAutograd raise their own types
        fail(f"torch.compile(softplus, fullgraph=True)(x, 2.0) and its backward raised {type(exc).__name__}: "
             f"{str(exc).strip().splitlines()[0][:300]}",
             hint="tracing runs both ops on fake tensors: each needs a fake implementation.")
    expect_close(y, _reference(x0, 2.0), what="the compiled softplus(x, 2.0)")
    expect_close(x.grad, torch.sigmoid(2.0 * x0), what="x.grad through the compiled softplus(x, 2.0)")
    targets = {str(n.target) for gm in backend.graphs for n in gm.graph.nodes if n.op == "call_function"}
    expect(any("softplus_fwd" in t for t in targets),
           f"the compiled graph does not call dlings_softplus.softplus_fwd (it calls {sorted(targets)}).",
           hint="softplus must call the C++ op, as given.")


def test_opcheck(ops, request):
    if request.session.testsfailed:
        pytest.skip("an earlier test failed; opcheck runs once those pass")
    samples = [(torch.randn(3, 4, requires_grad=True), 2.0), (torch.randn(5, dtype=torch.float64), 0.5),
               (torch.randn(1, 2, 3, dtype=torch.float64, requires_grad=True), 1.0)]
    for x, beta in samples:
        label = f"x of shape {tuple(x.shape)}, {x.dtype}" + (", requires_grad" if x.requires_grad else "")
        result = torch.library.opcheck(ops.softplus_fwd.default, (x, beta), raise_exception=False)
        for test, outcome in result.items():
            if outcome != "SUCCESS":
                fail(f"torch.library.opcheck(softplus_fwd, ({label}, {beta})) failed {test}: "
                     f"{str(outcome).strip().splitlines()[0][:300]}")
