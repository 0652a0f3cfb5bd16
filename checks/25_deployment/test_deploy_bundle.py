# Measured: save_bundle of the solution takes 3-12 s on a loaded 2-core machine (the first torch.export in a process
# warms up dynamo); torch.export.load and the runs take about 0.2 s. The bundle is saved once per check run.
import json
import logging

import pytest
import torch
from torch import nn
from torch.export import ExportedProgram

from dlings.testing import expect, expect_close, expect_equal, fail

CLASSES = ["cat", "dog", "sea lion", 'naïve, "quoted"']


def build():
    torch.manual_seed(0)
    # The Dropout makes a program exported in train mode random (it would not match the eval model).
    return nn.Sequential(nn.Linear(5, 12), nn.ReLU(), nn.Dropout(0.5), nn.Linear(12, 4)).eval()


def first_line(e):
    text = str(e).strip()
    return text.splitlines()[0][:300] if text else ""


def quiet_load(path, extra):
    """torch.export.load logs a traceback before raising on a file that is not a .pt2 archive."""
    log = logging.getLogger("torch.export")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        return torch.export.load(path, extra_files=extra)
    finally:
        log.setLevel(level)


@pytest.fixture(scope="module")
def bundle(exercise, tmp_path_factory):
    model = build()
    path = tmp_path_factory.mktemp("bundle") / "model.pt2"
    what = "save_bundle(model, example, classes, path) with an example batch of 4"
    try:
        exercise.save_bundle(model, torch.randn(4, 5), list(CLASSES), str(path))
    except Exception as e:  # torch.export's errors: constraint violations, bad dynamic_shapes
        fail(f"{what} raised {type(e).__name__}: {first_line(e)}",
             hint="export with torch.export.export(model, (example,), dynamic_shapes=({0: Dim('batch')},)), then "
                  "torch.export.save(program, path, extra_files={'classes.json': json.dumps(classes)}).")
    expect(path.is_file(), f"{what} wrote no file at path.", hint="torch.export.save(program, path, ...) writes it.")
    return model, str(path)


def test_file_is_a_pt2_archive_with_classes(bundle):
    model, path = bundle
    extra = {"classes.json": ""}
    try:
        quiet_load(path, extra)
    except Exception as e:  # not a .pt2 archive
        fail(f"torch.export.load(path) could not read the bundle ({type(e).__name__}): it is not a .pt2 archive.",
             hint="write the bundle with torch.export.save(program, path, ...); torch.save pickles the program into a "
                  "different format, which torch.export.load cannot read.")
    text = extra["classes.json"]
    expect(text, "The bundle holds no extra file named 'classes.json' (or it is empty).",
           hint="torch.export.save(program, path, extra_files={'classes.json': json.dumps(classes)}).")
    try:
        stored = json.loads(text)
    except (json.JSONDecodeError, TypeError) as e:
        fail(f"The bundle's 'classes.json' is not JSON text: {text[:80]!r} ({e})",
             hint="str(classes) writes Python's repr (single quotes), not JSON: use json.dumps(classes).")
    expect_equal(stored, CLASSES, "the class names stored in the bundle's 'classes.json'")


@pytest.mark.parametrize("batch", [4, 3, 1])
def test_saved_program_runs_any_batch(bundle, batch):
    model, path = bundle
    try:
        program = quiet_load(path, None)
    except Exception as e:  # not a .pt2 archive
        fail(f"torch.export.load(path) could not read the bundle ({type(e).__name__}): it is not a .pt2 archive.",
             hint="write the bundle with torch.export.save(program, path, ...).")
    x = torch.randn(batch, 5)
    try:
        out = program.module()(x)
    except Exception as e:  # the guard of a static batch size
        fail(f"The saved program refused a batch of {batch}: {type(e).__name__}: {first_line(e)}",
             hint="export with dynamic_shapes=({0: Dim('batch')},): without it the example's batch of 4 is baked "
                  "into the program." if batch != 4 else None)
    expect(not model.training, "save_bundle switched the model to train mode; it came in eval mode.",
           hint="leave the mode as it is: the program should compute what the eval model computes.")
    with torch.no_grad():
        expect_close(out, model(x), f"the saved program's output for a batch of {batch}",
                     hint="the model (with its Dropout) must be exported in eval mode, as it was given.")


def test_load_bundle(exercise, bundle):
    model, path = bundle
    try:
        got = exercise.load_bundle(path)
    except KeyError as e:
        fail(f"load_bundle(path) raised KeyError: {e}",
             hint="torch.export.load fills in only the extra files whose names its extra_files dict already holds: "
                  "pass extra = {'classes.json': ''}, then read extra['classes.json'] after the call.")
    expect(isinstance(got, (tuple, list)) and len(got) == 2,
           f"load_bundle(path) should return a pair (program, classes), not {type(got).__name__} {got!r:.80}.",
           hint="finish the TODO: `return program, classes`.")
    program, classes = got
    expect(isinstance(program, ExportedProgram),
           f"load_bundle's program should be a torch.export.ExportedProgram, not a {type(program).__name__}.",
           hint="return what torch.export.load gives back (program.module() is only how you run it).")
    expect_equal(classes, CLASSES, "the class names load_bundle returned", hint=(
        "read them back from the bundle with json.loads(extra['classes.json'])."), mistakes={
        "json.loads turns the JSON text back into the list: the raw text is not the list.": json.dumps(CLASSES)})
    x = torch.randn(2, 5)
    with torch.no_grad():
        expect_close(program.module()(x), model(x), "the output of the program load_bundle returned")
