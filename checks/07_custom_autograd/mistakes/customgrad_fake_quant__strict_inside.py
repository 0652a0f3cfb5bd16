import torch


class FakeQuant(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale, qmax):
        ctx.save_for_backward(x)
        ctx.scale, ctx.qmax = scale, qmax
        return torch.clamp(torch.round(x / scale), -qmax, qmax) * scale

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        inside = (x / ctx.scale).abs() < ctx.qmax
        return grad_out * inside, None, None
