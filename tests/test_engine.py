"""The forked check engine: every way learner code can go wrong ends in a verdict."""
import textwrap

import pytest

from dlings.catalog import load_catalog
from dlings.session import job_for
from dlings.verdict import Status


@pytest.fixture
def judge(curriculum, any_engine, tmp_path):
    catalog = load_catalog(curriculum.root)

    def run(source: str, name: str = "first", **overrides):
        path = tmp_path / f"learner_{name}.py"
        path.write_text(textwrap.dedent(source))
        job = job_for(catalog, catalog.get(name), path, "exercises/01_demo/first.py")
        for key, value in overrides.items():
            setattr(job, key, value)
        return any_engine.run(job)

    return run


GOOD = "import torch\ndef double(x):\n    return x * 2\n"


def test_pass(judge):
    verdict = judge(GOOD)
    assert verdict.status is Status.PASSED, verdict.message
    assert verdict.tests_total == 1


def test_wrong_answer_explained(judge):
    verdict = judge("def double(x):\n    return x + 2\n")
    assert verdict.status is Status.FAILED
    assert "largest difference" in verdict.message
    assert "Likely cause: you added 2 instead of multiplying by 2." in verdict.message


def test_syntax_error_names_file_and_line(judge):
    verdict = judge("def double(x)\n    return x * 2\n")
    assert verdict.status is Status.ERROR
    assert "Syntax error in exercises/01_demo/first.py at line 1" in verdict.message
    assert verdict.location == "exercises/01_demo/first.py:1"


def test_indentation_error(judge):
    verdict = judge("def double(x):\nreturn x * 2\n")
    assert verdict.status is Status.ERROR
    assert "Indentation error" in verdict.message and "line 2" in verdict.message


def test_import_of_missing_module(judge):
    verdict = judge("import tochr\n" + GOOD)
    assert verdict.status is Status.ERROR
    assert "imports 'tochr'" in verdict.message and "import torch" in verdict.message


def test_not_implemented(judge):
    verdict = judge("def double(x):\n    # TODO\n    raise NotImplementedError\n")
    assert verdict.status is Status.ERROR
    assert "still raises NotImplementedError (line 3)" in verdict.message


def test_exception_in_learner_code_points_at_line(judge):
    verdict = judge("import torch\ndef double(x):\n    return x @ torch.ones(3, 3)\n")
    assert verdict.status is Status.ERROR
    assert "raised RuntimeError at line 3 in double()" in verdict.message
    assert "x @ torch.ones(3, 3)" in verdict.message


def test_infinite_loop_at_import(judge):
    verdict = judge("while True:\n    pass\n", timeout=1.0)
    assert verdict.status is Status.TIMEOUT
    assert "longer than 1 s" in verdict.message


def test_infinite_loop_in_function(judge):
    verdict = judge("def double(x):\n    while True:\n        x = x + 1\n", timeout=1.0)
    assert verdict.status is Status.TIMEOUT


def test_engine_keeps_serving_after_timeout(judge):
    judge("while True:\n    pass\n", timeout=0.5)
    assert judge(GOOD).status is Status.PASSED


def test_huge_allocation(judge):
    verdict = judge("import torch\nbig = torch.empty(10**12)\n" + GOOD)
    assert verdict.status is Status.OUT_OF_MEMORY
    assert "more memory than this exercise allows" in verdict.message


def test_slow_leak(judge):
    leak = "import torch\nkept = []\nwhile True:\n    kept.append(torch.ones(2**24))\n"
    verdict = judge(leak, memory_mb=256, timeout=20)
    assert verdict.status is Status.OUT_OF_MEMORY, verdict.message + verdict.output


@pytest.mark.parametrize("crash, words", [
    ("import os\nos.abort()\n", "abort"),
    ("import ctypes\nctypes.string_at(0)\n", "segmentation fault"),
    ("import os\nos._exit(3)\n", "exit code 3"),
])
def test_hard_crashes_are_crashes_not_passes(judge, crash, words):
    verdict = judge(crash + GOOD)
    assert verdict.status is Status.CRASHED
    assert words in verdict.message


def test_sys_exit_is_reported(judge):
    verdict = judge("import sys\nsys.exit(0)\n" + GOOD)
    assert verdict.status is Status.ERROR
    assert "sys.exit" in verdict.message


def test_output_flood_is_capped_and_still_judged(judge):
    verdict = judge(GOOD + "for i in range(2 * 10**5):\n    print('spam', i)\n", timeout=60)  # 2.3 MB
    assert verdict.status is Status.PASSED
    assert len(verdict.output) < 100_000
    assert "output were dropped" in verdict.output or "left out" in verdict.output


def test_monkeypatching_torch_is_caught_and_undone(judge):
    cheat = "import torch\ntorch.isclose = lambda *a, **k: torch.tensor(True)\ndef double(x):\n    return x\n"
    verdict = judge(cheat)
    assert verdict.status is Status.FAILED
    assert "replaces or adds parts of torch" in verdict.message


def test_writing_into_checks_is_undone(judge, curriculum):
    check = curriculum.root / "checks" / "01_demo" / "test_first.py"
    original = check.read_text()
    cheat = f"open({str(check)!r}, 'w').write('def test_ok():\\n    pass\\n')\n" + GOOD
    verdict = judge(cheat)
    assert verdict.status is Status.FAILED and "test_first.py" in verdict.message
    assert check.read_text() == original


def test_needs_a_gpu_is_a_skip(judge):
    verdict = judge(GOOD, needs=("cuda",))
    assert verdict.status is Status.SKIPPED
    assert "needs a CUDA GPU" in verdict.message


def test_metrics_stream_to_the_caller(curriculum, any_engine, tmp_path):
    curriculum.add("trained", check="""
        def test_loss(exercise, report):
            for step in range(5):
                report("loss", 1.0 / (step + 1), step)
        """)
    catalog = load_catalog(curriculum.root)
    ex = catalog.get("trained")
    seen = []
    verdict = any_engine.run(job_for(catalog, ex, catalog.solution_path(ex), "x.py"),
                         on_metric=lambda m, v, s: seen.append((m, v, s)))
    assert verdict.status is Status.PASSED
    assert seen == [("loss", 1.0 / (s + 1), s) for s in range(5)]
    assert verdict.metrics == {"loss": [1.0 / (s + 1) for s in range(5)]}


def test_broken_check_is_not_blamed_on_the_learner(curriculum, any_engine):
    curriculum.add("broken", check="import nosuchthing\n\ndef test_x(exercise):\n    pass\n")
    catalog = load_catalog(curriculum.root)
    ex = catalog.get("broken")
    verdict = any_engine.run(job_for(catalog, ex, catalog.solution_path(ex), "x.py"))
    assert verdict.status is Status.BROKEN
    assert "not in your code" in verdict.message


def test_torch_not_implemented_is_not_an_unwritten_todo(judge):
    verdict = judge("import torch\ndef double(x):\n    return torch.tensor([1, 2]).mean()\n")
    assert verdict.status is Status.ERROR
    assert "Not written yet" not in verdict.message and "raised" in verdict.message
