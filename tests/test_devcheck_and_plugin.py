"""`dlings dev check`, and the pytest plugin used by hand (tree switching)."""
import subprocess
import sys

from click.testing import CliRunner

from dlings.cli import cli
from dlings.dev.check import dev_check


def test_good_curriculum_passes(curriculum):
    curriculum.add_mistake("first", "adds_two", "def double(x):\n    return x + 2\n")
    report = dev_check(curriculum.root, parallel=2)
    assert report.ok, [(r.kind, r.verdict) for r in report.runs if not r.ok]
    kinds = sorted(r.kind for r in report.runs if r.exercise == "first")
    assert kinds == ["mistake:adds_two", "pristine", "solution"]


def test_mistake_that_passes_is_caught(curriculum):
    curriculum.add_mistake("first", "actually_right", "def double(x):\n    return 2 * x\n")
    report = dev_check(curriculum.root, only={"first"})
    bad = [r for r in report.runs if not r.ok]
    assert [r.kind for r in bad] == ["mistake:actually_right"]
    assert "PASSED: the check does not catch it" in bad[0].problem()


def test_pristine_that_passes_and_solution_that_fails(curriculum):
    curriculum.add("lazy", pristine="def double(x):\n    return x * 2\n", solution="def double(x):\n    return x\n")
    report = dev_check(curriculum.root, only={"lazy"})
    problems = sorted(r.problem().split(" ")[0] for r in report.runs if not r.ok)
    assert problems == ["pristine", "the"]


def test_orphans_and_bad_mistake_names(curriculum):
    (curriculum.root / "exercises" / "01_demo" / "stray.py").write_text("")
    curriculum.add_mistake("nobody", "wrong", "x = 1\n")
    (curriculum.root / "checks" / "01_demo" / "mistakes" / "first.py").write_text("")
    report = dev_check(curriculum.root, only={"first"}, with_mistakes=False)
    text = "\n".join(report.problems)
    assert "exercises/01_demo/stray.py: orphan" in text
    assert "names exercise 'nobody'" in text
    assert "mistakes/first.py: mistake files are named" in text
    assert not report.ok


def test_cli_summary_and_exit_code(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.root)
    result = CliRunner().invoke(cli, ["dev", "check", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "01_demo" in result.output and "OK: 6 runs, 0 bad" in result.output
    assert result.output.rstrip().splitlines()[-1] == "curriculum: 6 passed, 0 failed, 0 skipped"
    curriculum.add_mistake("first", "actually_right", "def double(x):\n    return 2 * x\n")
    result = CliRunner().invoke(cli, ["dev", "check", "--only", "01_demo"])
    assert result.exit_code == 1 and "FAIL" in result.output


def _pytest_by_hand(curriculum, *args):
    check = curriculum.root / "checks" / "01_demo" / "test_first.py"
    return subprocess.run([sys.executable, "-m", "pytest", str(check), "-q", "-p", "no:cacheprovider", *args],
                          capture_output=True, text=True, cwd=curriculum.root, timeout=120)


def test_fixture_switches_trees(curriculum):
    assert _pytest_by_hand(curriculum, "--dlings-tree=solutions").returncode == 0
    pristine = _pytest_by_hand(curriculum, "--dlings-tree=exercises")
    assert pristine.returncode == 1
    assert "double(x) should be a torch.Tensor, but it is None" in pristine.stdout
    mistake = curriculum.root / "m.py"
    mistake.write_text("def double(x):\n    return x + 2\n")
    result = _pytest_by_hand(curriculum, f"--dlings-file={mistake}")
    assert result.returncode == 1 and "you added 2" in result.stdout
