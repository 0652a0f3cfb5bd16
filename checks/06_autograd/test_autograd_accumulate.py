import torch

from dlings.testing import expect_close, expect_equal, expect_tensor


def test_accumulated_equals_full_batch(exercise):
    torch.manual_seed(0)
    for n, d, micro in [(10, 3, 4), (9, 2, 3), (7, 4, 7), (5, 3, 2)]:
        x, y = torch.randn(n, d), torch.randn(n)
        w = torch.randn(d, requires_grad=True)
        calls = []
        w.register_hook(lambda g: calls.append(1))
        got = exercise.accumulated_grad(w, x, y, micro)
        what = f"accumulated_grad for {n} rows in micro-batches of {micro}"
        expect_tensor(got, what, hint="nothing reached w.grad: compute each micro-batch loss and call .backward() on it.")
        wd = w.detach()
        want = 2 * x.t() @ (x @ wd - y) / n
        chunks = list(zip(x.split(micro), y.split(micro)))
        means = sum(2 * xb.t() @ (xb @ wd - yb) / len(xb) for xb, yb in chunks)
        expect_close(got, want, what, rtol=1e-5, atol=1e-6, mistakes={
            "each micro-batch used its own mean, so the summed gradients come out several times too large. "
            "Divide each micro-batch's summed loss by the FULL batch size len(x).": means,
            "each micro-batch mean divided by the number of micro-batches is only right when all micro-batches "
            "have the same size; the last one here is smaller. Sum the squared errors and divide by len(x).":
                means / len(chunks),
            "only the last micro-batch counts: w.grad was reset inside the loop. Accumulation means NOT zeroing "
            "between micro-batches.": 2 * chunks[-1][0].t() @ (chunks[-1][0] @ wd - chunks[-1][1]) / n,
        })
        expect_equal(len(calls), len(chunks), f"the number of backward passes that reached w ({what})",
                     hint="call backward once per micro-batch, inside the loop: that is what lets a large batch "
                          "fit in memory.")
