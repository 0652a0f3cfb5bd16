"""gd_fit: one trainer, two models.

Put the track together. Write fit(X, y, loss_fn, lr, epochs, batch_size, seed)
for the linear model X @ w + b, with any loss:
  - w = zeros(D), b = zeros(()), both requiring grad
  - gen = torch.Generator().manual_seed(seed); each epoch draws one
    permutation torch.randperm(N, generator=gen) and walks it in batches
    (last smaller batch kept), as in gd_minibatch
  - per batch: loss = loss_fn(X[idx] @ w + b, y[idx]); backward; SGD update
    under torch.no_grad(); clear the gradients
Return (w, b). The check trains linear regression (MSE) to a loss bar and
logistic regression (BCE) to an accuracy bar with it. No torch.nn/optim, no
`.data` (the check looks).

Read: your gd_minibatch and gd_bce_loss
"""
import torch


def fit(X, y, loss_fn, lr, epochs, batch_size, seed):
    # TODO
    ...


if __name__ == "__main__":
    X = torch.randn(200, 3)
    y = X @ torch.tensor([1.0, -2.0, 0.5]) + 1.0
    w, b = fit(X, y, lambda p, t: ((p - t) ** 2).mean(), 0.05, 20, 16, 0)
    print("w", w.detach(), "b", b.item())
