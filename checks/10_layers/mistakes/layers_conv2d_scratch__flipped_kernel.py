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
            out = out + torch.einsum("nchw,oc->nohw", patch, weight[:, :, kh - 1 - i, kw - 1 - j])
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out

