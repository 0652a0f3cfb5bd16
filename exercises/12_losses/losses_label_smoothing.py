"""losses_label_smoothing: softer targets.

A one-hot target asks for probability 1, which a model only approaches with
ever larger logits: it grows overconfident. Label smoothing with eps moves
eps of the target's mass to a uniform spread over ALL C classes (the true
one included):   q = (1 - eps) * one_hot(target) + eps / C
The loss is the cross-entropy against q, -sum_c q_c * log_softmax(logits)_c,
averaged over the samples. Write smoothed_cross_entropy(logits, target, eps)
for logits (N, C), equal to F.cross_entropy(logits, target,
label_smoothing=eps); logits of +-1000 must work. No F.cross_entropy itself.

Read: torch.nn.functional.cross_entropy (label_smoothing), torch.log_softmax
"""
import torch


def smoothed_cross_entropy(logits: torch.Tensor, target: torch.Tensor, eps: float) -> torch.Tensor:
    # TODO: log-probabilities; the smoothed target q; -sum over classes of q * log-probabilities; mean
    ...


if __name__ == "__main__":
    logits = torch.tensor([[10.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    target = torch.tensor([0, 1])
    for eps in [0.0, 0.1, 0.5]:
        print(eps, smoothed_cross_entropy(logits, target, eps).item())
