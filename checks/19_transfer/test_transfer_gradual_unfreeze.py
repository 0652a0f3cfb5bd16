"""transfer_gradual_unfreeze: each call unfreezes the deepest still-frozen block of model.features and adds it
to the SAME optimizer as a new group; the frozen blocks never move while the others train; None at the end.

Training between the stages is 5 full-batch steps each (about 0.5 s in all on one thread).
"""
import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail
from support_19_transfer import backbone, new_task, optimizer_params


def _frozen(block):
    return not any(p.requires_grad for p in block.parameters())


def _call(exercise, model, opt, lr, what):
    try:
        return exercise.unfreeze_next(model, opt, lr)
    except ValueError as exc:
        if "more than one parameter group" in str(exc):
            fail(f"{what} raised: {exc}",
                 hint="a block already in the optimizer was added again: when every block already trains, change "
                      "nothing and return None; otherwise add only the block you just unfroze.")
        raise
    except IndexError as exc:
        fail(f"{what} raised IndexError: {exc}", hint="when every block already trains, return None.")


def _stage(exercise, model, opt, lr, expected, groups_before, what):
    got = _call(exercise, model, opt, lr, what)
    n = len(model.features)
    if expected is None:
        expect_equal(got, None, f"{what} when every block already trains",
                     hint="when no block of model.features is frozen, change nothing and return None.")
        expect_equal(len(opt.param_groups), groups_before, f"the optimizer's number of groups after {what}, with "
                                                           f"nothing left to unfreeze")
        return
    states = ["frozen" if _frozen(b) else "trains" for b in model.features]
    expect_equal(got, expected, f"the index returned by {what} (blocks of model.features now: {states})",
                 hint=f"the DEEPEST frozen block goes first: with {n} blocks, index {n - 1}, then {n - 2}, ...",
                 mistakes={"you unfroze from the first block; gradual unfreezing starts at the last one.":
                           n - 1 - expected})
    for i, block in enumerate(model.features):
        should_train = i >= expected
        if should_train and _frozen(block):
            fail(f"after {what}, block {i} of model.features is still frozen.",
                 hint="block.requires_grad_(True) on the block you unfreeze.")
        if not should_train and not _frozen(block):
            fail(f"after {what}, block {i} of model.features trains already; only the blocks from index {expected} on "
                 "should.", hint="unfreeze ONE block per call: the deepest one that is still frozen.")
    held = {id(p) for p in optimizer_params(opt)}
    block_params = list(model.features[expected].parameters())
    expect(all(id(p) in held for p in block_params),
           f"after {what}, block {expected}'s parameters require grad but the optimizer you were given does not "
           "hold them: they would never change.",
           hint="optimizer.add_param_group({'params': ..., 'lr': lr}) on the optimizer you were given (a new "
                "optimizer made inside the function is lost, and would drop the head's Adam state anyway).")
    expect_equal(len(opt.param_groups), groups_before + 1, f"the optimizer's number of groups after {what}",
                 hint="add exactly one group per call: the block you unfroze.")
    group = opt.param_groups[-1]
    expect({id(p) for p in group["params"]} == {id(p) for p in block_params},
           f"after {what}, the new parameter group does not hold exactly block {expected}'s parameters.")
    expect_equal(group["lr"], lr, f"the new group's lr after {what}")


def _train(model, opt, x, y, steps=5):
    for _ in range(steps):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


def test_unfreeze_the_pretrained_backbone(exercise, report):
    torch.manual_seed(0)
    model = backbone()
    model.head = nn.Linear(64, 4)
    model.features.requires_grad_(False)
    opt = torch.optim.Adam(model.head.parameters(), lr=1e-2)
    x, y = new_task(40, seed=2)
    step = 0
    lrs = [1e-3, 5e-4, 2e-4, 1e-4]
    for stage, expected in enumerate([2, 1, 0, None]):
        before = {n: p.detach().clone() for n, p in model.features.named_parameters()}
        _stage(exercise, model, opt, lrs[stage], expected, len(opt.param_groups),
               f"call {stage + 1} of unfreeze_next(model, optimizer, lr={lrs[stage]})")
        loss = _train(model, opt, x, y)
        step += 5
        report("loss", loss, step)
        for name, p in model.features.named_parameters():
            block = int(name.split(".")[0])
            moved = not torch.equal(p, before[name])
            if expected is not None and block < expected and moved:
                fail(f"training after stage {stage + 1} changed model.features.{name}, in a block that should be "
                     "frozen.")
    expect_equal(opt.param_groups[0]["lr"], 1e-2, "the head's group lr at the end (it was 1e-2)",
                 hint="leave the existing groups as they are; only add a new one.")


def test_other_depths(exercise):
    torch.manual_seed(1)
    model = nn.Module()
    model.features = nn.Sequential(*[nn.Sequential(nn.Linear(4, 4), nn.ReLU()) for _ in range(5)])
    model.head = nn.Linear(4, 2)
    model.features.requires_grad_(False)
    model.features[4].requires_grad_(True)           # the last block already trains (and is in the optimizer)
    opt = torch.optim.SGD([{"params": model.head.parameters()}, {"params": model.features[4].parameters()}], lr=0.1)
    for k, expected in enumerate([3, 2, 1, 0, None, None]):
        _stage(exercise, model, opt, 0.01, expected, len(opt.param_groups),
               f"call {k + 1} of unfreeze_next on a model with 5 blocks, the last one already trainable")
