"""Fast checks first (the op is registered, values, fake/meta call, gradients); opcheck last, and only
when they passed: its first run imports torch._dynamo and traces the op with AOTAutograd, about 3 s
on an idle 2-core machine (up to 15 s on a busy one), while the rest takes well under a second.
"""
import pytest
import torch

from dlings.testing import expect, expect_close, expect_grad, expect_meta_call, fail


def _op(exercise):
    from torch._library.custom_ops import CustomOpDef

    op = getattr(exercise, "np_sinh", None)
    if isinstance(op, (torch._ops.OpOverloadPacket, torch._ops.OpOverload)):
        # made with the lower-level torch.library.define / impl / register_fake / register_autograd: an operator too
        expect(str(op).split(".")[:2] == ["dlings", "np_sinh"],
               f"np_sinh is the operator {op}, not dlings::np_sinh.",
               hint="the name is \"dlings::np_sinh\": namespace dlings, operator np_sinh.")
        op_schema = (op.default if isinstance(op, torch._ops.OpOverloadPacket) else op)._schema
        expect(tuple(a.name for a in op_schema.arguments) == ("x",) and not op_schema.is_mutable,
               f"dlings::np_sinh has the schema {op_schema}; it should take x and change nothing.",
               hint="its schema is \"(Tensor x) -> Tensor\": it changes none of its inputs.")
        return op
    expect(isinstance(op, CustomOpDef),
           f"np_sinh is a plain {type(op).__name__}, not an operator: PyTorch cannot see what it does.",
           hint="decorate it: @torch.library.custom_op(\"dlings::np_sinh\", mutates_args=()).")
    try:
        packet = torch.ops.dlings.np_sinh
    except (AttributeError, RuntimeError):
        fail(f"np_sinh is an operator, but not one named dlings::np_sinh (it is {op._qualname}).",
             hint="the name is \"dlings::np_sinh\": namespace dlings, operator np_sinh.")
    expect(tuple(packet.default._schema.arguments[i].name for i in range(len(packet.default._schema.arguments)))
           == ("x",) and not packet.default._schema.is_mutable,
           f"dlings::np_sinh has the schema {packet.default._schema}; it should take x and change nothing.",
           hint="mutates_args=() says np_sinh changes none of its inputs.")
    return op


def _inputs():
    g = torch.Generator().manual_seed(0)
    base = torch.randn(4, 6, generator=g) * 2
    return [("x of shape (4, 6)", base.clone()), ("x of shape (1,)", torch.randn(1, generator=g)),
            ("x = base.t()", base.t()), ("x of shape (2, 3, 2), float64", torch.randn(2, 3, 2, dtype=torch.float64,
                                                                                      generator=g))]


def test_values(exercise):
    op = _op(exercise)
    for label, x in _inputs():
        expect_close(op(x), torch.sinh(x), what=f"np_sinh({label})")


def test_fake_implementation(exercise):
    op = _op(exercise)
    try:
        op(torch.empty(3, 5, device="meta"))
    except (RuntimeError, NotImplementedError) as exc:
        fail(f"np_sinh(x) for x on device \"meta\" (a shape and dtype, no data) raised {type(exc).__name__}: "
             f"{str(exc).splitlines()[0][:240]}",
             hint="register a fake implementation (@np_sinh.register_fake) that returns an empty tensor with x's "
                  "shape, dtype and device.")
    for dtype in (torch.float32, torch.float64):
        expect_meta_call(op, (3, 5), dtype=dtype, reference=torch.sinh, what=f"np_sinh(x) for a meta x, {dtype}")
    from torch._subclasses.fake_tensor import FakeTensorMode

    with FakeTensorMode():
        x = torch.empty(2, 7, dtype=torch.float64)
        y = op(x)
    expect(tuple(y.shape) == (2, 7) and y.dtype == torch.float64,
           f"under FakeTensorMode, np_sinh(x) for x of shape (2, 7), float64 gave shape {tuple(y.shape)}, {y.dtype}.",
           hint="the fake output has x's shape, dtype and device: torch.empty_like(x).")


def test_gradient(exercise):
    op = _op(exercise)
    g = torch.Generator().manual_seed(1)
    for label, x0 in _inputs():
        x = x0.detach().clone().requires_grad_(True)
        y = op(x)
        upstream = torch.randn(y.shape, dtype=y.dtype, generator=g)
        try:
            y.backward(upstream)
        except RuntimeError as exc:
            fail(f"np_sinh({label}).backward(grad) raised RuntimeError: {str(exc).splitlines()[0][:240]}",
                 hint="register a backward: np_sinh.register_autograd(backward, setup_context=setup_context).")
        xd = x0.detach()
        expect_grad(x, upstream * torch.cosh(xd), what=f"x.grad for np_sinh({label})",
                    mistakes={"your backward multiplies by sinh(x); d sinh(x)/dx = cosh(x).": upstream * torch.sinh(xd),
                              "backward ignores the incoming gradient.": torch.cosh(xd)})


def test_opcheck(exercise, request):
    if request.session.testsfailed:
        pytest.skip("an earlier test failed; opcheck runs once those pass")
    op = _op(exercise)
    samples = [(torch.randn(3, 4, requires_grad=True),), (torch.randn(5, dtype=torch.float64),),
               (torch.randn(1, 2, 3, dtype=torch.float64, requires_grad=True),)]
    explain = {
        "test_schema": "np_sinh changes an input it declared unchanged (or its schema is wrong).",
        "test_autograd_registration": "the backward is not registered the way PyTorch expects "
                                      "(use np_sinh.register_autograd).",
        "test_faketensor": "the fake implementation disagrees with the real one (shape, dtype, device or strides).",
        "test_aot_dispatch_dynamic": "tracing np_sinh and its backward with fake tensors failed: backward must use "
                                     "torch ops only (no NumPy, no .item()), and the fake implementation must work "
                                     "for any shape.",
    }
    for (x,) in samples:
        label = f"x of shape {tuple(x.shape)}, {x.dtype}" + (", requires_grad" if x.requires_grad else "")
        result = torch.library.opcheck(op, (x,), raise_exception=False)
        for test, outcome in result.items():
            if outcome != "SUCCESS":
                fail(f"torch.library.opcheck(np_sinh, ({label},)) failed {test}: "
                     f"{str(outcome).strip().splitlines()[0][:300]}", hint=explain.get(test))
