"""A spare check process for the pool engine.

Started without fork and without the working folder on its import path
(dlings.engine.processes.python_module_command, as the checker is), it imports and warms torch, pytest and
the checking helpers, says `ready` on stdout, then waits for exactly one job
on stdin, runs it as a check child would, and exits. The engine starts a new
spare at once, so the next save finds one warm.

    stdin:  {"job": {...CheckJob}, "result": path, "output": path, "metrics": path}
    stdout: ready
"""
from __future__ import annotations

import json
import os
import sys


def main() -> None:
    from dlings.engine.core import warm_up

    warm_up()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line.strip():  # the engine closed: nothing to do
        os._exit(0)
    request = json.loads(line)
    metrics_fd = os.open(request["metrics"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    from dlings.engine.child import child_main

    child_main(request["job"], request["result"], request["output"], metrics_fd, new_session=False)


if __name__ == "__main__":
    main()
