import copy

import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_close, fail


class Regressor(nn.Module):
    def __init__(self, scale):
        super().__init__()
        self.rnn = nn.RNN(2, 8, batch_first=True)
        self.head = nn.Linear(8, 1)
        with torch.no_grad():
            self.rnn.weight_hh_l0.mul_(scale)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[:, -1])


def reference_step(model, x, y, lr, max_norm):
    model.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    grads = [p.grad for p in model.parameters()]
    norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    factor = min(1.0, max_norm / (float(norm) + 1e-6))
    with torch.no_grad():
        for p in model.parameters():
            p -= lr * factor * p.grad
    return float(loss), float(norm)


def run(exercise, scale, max_norm, steps, seed, what):
    torch.manual_seed(seed)
    model = Regressor(scale)
    ref = copy.deepcopy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(16, 12, 2) * 3, torch.randn(16, 1) * 5
    for step in range(steps):
        loss = exercise.train_step(model, x, y, opt, max_norm)
        want_loss, norm = reference_step(ref, x, y, 0.1, max_norm)
        if loss is None or loss is Ellipsis:
            fail(f"train_step(...) returned {loss!r}.", hint="finish the TODO and return loss.item().")
        expect(isinstance(loss, float), f"train_step(...) should return the loss as a Python float, not "
                                        f"{type(loss).__name__}.", hint="return loss.item().")
        expect(abs(loss - want_loss) <= 1e-4 * max(1.0, abs(want_loss)),
               f"{what}, step {step + 1}: train_step returned the loss {loss:.6g}, expected {want_loss:.6g}.",
               hint="return the loss computed before optimizer.step(), as loss.item(); F.mse_loss(model(x), y)."
               if step == 0 else "zero the gradients at the start of every step, or they add up across steps.")
        for (name, p), q in zip(model.named_parameters(), ref.parameters()):
            expect_close(p.detach(), q.detach(), f"{name} after step {step + 1} ({what}; the total gradient norm "
                         f"was {norm:.3g}, max_norm {max_norm})", rtol=1e-4, atol=1e-5, hint=(
                             "clip once over ALL the parameters together, after backward() and before "
                             "optimizer.step(); scale only when the norm exceeds max_norm (clip_grad_norm_, not "
                             "clip_grad_value_)." if step == 0 else "step 1 was right, so the gradients of step 1 "
                             "probably leaked into step 2: call optimizer.zero_grad() at the start of every step."))


def test_exploding_gradient_is_clipped(exercise):
    run(exercise, 3.0, 1.0, 3, 0, "an RNN with large recurrent weights")


def test_small_gradient_left_alone(exercise):
    run(exercise, 0.5, 1000.0, 2, 1, "a gradient far below max_norm")


def test_moderate_max_norm(exercise):
    run(exercise, 1.5, 5.0, 2, 2, "max_norm 5")
