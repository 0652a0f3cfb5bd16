import torch


def _tiles(x: torch.Tensor, k: int) -> torch.Tensor:
    # TODO: crop to multiples of k and reshape to (N, C, H//k, k, W//k, k)
    n, c, h, w = x.shape
    return x.reshape(n, c, h // k, k, w // k, k)


def max_pool2d(x: torch.Tensor, k: int) -> torch.Tensor:
    # TODO
    return _tiles(x, k).amax(dim=(3, 5))


def avg_pool2d(x: torch.Tensor, k: int) -> torch.Tensor:
    # TODO
    return _tiles(x, k).mean(dim=(3, 5))

