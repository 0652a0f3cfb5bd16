"""loop_read_curves: name what went wrong from the logged history.

Write diagnose(history): history = {"train_loss": [...], "val_loss": [...]},
one value per epoch (at least 2 epochs). Return exactly one of these strings,
testing the rules in this order (the first that applies wins):
  "diverging"   a train_loss is nan or inf, or the last train_loss is above
                the first;
  "plateaued"   the last train_loss is above 0.9 x the first (it fell by
                less than 10 %);
  "overfitting" the lowest val_loss (its first occurrence) came 3 or more
                epochs before the last epoch, and the last val_loss is more
                than 10 % above that lowest value;
  "healthy"     none of the above.
What each one calls for: a lower lr (diverging), a higher lr or a bigger
model (plateaued), early stopping or regularisation (overfitting).

Read: math.isfinite
"""
import math


def diagnose(history):
    train, val = history["train_loss"], history["val_loss"]
    if not all(math.isfinite(v) for v in train) or train[-1] > train[0]:
        return "diverging"
    if train[-1] > 0.9 * train[0]:
        return "plateaued"
    best = len(val) - 1 - val[::-1].index(min(val))
    if len(val) - 1 - best >= 3 and val[-1] > 1.1 * val[best]:
        return "overfitting"
    return "healthy"


if __name__ == "__main__":
    history = {"train_loss": [2.3, 1.2, 0.7, 0.4, 0.2, 0.1, 0.05],
               "val_loss": [2.3, 1.3, 0.9, 0.85, 0.95, 1.1, 1.3]}
    print(diagnose(history))
