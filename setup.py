"""Ships the curriculum (info.toml, exercises, checks, solutions) inside the wheel.

In a source checkout (`pip install -e .`) dlings reads the curriculum straight
from the repository root; a built wheel carries a copy under dlings/curriculum.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
CURRICULUM = ["info.toml", "exercises", "checks", "solutions"]


class BuildWithCurriculum(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "dlings" / "curriculum"
        for item in CURRICULUM:
            source = ROOT / item
            if source.is_dir():
                shutil.copytree(source, target / item, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / item)


setup(cmdclass={"build_py": BuildWithCurriculum})
