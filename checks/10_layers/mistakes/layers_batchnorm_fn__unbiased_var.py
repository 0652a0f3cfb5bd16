import torch


def batch_norm_train(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    dims = [0] + list(range(2, x.dim()))  # every dim except the channel dim 1
    shape = [1, -1] + [1] * (x.dim() - 2)  # how (C,) tensors broadcast against x
    # TODO: per-channel mean and biased var over `dims`, normalise, then scale and shift
    mean = x.mean(dim=dims, keepdim=True)
    var = x.var(dim=dims, keepdim=True, unbiased=True)
    x_hat = (x - mean) / torch.sqrt(var + eps)
    return x_hat * weight.view(shape) + bias.view(shape)

