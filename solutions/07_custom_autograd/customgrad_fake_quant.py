"""customgrad_fake_quant: quantisation-aware training in one Function.

Fake quantisation rounds weights to a grid during training, so the model
learns weights that survive int8-style storage. Put the track together:
  forward(ctx, x, scale, qmax): q = clamp(round(x / scale), -qmax, qmax) * scale
  backward: straight-through where x is representable (|x / scale| <= qmax),
            0 where the clamp cut x off; None for scale and qmax (floats).
Save what backward needs with ctx. The check then trains a small linear
model whose weights go through your FakeQuant, and expects the loss to drop.

Read: torch.round, torch.clamp, torch.autograd.Function
"""
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
        inside = (x / ctx.scale).abs() <= ctx.qmax
        return grad_out * inside, None, None


if __name__ == "__main__":
    w = torch.tensor([0.07, -0.26, 0.5, 3.0], requires_grad=True)
    q = FakeQuant.apply(w, 0.1, 7)
    q.sum().backward()
    print("quantised:", q.detach(), "grad:", w.grad, "(expected [1, 1, 1, 0])")
