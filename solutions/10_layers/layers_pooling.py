"""layers_pooling: max and average pooling with one reshape.

With kernel_size = stride = k and no padding, pooling splits each (H, W) map
into k x k tiles and keeps the max (or mean) of each tile. Rows/columns left
over at the bottom/right (H or W not divisible by k) are dropped, as in
nn.MaxPool2d. Trick: crop, then reshape (N, C, H, W) into
(N, C, H//k, k, W//k, k) and reduce over the two tile dimensions.
Write `max_pool2d(x, k)` and `avg_pool2d(x, k)` for x of shape (N, C, H, W),
which may be non-contiguous. No Python loops.
Not allowed: F.max_pool2d / F.avg_pool2d (and their nn, adaptive, unfold cousins).

Read: torch.Tensor.reshape (vs view), torch.amax, torch.Tensor.mean, torch.nn.MaxPool2d
"""
import torch


def _tiles(x: torch.Tensor, k: int) -> torch.Tensor:
    # TODO: crop to multiples of k and reshape to (N, C, H//k, k, W//k, k)
    n, c, h, w = x.shape
    x = x[:, :, : h // k * k, : w // k * k]
    return x.reshape(n, c, h // k, k, w // k, k)


def max_pool2d(x: torch.Tensor, k: int) -> torch.Tensor:
    # TODO
    return _tiles(x, k).amax(dim=(3, 5))


def avg_pool2d(x: torch.Tensor, k: int) -> torch.Tensor:
    # TODO
    return _tiles(x, k).mean(dim=(3, 5))


if __name__ == "__main__":
    x = torch.arange(16.0).reshape(1, 1, 4, 4)
    print(max_pool2d(x, 2), avg_pool2d(x, 2), sep="\n")
