"""loop_early_stopping: stop when validation stops improving.

Write the class EarlyStopping(patience, min_delta=0.0). Call step(val_loss)
once per epoch (the first call is epoch 1); it returns True when training
should stop. Rules:
  - an epoch IMPROVES when val_loss < best - min_delta (best starts at +inf,
    so epoch 1 always improves): best = val_loss, best_epoch = that epoch,
    and the count of bad epochs goes back to 0;
  - every other epoch is BAD (a tie, a gain smaller than min_delta, a nan):
    best and best_epoch stay, the count goes up by one;
  - step returns True as soon as the count reaches patience.
Keep the attributes best and best_epoch up to date.

Read: "early stopping" in the Keras or Lightning docs (EarlyStopping callback)
"""
import math


class EarlyStopping:
    def __init__(self, patience, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best = math.inf
        self.best_epoch = 0
        self.epoch = 0
        self.bad_epochs = 0

    def step(self, val_loss):
        self.epoch += 1
        if val_loss >= self.best - self.min_delta:
            self.bad_epochs += 1
        else:
            self.best = val_loss
            self.best_epoch = self.epoch
            self.bad_epochs = 0
        return self.bad_epochs >= self.patience


if __name__ == "__main__":
    stopper = EarlyStopping(patience=2)
    for val_loss in [0.9, 0.7, 0.6, 0.65, 0.62, 0.5]:
        stop = stopper.step(val_loss)
        print(f"epoch {stopper.epoch}: val_loss {val_loss} best {stopper.best} stop={stop}")
        if stop:
            break
