"""losses_bce_logits: BCE from logits, and why sigmoid + BCELoss is a trap.

nn.BCELoss takes probabilities, so people write BCELoss()(sigmoid(z), y). For
z = -200 and y = 1, sigmoid(z) is 0 in float32 and BCELoss clamps log(0) to
-100: the loss sticks at 100 and the gradient is 0, so the model stops
learning from its worst mistakes. Work from the logits z instead.
Write bce_with_logits(z, y, pos_weight=None) equal to
F.binary_cross_entropy_with_logits(z, y, pos_weight=pos_weight): the mean over
all elements of  -(pw * y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z))),
using log(sigmoid(z)) = -softplus(-z) and log(1 - sigmoid(z)) = -softplus(z),
softplus(z) = log(1 + exp(z)) = torch.logaddexp(0, z) (it never overflows).
pw = pos_weight, one weight per label of the last dim (None means 1); set to
n_negative / n_positive, it makes a rare label's positives count more.
y may be soft: any value in [0, 1].

Read: torch.nn.BCEWithLogitsLoss (pos_weight), torch.logaddexp, torch.nn.BCELoss
"""
import torch


def bce_with_logits(z: torch.Tensor, y: torch.Tensor, pos_weight: torch.Tensor | None = None) -> torch.Tensor:
    zero = torch.zeros_like(z)
    log_p = -torch.logaddexp(zero, -z)      # log(sigmoid(z))
    log_not_p = -torch.logaddexp(zero, z)   # log(1 - sigmoid(z))
    pw = 1.0 if pos_weight is None else pos_weight
    return -(pw * y * log_p + (1 - y) * log_not_p).mean()


if __name__ == "__main__":
    z = torch.tensor([-200.0, 3.0], requires_grad=True)
    y = torch.tensor([1.0, 0.0])
    loss = bce_with_logits(z, y)
    loss.backward()
    print(loss.item(), z.grad)  # 101.52, [-0.5, 0.4763]
    print(torch.nn.BCELoss()(torch.sigmoid(z), y).item(), "<- sigmoid + BCELoss: stuck at (100 + 3.05) / 2")
