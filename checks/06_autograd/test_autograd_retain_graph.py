import torch

from support_06_autograd import CountCalls

from dlings.testing import expect_close, expect_equal, expect_tensor


def test_two_loss_grads(exercise):
    torch.manual_seed(0)
    for n, d, k in [(4, 3, 2), (6, 2, 5)]:
        w = torch.randn(d, k, requires_grad=True)   # fresh: w.grad is None, as the docstring promises
        x = torch.randn(n, d)
        with CountCalls() as calls:
            result = exercise.two_loss_grads(w, x)
        got_a, got_b = result
        h = torch.tanh(x @ w.detach())
        dtanh = 1 - h ** 2
        want_a = x.t() @ dtanh
        want_b = x.t() @ (2 * h / h.numel() * dtanh)
        what = f"for x of shape {(n, d)}, w of shape {(d, k)}"
        expect_tensor(got_a, f"grad_a {what}")
        expect_close(got_a, want_a, f"grad_a (d loss_a / dw) {what}", rtol=1e-5, atol=1e-6, mistakes={
            "grad_a shows loss_b's gradient: it is w.grad itself, which the second backward changed. Keep a copy "
            "(w.grad.clone()) before resetting w.grad.": want_b,
        })
        expect_close(got_b, want_b, f"grad_b (d loss_b / dw) {what}", rtol=1e-5, atol=1e-6, mistakes={
            "grad_b is the SUM of both losses' gradients: backward() adds into w.grad. Reset it (w.grad = None "
            "or w.grad.zero_()) between the two backward calls.": want_a + want_b,
        })
        expect_equal(calls.count("tanh"), 1, f"the number of forward passes (tanh calls) {what}",
                     hint="h was computed again for the second loss. Keep the one forward pass and call the first "
                          "backward with retain_graph=True.")
