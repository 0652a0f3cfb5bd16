import warnings

import torch

from dlings.testing import expect_close, expect_tensor


def test_hidden_and_weight_grads(exercise):
    torch.manual_seed(0)
    for n, d, k in [(4, 3, 2), (1, 5, 3), (6, 2, 1)]:
        x = torch.randn(n, d)
        w = torch.randn(d, k, requires_grad=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")          # reading .grad of a non-leaf warns
            got_w, got_h = exercise.hidden_and_weight_grads(x, w)
        h = torch.tanh(x @ w.detach())
        want_h = 2 * h
        want_w = x.t() @ (2 * h * (1 - h ** 2))
        expect_tensor(got_h, f"h.grad (x of shape {(n, d)})",
                      hint="h is not a leaf, so its gradient is dropped after backward. Call h.retain_grad() "
                           "before loss.backward() (after it is too late).")
        expect_close(got_h, want_h, f"h.grad (x of shape {(n, d)})", rtol=1e-5, atol=1e-6)
        expect_tensor(got_w, f"w.grad (x of shape {(n, d)})",
                      hint="no gradient reached w: the graph between w and h was cut (detach?). Keep h = tanh(x @ w) "
                           "as it is and only add h.retain_grad().")
        expect_close(got_w, want_w, f"w.grad (x of shape {(n, d)})", rtol=1e-5, atol=1e-6)
