import torch

from dlings.testing import expect_close, expect_equal


def _batches(n_batches, d):
    return [(torch.randn(5, d), torch.randn(5)) for _ in range(n_batches)]


def _reference(w, batches):
    out = []
    for x, y in batches:
        wc = w.detach().clone().requires_grad_(True)
        ((x @ wc - y) ** 2).mean().backward()
        out.append(wc.grad)
    return out


def test_one_gradient_per_batch(exercise):
    torch.manual_seed(0)
    for n_batches, d in [(3, 4), (4, 2)]:
        w = torch.randn(d, requires_grad=True)
        batches = _batches(n_batches, d)
        want = _reference(w, batches)
        got = list(exercise.grads_per_batch(w, batches))
        expect_equal(len(got), n_batches, f"the number of gradients returned for {n_batches} batches")
        for i, g in enumerate(got):
            expect_close(g, want[i], f"the gradient of batch {i} (of {n_batches})", rtol=1e-5, atol=1e-6, mistakes={
                "this is the sum of the gradients of this batch and all before it: backward() adds into w.grad. "
                "Reset it after taking each snapshot (w.grad.zero_() or w.grad = None).": sum(want[:i + 1]),
                "all zeros: either the list holds w.grad itself, which zero_() then wiped, or the snapshot was "
                "taken after zeroing. First append a copy (w.grad.clone()), then zero w.grad.": torch.zeros_like(want[i]),
                "the list holds the same tensor object n times (w.grad, updated in place), so every entry shows "
                "its final value. Append w.grad.clone().": sum(want),
            })
