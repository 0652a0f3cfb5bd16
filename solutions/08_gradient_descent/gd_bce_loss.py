"""gd_bce_loss: logistic regression's loss, written to survive large logits.

For a logit z (any real number) and a label y in {0, 1}, p = sigmoid(z) and
the binary cross-entropy is -(y log p + (1 - y) log(1 - p)). Written like
that, sigmoid(40) rounds to 1.0 in float32 and log(1 - p) is -inf.
The same loss in a stable form is  log(1 + exp(z)) - y * z, where
log(1 + exp(z)) = torch.logaddexp(torch.zeros_like(z), z) never overflows.
Write bce_with_logits(z, y): the mean of that over all elements.
No torch.nn (not even torch.nn.functional): the check looks.

Read: torch.logaddexp, torch.sigmoid, "log-sum-exp trick"
"""
import torch


def bce_with_logits(z, y):
    return (torch.logaddexp(torch.zeros_like(z), z) - y * z).mean()


if __name__ == "__main__":
    z = torch.tensor([-50.0, 0.0, 3.0, 50.0])
    y = torch.tensor([1.0, 0.0, 1.0, 0.0])
    print(bce_with_logits(z, y), "(expected about 25.18)")
