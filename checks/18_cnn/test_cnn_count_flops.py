import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from dlings.testing import expect, expect_equal, expect_untouched, fail, forbid_calls, snapshot


class Nested(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU())
        self.body = nn.Sequential(nn.Conv2d(8, 8, (1, 3), padding=(0, 1), groups=8), nn.Conv2d(8, 12, 1),
                                  nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(12, 4, bias=False))

    def forward(self, x):
        return self.head(self.body(self.stem(x)))


CASES = [
    ("a conv/pool/linear Sequential", lambda: nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 8, 3, groups=4, stride=2),
        nn.Flatten(), nn.Linear(8 * 3 * 3, 5)), (1, 3, 16, 16)),
    ("a nested module with BatchNorm, a depthwise (1, 3) conv and a 1x1 conv", Nested, (3, 3, 10, 12)),
]


def _param_mistakes(model):
    def count(bias_always=False, no_groups=False, bn=2, conv_bias_always=False):
        total = 0
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                kh, kw = m.kernel_size
                total += m.out_channels * (m.in_channels // (1 if no_groups else m.groups)) * kh * kw
                total += m.out_channels if (bias_always or conv_bias_always or m.bias is not None) else 0
            elif isinstance(m, nn.Linear):
                total += m.out_features * m.in_features + (m.out_features if (bias_always or m.bias is not None) else 0)
            elif isinstance(m, nn.BatchNorm2d):
                total += bn * m.num_features
        return total
    right = count()
    found = {
        "a layer built with bias=False has no bias parameters: add out_channels only when m.bias is not None.":
            count(bias_always=True),
        "a conv built with bias=False has no bias parameters: add out_channels only when m.bias is not None.":
            count(conv_bias_always=True),
        "a grouped conv's filters each see in_channels / groups channels: out * (in / groups) * kh * kw.":
            count(no_groups=True),
        "BatchNorm2d has 2 * num_features parameters (gamma, beta); running_mean and running_var are buffers.":
            count(bn=4),
    }
    return {k: v for k, v in found.items() if v != right}


def _reference(model, shape):
    params = sum(p.numel() for p in model.parameters())
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model.eval()(torch.zeros(shape))
    return params, counter.get_total_flops()


def test_counts(exercise):
    for label, make, shape in CASES:
        torch.manual_seed(0)
        model = make().train()
        want_params, want_flops = _reference(make(), shape)
        before = snapshot(model)
        with forbid_calls({"Module.parameters": (nn.Module, "parameters"),
                           "Module.named_parameters": (nn.Module, "named_parameters"),
                           "FlopCounterMode": (FlopCounterMode, "__enter__")},
                          why="count from the layers' attributes (in_channels, kernel_size, groups, bias, ...) and "
                              "the output sizes."):
            got = exercise.count_params_and_flops(model, shape)
        what = f"count_params_and_flops(<{label}>, {shape})"
        expect(isinstance(got, tuple) and len(got) == 2, f"{what} should return a tuple (params, flops), got {got!r}.")
        params, flops = got
        devices = {t.device.type for t in list(model.parameters()) + list(model.buffers())}
        if devices != {"cpu"}:
            fail(f"after {what} the model is on {sorted(devices)}; it was on the CPU.",
                 hint="model.to('meta') moves the caller's model (its weights are gone); run it as it is, on zeros, "
                      "under torch.no_grad() in eval mode.")
        expect_untouched(model, before, f"the model after {what}", hint="count without changing the model: run it "
                         "under torch.no_grad() in eval mode, and do not move it (model.to('meta') moves it for good).")
        expect(model.training, f"{what} left the model in eval mode; it was in train mode.",
               hint="remember model.training and call model.train(was_training) afterwards.")
        left = [n for n, m in model.named_modules() if m._forward_hooks]
        expect(not left, f"{what} left forward hooks on {left}.", hint="remove each handle after the run.")
        expect_equal(int(params), want_params, f"the parameter count from {what}", mistakes=_param_mistakes(model),
                     hint=(
            "Conv2d: out * (in / groups) * kh * kw (+ out with a bias); Linear: out * in (+ out); BatchNorm2d: "
            "2 * num_features (running statistics are buffers, not parameters). Check `bias is not None`."))
        expect_equal(int(flops), want_flops, f"the FLOPs from {what}", mistakes={
            "that counts multiply-adds; one multiply-add is 2 FLOPs.": want_flops // 2,
            "the FLOPs are for the whole batch: the output elements include the batch dim N.":
                want_flops // shape[0] if shape[0] > 1 else None,
        }, hint="per Conv2d: 2 * out.numel() * (in_channels // groups) * kh * kw; per Linear: 2 * out.numel() * "
                "in_features; nothing for the rest.")
