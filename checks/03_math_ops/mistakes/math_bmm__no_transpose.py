import math

import torch


def attention_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    return torch.bmm(q, k) / math.sqrt(q.shape[-1])
