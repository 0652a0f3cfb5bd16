import contextlib

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


# (label, make, input shape, train mode to start in): the first model comes in eval mode and must stay so;
# the second, with BatchNorm, in train mode (a run in train mode would update its running statistics)
CASES = [
    ("a conv/pool/linear Sequential", lambda: nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 8, 3, groups=4, stride=2),
        nn.Flatten(), nn.Linear(8 * 3 * 3, 5)), (1, 3, 16, 16), False),
    ("a nested module with BatchNorm, a depthwise (1, 3) conv and a 1x1 conv", Nested, (3, 3, 10, 12), True),
]

WHY = "count from the layers' attributes (in_channels, kernel_size, groups, bias, ...) and the output sizes."


@contextlib.contextmanager
def _no_parameter_sums(model):
    """Fail if the learner's code walks ALL of the model's parameters (sum(p.numel() for p in
    model.parameters()) or per layer); one `next(model.parameters())` to learn the device or dtype is fine."""
    seen: set[int] = set()
    originals = {name: getattr(nn.Module, name) for name in ("parameters", "named_parameters")}

    def wrap(name):
        original = originals[name]

        def patched(self, *args, **kwargs):
            for item in original(self, *args, **kwargs):
                seen.add(id(item[1] if isinstance(item, tuple) else item))
                yield item
        return patched

    for name in originals:
        setattr(nn.Module, name, wrap(name))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(nn.Module, name, original)
    every = {id(p) for p in model.parameters()}
    if len(every) > 1 and every <= seen:
        fail("your code walked every parameter of the model (.parameters() / .named_parameters()), which this "
             "exercise asks you not to use for the count.", hint=WHY)


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
    for label, make, shape, training in CASES:
        torch.manual_seed(0)
        model = make().train(training)
        want_params, want_flops = _reference(make(), shape)
        before = snapshot(model)
        with _no_parameter_sums(model), forbid_calls({"FlopCounterMode": (FlopCounterMode, "__enter__")}, why=WHY):
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
        modes = {"train" if m.training else "eval" for m in model.modules()}
        was = "train" if training else "eval"
        expect(modes == {was}, f"{what} left the model (or some of its layers) in {' and '.join(sorted(modes))} mode; "
               f"it came in {was} mode.", hint="remember was = model.training before model.eval(), and call "
               "model.train(was) afterwards (model.train() alone would switch an eval model to train).")
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
