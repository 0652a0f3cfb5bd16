import torch


def memory_story(n: int) -> list[tuple[int, int]]:
    x = torch.empty(n, device="cuda")
    steps = [(torch.cuda.memory_allocated(), torch.cuda.memory_reserved())]
    y = x * 0  # "done with x"
    steps.append((torch.cuda.memory_allocated(), torch.cuda.memory_reserved()))
    torch.cuda.empty_cache()
    steps.append((torch.cuda.memory_allocated(), torch.cuda.memory_reserved()))
    return steps
