"""Everything that happens to the watch screen, as typed Textual messages.

Three sources feed one message pump: the file watcher (a thread), the checker
(its client's reader thread) and the learner's keys. Threads only post
messages (thread-safe); the screen handles them in order on the UI's event
loop, where a failure is caught and shown (see WatchScreen.on_guarded_failure)
instead of ending a background task in silence.
"""
from __future__ import annotations

from pathlib import Path

from textual.message import Message

from dlings.verdict import Verdict


# -- the file watcher ---------------------------------------------------------------------------
class FileSaved(Message):
    """A .py file below exercises/ was saved (full, resolved path)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


# -- the checker --------------------------------------------------------------------------------
class CheckerMessage(Message):
    """Base of the checker's messages."""


class CheckerReady(CheckerMessage):
    """The checker has torch and pytest loaded and takes checks."""


class CheckerWarm(CheckerMessage):
    """The checker finished its slower warm-up steps too."""


class CheckStarted(CheckerMessage):
    """A check began; `via` is the prefix when it left for another machine (dlings.remote)."""

    def __init__(self, check_id: int, via: str = "") -> None:
        super().__init__()
        self.check_id, self.via = check_id, via


class CheckUnreachable(CheckerMessage):
    """The machine a check was sent to could not be reached: the transport's failure, not a verdict."""

    def __init__(self, check_id: int, text: str) -> None:
        super().__init__()
        self.check_id, self.text = check_id, text


class TrainingReported(CheckerMessage):
    """Metric points, bars and progress of one check, in the order they came (a batch)."""

    def __init__(self, check_id: int, events: list[dict]) -> None:
        super().__init__()
        self.check_id = check_id
        self.events = events


class VerdictArrived(CheckerMessage):
    def __init__(self, check_id: int, verdict: Verdict) -> None:
        super().__init__()
        self.check_id = check_id
        self.verdict = verdict


class CheckerRestarted(CheckerMessage):
    """The checker died (or hung and was ended) and a new one is starting."""

    def __init__(self, code: int | None, stderr: str, hung: bool) -> None:
        super().__init__()
        self.code, self.stderr, self.hung = code, stderr, hung


class CheckerProblem(CheckerMessage):
    """Something the checker said that the learner should know about (an unreadable or oversized message)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


TRAINING_EVENTS = ("metric", "target", "progress")


def from_checker(events: list[dict]) -> list[Message]:
    """Turn a batch of checker events (JSON objects) into messages; training events of one check are grouped."""
    out: list[Message] = []
    for event in events:
        kind = event.get("event")
        raw_id = event.get("id")
        check_id = raw_id if isinstance(raw_id, int) else -1
        if kind in TRAINING_EVENTS:
            last = out[-1] if out else None
            if isinstance(last, TrainingReported) and last.check_id == check_id:
                last.events.append(event)
            else:
                out.append(TrainingReported(check_id, [event]))
        elif kind == "verdict":
            try:
                verdict = Verdict.from_dict(event["verdict"])
            except (KeyError, TypeError, ValueError) as exc:
                out.append(CheckerProblem(f"The checker sent a verdict dlings cannot read ({exc})."))
                continue
            out.append(VerdictArrived(check_id, verdict))
        elif kind == "ready":
            out.append(CheckerReady())
        elif kind == "warm":
            out.append(CheckerWarm())
        elif kind == "started":
            out.append(CheckStarted(check_id, str(event.get("via") or "")))
        elif kind == "unreachable":
            out.append(CheckUnreachable(check_id, str(event.get("message", "could not reach the other machine"))))
        elif kind == "restarted":
            out.append(CheckerRestarted(event.get("code"), event.get("stderr", ""), bool(event.get("hung"))))
        elif kind == "error":
            out.append(CheckerProblem(str(event.get("message", "unknown problem"))))
    return out
