"""layers_conv2d_scratch: a 2D convolution from slices.

F.conv2d(x, weight, bias, stride, padding) with x (N, C, H, W) and weight
(O, C, kH, kW) computes, for each kernel offset (i, j), the strided slice of
the (zero-padded) input under that offset, mixes its C channels into O with
weight[:, :, i, j], and sums over all offsets; then adds bias (O,) per channel.
It is cross-correlation: the kernel is NOT flipped.
Write `conv2d`; a Python loop over the kH * kW kernel offsets is fine (not over
pixels). Output size: (H + 2p - kH) // stride + 1 (no dilation here).
Not allowed: F.conv2d, torch.conv2d, nn.Conv2d, torch.convolution, F.unfold
(im2col). Tensor.unfold, the sliding-window view, is allowed.

Read: torch.nn.functional.pad, torch.einsum, torch.nn.Conv2d
"""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride: int = 1, padding: int = 0):
    x = F.pad(x, (padding, padding, padding, padding))
    n, c, h, w = x.shape
    o, _, kh, kw = weight.shape
    ho, wo = (h - kh) // stride + 1, (w - kw) // stride + 1
    out = x.new_zeros(n, o, ho, wo)
    # TODO: add each kernel offset's contribution to out, then the bias
    for i in range(kh):
        for j in range(kw):
            patch = x[:, :, i:i + stride * (ho - 1) + 1:stride, j:j + stride * (wo - 1) + 1:stride]
            out = out + torch.einsum("nchw,oc->nohw", patch, weight[:, :, i, j])
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out


if __name__ == "__main__":
    x, w = torch.randn(1, 2, 5, 5), torch.randn(3, 2, 3, 3)
    print((conv2d(x, w, stride=2, padding=1) - F.conv2d(x, w, stride=2, padding=1)).abs().max())
