import pickle

import torch
import torch.serialization
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail


class Payload:
    """What a malicious checkpoint holds: unpickling it calls open(marker, "w"), creating a file."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def run_file(exercise, path):
    torch.manual_seed(0)
    state = nn.Linear(3, 2).state_dict()
    torch.save({"model": state, "config": exercise.TrainConfig(lr=0.05, epochs=12)}, path)
    return state


class OtherLibrary:
    """Stands for a class some other part of the program allowed process-wide before load_run was called."""


def call(exercise, path, what):
    allow_before = list(torch.serialization.get_safe_globals())
    torch.serialization.add_safe_globals([OtherLibrary])
    allow_entry = list(torch.serialization.get_safe_globals())
    try:
        got = exercise.load_run(str(path))
    except pickle.UnpicklingError as e:
        fail(f"{what} raised UnpicklingError: {str(e).splitlines()[0]}",
             hint="weights_only=True refuses TrainConfig until it is allowed: wrap the load in "
                  "`with torch.serialization.safe_globals([TrainConfig]):`.")
    finally:
        allow_after = list(torch.serialization.get_safe_globals())
        torch.serialization.clear_safe_globals()
        torch.serialization.add_safe_globals(allow_before)
    removed = [getattr(c, "__name__", repr(c)) for c in allow_entry if c not in allow_after]
    expect(not removed,
           f"After {what}, the process-wide allowlist (torch.serialization.get_safe_globals()) lost {removed}, "
           "which other code had allowed before the call.",
           hint="clear_safe_globals() wipes every entry, not only yours: let "
                "`with torch.serialization.safe_globals([TrainConfig]):` add TrainConfig and take it away again.")
    added = [getattr(c, "__name__", repr(c)) for c in allow_after if c not in allow_entry]
    expect(not added,
           f"After {what}, the process-wide allowlist (torch.serialization.get_safe_globals()) has changed: "
           f"it now also allows {added}.",
           hint="add_safe_globals changes it for every later load in the process; the context manager "
                "torch.serialization.safe_globals([...]) allows the class for the loads inside the with block only.")
    return got


def test_loads_the_config(exercise, tmp_path):
    path = tmp_path / "run.pt"
    state = run_file(exercise, path)
    what = "load_run(path) on a {'model': state_dict, 'config': TrainConfig} file"
    got = call(exercise, path, what)
    expect(got is not None, f"{what} returned None.", hint="finish the TODO and `return` what torch.load gives.")
    expect(isinstance(got, dict), f"{what} should return the checkpoint dict, not a {type(got).__name__}.")
    expect_equal(sorted(got), ["config", "model"], f"the keys of {what}")
    expect_equal(got["config"], exercise.TrainConfig(lr=0.05, epochs=12), f"the config from {what}")
    for key, value in state.items():
        expect_close(got["model"][key], value, f"model[{key!r}] from {what}")


def test_refuses_code(exercise, tmp_path):
    marker = tmp_path / "pwned.txt"
    path = tmp_path / "evil.pt"
    torch.save({"model": nn.Linear(3, 2).state_dict(), "config": Payload(str(marker))}, path)
    what = "load_run(path) on a file whose pickle calls open() as it loads"
    allow_before = list(torch.serialization.get_safe_globals())
    try:
        got = exercise.load_run(str(path))
    except pickle.UnpicklingError:
        got = None
    finally:
        allow_after = list(torch.serialization.get_safe_globals())
        torch.serialization.clear_safe_globals()
        torch.serialization.add_safe_globals(allow_before)
    expect(not marker.exists(), f"{what} ran that code: it created {marker.name}.",
           hint="weights_only=False unpickles anything, and a pickle can call any function. Keep weights_only=True "
                "and allow only TrainConfig with torch.serialization.safe_globals([TrainConfig]).")
    if got is not None:
        fail(f"{what} returned a {type(got).__name__} instead of letting torch's UnpicklingError propagate.",
             hint="do not catch the error: a file that names a class you did not allow must be refused.")
    added = [getattr(c, "__name__", repr(c)) for c in allow_after if c not in allow_before]
    expect(not added,
           f"After {what} raised, the process-wide allowlist still allows {added}.",
           hint="code after torch.load never runs when it raises: add_safe_globals stays in force for every later "
                "load. `with torch.serialization.safe_globals([TrainConfig]):` takes it away even on an error.")


def test_refuses_other_classes(exercise, tmp_path):
    # A harmless class that is not TrainConfig (a whole nn.Linear object): weights_only must still refuse it,
    # so an allowlist wider than [TrainConfig] is caught.
    path = tmp_path / "module.pt"
    torch.save({"model": nn.Linear(3, 2), "config": exercise.TrainConfig(lr=0.1, epochs=1)}, path)
    what = "load_run(path) on a file that also holds a whole nn.Linear object"
    allow_before = list(torch.serialization.get_safe_globals())
    try:
        got = exercise.load_run(str(path))
    except pickle.UnpicklingError:
        got = None
    finally:
        torch.serialization.clear_safe_globals()
        torch.serialization.add_safe_globals(allow_before)
    if got is not None:
        fail(f"{what} loaded it; it should refuse it (torch's UnpicklingError).",
             hint="allow TrainConfig and nothing else: safe_globals([TrainConfig]). Every extra class in that list "
                  "(or weights_only=False) lets files that name it load.")
