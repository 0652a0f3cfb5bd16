import torch


def student_averages(scores: torch.Tensor) -> torch.Tensor:
    return (scores.sum(dim=1) // scores.shape[1]).float()


def best_per_test(scores: torch.Tensor) -> torch.Tensor:
    return scores.amax(dim=0)
