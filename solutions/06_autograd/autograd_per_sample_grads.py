"""autograd_per_sample_grads: one gradient per sample, with vmap(grad(...)).

backward() gives the gradient of one scalar: for a batch, the gradient of
the summed (or mean) loss. Per-sample gradients (for clipping in DP-SGD, or
spotting outliers) need one gradient per sample. torch.func composes: write
the loss of ONE sample, take `grad` of it, and `vmap` that over the batch.

Make `per_sample_grads(w, xs, ys)` return a tensor of shape (N, *w.shape)
whose row n is the gradient of loss_one(w, xs[n], ys[n]) with respect to w.
w is shared by all samples (in_dims=None for it). No Python loops (checked).

Read: torch.func.grad, torch.func.vmap (in_dims=)
"""
import torch
from torch.func import grad, vmap


def loss_one(w, x, y):
    return ((torch.tanh(x @ w) - y) ** 2).sum()   # x: (d,), w: (d, k), y: (k,)


def per_sample_grads(w, xs, ys):
    # TODO: vmap the gradient of loss_one (w.r.t. w) over the samples of xs and ys
    return vmap(grad(loss_one), in_dims=(None, 0, 0))(w, xs, ys)


if __name__ == "__main__":
    w, xs, ys = torch.randn(3, 2), torch.randn(5, 3), torch.randn(5, 2)
    print(per_sample_grads(w, xs, ys).shape)   # torch.Size([5, 3, 2])
