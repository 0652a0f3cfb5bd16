import time


def time_per_call(launch, synchronize, repeats: int) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        launch()
    synchronize()
    return (time.perf_counter() - start) / repeats
