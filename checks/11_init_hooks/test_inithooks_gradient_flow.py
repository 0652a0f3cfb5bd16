import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal
from support_11_init_hooks import expect_no_hooks


class Net(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.stem = nn.Linear(widths[0], widths[1])
        self.body = nn.ModuleList(nn.Sequential(nn.ReLU(), nn.Linear(a, b))
                                  for a, b in zip(widths[1:-1], widths[2:]))
        self.act = nn.ReLU()
        self.head = nn.Linear(widths[-1], 3)

    def forward(self, x):
        h = self.stem(x)
        for block in self.body:
            h = block(h)
        return self.head(self.act(h))


def linears(net):
    return [(n, m) for n, m in net.named_modules() if isinstance(m, nn.Linear)]


def reference(net, x, y, loss_fn):
    outs = []
    h = net.stem(x); outs.append(h)
    for block in net.body:
        h = block(h); outs.append(h)
    out = net.head(net.act(h)); outs.append(out)
    for t in outs:
        t.retain_grad()
    loss_fn(out, y).backward()
    norms = [t.grad.norm().item() for t in outs]
    weights = [m.weight.grad.norm().item() for _, m in linears(net)]
    forward = [t.norm().item() for t in outs]
    net.zero_grad()
    return norms, weights, forward


CASES = [  # widths, index of the Linear whose outputs are pushed below zero (None: healthy)
    ([6, 12, 10, 8, 9], 2), ([5, 16, 16, 16, 16, 16], 3), ([7, 10, 10, 6], None), ([4, 9, 9, 9, 9], 1),
]


def test_report_and_dead_layer(exercise):
    for i, (widths, dead_at) in enumerate(CASES):
        torch.manual_seed(i)
        net = Net(widths)
        names = [n for n, _ in linears(net)]
        if dead_at is not None:
            nn.init.constant_(linears(net)[dead_at][1].bias, -100.0)
        x, y = torch.randn(20, widths[0]), torch.randn(20, 3)
        loss_fn = nn.MSELoss()
        norms_ref, weights, forward = reference(net, x, y, loss_fn)
        got = exercise.gradient_flow(net, x, y, loss_fn)
        expect(isinstance(got, tuple) and len(got) == 2, f"gradient_flow should return (norms, dead), got {got!r}.")
        norms, dead = got
        expect(isinstance(norms, dict), f"norms should be a dict of name -> float, got {norms!r}.")
        expect_equal(list(norms), names, what="the layer names in the report (in order)", mistakes={
            "the dict is in backward order (hooks fire output layer first): fill it in forward order, e.g. "
            "set norms[name] = 0.0 when you register each hook.": names[::-1]},
                     hint="one entry per nn.Linear, named as in model.named_modules(), in that order.")
        setting = f"model {i + 1} (Linear layers {names}" + (f", dead layer planted at {names[dead_at]!r})"
                                                           if dead_at is not None else ", healthy)")
        expect_close(torch.tensor([float(norms[n]) for n in names], dtype=torch.float64),
                     torch.tensor(norms_ref, dtype=torch.float64), rtol=1e-4, atol=1e-8,
                     what=f"the gradient norms for {setting}", mistakes={
                         "these are the norms of the WEIGHT gradients; report the gradient reaching each layer's "
                         "output (grad_output[0] in a full backward hook).": torch.tensor(weights, dtype=torch.float64),
                         "these are the norms of the forward outputs: a forward hook sees activations, not "
                         "gradients; use register_full_backward_hook.": torch.tensor(forward, dtype=torch.float64),
                     })
        want = names[dead_at] if dead_at is not None else None
        expect_equal(dead, want, what=f"the dead layer found for {setting}", mistakes={
            f"{names[0]!r} is the FIRST layer with a zero gradient; every layer before the dead one gets zero too. "
            "The layer where the gradient stops is the last one (closest to the output) with a zero norm.": names[0],
        } if dead_at else None)
        expect_no_hooks(net, f"after gradient_flow on {setting}",
                        hint="remove each handle in a `finally:` block once the backward is done.")
