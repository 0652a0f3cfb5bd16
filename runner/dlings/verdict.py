"""The outcome of one check, as the runner, CLI and TUI show it."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import Enum


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"            # the check judged the learner's answer wrong
    ERROR = "error"              # the learner's code did not run (syntax, exception, TODO left)
    TIMEOUT = "timeout"
    OUT_OF_MEMORY = "out_of_memory"
    CRASHED = "crashed"          # the process died: abort, segfault, os._exit
    SKIPPED = "skipped"          # a need (GPU, compiler, data set) is missing here
    MISSING = "missing"          # the exercise file is gone or unreadable
    BROKEN = "broken"            # the check itself is at fault; not the learner's doing

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Status.PASSED: "passed",
    Status.FAILED: "not yet",
    Status.ERROR: "error in your code",
    Status.TIMEOUT: "ran too long",
    Status.OUT_OF_MEMORY: "out of memory",
    Status.CRASHED: "crashed",
    Status.SKIPPED: "skipped",
    Status.MISSING: "file missing",
    Status.BROKEN: "check broken",
}


@dataclass
class Verdict:
    name: str
    status: Status
    message: str = ""
    output: str = ""             # learner's printed output and the full pytest report
    duration: float = 0.0        # seconds, fork to result
    location: str = ""           # "exercises/01_tensors/tensors3.py:12" where it applies
    tests_total: int = 0
    tests_failed: int = 0
    metrics: dict[str, list[float]] = field(default_factory=dict)
    ran_on: str = ""             # "gpu-box: NVIDIA A100" when judged on another machine (--via); "" here

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def lets_learner_go_on(self) -> bool:
        return self.status in (Status.PASSED, Status.SKIPPED)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Verdict":
        data = dict(data)
        data["status"] = Status(data["status"])
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
