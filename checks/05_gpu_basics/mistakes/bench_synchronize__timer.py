from torch.utils import benchmark


def time_per_call(launch, synchronize, repeats: int) -> float:
    synchronize()
    return benchmark.Timer("launch()", globals={"launch": launch}).timeit(repeats).median
