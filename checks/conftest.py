# The fixtures every check uses (exercise, exercise_path, report, needs) and the
# hooks that turn failures into messages for the learner.
from dlings.pytest_plugin import *  # noqa: F401,F403
from dlings.pytest_plugin import pytest_addoption, pytest_runtest_makereport  # noqa: F401
