import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_not_calling, expect_parameter_names, expect_tensor, forbid_calls
from support_10_layers import torch_names, compare_forward_backward, expect_buffers, expect_module

BANNED = ["torch.nn.functional.batch_norm", "torch.batch_norm", "torch.nn.BatchNorm1d", "torch.nn.BatchNorm2d",
          "torch.native_batch_norm"]
WHY = "compute the statistics yourself; the point is to see what BatchNorm keeps."


def run(layer, x):
    with forbid_calls(BANNED, why=WHY):
        return layer(x)


def test_parameters_and_buffers(exercise):
    bn = expect_module(exercise.MyBatchNorm(4), "MyBatchNorm(4)")
    expect_buffers(bn, ["running_mean", "running_var"], "MyBatchNorm(4)")
    expect_parameter_names(bn, ["weight", "bias"], "MyBatchNorm(4)")
    expect_close(bn.running_mean, torch.zeros(4), "MyBatchNorm(4).running_mean before any batch")
    expect_close(bn.running_var, torch.ones(4), "MyBatchNorm(4).running_var before any batch",
                 hint="running_var starts at ones (a unit variance), running_mean at zeros.")


def stat_mistakes(ref_before_mean, ref_before_var, x, m):
    dims = [0] + list(range(2, x.dim()))
    return {
        "mean": {"momentum is the weight of the NEW batch: (1 - momentum) * running + momentum * batch_mean.":
                 m * ref_before_mean + (1 - m) * x.mean(dim=dims),
                 "the running mean was replaced by the batch mean instead of blended with momentum.": x.mean(dim=dims)},
        "var": {"running_var takes the UNBIASED batch variance (n - 1), even though normalisation uses the biased one.":
                (1 - m) * ref_before_var + m * x.var(dim=dims, correction=0),
                "momentum is the weight of the NEW batch: (1 - momentum) * running + momentum * batch_var.":
                m * ref_before_var + (1 - m) * x.var(dim=dims)},
    }


def test_training_matches_nn_batchnorm(exercise):
    g = torch.Generator().manual_seed(0)
    # the second case has a large, non-default eps: an eps that is ignored (a fixed 1e-5) shows only there
    for c, m, eps, shapes in [(3, 0.1, 1e-5, [(8, 3)] * 3), (2, 0.3, 0.5, [(4, 2, 3, 3), (5, 2, 2, 4), (4, 2, 3, 3)])]:
        mine = exercise.MyBatchNorm(c, eps=eps, momentum=m)
        ref = nn.BatchNorm2d(c, eps=eps, momentum=m) if len(shapes[0]) == 4 else nn.BatchNorm1d(c, eps=eps, momentum=m)
        with torch.no_grad():
            mine.weight.copy_(torch.rand(c, generator=g) + 0.5)
            mine.bias.copy_(torch.randn(c, generator=g))
            ref.weight.copy_(mine.weight)
            ref.bias.copy_(mine.bias)
        for step, shape in enumerate(shapes):
            x = torch.randn(shape, generator=g) * 3 + 2
            mine.zero_grad()
            ref.zero_grad()
            before_mean, before_var = ref.running_mean.clone(), ref.running_var.clone()
            what = f"MyBatchNorm({c}, eps={eps}, momentum={m}) in training mode, batch {step + 1} of shape {shape}"
            compare_forward_backward(lambda t: run(mine, t), ref, x, what,
                                     mine_params={"weight": mine.weight, "bias": mine.bias},
                                     ref_params={"weight": ref.weight, "bias": ref.bias}, rtol=1e-4, atol=1e-5)
            wrong = stat_mistakes(before_mean, before_var, x, m)
            expect(not mine.running_mean.requires_grad and not mine.running_var.requires_grad,
                   "after a training step, running_mean/running_var require grad: the update was recorded by autograd.",
                   hint="update the buffers inside `with torch.no_grad():` (or from detached statistics).")
            expect_close(mine.running_mean, ref.running_mean, f"running_mean after {what}", rtol=1e-4,
                         mistakes=wrong["mean"],
                         hint="update the running stats on every training forward, in place (mul_/add_ or copy_).")
            expect_close(mine.running_var, ref.running_var, f"running_var after {what}", rtol=1e-4,
                         mistakes=wrong["var"])


def test_eval_uses_running_statistics(exercise):
    g = torch.Generator().manual_seed(1)
    mine = exercise.MyBatchNorm(3, eps=0.2, momentum=0.5)
    ref = nn.BatchNorm1d(3, eps=0.2, momentum=0.5)
    for _ in range(3):
        x = torch.randn(10, 3, generator=g) * 2 + 1
        run(mine, x)
        ref(x)
    mine.eval()
    ref.eval()
    saved_mean, saved_var = mine.running_mean.clone(), mine.running_var.clone()
    for shape in [(6, 3), (1, 3)]:
        x = torch.randn(shape, generator=g) * 4 - 1
        what = f"MyBatchNorm(3, eps=0.2) in eval mode, for x of shape {shape}"
        got = expect_tensor(run(mine, x), what)
        bs_mean, bs_var = x.mean(0), x.var(0, correction=0)
        expect_close(got, ref(x), what, rtol=1e-4, atol=1e-5,
                     mistakes={"in eval mode BatchNorm uses running_mean/running_var, not the batch statistics "
                               "(check self.training).": (x - bs_mean) / torch.sqrt(bs_var + 0.2)
                               * mine.weight.detach() + mine.bias.detach()}
                     if shape[0] > 1 else None,
                     hint="in eval mode, normalise with running_mean and running_var (check self.training).")
    expect_close(mine.running_mean, saved_mean, "running_mean after forward passes in eval mode",
                 hint="the running statistics change only in training mode.")
    expect_close(mine.running_var, saved_var, "running_var after forward passes in eval mode",
                 hint="the running statistics change only in training mode.")


def test_state_dict_round_trip(exercise):
    g = torch.Generator().manual_seed(2)
    a = exercise.MyBatchNorm(2)
    run(a, torch.randn(6, 2, generator=g) * 3)
    b = exercise.MyBatchNorm(2)
    b.load_state_dict(a.state_dict())
    expect_close(b.running_mean, a.running_mean, "running_mean after load_state_dict(other.state_dict())",
                 hint="register running_mean with register_buffer so that state_dict saves it.")


def test_no_builtin(exercise):
    expect_not_calling(exercise.MyBatchNorm, torch_names("batch_norm", "BatchNorm1d", "BatchNorm2d"), why=WHY)
