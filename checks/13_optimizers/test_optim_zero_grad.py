import copy

import torch
from torch import nn

from dlings.testing import expect_close, fail


class TwoHeads(nn.Module):
    """The exercise file's model, rebuilt here so the check does not depend on the learner's copy."""

    def __init__(self):
        super().__init__()
        self.trunk, self.head_a, self.head_b = nn.Linear(4, 8), nn.Linear(8, 1), nn.Linear(8, 1)

    def loss_a(self, x, y):
        return ((self.head_a(torch.tanh(self.trunk(x))) - y) ** 2).mean()

    def loss_b(self, x, y):
        return ((self.head_b(torch.tanh(self.trunk(x))) - y) ** 2).mean()


def _setup(seed):
    """Three joint steps on A and B; the last backward's gradients are left in every .grad."""
    torch.manual_seed(seed)
    model = TwoHeads()
    opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.1)
    g = torch.Generator().manual_seed(seed)
    batches = [(torch.randn(16, 4, generator=g), torch.randn(16, 1, generator=g)) for _ in range(6)]
    for x, y in batches[:3]:
        opt.zero_grad()
        (model.loss_a(x, y) + model.loss_b(x, y)).backward()
        opt.step()
    (model.loss_a(*batches[3]) + model.loss_b(*batches[3])).backward()   # stale gradients, as after a step
    return model, opt, batches[4:]


def _reference(model, opt, batches):
    model, opt_ref = copy.deepcopy(model), None
    opt_ref = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.1)
    opt_ref.load_state_dict(copy.deepcopy(opt.state_dict()))
    for x, y in batches:
        opt_ref.zero_grad()
        model.loss_a(x, y).backward()
        opt_ref.step()
    return model


def test_head_b_stays_put_and_task_a_trains(exercise):
    for seed in [0, 1]:
        model, opt, batches = _setup(seed)
        ref = _reference(model, opt, batches)
        head_b = {n: p.detach().clone() for n, p in model.head_b.named_parameters()}
        seen = []   # head_b's .grad as each optimizer.step() found it: "None", "zeros" or "a gradient"

        def look(optimizer, args, kwargs):
            grads = [p.grad for p in model.head_b.parameters()]
            seen.append("None" if all(g is None for g in grads) else
                        "zeros" if all(g is not None and not bool(g.any()) for g in grads) else "a gradient")

        handle = opt.register_step_pre_hook(look)
        try:
            for call, (x, y) in enumerate(batches):
                before = len(seen)
                exercise.train_step_a(model, opt, x, y)
                steps = len(seen) - before
                if steps != 1:
                    fail(f"train_step_a called optimizer.step() {steps} times; one training step calls it once.",
                         hint="finish the TODO: zero_grad, loss_a(x, y).backward(), optimizer.step()." if steps == 0
                         else "call optimizer.step() once per train_step_a.")
        finally:
            handle.remove()
        for name, p in model.head_b.named_parameters():
            if not torch.equal(p.detach(), head_b[name]):
                found = next((s for s in seen if s != "None"), "None")
                cause = {
                    "zeros": "when step() ran, head_b's .grad was a tensor of zeros (zero_grad(set_to_none=False)), "
                             "and AdamW still steps a parameter with a zero gradient: its momentum, and the weight "
                             "decay. A .grad of None (set_to_none=True, the default) makes AdamW skip head_b.",
                    "a gradient": "when step() ran, head_b's .grad held a gradient: either the loss included task "
                                  "B, or an old gradient was left in .grad (no zero_grad before backward(), or "
                                  "zero_grad only after step(); requires_grad_(False) does not clear a .grad "
                                  "that is already there), so AdamW stepped head_b with it.",
                    "None": "head_b's .grad was None at every step(), yet head_b changed: only optimizer.step() "
                            "should change parameters.",
                }[found]
                fail(f"two calls of train_step_a changed head_b.{name} by up to "
                     f"{(p.detach() - head_b[name]).abs().max().item():.3g}; it should not change at all.",
                     hint=cause)
        for (name, r), p in zip(ref.named_parameters(), model.parameters()):
            expect_close(p.detach(), r.detach(), f"{name} after two calls of train_step_a", rtol=1e-6, atol=1e-7,
                         hint="each step's gradient must be task A's gradient of THIS batch alone: clear the old "
                              "gradients (zero_grad) before backward(), then step() once.")
