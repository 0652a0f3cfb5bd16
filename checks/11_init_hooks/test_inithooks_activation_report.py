import copy

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal
from support_11_init_hooks import expect_no_hooks


class Branchy(nn.Module):
    """Not a Sequential: a stem, two residual-ish blocks, a head; ReLUs at several depths."""

    def __init__(self, width=48, depth=4):
        super().__init__()
        self.stem = nn.Linear(20, width)
        self.stem_act = nn.ReLU()
        self.blocks = nn.ModuleList(nn.ModuleDict({"fc": nn.Linear(width, width), "act": nn.ReLU()})
                                    for _ in range(depth))
        self.head = nn.Linear(width, 5)

    def forward(self, x):
        h = self.stem_act(self.stem(x))
        for block in self.blocks:
            h = block["act"](block["fc"](h))
        return self.head(h)


def seeded_init(std, seed):
    def init(m):
        if isinstance(m, nn.Linear):
            # a seed taken from the layer's current weights: each layer gets its own draw, the same one in the
            # learner's run and in the reference (a deep copy), whatever order apply() visits them in
            g = torch.Generator().manual_seed(seed + int(abs(float(m.weight.flatten()[0])) * 1e7))
            fan_in = m.weight.shape[1]
            scale = std if std is not None else (2 / fan_in) ** 0.5
            with torch.no_grad():
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * scale)
                m.bias.zero_()
    return init


def reference(model, x, init_fn):
    model = copy.deepcopy(model)
    model.apply(init_fn)
    outs, ins, lin = {}, {}, {}
    with torch.no_grad():
        h = model.stem(x); lin["stem"] = h.std().item(); ins["stem_act"] = h.std().item()
        h = model.stem_act(h); outs["stem_act"] = h.std().item()
        for i, block in enumerate(model.blocks):
            h = block["fc"](h); lin[f"blocks.{i}.fc"] = h.std().item(); ins[f"blocks.{i}.act"] = h.std().item()
            h = block["act"](h); outs[f"blocks.{i}.act"] = h.std().item()
        lin["head"] = model.head(h).std().item()
    return outs, ins, lin


def default_report(model, x):
    outs, _, _ = reference(model, x, lambda m: None)
    return outs


def test_activation_report(exercise):
    for i, (std, depth) in enumerate([(None, 4), (1.0, 3), (0.05, 5)]):
        torch.manual_seed(i)
        model = Branchy(depth=depth)
        x = torch.randn(64, 20)
        init_fn = seeded_init(std, 100 + i)
        refs, ins, lin = reference(model, x, init_fn)
        untouched = default_report(model, x)
        label = "Kaiming" if std is None else f"N(0, {std}**2)"
        got = exercise.activation_report(model, x, init_fn)
        expect(isinstance(got, dict), f"activation_report should return a dict of name -> float, got {got!r}.")
        expect_equal(list(got), list(refs), what=f"the names in the report ({label} init)", mistakes={
            "the hooks are on nn.Linear; the report is about the ReLU outputs.": list(lin),
        }, hint="one entry per nn.ReLU, named as in model.named_modules().")
        names = list(refs)
        as_t = lambda d: torch.tensor([float(d[n]) for n in names], dtype=torch.float64)  # noqa: E731
        expect_close(as_t(got), as_t(refs), rtol=2e-3, atol=1e-12, what=f"the stds in the report ({label} init)",
                     mistakes={
                         "these are the stds of the ReLU INPUTS (inputs[0]); record the output.": as_t(ins),
                         "these are PyTorch's default-init stds: call model.apply(init_fn) first.": as_t(untouched),
                     })
        expect_no_hooks(model, f"after activation_report ({label} init)",
                        hint="remove each handle in a `finally:` block after the forward pass.")
