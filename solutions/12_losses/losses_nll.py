"""losses_nll: NLLLoss takes log-probabilities.

nn.NLLLoss does no softmax: it picks -log_probs[target] and averages, so
CrossEntropyLoss(logits) == NLLLoss(log_softmax(logits)). The class dim is
dim 1, also for inputs of shape (N, C, d1, d2, ...) (a score per token or per
pixel), whose targets have shape (N, d1, d2, ...).

Write nll_loss(log_probs, target): the mean, over all N * d1 * d2 * ...
positions, of -log_probs at the target class (take the input as it is).
Write cross_entropy_via_nll(logits, target): log_softmax over the class dim,
then your nll_loss. Not torch.log(torch.softmax(...)): a probability of
exp(-2000) is 0 in float32, and its log is -inf.

Read: torch.gather, torch.log_softmax, torch.nn.NLLLoss
"""
import torch


def nll_loss(log_probs: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    picked = log_probs.gather(1, target.unsqueeze(1)).squeeze(1)
    return -picked.mean()


def cross_entropy_via_nll(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return nll_loss(torch.log_softmax(logits, dim=1), target)


if __name__ == "__main__":
    logits = torch.tensor([[2000.0, 0.0], [1.0, 2.0]])
    target = torch.tensor([1, 1])
    print(cross_entropy_via_nll(logits, target))  # (2000 + 0.3133) / 2 = 1000.1566
    pixels = torch.randn(2, 3, 4, 4)  # 2 images, 3 classes, 4x4 pixels
    print(cross_entropy_via_nll(pixels, torch.randint(0, 3, (2, 4, 4))))
