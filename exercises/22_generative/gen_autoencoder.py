"""gen_autoencoder: compress an image to a few numbers and rebuild it.

An autoencoder learns with no labels: the target is the input itself, and
the bottleneck (a latent of a few numbers) forces it to keep what matters.
Build Autoencoder(latent, hidden): self.encoder maps (B, 3, 16, 16) to
(B, latent): Flatten, Linear(768, hidden), ReLU, Linear(hidden, latent).
self.decoder maps (B, latent) back to (B, 3, 16, 16) with values in (0, 1):
Linear(latent, hidden), ReLU, Linear(hidden, 768), Sigmoid, Unflatten.
The check trains it with MSE(model(x), x) on `shapes` images; test error
must fall well below that of predicting the mean image.

Read: torch.nn.Flatten, torch.nn.Unflatten, torch.nn.Sigmoid
"""
import torch
from torch import nn


class Autoencoder(nn.Module):
    def __init__(self, latent: int = 8, hidden: int = 128):
        super().__init__()
        # TODO: self.encoder and self.decoder, as nn.Sequential
        ...

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: encode, then decode
        ...


if __name__ == "__main__":
    model = Autoencoder(latent=8)
    x = torch.rand(4, 3, 16, 16)
    print(model.encoder(x).shape, model(x).shape)  # (4, 8) and (4, 3, 16, 16)
