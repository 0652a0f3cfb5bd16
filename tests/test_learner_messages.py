"""What a learner reads: explanations of torch's errors, value previews, shape hints, the loop ban,
one framing for exceptions from their code, and `run --verbose`.

Every torch error here is raised by this torch for real (from a small learner file), so a change of
torch's wording that breaks an explanation fails a test instead of silently losing the "Likely cause".
"""
from __future__ import annotations

import mmap
import textwrap
from pathlib import Path

import pytest
import torch

from dlings.learner_errors import _specific_cause, explain
from dlings.pytest_plugin import load_exercise
from dlings.testing import CheckFailure, _shape_guess, expect_close, expect_shape, no_loops
from dlings.verdict import Status

DISPLAY = "exercises/01_demo/learner.py"


def learner_error(tmp_path: Path, body: str):
    """Run `body` (the inside of a function) from a learner file; return explain()'s verdict on what it raised."""
    path = tmp_path / "learner.py"
    path.write_text("import torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n\ndef f():\n"
                    + textwrap.indent(textwrap.dedent(body), "    "))
    module = load_exercise(path)
    try:
        module.f()
    except Exception as exc:  # noqa: BLE001
        return exc, explain(exc, path, DISPLAY)
    pytest.skip("this torch raises nothing here")


# (name, learner code, words the "Likely cause" must hold)
TORCH_ERRORS = [
    ("device index given as a seed", "return torch.Generator(42)", ["DEVICE, not a seed", "manual_seed(42)"]),
    ("gather index of the wrong rank", "x = torch.randn(3, 4)\nreturn x.gather(1, torch.tensor([0, 1, 2]))",
     ["shape (N, 1)", "unsqueeze(1)"]),
    ("scatter index of the wrong rank", "return torch.zeros(3, 4).scatter(1, torch.tensor([0, 1, 2]), 1.0)",
     ["as many dimensions as the tensor"]),
    ("gather index too large", "return torch.randn(3, 4).gather(1, torch.zeros(5, 1, dtype=torch.long))",
     ["may not be larger than the tensor"]),
    ("index past the end", "return torch.randn(3, 4)[torch.tensor([3])]", ["0 to size - 1"]),
    ("dim the tensor lacks", "return torch.zeros(3, 4).scatter_add(1, torch.tensor([[0], [1], [2]]), torch.ones(3))",
     ["does not have"]),
    ("float index from /", "x = torch.arange(10.0)\nreturn x[torch.tensor([4, 6]) / 2]", ["//", "int64"]),
    ("float index in gather", "return torch.randn(3, 4).gather(1, torch.zeros(3, 1))", ["//", ".long()"]),
    ("float index in index_select", "return torch.randn(3, 4).index_select(0, torch.tensor([0.0]))", ["int64"]),
    ("one_hot of floats", "return F.one_hot(torch.tensor([0.0, 1.0]))", [".long()"]),
    ("mask of the wrong shape", "return torch.randn(3, 4)[torch.ones(4, dtype=torch.bool)]", ["mask"]),
    ("matmul of int64 and float32", "return torch.ones(2, 3, dtype=torch.long) @ torch.ones(3, 2)",
     ["different dtypes", ".float()"]),
    ("matmul of float64 and float32", "return torch.ones(2, 3, dtype=torch.float64) @ torch.ones(3, 2)",
     ["different dtypes"]),
    ("nn.Linear on float64", "return nn.Linear(3, 4)(torch.ones(2, 3, dtype=torch.float64))", ["different dtypes"]),
    ("bmm of mixed dtypes", "return torch.bmm(torch.ones(1, 2, 3, dtype=torch.float64), torch.ones(1, 3, 2))",
     ["mixed dtypes"]),
    ("index_put of another dtype", "x = torch.zeros(3)\nx[torch.tensor([0])] = torch.ones(1, dtype=torch.float64)\n"
     "return x", ["its dtype"]),
    ("scatter src of another dtype",
     "return torch.zeros(3, 4).scatter(1, torch.tensor([[0], [1], [2]]), torch.ones(3, 1, dtype=torch.long))",
     ["its dtype"]),
    ("index_add source of another dtype",
     "return torch.zeros(3).index_add(0, torch.tensor([0, 1]), torch.ones(2, dtype=torch.long))", ["its dtype"]),
    ("cat into an int64 out=", "return torch.cat([torch.ones(2), torch.ones(2)], out=torch.empty(4, dtype=torch.long))",
     ["cannot change a tensor's dtype"]),
    ("in-place float into int64", "x = torch.ones(2, dtype=torch.long)\nx.mul_(torch.tensor(0.5))\nreturn x",
     ["cannot change a tensor's dtype"]),
    ("float targets for cross_entropy", "return F.cross_entropy(torch.randn(3, 4), torch.tensor([0.0, 1.0, 2.0]))",
     [".long()"]),
    ("mean of int64", "return torch.arange(3).mean()", ["floating-point", ".float()"]),
    ("randn with an int dtype", "return torch.randn(3, dtype=torch.long)", ["floating-point"]),
    ("cat of mismatched sizes", "return torch.cat([torch.ones(2, 3), torch.ones(2, 4)])", ["torch.stack"]),
    ("cat of mismatched ranks", "return torch.cat([torch.ones(2, 3), torch.ones(3)])", ["same rank"]),
    ("stack of mismatched shapes", "return torch.stack([torch.ones(2, 3), torch.ones(2, 4)])", ["same shape"]),
    ("view to a size that does not fit", "return torch.arange(11).view(4, 4)", ["number of elements"]),
    ("expand of a non-1 dim", "return torch.ones(3).expand(2, 4)", ["size 1"]),
    ("a GPU checkpoint loaded without map_location",
     "import io, torch.serialization as ser\nbuffer, tag = io.BytesIO(), ser.location_tag\n"
     "ser.location_tag = lambda storage: 'cuda:0'\ntry:\n    torch.save({'w': torch.ones(2)}, buffer)\n"
     "finally:\n    ser.location_tag = tag\nbuffer.seek(0)\nreturn torch.load(buffer)", ["map_location='cpu'"]),
    ("a value read out of a meta tensor", "m = torch.ones(3, device='meta')\nreturn [float(v) for v in m]",
     ["'meta' device", "whole-tensor"]),
    ("a meta tensor copied to the CPU", "return torch.ones(3, device='meta').tolist()", ["'meta' device"]),
    ("a negative slice step", "return torch.arange(5)[::-1]", ["torch.flip"]),
    ("different devices", "return torch.ones(2) + torch.ones(2, device='meta')", ["different devices", "x.device"]),
    ("different devices in index_add_", "m = torch.empty(3, 2, device='meta')\n"
     "return torch.zeros(4, 2).index_add_(0, torch.zeros(3, dtype=torch.long, device='meta'), m)",
     ["different devices"]),
    ("in-place on a leaf", "w = torch.ones(2, requires_grad=True)\nw.add_(1)\nreturn w",
     ["leaf", "torch.no_grad()"]),
    ("in-place on a view of a leaf", "w = torch.ones(2, requires_grad=True)\nw[0] = 1.0\nreturn w", ["leaf"]),
    ("numpy() of a tensor that requires grad", "return torch.ones(2, requires_grad=True).numpy()", ["detach()"]),
    ("requires_grad on an int tensor", "return torch.tensor([1, 2]).requires_grad_()", ["floating-point"]),
    ("an inference tensor in autograd", "with torch.inference_mode():\n    x = torch.ones(2)\n"
     "w = torch.ones(2, requires_grad=True)\nreturn (w * x).sum().backward()", ["inference_mode"]),
    ("grad of an unused input", "a, b = torch.ones(2, requires_grad=True), torch.ones(2, requires_grad=True)\n"
     "return torch.autograd.grad((a * 2).sum(), [a, b])", ["allow_unused=True"]),
    ("vmap over an argument of another size", "return torch.func.vmap(lambda x, w: x @ w)(torch.ones(3, 5), "
     "torch.ones(5, 5))", ["in_dims=None"]),
    ("view of a non-contiguous tensor", "return torch.ones(3, 4).t().view(12)", ["not contiguous", "reshape()"]),
]


@pytest.mark.parametrize("name,body,words", TORCH_ERRORS, ids=[case[0] for case in TORCH_ERRORS])
def test_torch_errors_a_beginner_meets_are_explained(tmp_path, name, body, words):
    exc, explained = learner_error(tmp_path, body)
    assert explained.status is Status.ERROR
    assert "Likely cause:" in explained.message, explained.message
    cause = explained.message.split("Likely cause:", 1)[1]
    for word in words:
        assert word in cause, f"{name}: {word!r} missing from\n{explained.message}"
    assert explained.location.startswith(f"{DISPLAY}:")


def test_asking_for_a_gpu_where_there_is_none(tmp_path):
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    exc, explained = learner_error(tmp_path, "return torch.ones(2, device='cuda')")
    assert "asked for a GPU" in explained.message and "installation is fine" in explained.message


def test_the_same_device_message_of_this_torch(tmp_path):
    """CUDA's wording cannot be raised without a GPU; read it from this torch's library instead."""
    lib = Path(torch.__file__).parent / "lib" / "libtorch_cpu.so"
    if not lib.is_file():
        pytest.skip("no libtorch_cpu.so here")
    needle = b"Expected all tensors to be on the same device, but found at least two devices, "
    with open(lib, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        assert data.find(needle) >= 0, "this torch words the device error differently"
    message = needle.decode() + "cuda:0 and cpu!"
    assert "different devices" in _specific_cause(RuntimeError(message))


def test_a_seed_given_to_generator_is_not_blamed_on_the_install(tmp_path):
    exc, explained = learner_error(tmp_path, "g = torch.Generator(0)\nreturn torch.rand(2, generator=g)")
    assert "argument is a DEVICE" in explained.message
    assert "line 7 in f()" in explained.message


def test_unknown_errors_still_point_at_the_line(tmp_path):
    exc, explained = learner_error(tmp_path, "raise ValueError('no idea')")
    assert "Your code raised ValueError at line 7 in f(): no idea" in explained.message
    assert "--verbose" in explained.message


# --- value preview ---------------------------------------------------------------------------------

def failure_text(fn) -> str:
    with pytest.raises(CheckFailure) as info:
        fn()
    return str(info.value)


def test_preview_is_centred_on_the_first_mismatch():
    want = torch.zeros(40, dtype=torch.long)
    want[20] = 1
    got = torch.zeros(40, dtype=torch.long)
    got[21] = 1
    text = failure_text(lambda: expect_close(got, want, "one_hot(...)"))
    expected_line = next(line for line in text.splitlines() if line.strip().startswith("expected ["))
    got_line = next(line for line in text.splitlines() if line.strip().startswith("got "))
    assert expected_line.split("[", 1)[1] != got_line.split("[", 1)[1], text
    assert "values from index (18,) on" in text
    assert "1" in expected_line.split("[", 1)[1] and "1" in got_line.split("[", 1)[1]


def test_preview_of_a_float_tensor_names_where_it_starts():
    want = torch.zeros(3, 8)
    got = want.clone()
    got[2, 5] = 0.5
    text = failure_text(lambda: expect_close(got, want, "x"))
    assert "values from index (2, 2) on (the first difference is at (2, 5))" in text
    assert "0.5" in text.split("got      ", 1)[1]


def test_preview_starts_at_zero_when_the_difference_is_early():
    text = failure_text(lambda: expect_close(torch.tensor([1.0, 5.0, 3.0]), torch.tensor([1.0, 2.0, 3.0]), "x"))
    assert "values from index" not in text and "expected [1, 2, 3]" in text


# --- shape hints ---------------------------------------------------------------------------------

def test_shape_hint_for_a_dimension_stacked_in_the_wrong_place():
    got = torch.zeros(2, 4, 5)  # torch.stack([gy, gx]) where stack(..., dim=-1) was meant
    text = failure_text(lambda: expect_shape(got, (4, 5, 2), "coord_grid(images)"))
    assert "belongs at position 2 (dim=-1)" in text and "movedim(0, 2)" in text
    assert "transpose" not in text  # (2, 4, 5) -> (4, 5, 2) is no single transpose


def test_shape_hints_follow_what_the_shapes_allow():
    assert "transpose(0, 1)" in _shape_guess((3, 4), (4, 3))
    assert ".squeeze(1)" in _shape_guess((3, 1, 4), (3, 4))
    assert ".unsqueeze(1)" in _shape_guess((3, 4), (3, 1, 4))
    assert "torch.cat instead of torch.stack" in _shape_guess((3, 4, 5), (12, 5))
    assert "torch.stack instead of torch.cat" in _shape_guess((12, 5), (3, 4, 5))
    assert "off by one" in _shape_guess((3, 5), (3, 4))
    assert "view/reshape" in _shape_guess((6, 2), (3, 4))
    assert _shape_guess((7,), (3, 4)) is None


# --- the loop ban ------------------------------------------------------------------------------------

def test_loop_ban_names_the_line_of_the_learners_file(tmp_path):
    path = tmp_path / "learner.py"
    path.write_text("import torch\n\n\ndef row_sums(x):\n    out = []\n    for row in x:\n"
                    "        out.append(row.sum())\n    return torch.stack(out)\n")
    module = load_exercise(path)
    text = failure_text(lambda: no_loops(module.row_sums, instead="x.sum(dim=1)"))
    assert "a for loop at line 6 of learner.py" in text
    assert "6 | for row in x:" in text
    assert "Likely cause: this exercise asks for tensor operations instead of a loop, here: x.sum(dim=1)" in text


# --- through the engine: one framing, and run --verbose -------------------------------------------

CATCHING_CHECK = """
import torch
from dlings.testing import fail


def test_last_token(exercise):
    x = torch.arange(12.0).reshape(3, 4)
    try:
        got = exercise.double(x)
    except IndexError as e:
        fail(f"double(x) for x of shape (3, 4) raised IndexError: {e}",
             hint="an index past the end of the sequence.")
"""

CATCHING_NO_HINT = CATCHING_CHECK.replace(',\n             hint="an index past the end of the sequence.")', ")")


@pytest.fixture
def judge(curriculum, engine, tmp_path):
    from dlings.catalog import load_catalog
    from dlings.session import job_for

    def run(source: str, name: str = "first"):
        catalog = load_catalog(curriculum.root)
        path = tmp_path / f"learner_{name}.py"
        path.write_text(textwrap.dedent(source))
        return engine.run(job_for(catalog, catalog.get(name), path, "exercises/01_demo/first.py"))

    return run


LEARNER_INDEX_ERROR = "import torch\n\n\ndef double(x):\n    return x[:, torch.tensor([4])] * 2\n"


def test_an_exception_the_check_caught_is_framed_like_one_it_did_not(curriculum, judge):
    uncaught = judge(LEARNER_INDEX_ERROR)
    curriculum.add("caught", check=CATCHING_CHECK)
    caught = judge(LEARNER_INDEX_ERROR, "caught")
    for verdict in (uncaught, caught):
        assert verdict.status is Status.ERROR, verdict.message
        assert verdict.message.startswith("Your code raised IndexError at line 5 in double()"), verdict.message
        assert "5 | return x[:, torch.tensor([4])] * 2" in verdict.message
        assert verdict.location == "exercises/01_demo/first.py:5"
    assert "double(x) for x of shape (3, 4) raised IndexError" in caught.message
    assert caught.message.count("index 4 is out of bounds") == 1
    assert "Likely cause: an index past the end of the sequence." in caught.message


def test_a_caught_exception_without_a_hint_gets_the_torch_explanation(curriculum, judge):
    curriculum.add("caught", check=CATCHING_NO_HINT)
    verdict = judge(LEARNER_INDEX_ERROR, "caught")
    assert verdict.status is Status.ERROR
    assert "Likely cause: an index past the end" in verdict.message and "0 to size - 1" in verdict.message


def test_a_caught_not_implemented_todo_is_still_not_written_yet(curriculum, judge):
    curriculum.add("caught", check=CATCHING_CHECK.replace("except IndexError", "except Exception"))
    verdict = judge("def double(x):\n    # TODO\n    raise NotImplementedError\n", "caught")
    assert verdict.status is Status.ERROR and "Not written yet" in verdict.message


def test_verbose_shows_the_learners_file_and_the_failing_step(curriculum, workspace):
    from click.testing import CliRunner

    from dlings.cli import cli

    exercise = workspace / "exercises" / "01_demo" / "first.py"
    exercise.write_text("import torch\n\n\ndef double(x):\n    return x.expand(2, 4).view(-1)[:4] * 2\n")
    result = CliRunner().invoke(cli, ["run", "--verbose"], catch_exceptions=False)
    full = result.output.split("--- full output ---", 1)[1]
    assert "In your file exercises/01_demo/first.py:" in full
    assert "line 5 in double()" in full and "return x.expand(2, 4).view(-1)[:4] * 2" in full
    assert "The check's failing step (in test_double):" in full
    assert "expect_close(exercise.double(x), x * 2" in full
    assert str(curriculum.root) not in full and "test_first.py" not in full
    assert "dlings/testing.py" not in full and "pytest_plugin" not in full

    exercise.write_text("def double(x):\n    return x + 2\n")
    result = CliRunner().invoke(cli, ["run", "--verbose"], catch_exceptions=False)
    full = result.output.split("--- full output ---", 1)[1]
    assert "No line of your file exercises/01_demo/first.py failed: the check judged what it returned." in full
    assert "Likely cause: you added 2 instead of multiplying by 2." in full
    assert str(curriculum.root) not in full and "site-packages" not in full


def test_an_error_raised_in_the_check_on_what_the_code_gave_shows_that_step(curriculum, judge):
    curriculum.add("picky", check="def test_x(exercise):\n    value = exercise.double(2)\n    value.shape\n")
    verdict = judge("def double(x):\n    return x * 2\n", "picky")
    assert verdict.status is Status.FAILED and "could not use what your code gave it" in verdict.message
    assert "The check's failing step (in test_x):\n    value.shape" in verdict.output
    assert "AttributeError: 'int' object has no attribute 'shape'" in verdict.output
    assert "test_picky.py" not in verdict.output
