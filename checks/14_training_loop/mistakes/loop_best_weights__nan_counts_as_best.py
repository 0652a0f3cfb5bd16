"""loop_best_weights: early stopping that hands back the best model, not the last.

Write fit_early_stopping(model, train_one_epoch, validate, patience, max_epochs).
Each epoch (counted from 1): call train_one_epoch() (it trains `model` in
place), then val_loss = validate(). Stop after `patience` bad epochs in a row
(the rules of loop_early_stopping, min_delta = 0) or after max_epochs epochs.
At the end, `model` itself must hold exactly the parameters AND buffers
(BatchNorm statistics) it had at the end of the best epoch. Return that
epoch's number.

The trap: model.state_dict() returns the live tensors, not a copy: the next
optimizer step changes them in place. Keep a real copy (copy.deepcopy, or
clone every tensor) and load it back with model.load_state_dict.

Read: torch.nn.Module.state_dict, torch.nn.Module.load_state_dict, copy.deepcopy
"""
import copy

import torch


def fit_early_stopping(model, train_one_epoch, validate, patience, max_epochs):
    best, best_epoch, best_state, bad = float("inf"), 0, None, 0
    for epoch in range(1, max_epochs + 1):
        train_one_epoch()
        val_loss = validate()
        if not val_loss >= best:
            best, best_epoch, bad = val_loss, epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            bad += 1
            if bad >= patience:
                break
    model.load_state_dict(best_state)
    return best_epoch


if __name__ == "__main__":
    model = torch.nn.Linear(1, 1, bias=False)
    losses = iter([3.0, 2.0, 2.5, 2.6])

    def train_one_epoch():
        with torch.no_grad():
            model.weight += 1.0

    print("best epoch", fit_early_stopping(model, train_one_epoch, lambda: next(losses), 2, 10),
          "weight", model.weight.item(), "(2.0 plus the starting weight)")
