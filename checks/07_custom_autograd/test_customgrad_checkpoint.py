import torch

from dlings.testing import expect_close, expect_grad, fail
from support_07_custom_autograd import SavedBytes, backward_explained


def _inputs(seed, n=64):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 32, generator=g, requires_grad=True)
    w1 = (torch.randn(32, 256, generator=g) / 6).requires_grad_()
    w2 = (torch.randn(256, 32, generator=g) / 16).requires_grad_()
    return x, w1, w2


def _clone(ts):
    return [t.detach().clone().requires_grad_() for t in ts]


def test_same_values_and_gradients(exercise):
    for seed, n in [(0, 64), (1, 5)]:
        ins = _inputs(seed, n)
        ref_ins = _clone(ins)
        out = exercise.checkpointed(*ins)
        ref = exercise.block(*ref_ins)
        expect_close(out, ref, what=f"checkpointed(x, w1, w2), x of shape {(n, 32)}")
        if out.grad_fn is None:
            fail("checkpointed(...) returned a tensor with no grad_fn: no gradient can reach x, w1 or w2.",
                 hint="was it computed under torch.no_grad(), or from detached inputs? checkpoint needs the real inputs.")
        g = torch.randn(out.shape, generator=torch.Generator().manual_seed(seed + 7))
        backward_explained(out, g, "checkpointed(x, w1, w2)")
        ref.backward(g)
        for name, t, r in zip(["x", "w1", "w2"], ins, ref_ins):
            expect_grad(t, r.grad, what=f"{name}.grad through checkpointed(...)", rtol=1e-4, atol=1e-5,
                        hint=f"pass {name} itself to checkpoint (not {name}.detach()), so the gradient reaches it.")


def test_saves_less_for_backward(exercise):
    ins = _inputs(2)
    with SavedBytes() as plain:
        exercise.block(*_clone(ins))
    with SavedBytes() as mine:
        out = exercise.checkpointed(*ins)
    if out is None:
        fail("checkpointed(...) returned None: finish the TODO.")
    if mine.bytes > plain.bytes / 2:
        fail(f"checkpointed(...) keeps {mine.bytes / 1024:.0f} KiB for backward; the plain block keeps "
             f"{plain.bytes / 1024:.0f} KiB. Checkpointing should keep little more than the inputs.",
             hint="call torch.utils.checkpoint.checkpoint(block, x, w1, w2, use_reentrant=False) instead of block(...).")
