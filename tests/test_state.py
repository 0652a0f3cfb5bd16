import json

import pytest

from dlings.catalog import load_catalog
from dlings.state import Progress, StateError, load_progress, save_progress, state_path


@pytest.fixture
def catalog(curriculum):
    return load_catalog(curriculum.root)


def test_missing_state_starts_fresh_with_a_warning(tmp_path, catalog):
    progress = load_progress(tmp_path, catalog)
    assert progress.current == "first" and not progress.done
    assert "No progress file" in progress.warnings[0]
    assert state_path(tmp_path).is_file()


def test_round_trip(tmp_path, catalog):
    progress = Progress(current="second")
    progress.mark_done("first")
    progress.mark_skipped("third", "needs a CUDA GPU")
    progress.hints_seen["second"] = 1
    save_progress(tmp_path, progress)
    again = load_progress(tmp_path, catalog)
    assert again.current == "second"
    assert again.state_of("first") == "done" and again.state_of("third") == "skipped"
    assert again.hints_seen == {"second": 1}
    assert not list(state_path(tmp_path).parent.glob(".state-*")), "temporary files must not be left behind"


@pytest.mark.parametrize("content", ["{not json", "", '{"format": 1, "done": [1, 2]}', "[]", '{"format": 1, "do'])
def test_corrupt_state_is_rebuilt_and_kept(tmp_path, catalog, content):
    path = state_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(content)
    progress = load_progress(tmp_path, catalog)
    assert progress.current == "first"
    assert "damaged" in progress.warnings[0]
    kept = list(path.parent.glob("state.json.corrupt-*"))
    assert kept and kept[0].read_text() == content
    assert json.loads(path.read_text())["format"] == 1


def test_future_format_is_refused_not_overwritten(tmp_path, catalog):
    path = state_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"format": 99, "current": "first"}')
    with pytest.raises(StateError, match="newer dlings"):
        load_progress(tmp_path, catalog)
    assert path.read_text() == '{"format": 99, "current": "first"}'


def test_names_no_longer_in_the_curriculum_are_dropped(tmp_path, catalog):
    path = state_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "current": "gone", "done": {"first": 1.0, "gone": 2.0}}))
    progress = load_progress(tmp_path, catalog)
    assert progress.done == {"first": 1.0}
    assert progress.current == "second"
    assert "no longer exists" in progress.warnings[0]


def test_hint_progression():
    progress = Progress()
    assert [progress.next_hint("a", 3) for _ in range(4)] == [0, 1, 2, None]
