"""transfer_style: neural style transfer, by optimising the picture itself.

Style transfer trains no network: it takes a pretrained one, freezes it, and
runs gradient descent on the PIXELS of an image, so that its deepest
features match a content image (what is where) and the Gram matrices of all
its feature maps match a style image (textures, wherever they are).

Write stylize(content, style, extractor, steps, style_weight, lr). extractor
(an nn.Module, the dlings backbone's blocks) maps images to a list of feature
maps, shallow to deep. Start from a copy of content (leave content itself
untouched) and run `steps` steps of torch.optim.Adam over that image ONLY
(lr). Each step's loss: F.mse_loss of the image's last feature map against
content's, plus style_weight times the sum, over all feature maps, of
F.mse_loss of the image's Gram matrix against style's. After each step clamp
the pixels into [0, 1]. Return the image, detached.

Read: torch.Tensor.requires_grad_, torch.optim.Adam (params: any leaf
tensors), torch.Tensor.clamp_ under torch.no_grad(), Gatys et al. (2016)
"""
import torch
import torch.nn.functional as F
from torch import nn


def gram_matrix(features: torch.Tensor) -> torch.Tensor:
    n, c, h, w = features.shape
    flat = features.reshape(n, c, h * w)
    return flat @ flat.transpose(1, 2) / (h * w)


def stylize(content: torch.Tensor, style: torch.Tensor, extractor: nn.Module, steps: int, style_weight: float,
            lr: float) -> torch.Tensor:
    with torch.no_grad():
        content_target = extractor(content)[-1]
        style_grams = [gram_matrix(f) for f in extractor(style)]
    image = torch.rand_like(content).requires_grad_(True)
    optimizer = torch.optim.Adam([image], lr=lr)
    for _ in range(steps):
        features = extractor(image)
        loss = F.mse_loss(features[-1], content_target)
        loss = loss + style_weight * sum(F.mse_loss(gram_matrix(f), g) for f, g in zip(features, style_grams))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            image.clamp_(0, 1)
    return image.detach()
