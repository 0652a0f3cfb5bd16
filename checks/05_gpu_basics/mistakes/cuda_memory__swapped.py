import torch


def memory_story(n: int) -> list[tuple[int, int]]:
    x = torch.empty(n, device="cuda")
    steps = [(torch.cuda.memory_reserved(), torch.cuda.memory_allocated())]
    del x
    steps.append((torch.cuda.memory_reserved(), torch.cuda.memory_allocated()))
    torch.cuda.empty_cache()
    steps.append((torch.cuda.memory_reserved(), torch.cuda.memory_allocated()))
    return steps
