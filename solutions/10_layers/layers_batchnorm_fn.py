"""layers_batchnorm_fn: batch normalisation in training mode.

In training, BatchNorm normalises each CHANNEL (dim 1) with the mean and the
biased variance (divide by n, not n - 1) over every other dim: the batch, and
H, W for images. Then it scales and shifts per channel:
    y = (x - mean) / sqrt(var + eps) * weight + bias
Write `batch_norm_train(x, weight, bias, eps)` for x of shape (N, C) or
(N, C, H, W); weight and bias have shape (C,).
Not allowed: F.batch_norm, torch.batch_norm, nn.BatchNorm*, F.layer_norm, F.instance_norm.

Read: torch.nn.BatchNorm2d (the formula), torch.Tensor.var (the `correction`
argument), torch.Tensor.mean with a tuple of dims and keepdim=True
"""
import torch


def batch_norm_train(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    dims = [0] + list(range(2, x.dim()))  # every dim except the channel dim 1
    shape = [1, -1] + [1] * (x.dim() - 2)  # how (C,) tensors broadcast against x
    # TODO: per-channel mean and biased var over `dims`, normalise, then scale and shift
    mean = x.mean(dim=dims, keepdim=True)
    var = x.var(dim=dims, keepdim=True, correction=0)
    x_hat = (x - mean) / torch.sqrt(var + eps)
    return x_hat * weight.view(shape) + bias.view(shape)


if __name__ == "__main__":
    x = torch.randn(8, 3, 4, 4) * 5 + 2
    y = batch_norm_train(x, torch.ones(3), torch.zeros(3))
    print(y.mean(dim=(0, 2, 3)), y.std(dim=(0, 2, 3)))  # ~0 and ~1 per channel
