"""Fixtures for the runner's own tests: a tiny curriculum and workspace in tmp_path."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PASSING_CHECK = """
import torch
from dlings.testing import expect_close


def test_double(exercise):
    x = torch.arange(4.0)
    expect_close(exercise.double(x), x * 2, what="double(x)",
                 mistakes={"you added 2 instead of multiplying by 2.": x + 2})
"""

PRISTINE = """
import torch


def double(x):
    # TODO
    ...
"""

SOLUTION = """
import torch


def double(x):
    return x * 2
"""


class MiniCurriculum:
    """A throw-away curriculum: info.toml plus the three trees."""

    def __init__(self, root: Path):
        self.root = root
        (root / "checks").mkdir(parents=True)
        shutil.copy(REPO / "checks" / "conftest.py", root / "checks" / "conftest.py")
        shutil.copy(REPO / "checks" / "pytest.ini", root / "checks" / "pytest.ini")
        self.entries: list[str] = []

    def add(self, name: str, *, dir: str = "01_demo", pristine: str = PRISTINE, solution: str = SOLUTION,
            check: str = PASSING_CHECK, extra: str = "", hints=("first hint", "second hint")) -> None:
        for tree, text in (("exercises", pristine), ("solutions", solution)):
            path = self.root / tree / dir / f"{name}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text))
        check_path = self.root / "checks" / dir / f"test_{name}.py"
        check_path.parent.mkdir(parents=True, exist_ok=True)
        check_path.write_text(textwrap.dedent(check))
        hint_list = ", ".join(f'"{h}"' for h in hints)
        self.entries.append(f'[[exercises]]\nname = "{name}"\ndir = "{dir}"\nhints = [{hint_list}]\n{extra}\n')
        self.write_info()

    def add_mistake(self, name: str, what: str, text: str, dir: str = "01_demo") -> None:
        path = self.root / "checks" / dir / "mistakes" / f"{name}__{what}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))

    def write_info(self) -> None:
        head = 'format_version = 1\nwelcome_message = "hi"\nfinal_message = "all done"\n\n'
        (self.root / "info.toml").write_text(head + "\n".join(self.entries))


@pytest.fixture
def curriculum(tmp_path, monkeypatch) -> MiniCurriculum:
    mini = MiniCurriculum(tmp_path / "curriculum")
    mini.add("first")
    mini.add("second")
    mini.add("third")
    monkeypatch.setenv("DLINGS_CURRICULUM", str(mini.root))
    monkeypatch.delenv("DLINGS_WORKSPACE", raising=False)
    return mini


@pytest.fixture
def workspace(curriculum, tmp_path, monkeypatch) -> Path:
    from dlings.catalog import load_catalog
    from dlings.workspace import init_workspace

    ws = tmp_path / "ws"
    init_workspace(ws, load_catalog(curriculum.root))
    monkeypatch.chdir(ws)
    return ws


@pytest.fixture(scope="session", autouse=True)
def warm_without_triton():
    """Warm the engine here, lightly: the full warm-up imports triton, which
    prints a wall of leak warnings when this test process exits."""
    from dlings.engine import warm_up

    warm_up(full=False)


@pytest.fixture(scope="session", params=["fork", "pool"])
def any_engine(request):
    """The engine tests run against both engines (the pool forced here on Linux)."""
    from dlings.engine import make_engine

    eng = make_engine(name=request.param, spares=2)
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def engine():
    """The platform's engine (fork here), for tests about what sits above it."""
    from dlings.engine import make_engine

    eng = make_engine(name="fork")
    yield eng
    eng.close()
