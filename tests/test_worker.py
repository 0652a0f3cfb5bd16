"""The real warm worker process: protocol, cancellation, and a clean exit."""
import json
import os
import subprocess
import sys
import time

import pytest

from dlings.catalog import load_catalog
from dlings.session import job_for


@pytest.fixture
def worker():
    process = subprocess.Popen([sys.executable, "-m", "dlings.worker"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(request):
        process.stdin.write((json.dumps(request) + "\n").encode())
        process.stdin.flush()

    def receive(kind):
        while True:
            line = process.stdout.readline()
            assert line, "the worker exited"
            event = json.loads(line)
            if event["event"] == kind:
                return event

    assert receive("ready")["warm_seconds"] > 0
    yield process, send, receive
    if process.poll() is None:
        process.kill()
        process.wait()


def _children(pid):
    try:
        return open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return []


def test_checks_and_cancels(curriculum, tmp_path, worker):
    process, send, receive = worker
    catalog = load_catalog(curriculum.root)
    ex = catalog.get("first")
    loop = tmp_path / "loop.py"
    loop.write_text("while True:\n    pass\n")
    slow = job_for(catalog, ex, loop, "exercises/01_demo/first.py")
    good = job_for(catalog, ex, catalog.solution_path(ex), "exercises/01_demo/first.py")

    send({"op": "check", "id": 1, "job": good.to_dict()})
    assert receive("verdict")["verdict"]["status"] == "passed"

    # A newer request cancels the endless one at once instead of waiting out its timeout.
    send({"op": "check", "id": 2, "job": slow.to_dict()})
    receive("started")
    started = time.perf_counter()
    send({"op": "check", "id": 3, "job": good.to_dict()})
    assert receive("cancelled")["id"] == 2
    verdict = receive("verdict")
    assert verdict["id"] == 3 and verdict["verdict"]["status"] == "passed"
    assert time.perf_counter() - started < 5

    send({"op": "check", "id": 4, "job": slow.to_dict()})
    receive("started")
    assert _children(process.pid), "the check runs in a child"
    send({"op": "quit"})
    assert process.wait(timeout=10) == 0
    time.sleep(0.2)
    leftovers = subprocess.run(["pgrep", "-f", str(loop)], capture_output=True, text=True).stdout.split()
    assert [p for p in leftovers if int(p) != os.getpid()] == []


def test_worker_exits_when_its_parent_closes_the_pipe(worker):
    process, send, receive = worker
    process.stdin.close()
    assert process.wait(timeout=10) == 0


def test_the_pool_keeps_its_next_spare_when_a_check_ends(curriculum, monkeypatch):
    """The checker ends whatever a check left behind (it is a child subreaper); the spare the pool
    started for the next save is the engine's own and must survive that, or every save waits for a
    whole warm-up."""
    monkeypatch.setenv("DLINGS_ENGINE", "pool")
    process = subprocess.Popen([sys.executable, "-m", "dlings.worker"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        def receive(kind):
            while True:
                line = process.stdout.readline()
                assert line, "the worker exited"
                if json.loads(line)["event"] == kind:
                    return

        receive("ready")
        catalog = load_catalog(curriculum.root)
        ex = catalog.get("first")
        job = job_for(catalog, ex, catalog.solution_path(ex), "exercises/01_demo/first.py")
        for i in range(2):
            process.stdin.write((json.dumps({"op": "check", "id": i, "job": job.to_dict()}) + "\n").encode())
            process.stdin.flush()
            receive("verdict")
            spares = _children(process.pid)
            assert spares, "no spare is warming for the next check"
        before = set(spares)
        time.sleep(0.5)
        assert before <= set(_children(process.pid))   # still there, not killed as strays
    finally:
        process.kill()
        process.wait()
