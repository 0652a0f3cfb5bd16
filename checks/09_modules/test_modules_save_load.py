import pickle

import torch
import torch.serialization
from torch import nn

from dlings.testing import expect, expect_close, expect_device, expect_equal, fail


def model():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    m.train()
    m(torch.randn(8, 3))  # the BatchNorm buffers move away from their defaults
    return m


def test_save_writes_the_state_dict(exercise, tmp_path):
    m = model()
    path = tmp_path / "model.pt"
    exercise.save_checkpoint(m, str(path))
    expect(path.is_file(), "save_checkpoint(model, path) wrote no file at path.",
           hint="torch.save(obj, path) writes obj to the file.")
    try:
        state = torch.load(path, weights_only=True)
    except pickle.UnpicklingError:
        fail("The file save_checkpoint wrote does not load with torch.load(path, weights_only=True): it holds "
             "pickled Python objects (the model itself?), not only tensors.",
             hint="torch.save(model, path) pickles the whole module, which needs its class's code to load; save "
                  "model.state_dict() instead.")
    expect(isinstance(state, dict), f"The file holds a {type(state).__name__}, not a state_dict (a dict).",
           hint="save model.state_dict().")
    want = m.state_dict()
    expect_equal(sorted(state), sorted(want), "the keys of the saved state_dict", hint=(
        "the buffers (running_mean, running_var, num_batches_tracked) are missing: named_parameters() has only "
        "the parameters; model.state_dict() has both." if set(state) == {n for n, _ in m.named_parameters()} else None))
    for key, value in want.items():
        expect_close(state[key], value, f"the saved {key}")


def test_load_maps_a_gpu_checkpoint_to_the_cpu(exercise, tmp_path):
    m = model()
    path = tmp_path / "from_gpu.pt"
    # A checkpoint as a GPU machine writes it: every tensor tagged "cuda:0". Without map_location, torch.load
    # fails on a machine without a GPU, and puts the tensors on the GPU where there is one.
    tag = torch.serialization.location_tag
    torch.serialization.location_tag = lambda storage: "cuda:0"
    try:
        torch.save(m.state_dict(), path)
    finally:
        torch.serialization.location_tag = tag
    what = "load_state(path) for a checkpoint saved on a GPU"
    try:
        state = exercise.load_state(str(path))
    except RuntimeError as e:
        if "deserialize object on a CUDA device" not in str(e):
            raise
        fail(f"{what} raised RuntimeError: {str(e).splitlines()[0]}",
             hint="the tensors were saved from cuda:0, and this machine has no GPU: "
                  "torch.load(path, map_location='cpu') puts them on the CPU.")
    expect(isinstance(state, dict), f"{what} should return the state_dict (a dict), not {type(state).__name__}.",
           hint="return what torch.load gives back." if state is not None else
           "the function still returns None: finish the TODO and `return` the loaded state_dict.")
    want = m.state_dict()
    expect_equal(sorted(state), sorted(want), f"the keys of {what}")
    for key, value in want.items():
        expect_device(state[key], "cpu", f"{key} from {what}",
                      hint="without map_location every tensor goes back to the device it was saved from: "
                           "torch.load(path, map_location='cpu').")
        expect_close(state[key], value, f"{key} from {what}")
    fresh = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    fresh.load_state_dict(state)


def test_round_trip(exercise, tmp_path):
    m = model()
    path = tmp_path / "round.pt"
    exercise.save_checkpoint(m, str(path))
    state = exercise.load_state(str(path))
    fresh = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    fresh.load_state_dict(state)
    x = torch.randn(5, 3)
    m.eval(), fresh.eval()
    with torch.no_grad():
        expect_close(fresh(x), m(x), "a fresh model loaded from your checkpoint, on the same input (eval mode)")
