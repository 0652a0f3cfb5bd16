import torch


def memory_story(n: int) -> list[tuple[int, int]]:
    x = torch.empty(n, device="cuda")
    steps = [(torch.cuda.memory_allocated(), torch.cuda.memory_reserved())]
    del x
    steps.append((torch.cuda.memory_allocated(), torch.cuda.memory_reserved()))
    steps.append((torch.cuda.memory_allocated(), torch.cuda.memory_reserved()))
    return steps
