"""loop_best_weights: after early stopping, the model holds the best epoch's state.

train_one_epoch() really trains a small model with BatchNorm in place (SGD
steps and running statistics), validate() returns a scripted curve; the
check snapshots the model after every epoch's training and compares the end
state with the best epoch's snapshot, parameters and buffers alike.
"""
import torch
from dlings.testing import expect_equal, fail
from support_14_training_loop import model_differences
from torch import nn

CURVES = [
    # (val losses, patience, max_epochs, best epoch, epochs run)
    ([0.9, 0.7, 0.6, 0.65, 0.62, 0.64, 0.1], 3, 10, 3, 6),
    ([0.8, 0.5, 0.5, 0.55, 0.2, 0.9, 0.9, 0.9], 2, 10, 2, 4),          # a tie is not an improvement
    ([0.9, 0.8, 0.7, 0.6, 0.5, 0.4], 2, 4, 4, 4),       # max_epochs ends it; the best is the last
    ([0.9, 0.6, float("nan"), 0.7, 0.65, 0.4, 0.3, 0.3, 0.3, 0.3], 3, 10, 2, 5),   # a nan is a bad epoch, never the best
]


class Harness:
    def __init__(self, losses, seed=0):
        torch.manual_seed(seed)
        self.model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        g = torch.Generator().manual_seed(seed + 1)
        self.x, self.y = torch.randn(32, 4, generator=g) * 2 + 1, torch.randn(32, 1, generator=g)
        self.losses = list(losses)
        self.trained, self.validated, self.snapshots, self.order = 0, 0, {}, []

    def train_one_epoch(self):
        self.model.train()
        for i in range(0, 32, 8):
            self.opt.zero_grad()
            nn.functional.mse_loss(self.model(self.x[i:i + 8]), self.y[i:i + 8]).backward()
            self.opt.step()
        self.trained += 1
        self.order.append("train")
        self.snapshots[self.trained] = {k: v.clone() for k, v in self.model.state_dict().items()}

    def validate(self):
        self.validated += 1
        self.order.append("validate")
        if self.validated > len(self.losses):
            fail(f"validate() was called {self.validated} times; this curve has only {len(self.losses)} epochs.")
        return self.losses[self.validated - 1]


def test_best_state_restored(exercise):
    for losses, patience, max_epochs, best, runs in CURVES:
        h = Harness(losses)
        call = f"fit_early_stopping(..., patience={patience}, max_epochs={max_epochs}) with val losses {losses}"
        got = exercise.fit_early_stopping(h.model, h.train_one_epoch, h.validate, patience, max_epochs)
        if got is None or got is Ellipsis:
            fail(f"{call} returned None; it should return the best epoch's number.",
                 hint="finish the TODO and return best_epoch.")
        if h.order[:2] == ["validate", "train"]:
            fail(f"{call} called validate() before train_one_epoch(); each epoch trains first, then validates.")
        expect_equal(h.trained, runs, f"the number of epochs {call} ran",
                     hint=f"stop after {patience} bad epochs in a row (the best epoch is {best}), or after "
                          f"max_epochs; a tie is not an improvement" + (
                              "; a nan is a bad epoch (`not val_loss >= best` counts it as an improvement: "
                              "write val_loss < best)." if any(v != v for v in losses) else "."))
        expect_equal(got, best, f"the best epoch {call} returned", hint="epochs count from 1; a tie is not an "
                     "improvement" + ("; a nan is a bad epoch, never the best." if any(v != v for v in losses) else "."))
        state = h.model.state_dict()
        if not model_differences(h.model, _as_module(h.snapshots[best], h.model)):
            continue
        diff_params = [k for k in state if "running" not in k and "num_batches" not in k
                       and not torch.equal(state[k], h.snapshots[best][k])]
        diff_buffers = [k for k in state if ("running" in k or "num_batches" in k)
                        and not torch.equal(state[k], h.snapshots[best][k])]
        last = h.snapshots[h.trained]
        if all(torch.equal(state[k], last[k]) for k in state):
            fail(f"after {call}, the model holds the LAST epoch's state (epoch {h.trained}), not the best one "
                 f"(epoch {best}).", hint="either the best state was kept without a copy (model.state_dict() "
                 "gives the live tensors, and training went on changing them), or it was never loaded back into "
                 "the model you were given (`model = best_model` only rebinds a local name). Keep "
                 "copy.deepcopy(model.state_dict()) and call model.load_state_dict(...) at the end.")
        if best > 1 and all(torch.equal(state[k], h.snapshots[best - 1][k]) for k in state):
            fail(f"after {call}, the model holds the state of epoch {best - 1}, one before the best.",
                 hint="save the state after the epoch's training and validation, when that epoch improves.")
        if not diff_params and diff_buffers:
            fail(f"after {call}, the parameters are the best epoch's but the BatchNorm buffers "
                 f"({', '.join(diff_buffers)}) are not.", hint="save and restore the whole model.state_dict() "
                 "(parameters AND buffers), not just model.parameters().")
        fail(f"after {call}, the model does not hold the state it had at the end of epoch {best}: "
             f"{', '.join(diff_params + diff_buffers)} differ.", hint="copy the state when an epoch improves, and "
             "load it into the model you were given (model.load_state_dict) before returning.")


def _as_module(state, like):
    import copy

    other = copy.deepcopy(like)
    other.load_state_dict(state)
    return other
