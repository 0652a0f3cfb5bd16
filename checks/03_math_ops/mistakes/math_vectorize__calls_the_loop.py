import torch


def auc_loop(scores: torch.Tensor, labels: torch.Tensor) -> float:
    total, pairs = 0.0, 0
    for i in range(len(scores)):
        for j in range(len(scores)):
            if labels[i] == 1 and labels[j] == 0:
                pairs += 1
                if scores[i] > scores[j]:
                    total += 1.0
                elif scores[i] == scores[j]:
                    total += 0.5
    return total / pairs


def auc(scores: torch.Tensor, labels: torch.Tensor) -> float:
    return auc_loop(scores, labels)
