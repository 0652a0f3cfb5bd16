import pickle

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail


def build():
    return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))


def trained():
    torch.manual_seed(0)
    m = build()
    m.train()
    m(torch.randn(8, 3))  # the BatchNorm buffers move away from their defaults
    return m.eval()


def migrated(exercise, tmp_path):
    m = trained()
    old, new = tmp_path / "legacy.pt", tmp_path / "weights.pt"
    torch.save(m, old)
    try:
        exercise.migrate(str(old), str(new))
    except pickle.UnpicklingError as e:
        fail(f"migrate(old_path, new_path) raised UnpicklingError while loading old_path: {str(e).splitlines()[0]}",
             hint="old_path holds a pickled model object, which torch.load refuses by default (weights_only=True); "
                  "the file is trusted, so load it with torch.load(old_path, weights_only=False).")
    expect(new.is_file(), "migrate(old_path, new_path) wrote no file at new_path.",
           hint="finish the TODO: torch.save(obj, new_path) writes obj to the file.")
    return m, new


def test_new_file_is_a_state_dict(exercise, tmp_path):
    m, new = migrated(exercise, tmp_path)
    try:
        state = torch.load(new, weights_only=True)
    except pickle.UnpicklingError:
        fail("The file migrate wrote does not load with torch.load(new_path) (weights_only=True): it still holds "
             "pickled Python objects, not only tensors.",
             hint="save model.state_dict() (call it: a dict of tensors), not the model itself or a bound method.")
    expect(isinstance(state, dict), f"new_path holds a {type(state).__name__}, not a state_dict (a dict).",
           hint="save model.state_dict().")
    want = m.state_dict()
    params = {n for n, _ in m.named_parameters()}
    expect_equal(sorted(state), sorted(want), "the keys of the state_dict in new_path", hint=(
        "the buffers (running_mean, running_var, num_batches_tracked) are missing: named_parameters() has only "
        "the parameters; model.state_dict() has both." if set(state) == params else None))
    for key, value in want.items():
        expect_close(state[key], value, f"the saved {key}")


def test_fresh_model_gives_the_same_outputs(exercise, tmp_path):
    m, new = migrated(exercise, tmp_path)
    fresh = build()
    fresh.load_state_dict(torch.load(new, weights_only=True))
    fresh.eval()
    x = torch.randn(5, 3)
    with torch.no_grad():
        expect_close(fresh(x), m(x), "a fresh model loaded from new_path, on the same input (eval mode)")
