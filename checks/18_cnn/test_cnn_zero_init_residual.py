import torch
from torch import nn
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

from dlings.testing import expect, expect_close, expect_untouched, fail, snapshot


def _models():
    torch.manual_seed(0)
    basic = ResNet(BasicBlock, [2, 1, 1, 1], num_classes=5, width_per_group=64)
    bottle = ResNet(Bottleneck, [1, 1, 1, 1], num_classes=3)
    # a wrapper: blocks nested deeper, next to a BatchNorm that is not in a block
    wrapped = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8),
                            nn.Sequential(BasicBlock(8, 8), BasicBlock(8, 8)), nn.BatchNorm2d(8))
    for model in (basic, bottle, wrapped):
        for m in model.modules():  # non-default gammas and betas, so "left alone" is visible
            if isinstance(m, nn.BatchNorm2d):
                with torch.no_grad():
                    m.weight.uniform_(0.5, 1.5)
                    m.bias.uniform_(-0.1, 0.1)
    return [("resnet18-like (BasicBlock)", basic, BasicBlock, "bn2"),
            ("resnet50-like (Bottleneck)", bottle, Bottleneck, "bn3"),
            ("an nn.Sequential holding two BasicBlocks", wrapped, BasicBlock, "bn2")]


def test_last_gamma_zeroed_rest_untouched(exercise):
    for label, model, kind, last in _models():
        targets = {f"{n}.{last}.weight" for n, m in model.named_modules() if isinstance(m, kind)}
        before = snapshot(model)
        objects = dict(model.named_parameters())  # an optimizer made before holds these very tensors
        result = exercise.zero_init_residual(model)
        replaced = sorted(n for n, p in model.named_parameters() if objects.get(n) is not p)
        if replaced:
            fail(f"in the {label} model, zero_init_residual replaced {replaced[:3]} with new Parameter objects "
                 f"({len(replaced)} in all); it should zero the existing ones in place.",
                 hint="an optimizer built before the call would keep updating the old tensors. Under torch.no_grad() "
                      "call .zero_() on the weight itself (or nn.init.zeros_(weight)), do not assign a new nn.Parameter.")
        state = model.state_dict()
        for name in sorted(targets):
            w = state[name]
            if not (w == 0).all():
                other = "bn3" if last == "bn2" else "bn2"
                fail(f"in the {label} model, {name} (gamma of the block's last BatchNorm) is not all zeros.",
                     hint=f"a {kind.__name__}'s last BatchNorm is `{last}`" + (
                         f" (a Bottleneck has three: bn1, bn2, bn3; {other} is not the last)" if kind is Bottleneck
                         else "") + "; zero its .weight (gamma), not .bias; visit every module with model.modules(), not only the top-level children.")
        rest = {k: v for k, v in before.items() if k not in targets}
        expect_untouched({k: state[k] for k in rest}, rest, f"everything but the blocks' last BatchNorm gammas in the "
                         f"{label} model", hint="zero only the weight of bn2 (BasicBlock) / bn3 (Bottleneck): not "
                         "their bias, not bn1 or the downsample's BatchNorm, not a BatchNorm outside the blocks.")
        expect(all(p.requires_grad for p in model.parameters()), "some parameters no longer require grad.",
               hint="zero the values in place under torch.no_grad(); do not replace or freeze the parameters.")
        expect(all(p.grad_fn is None for p in model.parameters()),
               "some parameters now have a grad_fn: the zeroing was recorded by autograd.",
               hint="do it inside `with torch.no_grad():` (or on .data).")
        if result is not None and result is not model:
            fail("zero_init_residual should change the model in place and return None (or the model itself).")


def test_blocks_start_as_identity(exercise):
    torch.manual_seed(3)
    block = BasicBlock(6, 6)
    exercise.zero_init_residual(block)
    x = torch.rand(2, 6, 7, 7)  # non-negative, as after a ReLU
    with torch.no_grad():
        block.train()
        expect_close(block(x), x, "a BasicBlock(6, 6) after zero_init_residual, applied to x >= 0 (train mode)",
                     hint="with bn2's gamma = 0 and beta = 0 the main path is zero, so the block returns relu(x) = x.")
    torch.manual_seed(4)
    block = Bottleneck(16, 4)
    exercise.zero_init_residual(block)
    with torch.no_grad():
        x = torch.rand(2, 16, 5, 5)
        expect_close(block(x), x, "a Bottleneck(16, 4) after zero_init_residual, applied to x >= 0",
                     hint="a Bottleneck's last BatchNorm is bn3.")
