import torch
import torch.nn.functional as F
from torch import nn


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        ctx.lambd = lambd
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_out):
        return -ctx.lambd * grad_out, None


def dann_step(features, classifier, discriminator, optimizer, xs, ys, xt, lambd):
    fs, ft = features(xs), features(xt)
    c = F.cross_entropy(classifier(fs), ys)
    d = discriminator(GradReverse.apply(torch.cat([fs, ft]), lambd))
    dom = torch.cat([torch.zeros(len(xs), 1), torch.ones(len(xt), 1)])
    dl = F.binary_cross_entropy_with_logits(d, dom)
    (c + dl).backward()
    optimizer.step()
    return c.item(), dl.item()
