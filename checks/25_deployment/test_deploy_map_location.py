import torch
import torch.serialization
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail


def gpu_checkpoint(path, where="cuda:0"):
    """A training checkpoint as a GPU machine writes it: every tensor tagged `where`."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    model(torch.randn(8, 3)).square().mean().backward()
    opt.step()
    ckpt = {"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": 7, "loss": 0.25}
    tag = torch.serialization.location_tag
    torch.serialization.location_tag = lambda storage: where
    try:
        torch.save(ckpt, path)
    finally:
        torch.serialization.location_tag = tag
    return ckpt


def tensors(obj, prefix=""):
    if isinstance(obj, torch.Tensor):
        yield prefix, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from tensors(v, f"{prefix}[{k!r}]")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from tensors(v, f"{prefix}[{i}]")


def load(exercise, path, device):
    what = f"load_to(path, {device!r}) for a checkpoint saved on a GPU"
    try:
        got = exercise.load_to(str(path), device)
    except RuntimeError as e:
        if "deserialize object on a CUDA device" not in str(e):
            raise
        fail(f"{what} raised RuntimeError: {str(e).splitlines()[0]}",
             hint="torch.load fails while reading the file, before you could move anything: "
                  "pass map_location=device to torch.load itself.")
    expect(got is not None, f"{what} returned None.", hint="finish the TODO and `return` the loaded checkpoint.")
    expect(isinstance(got, dict), f"{what} should return the checkpoint dict, not a {type(got).__name__}.")
    return what, got


def check_places(what, got, want, device):
    expect_equal(sorted(got), sorted(want), f"the keys of {what}")
    expect_equal((got["epoch"], got["loss"]), (want["epoch"], want["loss"]),
                 f"the plain numbers (epoch, loss) in {what}")
    have = dict(tensors(got))
    for name, value in tensors(want):
        expect(name in have, f"{what} lost the tensor checkpoint{name}.", hint="return what torch.load gives back.")
        t = have[name]
        expect(t.device == torch.device(device), f"checkpoint{name} from {what} is on {t.device}, expected {device}.",
               hint="a fixed map_location (\"cpu\"), or tensors moved by hand? every tensor, the optimizer's "
                    "too, must land on the device passed in: torch.load(path, map_location=device).")
        expect_equal((t.shape, t.dtype), (value.shape, value.dtype), f"shape and dtype of checkpoint{name}")
        if t.device.type != "meta":
            expect_close(t, value, f"checkpoint{name} from {what}")


def test_cpu(exercise, tmp_path):
    want = gpu_checkpoint(tmp_path / "ckpt.pt")
    what, got = load(exercise, tmp_path / "ckpt.pt", "cpu")
    check_places(what, got, want, "cpu")


def test_meta_and_device_objects(exercise, tmp_path):
    want = gpu_checkpoint(tmp_path / "ckpt.pt")
    for device in ["meta", torch.device("cpu"), torch.device("meta")]:
        what, got = load(exercise, tmp_path / "ckpt.pt", device)
        check_places(what, got, want, device)


def test_saved_on_another_gpu(exercise, tmp_path):
    # A checkpoint written by the second GPU of a machine: its tensors are tagged "cuda:1".
    want = gpu_checkpoint(tmp_path / "ckpt.pt", "cuda:1")
    try:
        got = exercise.load_to(str(tmp_path / "ckpt.pt"), "cpu")
    except RuntimeError as e:
        fail(f"load_to(path, 'cpu') for a checkpoint saved on cuda:1 raised RuntimeError: {str(e).splitlines()[0]}",
             hint="a dict map_location ({'cuda:0': ...}) only remaps the devices it names: "
                  "pass the device itself, torch.load(path, map_location=device).")
    expect(isinstance(got, dict), "load_to(path, 'cpu') for a checkpoint saved on cuda:1 should return the dict.")
    check_places("load_to(path, 'cpu') for a checkpoint saved on cuda:1", got, want, "cpu")
