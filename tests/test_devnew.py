"""`dlings dev new` (the scaffold) and what `dlings dev check` says about it and about mistake counts."""
import sys
import textwrap

import pytest
from click.testing import CliRunner

from dlings.catalog import load_catalog
from dlings.cli import cli
from dlings.dev.check import dev_check
from dlings.dev.new import SCAFFOLD_MARKER, DevNewError, dev_new

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _names(root):
    return [(e["name"], e["dir"]) for e in tomllib.loads((root / "info.toml").read_text())["exercises"]]


def test_scaffold_files_and_entry(curriculum):
    root = curriculum.root
    made = dev_new(root, "fresh", "01_demo")
    for rel in ("exercises/01_demo/fresh.py", "solutions/01_demo/fresh.py", "checks/01_demo/test_fresh.py"):
        assert (root / rel).is_file() and SCAFFOLD_MARKER in (root / rel).read_text()
    assert (root / "checks/01_demo/mistakes").is_dir()
    assert [p.relative_to(root).as_posix() for p in made.files] == [
        "exercises/01_demo/fresh.py", "solutions/01_demo/fresh.py", "checks/01_demo/test_fresh.py"]
    assert _names(root)[-1] == ("fresh", "01_demo")
    lines = (root / "info.toml").read_text().splitlines()
    assert lines[made.info_line - 1].strip() == "[[exercises]]" and lines[made.info_line] == 'name = "fresh"'
    catalog = load_catalog(root)                        # the new entry is valid and its files exist
    assert catalog.get("fresh").hints[0].startswith(SCAFFOLD_MARKER)


def test_entry_goes_to_the_end_of_its_track(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "info.toml").write_text(textwrap.dedent('''\
        format_version = 1

        # ==== 01_a ====

        [[exercises]]
        name = "a1"
        dir = "01_a"
        hints = ["h"]

        [[exercises]]
        name = "a2"
        dir = "01_a"
        hints = ["h"]

        # ==== 02_b ====
        # (entries of 02_b go here, in learning order)

        # ==== 03_c ====

        [[exercises]]
        name = "c1"
        dir = "03_c"
        hints = ["h"]
        '''))
    dev_new(root, "a3", "01_a")
    dev_new(root, "b1", "02_b")
    dev_new(root, "d1", "04_d")
    assert _names(root) == [("a1", "01_a"), ("a2", "01_a"), ("a3", "01_a"), ("b1", "02_b"), ("c1", "03_c"),
                            ("d1", "04_d")]
    text = (root / "info.toml").read_text()
    assert "(entries of 02_b go here" not in text and "# ==== 04_d ====" in text
    assert text.index('name = "b1"') > text.index("# ==== 02_b ====")


@pytest.mark.parametrize("name, track, fragment", [
    ("first", "01_demo", "already has an exercise called 'first'"),
    ("Bad-Name", "01_demo", "not a valid exercise name"),
    ("fine", "demo", "not a track folder name"),
])
def test_refusals(curriculum, name, track, fragment):
    before = (curriculum.root / "info.toml").read_text()
    with pytest.raises(DevNewError, match=fragment):
        dev_new(curriculum.root, name, track)
    assert (curriculum.root / "info.toml").read_text() == before


def test_never_overwrites(curriculum):
    path = curriculum.root / "solutions" / "01_demo" / "orphan.py"
    path.write_text("mine\n")
    with pytest.raises(DevNewError, match="never overwrites"):
        dev_new(curriculum.root, "orphan", "01_demo")
    assert path.read_text() == "mine\n" and "orphan" not in (curriculum.root / "info.toml").read_text()


def test_scaffold_is_incomplete_until_filled_in(curriculum):
    from conftest import PASSING_CHECK, PRISTINE, SOLUTION

    root = curriculum.root
    dev_new(root, "fresh", "01_demo")
    report = dev_check(root, only={"fresh"}, parallel=2)
    assert not report.ok
    assert any("'fresh' is still a scaffold" in p and "the exercise, the solution, the check" in p
               and "the hints in info.toml" in p for p in report.problems), report.problems
    solution = next(r for r in report.runs if r.kind == "solution")
    assert not solution.ok                                    # the scaffold's solution is not written yet
    assert report.tracks["01_demo"].incomplete == ["fresh"]
    assert report.tracks["01_demo"].short == [("fresh", 0)]
    assert any("'fresh' has 0 mistake files" in w for w in report.warnings)

    # Fill it in: the three files, real hints, three mistakes.
    (root / "exercises/01_demo/fresh.py").write_text(textwrap.dedent(PRISTINE))
    (root / "solutions/01_demo/fresh.py").write_text(textwrap.dedent(SOLUTION))
    (root / "checks/01_demo/test_fresh.py").write_text(textwrap.dedent(PASSING_CHECK))
    info = root / "info.toml"
    info.write_text(info.read_text().replace(f"{SCAFFOLD_MARKER}: a gentle hint", "Multiply, do not add.")
                    .replace(f"{SCAFFOLD_MARKER}: a closer one", "x * 2")
                    .replace(f"    \"{SCAFFOLD_MARKER}: nearly the answer\",\n", ""))
    report = dev_check(root, only={"fresh"}, parallel=2)
    assert report.tracks["01_demo"].incomplete == [] and report.tracks["01_demo"].short == [("fresh", 0)]
    assert report.ok                                           # too few mistakes is flagged, not a failure
    for what, body in [("adds", "x + 2"), ("squares", "x * x"), ("same", "x")]:
        curriculum.add_mistake("fresh", what, f"def double(x):\n    return {body}\n")
    report = dev_check(root, only={"fresh"}, parallel=2)
    assert report.ok and not report.warnings and report.tracks["01_demo"].mistakes == 3


def test_cli_dev_new_and_per_track_counts(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.root)
    curriculum.add("other", dir="02_more")
    for what in ("a", "b", "c"):
        curriculum.add_mistake("other", what, "def double(x):\n    return x + 2\n", dir="02_more")
    result = CliRunner().invoke(cli, ["dev", "new", "fresh", "--track", "01_demo"])
    assert result.exit_code == 0, result.output
    assert "created  exercises/01_demo/fresh.py" in result.output and "info.toml:" in result.output
    again = CliRunner().invoke(cli, ["dev", "new", "fresh", "--track", "01_demo"])
    assert again.exit_code == 2 and "already has an exercise called 'fresh'" in again.output

    result = CliRunner().invoke(cli, ["dev", "check", "-j", "2"])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "'fresh' is still a scaffold of `dlings dev new`" in out
    assert "flagged: checks/01_demo/mistakes/: 'first' has 0 mistake files" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith(("01_demo", "02_more"))}
    assert rows["01_demo"][1:4] == ["4", "0", "4"]             # exercises, mistakes, flagged
    assert rows["02_more"][1:4] == ["1", "3", "0"]
    assert "fewer than 3 mistake files: first (0), second (0), third (0), fresh (0)" in out
    assert out.rstrip().splitlines()[-1].startswith("curriculum: ")
