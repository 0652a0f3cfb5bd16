import torch


def logsumexp(x: torch.Tensor, dim: int) -> torch.Tensor:
    m = x.amax(dim=dim, keepdim=True)
    return (m + (x - m).exp().sum(dim=dim, keepdim=True).log()).squeeze(dim)


def log_softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    e = (x - x.amax(dim=dim, keepdim=True)).exp()
    return torch.log(e / e.sum(dim=dim, keepdim=True))
