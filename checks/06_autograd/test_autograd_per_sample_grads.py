import torch

from dlings.testing import expect_close, no_loops


def _reference(w, xs, ys):
    rows = []
    for x, y in zip(xs, ys):
        wc = w.detach().clone().requires_grad_(True)
        ((torch.tanh(x @ wc) - y) ** 2).sum().backward()
        rows.append(wc.grad)
    return torch.stack(rows)


def test_no_loops(exercise):
    no_loops(exercise.per_sample_grads)


def test_per_sample_grads(exercise):
    torch.manual_seed(0)
    for n, d, k in [(5, 3, 2), (7, 4, 1), (1, 2, 3)]:
        w, xs, ys = torch.randn(d, k), torch.randn(n, d), torch.randn(n, k)
        want = _reference(w, xs, ys)
        got = exercise.per_sample_grads(w, xs, ys)
        expect_close(got, want, f"per_sample_grads for {n} samples, w of shape {(d, k)}", rtol=1e-5, atol=1e-6,
                     hint="the result must hold one gradient per sample: shape (N, *w.shape), row n the gradient of "
                          "loss_one(w, xs[n], ys[n]) with respect to w (argnums=0, the default).",
                     mistakes={"every row is the gradient of the whole batch's loss: the per-sample gradients got "
                               "summed. grad must act on loss_one of a single sample, inside vmap.":
                               want.sum(0, keepdim=True).expand_as(want),
                               "every row is the mean gradient of the batch, not that sample's own gradient.":
                               want.mean(0, keepdim=True).expand_as(want)})
