"""transfer_domain_adversarial: features that cannot tell the two domains apart.

Domain adaptation: labelled SOURCE images, unlabelled TARGET images that look
different (here: the same shapes under a colour cast). DANN trains a domain
discriminator to tell source features (label 0) from target features
(label 1), and puts the gradient reversal layer of customgrad_grad_reverse
(given below) between it and the feature extractor: the discriminator learns
to separate the domains, the features learn to make that impossible.

Write dann_step(features, classifier, discriminator, optimizer, xs, ys, xt,
lambd): one training step. The loss is F.cross_entropy of classifier(source
features) against ys, plus F.binary_cross_entropy_with_logits of
discriminator(GradReverse.apply(all features, lambd)) (shape (N, 1)) against
the domain labels, source and target batches together. Zero the gradients,
backward, step. Return (class loss, domain loss) as Python floats.

Read: torch.nn.functional.binary_cross_entropy_with_logits, Ganin &
Lempitsky (2015)
"""
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


def dann_step(features: nn.Module, classifier: nn.Module, discriminator: nn.Module, optimizer: torch.optim.Optimizer,
              xs: torch.Tensor, ys: torch.Tensor, xt: torch.Tensor, lambd: float) -> tuple[float, float]:
    fs, ft = features(xs), features(xt)
    class_loss = F.cross_entropy(classifier(fs), ys)
    both = torch.cat([fs, ft])
    domains = torch.cat([fs.new_zeros(len(fs), 1), ft.new_ones(len(ft), 1)])
    domain_loss = F.binary_cross_entropy_with_logits(discriminator(both), domains)
    optimizer.zero_grad()
    (class_loss - lambd * domain_loss).backward()
    optimizer.step()
    return class_loss.item(), domain_loss.item()
