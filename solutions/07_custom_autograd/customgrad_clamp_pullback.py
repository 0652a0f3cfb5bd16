"""customgrad_clamp_pullback: clamp with a gradient that can pull back.

x.clamp(lo, hi) has zero gradient outside [lo, hi]: a weight that drifted
out is stuck there for good. Write ClampPullBack, whose forward is the
clamp but whose backward lets grad_out through where
  - lo <= x <= hi, boundaries included (at x == lo or x == hi grad_out
    always passes; torch's own clamp passes nothing there), or
  - the gradient-descent step x - lr * grad would move x back toward the
    range: x > hi with grad_out > 0, or x < lo with grad_out < 0,
and returns 0 everywhere else. lo and hi are floats (no gradient).
Hint: build a boolean mask, then torch.where(mask, grad_out, 0).

Read: torch.clamp, torch.where, torch.autograd.Function
"""
import torch


class ClampPullBack(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lo, hi):
        ctx.save_for_backward(x)
        ctx.lo, ctx.hi = lo, hi
        return x.clamp(lo, hi)

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        inside = (x >= ctx.lo) & (x <= ctx.hi)
        pulls_back = ((x > ctx.hi) & (grad_out > 0)) | ((x < ctx.lo) & (grad_out < 0))
        return torch.where(inside | pulls_back, grad_out, 0.0), None, None


if __name__ == "__main__":
    w = torch.tensor([3.0], requires_grad=True)        # far above hi = 1
    for _ in range(30):
        loss = (ClampPullBack.apply(w, -1.0, 1.0) - 0.5) ** 2
        loss.backward()
        with torch.no_grad():
            w -= 0.2 * w.grad
            w.grad = None
    print("w after 30 steps:", w.item(), "(back inside [-1, 1] if backward is right)")
