"""losses_focal: focal loss, when easy examples drown out the hard ones.

In object detection most candidate boxes are easy background: each adds a
little loss, and together they outweigh the few hard examples. Focal loss
(RetinaNet) scales each element's binary cross-entropy down when the model
is already right. With p = sigmoid(z) and y in {0, 1}, per element:
    p_t     = p * y + (1 - p) * (1 - y)             (probability of the right answer)
    alpha_t = alpha * y + (1 - alpha) * (1 - y)     (1 when alpha is None)
    loss    = alpha_t * (1 - p_t) ** gamma * bce_with_logits(z, y)
Write focal_loss(z, y, alpha=0.25, gamma=2.0): the mean over all elements,
as torchvision.ops.sigmoid_focal_loss(z, y, alpha, gamma, reduction="mean")
(which spells alpha=None as alpha=-1; do not call it). Logits of +-1000 must
work: take the BCE part in the stable form, never -log(p_t).

Read: torchvision.ops.sigmoid_focal_loss, torch.nn.functional.binary_cross_entropy_with_logits
"""
import torch
import torch.nn.functional as F


def focal_loss(z: torch.Tensor, y: torch.Tensor, alpha: float | None = 0.25, gamma: float = 2.0) -> torch.Tensor:
    p = torch.sigmoid(z)
    ce = F.binary_cross_entropy_with_logits(z, y, reduction="none")
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * (1 - p_t) ** gamma
    if alpha:

        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return loss.mean()


if __name__ == "__main__":
    z = torch.tensor([4.0, -4.0, 0.0, -3.0])
    y = torch.tensor([1.0, 0.0, 1.0, 1.0])
    print("bce  ", F.binary_cross_entropy_with_logits(z, y, reduction="none"))
    print("focal", [focal_loss(z[i:i + 1], y[i:i + 1], alpha=None).item() for i in range(4)])
