import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail


class Old(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU())
        self.head = nn.Linear(6, n_classes)


class New(Old):
    def __init__(self):
        super().__init__(n_classes=3)
        self.adapter = nn.Linear(6, 6)


def setup():
    torch.manual_seed(0)
    old = Old()
    with torch.no_grad():
        for t in old.state_dict().values():
            if t.is_floating_point():
                t.normal_()
    new = New()
    return old.state_dict(), new, {k: v.clone() for k, v in new.state_dict().items()}


def test_loads_what_fits(exercise):
    state, new, before = setup()
    given = list(state)
    try:
        missing = exercise.load_matching(new, state)
    except RuntimeError as exc:
        if "size mismatch" not in str(exc):
            raise
        fail("load_matching raised: " + " ".join(str(exc).split())[:300],
             hint="strict=False forgives missing and unexpected KEYS, not wrong SHAPES: leave out the entries whose "
             "shape differs from model.state_dict()[key].shape (here the old 10-class head).")
    expect_equal(list(state), given, "the keys of the checkpoint after load_matching",
                 hint="filter into a new dict; do not edit `state`.")
    for key, value in new.state_dict().items():
        if key.startswith("backbone."):
            expect_close(value, state[key], f"new.state_dict()[{key!r}] after load_matching",
                         hint="the backbone entries fit (same key, same shape) and must be loaded.")
        else:
            expect_close(value, before[key], f"new.state_dict()[{key!r}] after load_matching",
                         hint="this entry does not fit the checkpoint and must keep its own value.")
    expect(isinstance(missing, (list, tuple)), f"load_matching should return a list of key names, got {missing!r}.",
           hint="load_state_dict(..., strict=False) returns a result whose .missing_keys is that list.")
    expect_equal(sorted(missing), sorted(["adapter.weight", "adapter.bias", "head.weight", "head.bias"]),
                 "the keys load_matching reports as not loaded",
                 mistakes={"these are the checkpoint entries you left out; the question is which of the MODEL's keys "
                           "received nothing: the .missing_keys of load_state_dict's result.": ["head.bias", "head.weight"],
                           "that is .unexpected_keys; return .missing_keys.": [],
                           "the model's own keys that received nothing include only the adapter and the head: the "
                           "result of load_state_dict(fits, strict=False).missing_keys.":
                               sorted(new.state_dict())})


class _Wide(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.keep = nn.Linear(3, 3)
        self.proj = nn.Linear(n_in, n_out, bias=False)


def test_same_size_other_shape_is_left_out(exercise):
    # (4, 6) and (6, 4) hold the same number of values, but they are different shapes: not loadable.
    torch.manual_seed(1)
    old, new = _Wide(6, 4), _Wide(4, 6)
    state = old.state_dict()
    try:
        missing = exercise.load_matching(new, state)
    except RuntimeError as exc:
        if "size mismatch" not in str(exc):
            raise
        fail("load_matching raised for a checkpoint whose proj.weight is (4, 6) and the model's (6, 4): "
             + " ".join(str(exc).split())[:200],
             hint="compare the SHAPES (v.shape == own[k].shape), not the number of values: a (4, 6) tensor does "
                  "not fit a (6, 4) parameter.")
    expect_close(new.keep.weight, old.keep.weight, "new.keep.weight after load_matching")
    expect_equal(sorted(missing), ["proj.weight"], "the keys load_matching reports as not loaded (proj has another shape)")
