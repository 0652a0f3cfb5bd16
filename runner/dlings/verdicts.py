"""From how a check process ended to the Verdict the learner reads.

The engines (fork or pool) report facts only: exit code or signal, whether
the engine killed the process and why, the result file the check wrote, the
captured output, guarded files the run changed. This module decides the
status and writes every word for the ways a process can end. (What an
exception in the learner's code means is `learner_errors`, which runs inside
the check process and writes into the result file.)
"""
from __future__ import annotations

import signal
from dataclasses import dataclass

from dlings.learner_errors import OOM_PATTERNS
from dlings.verdict import Status, Verdict

SIGNAL_WORDS = {
    getattr(signal, name): words for name, words in (
        ("SIGSEGV", "a segmentation fault (memory access outside what the process owns)"),
        ("SIGABRT", "an abort (os.abort(), or a failed C++ assertion inside a library)"),
        ("SIGKILL", "being killed (SIGKILL)"),
        ("SIGBUS", "a bus error"),
        ("SIGFPE", "a floating-point exception in native code"),
        ("SIGILL", "an illegal instruction"),
    ) if hasattr(signal, name)
}


@dataclass
class ProcessEnd:
    """Facts about one finished check process."""

    exit_code: int | None            # None when a signal ended it
    signal: int | None
    killed_for: Status | None        # TIMEOUT, OUT_OF_MEMORY or BROKEN (cancelled) when the engine killed it
    result: dict | None              # the result file the check child wrote, if any
    output: str                      # printed output and the pytest report (capped)
    tampered: tuple[str, ...] = ()   # guarded files the run changed (already restored)
    seconds: float = 0.0


def verdict_from(name: str, timeout: float, memory_mb: int, end: ProcessEnd) -> Verdict:
    verdict = Verdict(name=name, status=Status.CRASHED, duration=end.seconds, output=end.output)
    result = end.result
    if end.killed_for is Status.TIMEOUT:
        verdict.status = Status.TIMEOUT
        verdict.message = (
            f"Your code ran longer than {timeout:g} s, so the check was stopped.\n"
            "Likely cause: a loop that never ends (a while whose condition never turns False), "
            "or far more work than the exercise needs (huge sizes, too many steps)."
        )
    elif end.killed_for is Status.OUT_OF_MEMORY:
        verdict.status = Status.OUT_OF_MEMORY
        verdict.message = (
            f"Your code used more than {memory_mb} MiB of memory, so the check was stopped.\n"
            "Likely cause: a tensor far larger than intended, or tensors kept alive in a loop."
        )
    elif end.killed_for is Status.BROKEN:
        verdict.status = Status.BROKEN
        verdict.message = "The check was cancelled."
    elif result is not None and result["status"] == Status.BROKEN.value and OOM_PATTERNS.search(end.output):
        # Memory ran out so thoroughly that pytest itself failed while reporting it.
        verdict.status = Status.OUT_OF_MEMORY
        verdict.message = (
            f"Your code used up the {memory_mb} MiB of memory this exercise allows.\n"
            "Likely cause: a tensor far larger than intended, or tensors kept alive in a loop."
        )
    elif result is not None:
        verdict.status = Status(result["status"])
        verdict.message = result.get("message", "")
        verdict.location = result.get("location", "")
        verdict.tests_total = result.get("tests_total", 0)
        verdict.tests_failed = result.get("tests_failed", 0)
        verdict.metrics = result.get("metrics", {})
        if result.get("dropped_output"):
            verdict.output += f"\n[dlings: {result['dropped_output']:,} more characters of printed output were dropped]"
    else:
        verdict.message = crash_message(end.exit_code, end.signal)
    if end.tampered:
        verdict.status = Status.FAILED
        verdict.message = (
            f"Your code changed {', '.join(end.tampered)} while it was being checked. dlings put the original back; "
            "checks judge your results, so remove the code that writes there."
        )
    return verdict


def crash_message(code: int | None, sig: int | None) -> str:
    if sig is not None:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        what = SIGNAL_WORDS.get(sig, name)
        return (f"The check process crashed: it ended with {what} [{name}].\n"
                "Likely cause: code that ends the process (os.abort, ctypes), or a native library failing "
                "on unexpected input. Nothing was judged.")
    code = -1 if code is None else code
    return (f"The check process ended early with exit code {code} before a verdict was written.\n"
            "Likely cause: your code calls os._exit() or exit() somewhere it runs. Remove it.")
