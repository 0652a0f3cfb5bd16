"""The learner's commands, through click's runner, on a tiny curriculum."""
import shutil

from click.testing import CliRunner

from dlings.cli import cli


def run(*args, input=None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


def solve(curriculum, workspace, name):
    shutil.copy(curriculum.root / "solutions" / "01_demo" / f"{name}.py", workspace / "exercises" / "01_demo" / f"{name}.py")


def test_no_workspace_says_what_to_type(curriculum, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run("list")
    assert code == 2
    assert "dlings init dlings-work" in out and "dlings watch" in out


def test_init_writes_a_workspace(curriculum, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run("init", "mine")
    assert code == 0, out
    ws = tmp_path / "mine"
    assert (ws / "exercises" / "01_demo" / "first.py").is_file()
    assert (ws / ".dlings" / "state.json").is_file()
    assert ".dlings/" in (ws / ".gitignore").read_text()
    assert (ws / ".vscode" / "settings.json").is_file()
    assert not (ws / "solutions" / "01_demo").exists(), "solutions are revealed only after a pass"
    code, out = run("init", "mine")
    assert code == 2 and "already a dlings workspace" in out


def test_run_fails_then_passes_and_moves_on(curriculum, workspace):
    code, out = run("run")
    assert code == 1
    assert "double(x) should be a torch.Tensor, but it is None" in out
    assert "finish the TODO" in out
    solve(curriculum, workspace, "first")
    code, out = run("run")
    assert code == 0 and "PASSED" in out and "Next up: second" in out
    code, out = run("list", "--plain")
    assert out.splitlines()[:2] == ["first\t01_demo\tdone", "second\t01_demo\tcurrent"]
    assert (workspace / "solutions" / "01_demo" / "first.py").is_file()


def test_check_alias_and_wrong_answer_message(curriculum, workspace):
    (workspace / "exercises" / "01_demo" / "second.py").write_text("def double(x):\n    return x + 2\n")
    code, out = run("check", "second")
    assert code == 1
    assert "Likely cause: you added 2 instead of multiplying by 2." in out


def test_unknown_name(workspace):
    code, out = run("run", "frist")
    assert code == 2 and "no exercise called 'frist'" in out and "Did you mean first" in out


def test_hints_one_at_a_time_then_all(workspace):
    assert "Hint 1/2 for first: first hint" in run("hint")[1]
    assert "Hint 2/2 for first: second hint" in run("hint")[1]
    code, out = run("hint")
    assert "seen all 2 hints" in out and "1. first hint" in out
    assert "Hint 2/2 for second: second hint" in run("hint", "second", "--all")[1]


def test_reset_backs_up_and_restores(curriculum, workspace):
    path = workspace / "exercises" / "01_demo" / "first.py"
    path.write_text("# my work\n")
    code, out = run("reset", "first")
    assert code == 0 and "dlings restore" in out
    assert path.read_text() == (curriculum.root / "exercises" / "01_demo" / "first.py").read_text()
    backups = list((workspace / ".dlings" / "backups").iterdir())
    assert len(backups) == 1
    assert (backups[0] / "exercises" / "01_demo" / "first.py").read_text() == "# my work\n"
    # nothing else was touched
    assert (workspace / "exercises" / "01_demo" / "second.py").read_text() == \
        (curriculum.root / "exercises" / "01_demo" / "second.py").read_text()
    code, out = run("restore", backups[0].name)
    assert code == 0 and path.read_text() == "# my work\n"


def test_reset_all_asks_first(curriculum, workspace):
    (workspace / "exercises" / "01_demo" / "second.py").write_text("# edited\n")
    code, out = run("reset", "--all")
    assert code == 1 and "nothing was reset" in out
    assert (workspace / "exercises" / "01_demo" / "second.py").read_text() == "# edited\n"
    code, out = run("reset", "--all", "--yes")
    assert code == 0 and "dlings restore" in out
    assert (workspace / "exercises" / "01_demo" / "second.py").read_text() != "# edited\n"


def test_reset_restores_a_deleted_file(curriculum, workspace):
    path = workspace / "exercises" / "01_demo" / "first.py"
    path.unlink()
    code, out = run("run", "first")
    assert code == 1 and "does not exist" in out and "dlings reset first" in out
    code, _ = run("reset", "first")
    assert code == 0 and path.is_file()


def test_solution_only_after_passing(curriculum, workspace):
    code, out = run("solution", "first")
    assert code == 1 and "once you pass" in out
    solve(curriculum, workspace, "first")
    run("run", "first")
    code, out = run("solution", "first")
    assert code == 0 and "return x * 2" in out


def test_verify_stops_at_first_failure(curriculum, workspace):
    solve(curriculum, workspace, "first")
    code, out = run("verify")
    assert code == 1
    assert "[1/3] ✓ first" in out and "[2/3] ✗ second" in out and "third" not in out


def test_start_from_skips_earlier(curriculum, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init", "ws2", "--start-from", "third")
    monkeypatch.chdir(tmp_path / "ws2")
    code, out = run("list", "--plain")
    assert out.splitlines() == ["first\t01_demo\tskipped", "second\t01_demo\tskipped", "third\t01_demo\tcurrent"]


def test_corrupt_state_warns_and_goes_on(workspace):
    (workspace / ".dlings" / "state.json").write_text("{{{")
    code, out = run("list", "--plain")
    assert code == 0 and "damaged" in out


def test_broken_info_toml_is_reported_not_raised(curriculum, workspace):
    (curriculum.root / "info.toml").write_text("format_version = 1\n[[exercises]\n")
    code, out = run("list")
    assert code == 2 and "not valid TOML" in out and "line 2" in out
