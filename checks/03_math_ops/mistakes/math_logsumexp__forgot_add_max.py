import torch


def logsumexp(x: torch.Tensor, dim: int) -> torch.Tensor:
    m = x.amax(dim=dim, keepdim=True)
    return (x - m).exp().sum(dim=dim).log()


def log_softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    return x - logsumexp(x, dim).unsqueeze(dim)
