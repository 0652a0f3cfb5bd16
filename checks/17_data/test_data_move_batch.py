import torch

from dlings.testing import expect, fail
from support_17_data import describe


class Spy(torch.Tensor):
    """A tensor that records the non_blocking of every .to() call made on it."""

    calls: list = []

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is torch.Tensor.to:
            positional = [a for a in args[1:] if isinstance(a, bool)]
            Spy.calls.append(kwargs.get("non_blocking", positional[0] if positional else False))
        return super().__torch_function__(func, types, args, kwargs)


def _same_structure(got, want, device, path="batch"):
    if isinstance(want, torch.Tensor):
        if not isinstance(got, torch.Tensor):
            fail(f"{path} should be a tensor on {device}, got {describe(got)}.")
        if got.device.type != torch.device(device).type:
            fail(f"{path} is on {got.device}, expected {device}.",
                 hint="tensor.to(device) returns the moved tensor: use what it returns.")
        if tuple(got.shape) != tuple(want.shape) or got.dtype != want.dtype:
            fail(f"{path} should keep shape {tuple(want.shape)} and dtype {want.dtype}; got {describe(got)}.")
        return
    if type(got) is not type(want):
        fail(f"{path} should stay a {type(want).__name__}, but it became {describe(got)}.",
             hint="rebuild each container with its own type: tuple(...) for a tuple, [...] for a list, {k: ...} for a dict.")
    if isinstance(want, dict):
        if list(got) != list(want):
            fail(f"{path} should keep the keys {list(want)}; got {list(got)}.")
        for k in want:
            _same_structure(got[k], want[k], device, f"{path}[{k!r}]")
    elif isinstance(want, (tuple, list)):
        if len(got) != len(want):
            fail(f"{path} should keep its {len(want)} items; got {len(got)}.")
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            _same_structure(g, w, device, f"{path}[{i}]")
    elif got is not want and got != want:
        fail(f"{path} is {want!r} and should come back unchanged; got {describe(got)}.")


def _batch():
    return {"images": torch.rand(2, 3, 4, 4), "labels": torch.tensor([1, 0]),
            "extras": [(torch.zeros(2), "name", None), 7, {"lengths": torch.tensor([3, 1]), "scale": 0.5}],
            "pair": (torch.ones(1, dtype=torch.float64), [torch.arange(3)])}


def test_moves_every_tensor_and_keeps_the_structure(exercise):
    devices = ["meta"] + (["cuda"] if torch.cuda.is_available() else [])
    for device in devices:
        batch = _batch()
        got = exercise.to_device(batch, device)
        if got is None or got is Ellipsis:
            fail(f"to_device(batch, {device!r}) returned {got!r}.", hint="finish the TODO and `return` the moved batch.")
        _same_structure(got, batch, device)
        for simple in [(torch.ones(2), torch.zeros(2)), [torch.ones(1)], torch.ones(3), 5, "text", None]:
            _same_structure(exercise.to_device(simple, device), simple, device,
                            f"to_device({describe(simple)}, {device!r})")


def test_input_unchanged(exercise):
    batch = _batch()
    exercise.to_device(batch, "meta")
    expect(batch["images"].device.type == "cpu" and batch["extras"][2]["lengths"].device.type == "cpu"
           and list(batch) == ["images", "labels", "extras", "pair"],
           "to_device changed the batch it was given (its tensors are now on meta).",
           hint="build new containers ({k: to_device(v, ...) for k, v in batch.items()}) instead of assigning into "
                "the old ones.")


def test_non_blocking_is_passed_on(exercise):
    for flag in (True, False):
        Spy.calls = []
        batch = {"a": torch.ones(2).as_subclass(Spy), "b": [torch.zeros(1).as_subclass(Spy)]}
        exercise.to_device(batch, "cpu", non_blocking=flag)
        if len(Spy.calls) < 2:
            fail(f"to_device(batch, 'cpu', non_blocking={flag}) did not call .to() on every tensor "
                 f"({len(Spy.calls)} of 2 calls seen).", hint="move each tensor with tensor.to(device, non_blocking=...)")
        expect(all(c is flag for c in Spy.calls),
               f"to_device(..., non_blocking={flag}) called .to() with non_blocking={Spy.calls}.",
               hint="pass it on: tensor.to(device, non_blocking=non_blocking).")
