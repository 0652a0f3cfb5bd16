import torch


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        ctx.lambd = lambd
        return -lambd * x

    @staticmethod
    def backward(ctx, grad_out):
        return -ctx.lambd * grad_out, None
