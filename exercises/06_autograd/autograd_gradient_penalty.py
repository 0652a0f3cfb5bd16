"""autograd_gradient_penalty: a loss made of gradients (WGAN-GP).

A gradient penalty keeps a critic's slope near 1: for each sample n take
g_n = d critic(x_n) / d x_n and penalise (||g_n|| - 1)^2, averaged over the
batch. The penalty is then part of the loss, so backward must be able to go
THROUGH those gradients to the weights w: this needs create_graph=True.

Finish `gradient_penalty(w, x)`: return the scalar penalty, differentiable
w.r.t. w. Do not call backward here (the training step will), and do not
change the caller's w.grad. Each score depends only on its own row of x.

Read: torch.autograd.grad (create_graph=), torch.linalg.vector_norm (dim=)
"""
import torch


def critic(w, x):
    return torch.tanh(x @ w).sum(dim=1)   # one score per sample


def gradient_penalty(w, x):
    x = x.detach().clone().requires_grad_(True)
    scores = critic(w, x)
    # TODO: g = d scores / d x, one row per sample, still differentiable; then mean((||g_n|| - 1)^2)
    raise NotImplementedError


if __name__ == "__main__":
    w = torch.randn(3, 4, requires_grad=True)
    gp = gradient_penalty(w, torch.randn(8, 3))
    gp.backward()
    print(gp, w.grad)
