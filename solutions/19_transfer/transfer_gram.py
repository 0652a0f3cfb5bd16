"""transfer_gram: the Gram matrix, a picture's style without its layout.

Neural style transfer describes the STYLE of an image by which feature
channels fire together, wherever they fire: for a feature map F of one image
with C channels over H x W positions, its Gram matrix is

    G[i, j] = sum over positions p of F[i, p] * F[j, p], divided by H * W

a C x C matrix that moving things around the image does not change.

Write gram_matrix(features): features (N, C, H, W) -> (N, C, C), one Gram
matrix per image of the batch, in the input's dtype and on its device, and
differentiable (style transfer backpropagates through it). Any input layout
(a permuted, non-contiguous tensor too) must work.

Read: torch.Tensor.reshape, torch.bmm (or torch.matmul), torch.Tensor.transpose
"""
import torch


def gram_matrix(features: torch.Tensor) -> torch.Tensor:
    n, c, h, w = features.shape
    flat = features.reshape(n, c, h * w)
    return flat @ flat.transpose(1, 2) / (h * w)


if __name__ == "__main__":
    f = torch.rand(2, 3, 4, 4)
    print(gram_matrix(f).shape, "(expected (2, 3, 3))")
    print(torch.allclose(gram_matrix(f), gram_matrix(f.roll(1, dims=3))), "(a shifted picture: same style)")
