"""reg_nan_fix_loss: find where a loss turns NaN, then make it safe.

broken_loss below is cross-entropy on logits plus the mean distance between
pairs of embeddings, written the way it reads on paper. Training with it
stops in NaN: run this file, where detect_anomaly names the backward node
that made the first NaN and prints the forward line that built it. It has
two such lines. Write fixed_loss(logits, target, a, b): the SAME value as the
math of broken_loss, within 1e-5 (no clamping, and no eps that moves a zero
distance by more than 1e-5), but finite, with finite gradients, for any
finite inputs: huge logits (a log of a softmax that underflowed to 0), and
pairs where a == b (the gradient of sqrt at 0 is inf, and the chain rule
multiplies it by 0).

Read: torch.nn.functional.log_softmax, torch.nn.functional.cross_entropy, torch.linalg.vector_norm, torch.autograd.detect_anomaly
"""
import torch
import torch.nn.functional as F


def broken_loss(logits, target, a, b):
    p = torch.softmax(logits, dim=1)
    ce = -torch.log(p[torch.arange(len(target)), target]).mean()
    dist = ((a - b) ** 2).sum(dim=1).sqrt().mean()
    return ce + dist


def fixed_loss(logits, target, a, b):
    p = torch.softmax(logits, dim=1)
    ce = -torch.log(p[torch.arange(len(target)), target]).mean()
    dist = torch.linalg.vector_norm(a - b, dim=1).mean()
    return ce + dist


if __name__ == "__main__":
    logits = torch.tensor([[2.0, 0.5], [150.0, -150.0]], requires_grad=True)
    target = torch.tensor([0, 1])
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = torch.tensor([[1.0, 2.0], [0.0, 0.0]])
    try:
        with torch.autograd.detect_anomaly():
            broken_loss(logits, target, a, b).backward()
    except RuntimeError as e:
        print("anomaly mode:", str(e).splitlines()[0])
    logits.grad = a.grad = None
    loss = fixed_loss(logits, target, a, b)
    loss.backward()
    print(loss, logits.grad, a.grad)
