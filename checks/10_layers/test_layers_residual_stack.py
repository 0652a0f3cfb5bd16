import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, expect_tensor, fail
from support_10_layers import expect_module


def reference(dim, depth, p):
    return nn.ModuleDict({"blocks": nn.ModuleList(
        nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim), nn.GELU(), nn.Dropout(p)) for _ in range(depth))})


def ref_forward(ref, x):
    for block in ref["blocks"]:
        x = x + block(x)
    return x


def test_blocks_are_registered(exercise):
    model = expect_module(exercise.ResidualStack(6, 3), "ResidualStack(6, 3)")
    blocks = getattr(model, "blocks", None)
    if isinstance(blocks, (list, tuple)):
        fail("ResidualStack.blocks is a plain Python list: its blocks' parameters are invisible to "
             f"model.parameters() (it lists {len(list(model.parameters()))} parameter tensors).",
             hint="wrap the blocks in nn.ModuleList(...) so nn.Module registers them.")
    expect(isinstance(blocks, nn.ModuleList), f"ResidualStack.blocks should be an nn.ModuleList; it is {type(blocks).__name__}.")
    expect_equal(len(blocks), 3, "len(ResidualStack(6, 3).blocks)")
    per_block = 2 * 6 + 6 * 6 + 6
    count = sum(q.numel() for q in model.parameters())
    expect_equal(count, 3 * per_block, "the number of parameters of ResidualStack(6, 3)",
                 mistakes={"the blocks share one set of weights: [block] * depth repeats the SAME module; "
                           "build a new block in every iteration.": per_block})
    ids = {id(b) for b in blocks}
    expect(len(ids) == 3, "some entries of ResidualStack.blocks are the same module object.",
           hint="[block] * depth repeats one module; create a fresh block for each slot.")


def test_state_dict_layout(exercise):
    model = exercise.ResidualStack(4, 2)
    want = set(reference(4, 2, 0.1).state_dict().keys())
    got = set(model.state_dict().keys())
    expect(got == want, f"ResidualStack(4, 2).state_dict() has keys {sorted(got)}; expected {sorted(want)}.",
           hint="self.blocks = nn.ModuleList of nn.Sequential(nn.LayerNorm, nn.Linear, nn.GELU, nn.Dropout), in that order.")


def test_forward_matches_in_eval_and_train(exercise):
    g = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    model = exercise.ResidualStack(5, 3, p=0.3)
    ref = reference(5, 3, 0.3)
    ref.load_state_dict(model.state_dict())
    x = torch.randn(4, 5, generator=g)
    model.eval()
    ref.eval()
    got = expect_tensor(model(x), "ResidualStack(5, 3, p=0.3) in eval mode")
    no_skip = x
    for block in ref["blocks"]:
        no_skip = block(no_skip)
    expect_close(got, ref_forward(ref, x), "ResidualStack(5, 3, p=0.3)(x) in eval mode",
                 mistakes={"the skip connection is missing: x = x + block(x), not x = block(x).": no_skip},
                 hint="in eval mode dropout must be off: it is, if the blocks are registered submodules "
                      "(model.eval() reaches them through the ModuleList).")
    model.train()
    ref.train()
    torch.manual_seed(1)
    a = model(x)
    torch.manual_seed(1)
    b = ref_forward(ref, x)
    expect_close(a, b, "ResidualStack(5, 3, p=0.3)(x) in training mode (same random seed as the reference)",
                 hint="apply the blocks in order, each once, with x = x + block(x).")
    a.sum().backward()
    grads = [q.grad for q in model.parameters()]
    expect(all(gr is not None for gr in grads), "some parameters of ResidualStack got no gradient.")
