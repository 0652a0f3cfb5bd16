import torch
from torch import nn

from dlings.testing import (expect, expect_close, expect_grad, expect_not_calling, expect_parameter_names,
                            forbid_calls)
from support_09_modules import build, expect_buffer_names

BANNED = ["torch.nn.functional.batch_norm", "torch.batch_norm", "torch.nn.BatchNorm1d.forward"]
WHY = "this exercise asks you to write BatchNorm yourself; torch's is what the check compares with."


def pair(exercise, C=3, eps=1e-3, momentum=0.3):
    torch.manual_seed(0)
    with forbid_calls(BANNED, why=WHY):
        mine = build(exercise.RunningNorm, C, eps=eps, momentum=momentum).double()
    ref = nn.BatchNorm1d(C, eps=eps, momentum=momentum).double()
    with torch.no_grad():
        ref.weight.copy_(torch.rand(C) + 0.5)
        ref.bias.copy_(torch.randn(C))
        mine.weight.copy_(ref.weight)
        mine.bias.copy_(ref.bias)
    return mine, ref


def run(module, x):
    with forbid_calls(BANNED, why=WHY):
        return module(x)


def test_parameters_and_buffers(exercise):
    norm = build(exercise.RunningNorm, 4)
    expect_parameter_names(norm, ["weight", "bias"], "RunningNorm(4)")
    expect_buffer_names(norm, ["running_mean", "running_var"], "RunningNorm(4)",
                        hint="running statistics are buffers (saved, not trained): self.register_buffer(name, tensor).")
    for name, want in [("weight", torch.ones(4)), ("bias", torch.zeros(4)), ("running_mean", torch.zeros(4)),
                       ("running_var", torch.ones(4))]:
        expect_close(getattr(norm, name).detach(), want, f"RunningNorm(4).{name} at creation")


def test_training_matches_batchnorm(exercise):
    mine, ref = pair(exercise)
    mine.train(), ref.train()
    torch.manual_seed(1)
    for step in range(3):
        x = (torch.randn(4, 3, dtype=torch.float64) * torch.tensor([1.0, 3.0, 0.5], dtype=torch.float64)
             + torch.tensor([0.0, 2.0, -1.0], dtype=torch.float64))
        x1, x2 = x.clone().requires_grad_(), x.clone().requires_grad_()
        rm, rv = ref.running_mean.clone(), ref.running_var.clone()
        got, want = run(mine, x1), ref(x2)
        w, b, eps, m = ref.weight.detach(), ref.bias.detach(), ref.eps, ref.momentum
        what = f"RunningNorm in training mode, step {step + 1}, output for x of shape (4, 3)"
        expect_close(got, want, what, mistakes={
            "the batch is normalised with the UNBIASED variance; BatchNorm uses the biased one "
            "(x.var(dim=0, unbiased=False)).": (x - x.mean(0)) / torch.sqrt(x.var(0) + eps) * w + b,
            "training mode should use the BATCH statistics, not the running ones.":
                (x - rm) / torch.sqrt(rv + eps) * w + b,
            "eps belongs inside the square root: sqrt(var + eps).":
                (x - x.mean(0)) / (torch.sqrt(x.var(0, unbiased=False)) + eps) * w + b,
        })
        g = torch.randn(4, 3, dtype=torch.float64)
        got.backward(g)
        want.backward(g)
        expect_grad(x1, x2.grad, f"the gradient with respect to x, step {step + 1}")
        expect_grad(mine.weight, ref.weight.grad, f"weight.grad, step {step + 1}")
        expect_grad(mine.bias, ref.bias.grad, f"bias.grad, step {step + 1}")
        mine.zero_grad(), ref.zero_grad()
        expect(not mine.running_mean.requires_grad and not mine.running_var.requires_grad,
               "after a training step the running statistics require grad: they were updated inside the graph.",
               hint="update the buffers under `with torch.no_grad():` (or from .detach()ed batch statistics), so no "
               "graph is kept alive through them from step to step.")
        mean, var_u, var_b = x.mean(0), x.var(0), x.var(0, unbiased=False)
        expect_close(mine.running_mean, ref.running_mean, f"running_mean after training step {step + 1}", mistakes={
            "momentum is the weight of the NEW batch statistic: running = (1 - momentum) * running + momentum * "
            "batch.": m * rm + (1 - m) * mean,
            "the running statistics were not updated in training mode.": rm})
        expect_close(mine.running_var, ref.running_var, f"running_var after training step {step + 1}", mistakes={
            "running_var is updated with the UNBIASED batch variance (x.var(dim=0)), even though the output uses "
            "the biased one.": (1 - m) * rv + m * var_b,
            "momentum is the weight of the NEW batch statistic: running = (1 - momentum) * running + momentum * "
            "batch.": m * rv + (1 - m) * var_u,
            "the running statistics were not updated in training mode.": rv})


def test_eval_uses_running_statistics(exercise):
    mine, ref = pair(exercise, C=2, eps=1e-2, momentum=0.5)
    torch.manual_seed(2)
    for _ in range(2):
        x = torch.randn(6, 2, dtype=torch.float64) * 2 + 1
        with torch.no_grad():
            run(mine, x), ref(x)
    mine.eval(), ref.eval()
    rm, rv = ref.running_mean.clone(), ref.running_var.clone()
    for shape in [(5, 2), (1, 2)]:
        x = torch.randn(shape, dtype=torch.float64) * 3
        w, b = ref.weight.detach(), ref.bias.detach()
        with torch.no_grad():
            got, want = run(mine, x), ref(x)
        batch = (x - x.mean(0)) / torch.sqrt(x.var(0, unbiased=False) + 1e-2) * w + b
        expect_close(got, want, f"RunningNorm in eval mode, output for x of shape {shape}",
                     mistakes={"eval mode should use running_mean and running_var, not the batch statistics "
                               "(check self.training).": batch})
        expect_close(mine.running_mean, rm, "running_mean after a forward pass in eval mode",
                     hint="eval mode must not update the running statistics.")
        expect_close(mine.running_var, rv, "running_var after a forward pass in eval mode",
                     hint="eval mode must not update the running statistics.")


def test_does_not_call_batch_norm(exercise):
    expect_not_calling(exercise.RunningNorm, ["batch_norm", "BatchNorm1d"], why=WHY)
