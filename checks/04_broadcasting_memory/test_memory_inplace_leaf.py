import torch

from dlings.testing import expect, expect_close


def _loss(w, x):
    return ((x @ w).sin() ** 2).sum()


def test_three_steps_match_reference(exercise):
    torch.manual_seed(0)
    x = torch.randn(6, 4)
    w = torch.randn(4, 2, requires_grad=True)
    ref = w.detach().clone().requires_grad_(True)
    address = w.data_ptr()
    for step in range(1, 4):
        _loss(w, x).backward()
        expected_step = w.detach() - 0.1 * w.grad
        exercise.sgd_step_(w, 0.1)
        expect(w.is_leaf and w.requires_grad,
               f"after sgd_step_ (step {step}) w is no longer a leaf that requires grad.",
               hint="update w's values under torch.no_grad(), so autograd does not record the update.")
        expect(w.data_ptr() == address, f"after sgd_step_ (step {step}) w lives in new memory.",
               hint="update in place (w -= ..., w.sub_(...)), do not build a new tensor.")
        expect_close(w.detach(), expected_step, what=f"w after sgd_step_(w, 0.1), step {step}",
                     mistakes={"w did not change: `w = w - lr * w.grad` only rebinds the local name inside the "
                               "function; the caller's tensor stays as it was. Update in place.":
                               lambda: expected_step + 0.1 * w.grad if w.grad is not None else None},
                     hint="if steps 2 and 3 are off, the gradient was not zeroed and backward() added to it.")
        # torch's SGD does the same thing
        opt = torch.optim.SGD([ref], lr=0.1)
        opt.zero_grad()
        _loss(ref, x).backward()
        opt.step()
        expect(w.grad is None or bool((w.grad == 0).all()),
               f"after sgd_step_ (step {step}) w.grad still holds the old gradient.",
               hint="zero it (w.grad.zero_() or w.grad = None): backward() ADDS to .grad, so the next step would "
                    "use the sum of both gradients.")
    expect_close(w.detach(), ref.detach(), what="w after three sgd_step_ calls, compared with torch.optim.SGD")
