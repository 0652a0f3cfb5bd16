"""loop_clip_norm: clip_grad_norm by hand, against torch.nn.utils.clip_grad_norm_.

The same gradients are clipped by the learner's function and by torch's (on a
copy of the model): the returned norm and every gradient must agree. The cases
cover a clipped and an unclipped gradient, a generator of parameters (walked
once), a frozen layer whose .grad is None, and float64.
"""
import support_14_training_loop  # noqa: F401 - sets one thread for the tiny models
import torch
from dlings.testing import expect_close, fail, forbid_calls
from torch import nn

WHY = "write the clipping yourself; the check compares it with torch's clip_grad_norm_."
BANNED = ["torch.nn.utils.clip_grad_norm_", "torch.nn.utils.clip_grad_norm", "torch.nn.utils.clip_grads_with_norm_",
          "torch.nn.utils.get_total_norm", "torch.nn.utils.clip_grad.clip_grad_norm_"]


def _model(seed, dtype=torch.float32, frozen=False, scale=30.0):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 3)).to(dtype)
    if frozen:
        model[0].requires_grad_(False)
    x = torch.randn(6, 5, dtype=dtype)
    (model(x) * scale).pow(2).mean().backward()
    return model


CASES = [
    # (label, seed, max_norm, dtype, frozen, scale, pass as)
    ("gradients far longer than max_norm=1.0", 0, 1.0, torch.float32, False, 30.0, "list"),
    ("gradients shorter than max_norm=1e3 (no clipping)", 1, 1e3, torch.float32, False, 3.0, "list"),
    ("model.parameters() (a generator) and max_norm=0.5", 2, 0.5, torch.float32, False, 30.0, "generator"),
    ("a frozen first layer (its .grad is None), max_norm=2.0", 3, 2.0, torch.float32, True, 30.0, "list"),
    ("float64 parameters, max_norm=0.25", 4, 0.25, torch.float64, False, 30.0, "list"),
]


def _wrong(model, max_norm, variant):
    """The gradients a known mistake would give (on a fresh model)."""
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    norms = torch.stack([g.norm() for g in grads])
    if variant == "per_tensor":
        for g, n in zip(grads, norms):
            if n > max_norm:
                g.mul_(max_norm / (n + 1e-6))
        return grads
    total = norms.sum() if variant == "sum_of_norms" else norms.norm()
    if variant == "always" or total > max_norm:
        for g in grads:
            g.mul_(max_norm / (total + 1e-6))
    return grads


CAUSES = {
    "per_tensor": "each parameter's gradient was clipped on its own; the norm is ONE number for all gradients "
                  "together: sqrt of the sum of every gradient's squared norm.",
    "sum_of_norms": "the per-parameter norms were added up; the total norm is the square root of the sum of their "
                    "SQUARES (the 2-norm of the norms).",
    "always": "the gradients were rescaled although they were shorter than max_norm: clip only when "
              "total_norm > max_norm.",
}


def test_matches_clip_grad_norm_(exercise):
    for label, seed, max_norm, dtype, frozen, scale, kind in CASES:
        mine, theirs = _model(seed, dtype, frozen, scale), _model(seed, dtype, frozen, scale)
        want = torch.nn.utils.clip_grad_norm_(theirs.parameters(), max_norm)
        params = mine.parameters() if kind == "generator" else list(mine.parameters())
        with forbid_calls(BANNED, why=WHY):
            try:
                got = exercise.clip_grad_norm(params, max_norm)
            except (TypeError, AttributeError) as exc:
                if frozen and "NoneType" in str(exc):
                    fail(f"with {label}, clip_grad_norm raised {type(exc).__name__}: {str(exc)[:120]}",
                         hint="a frozen parameter has .grad None: skip it (`if p.grad is not None`).")
                raise
        if got is None or got is Ellipsis:
            fail("clip_grad_norm(...) returned None; it should return the total norm (before clipping).",
                 hint="finish the TODO and return total_norm.")
        if isinstance(got, (float, int)):
            fail(f"clip_grad_norm(...) returned the Python number {got!r:.30}; the total norm is asked for as a 0-d "
                 f"tensor (as clip_grad_norm_ returns it).",
                 hint="return total_norm itself, not float(total_norm) or total_norm.item(): a read-back to Python "
                      "is a host sync on a GPU, once per step.")
        if not isinstance(got, torch.Tensor) or got.dim() != 0:
            fail(f"clip_grad_norm(...) should return the total norm as a 0-d tensor, got {got!r:.80}.",
                 hint="torch.linalg.vector_norm(torch.stack(norms)) is 0-d; a shape (1,) tensor is not.")
        got = got.detach().to(want.dtype)
        after_grads = [p.grad for p in mine.parameters() if p.grad is not None]
        ref_grads = [p.grad for p in theirs.parameters() if p.grad is not None]
        before = [p.grad for p in _model(seed, dtype, frozen, scale).parameters() if p.grad is not None]
        unchanged = all(torch.equal(a, b) for a, b in zip(after_grads, before))
        if kind == "generator" and unchanged and want > max_norm:
            fail(f"with {label}, the gradients were not clipped at all (the norm returned was {float(got):.4g}).",
                 hint="a generator can be walked only once: the first loop (measuring the norm) used it up, so "
                      "the second (scaling) saw nothing. Turn it into a list first: grads = [p.grad for p in "
                      "parameters if p.grad is not None].")
        tol = {"rtol": 1e-5, "atol": 1e-7} if dtype == torch.float32 else {"rtol": 1e-6, "atol": 1e-9}
        for i, (g, w) in enumerate(zip(after_grads, ref_grads)):
            expect_close(g, w, what=f"gradient {i} after clip_grad_norm with {label}", **tol,
                         mistakes={CAUSES[v]: _wrong(_model(seed, dtype, frozen, scale), max_norm, v)[i]
                                   for v in CAUSES},
                         hint="scale every gradient by max_norm / (total_norm + 1e-6), only when total_norm > "
                              "max_norm.")
        if not torch.allclose(got, want, **tol):
            clipped = torch.linalg.vector_norm(torch.stack([g.norm() for g in after_grads]))
            fail(f"with {label}, clip_grad_norm returned {float(got):.6g}; clip_grad_norm_ returns {float(want):.6g}"
                 " (the total norm before clipping).",
                 hint="that is the norm AFTER clipping: return the norm you measured first." if torch.allclose(
                     got, clipped.to(got.dtype), **tol) and want > max_norm else
                 "the total norm is sqrt(sum over parameters of grad.norm() ** 2), skipping grads that are None.")
