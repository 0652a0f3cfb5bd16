"""The watch screen driven as a learner drives it: Textual's pilot presses keys, we read the screen.

A stand-in for the worker process runs checks with the in-process engine, so
these tests exercise the app's logic without paying a worker start per test;
test_worker.py and test_terminal.py cover the real worker and a real terminal.
"""
from __future__ import annotations

import asyncio
import shutil


from dlings.session import Session
from dlings.tui.app import DlingsApp
from dlings.tui.screens import ConfirmScreen, ListScreen, TextScreen
from dlings.verdict import Status


class InProcessWorker:
    """Quacks like WorkerClient; runs each check in a forked child of this process."""

    def __init__(self, engine, fixed_duration: float | None = None):
        self.engine, self.fixed_duration = engine, fixed_duration
        self.ready = False
        self.on_event = None
        self.requests = 0
        self._next = 0

    async def start(self):
        self.ready = True
        await self.on_event({"event": "ready"})

    async def check(self, job):
        self._next += 1
        self.requests += 1
        check_id = self._next

        async def finish():
            await asyncio.sleep(0)
            verdict = self.engine.run(job)
            if self.fixed_duration is not None:
                verdict.duration = self.fixed_duration
            await self.on_event({"event": "verdict", "id": check_id, "verdict": verdict.to_dict()})

        asyncio.get_running_loop().create_task(finish())
        return check_id

    async def cancel(self):
        pass

    async def stop(self):
        pass


def make_app(engine, fixed_duration=None) -> DlingsApp:
    worker = InProcessWorker(engine, fixed_duration)
    app = DlingsApp(Session.open(), worker=worker, watch=False)
    worker.on_event = app.on_worker_event
    return app


async def wait_for_verdict(app, pilot, previous=None):
    for _ in range(200):
        await pilot.pause(0.05)
        if app.verdict is not None and app.verdict is not previous and app.check_started is None:
            return app.verdict
    raise AssertionError("no verdict arrived")


def screen_text(app) -> str:
    from dlings.tui.widgets import VerdictView

    return app.query_one(VerdictView).plain_text


def solve(curriculum, workspace, name):
    shutil.copy(curriculum.root / "solutions" / "01_demo" / f"{name}.py",
                workspace / "exercises" / "01_demo" / f"{name}.py")


async def test_fail_then_pass_then_next(curriculum, workspace, engine):
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        verdict = await wait_for_verdict(app, pilot)
        assert verdict.status is Status.FAILED
        assert "double(x) should be a torch.Tensor" in screen_text(app)
        await pilot.press("n")  # not allowed before a pass
        assert app.exercise.name == "first"
        solve(curriculum, workspace, "first")
        await pilot.press("r")
        verdict = await wait_for_verdict(app, pilot, verdict)
        assert verdict.status is Status.PASSED
        text = screen_text(app)
        assert "PASSED" in text and "Press n for the next exercise" in text
        assert "solutions/01_demo/first.py" in text
        await pilot.press("n")
        assert app.exercise.name == "second"
        await wait_for_verdict(app, pilot)
    assert Session.open().progress.state_of("first") == "done"


async def test_hints_appear_one_per_press(curriculum, workspace, engine):
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_verdict(app, pilot)
        await pilot.press("h")
        assert "Hint 1/2: first hint" in screen_text(app)
        assert "second hint" not in screen_text(app)
        await pilot.press("h")
        assert "Hint 2/2: second hint" in screen_text(app)
        await pilot.press("h")
        assert screen_text(app).count("Hint ") == 2


async def test_list_filters_and_jumps(curriculum, workspace, engine):
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_verdict(app, pilot)
        await pilot.press("l")
        assert isinstance(app.screen, ListScreen)
        await pilot.press(*"thi")
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert not isinstance(app.screen, ListScreen)
        assert app.exercise.name == "third"
        await wait_for_verdict(app, pilot)


async def test_escape_leaves_the_list_even_while_typing(curriculum, workspace, engine):
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_verdict(app, pilot)
        await pilot.press("l", *"sec", "escape")
        await pilot.pause(0.1)
        assert not isinstance(app.screen, ListScreen)
        assert app.exercise.name == "first"


async def test_list_continue_goes_to_first_pending(curriculum, workspace, engine):
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_verdict(app, pilot)
        app.go_to("third")
        await wait_for_verdict(app, pilot)
        await pilot.press("l", "down", "c")
        await pilot.pause(0.1)
        assert app.exercise.name == "first"


async def test_reset_asks_then_restores(curriculum, workspace, engine):
    path = workspace / "exercises" / "01_demo" / "first.py"
    path.write_text("def double(x):\n    return x + 2\n")
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_verdict(app, pilot)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert path.read_text() == "def double(x):\n    return x + 2\n"
        await pilot.press("x", "y")
        await pilot.pause(0.1)
        assert path.read_text() == (curriculum.root / "exercises" / "01_demo" / "first.py").read_text()
        backups = list((workspace / ".dlings" / "backups").iterdir())
        assert len(backups) == 1
        await wait_for_verdict(app, pilot)


async def test_output_and_solution_screens(curriculum, workspace, engine):
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        await wait_for_verdict(app, pilot)
        await pilot.press("s")  # not yet passed: stays on the main screen
        assert not isinstance(app.screen, TextScreen)
        await pilot.press("o")
        assert isinstance(app.screen, TextScreen) and "failed" in app.screen.body
        await pilot.press("escape")
        solve(curriculum, workspace, "first")
        await pilot.press("r")
        await wait_for_verdict(app, pilot)
        await pilot.press("s")
        assert isinstance(app.screen, TextScreen) and "return x * 2" in app.screen.body


async def test_missing_file_is_explained(curriculum, workspace, engine):
    (workspace / "exercises" / "01_demo" / "first.py").unlink()
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if app.verdict is not None:
                break
        assert app.verdict.status is Status.MISSING
        assert "dlings reset first" in screen_text(app)
        await pilot.press("x", "y")
        await wait_for_verdict(app, pilot)
        assert app.verdict.status is Status.FAILED


async def test_finishing_shows_the_final_message(curriculum, workspace, engine):
    for name in ("first", "second", "third"):
        solve(curriculum, workspace, name)
    app = make_app(engine)
    async with app.run_test(size=(110, 36)) as pilot:
        for _ in range(3):
            await wait_for_verdict(app, pilot)
            await pilot.press("n")
        await pilot.pause(0.1)
        assert "all done" in screen_text(app) and "3 done, 0 skipped of 3" in screen_text(app)


def test_main_screen_snapshot(curriculum, workspace, engine, snap_compare):
    app = make_app(engine, fixed_duration=0.25)

    async def settle(pilot):
        await wait_for_verdict(app, pilot)
        await pilot.press("h")

    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)
