import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_shape, expect_tensor, fail
from support_10_layers import expect_module

CASES = [(3, 13, [8, 16], 10), (1, 16, [4], 3), (2, 11, [4, 6, 5], 7)]


def reference(in_channels, image_size, channels, num_classes):
    blocks, c_in, s = [], in_channels, image_size
    for c in channels:
        blocks.append(nn.Sequential(nn.Conv2d(c_in, c, 3, padding=1), nn.BatchNorm2d(c), nn.ReLU(), nn.MaxPool2d(2)))
        c_in, s = c, s // 2
    return nn.ModuleDict({"blocks": nn.ModuleList(blocks), "head": nn.Linear(c_in * s * s, num_classes)}), c_in * s * s


def ref_forward(ref, x):
    for block in ref["blocks"]:
        x = block(x)
    return ref["head"](x.flatten(1))


def label(case):
    return "SmallCNN({}, {}, {}, {})".format(*case)


def test_structure(exercise):
    for case in CASES:
        model = expect_module(exercise.SmallCNN(*case), label(case))
        blocks = getattr(model, "blocks", None)
        if isinstance(blocks, (list, tuple)):
            fail(f"{label(case)}.blocks is a plain Python list: its convolutions are invisible to .parameters(), "
                 "state_dict(), .to() and .eval().", hint="wrap the blocks in nn.ModuleList(...).")
        expect(isinstance(blocks, nn.ModuleList), f"{label(case)}.blocks should be an nn.ModuleList.")
        expect_equal(len(blocks), len(case[2]), f"len({label(case)}.blocks)")
        ref, features = reference(*case)
        head = getattr(model, "head", None)
        expect(isinstance(head, nn.Linear), f"{label(case)}.head should be an nn.Linear.")
        s = case[1]
        expect_equal(head.in_features, features, f"{label(case)}.head.in_features", mistakes={
            "the pooling was forgotten: each MaxPool2d(2) halves the size (floor).": case[2][-1] * s * s,
            "the head sees channels[-1] * s * s features (the last block's channels).": case[2][0] * (s // 2 ** len(case[2])) ** 2,
            "the padded 3x3 conv keeps the size; only the pooling shrinks it.":
                case[2][-1] * max(0, _no_pad(s, len(case[2]))) ** 2,
        })
        want = set(ref.state_dict().keys())
        got = set(model.state_dict().keys())
        expect(got == want, f"{label(case)}.state_dict() keys differ from the layout asked for.\n"
                            f"  missing: {sorted(want - got)}\n  unexpected: {sorted(got - want)}",
               hint="each block is nn.Sequential(Conv2d, BatchNorm2d, ReLU, MaxPool2d), in that order; the BatchNorm's "
                    "running statistics are part of state_dict.")
        expect_equal(sum(p.numel() for p in model.parameters()), sum(p.numel() for p in ref.parameters()),
                     f"the number of parameters of {label(case)}")


def _no_pad(s, n):
    for _ in range(n):
        s = (s - 2) // 2
    return s


def test_forward_matches_reference(exercise):
    g = torch.Generator().manual_seed(0)
    for case in CASES:
        torch.manual_seed(1)
        model = exercise.SmallCNN(*case)
        ref, _ = reference(*case)
        ref.load_state_dict(model.state_dict())
        x = torch.randn(3, case[0], case[1], case[1], generator=g)
        try:
            out = model(x)
        except RuntimeError as e:
            if "cannot be multiplied" not in str(e):
                raise
            fail(f"{label(case)}(x) for x of shape {tuple(x.shape)} failed in the head: {e}",
                 hint="flatten each sample but keep the batch dim: x.flatten(1) (x.flatten() or x.view(-1) "
                      "merges the batch into one long vector).")
        got = expect_tensor(out, f"{label(case)}(x)")
        expect_shape(got, (3, case[3]), f"{label(case)}(x) for x of shape {tuple(x.shape)}",
                     hint="flatten each sample, keeping the batch: x.flatten(1) (x.view(-1) flattens the batch too).")
        expect_close(got, ref_forward(ref, x), f"{label(case)}(x) in training mode", rtol=1e-4, atol=1e-5)
        model.eval()
        ref.eval()
        expect_close(model(x), ref_forward(ref, x), f"{label(case)}(x) in eval mode (running statistics)",
                     rtol=1e-4, atol=1e-5)


def test_learns_a_step(exercise):
    torch.manual_seed(2)
    model = exercise.SmallCNN(1, 8, [4], 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(8, 1, 8, 8), torch.randint(0, 2, (8,))
    loss0 = nn.functional.cross_entropy(model(x), y)
    loss0.backward()
    missing = [n for n, p in model.named_parameters() if p.grad is None]
    expect(not missing, f"these parameters of SmallCNN got no gradient: {missing}.")
    opt.step()
