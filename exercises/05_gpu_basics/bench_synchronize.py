"""bench_synchronize: a GPU works behind Python's back; wait before you read the clock.

On a GPU, `c = a @ b` only queues the product and returns at once: the GPU
runs it later, while Python goes on. torch.cuda.synchronize() waits until
all queued work is done. Time a GPU loop without it and you measure how
fast Python queues work: an impossible speed.

Write `time_per_call(launch, synchronize, repeats)`: the seconds one piece
of work takes, timed with time.perf_counter() over `repeats` calls of
launch(), which queues one piece and returns at once. synchronize() waits
for all queued work. Work queued before your function runs must not
count. The check uses a simulated device (below), and a real GPU if any.

Read: torch.cuda.synchronize, time.perf_counter, "CUDA semantics" (asynchronous execution)
"""
import queue
import threading
import time


def time_per_call(launch, synchronize, repeats: int) -> float:
    # TODO: start from an idle device, launch `repeats` times, wait, divide
    ...


class SlowDevice:
    """A stand-in GPU: each launch queues 10 ms of work for a background thread."""

    def __init__(self):
        self.queue = queue.Queue()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            time.sleep(self.queue.get())
            self.queue.task_done()

    def launch(self):
        self.queue.put(0.010)

    def synchronize(self):
        self.queue.join()


if __name__ == "__main__":
    device = SlowDevice()
    for _ in range(20):
        device.launch()  # earlier work, still running when you start
    seconds = time_per_call(device.launch, device.synchronize, 10)
    print(f"{seconds * 1e3:.2f} ms per call (each call is 10 ms of work)")
