import torch


def memory_story(n: int) -> list[tuple[int, int]]:
    x = torch.empty(n, device="cuda")
    steps = [(torch.cuda.max_memory_allocated(), torch.cuda.memory_reserved())]
    del x
    steps.append((torch.cuda.max_memory_allocated(), torch.cuda.memory_reserved()))
    torch.cuda.empty_cache()
    steps.append((torch.cuda.max_memory_allocated(), torch.cuda.memory_reserved()))
    return steps
