import torch


def per_label_counts(pred: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    tp = (pred & target).sum(dim=1).float()
    fp = (pred & ~target).sum(dim=1).float()
    fn = (~pred & target).sum(dim=1).float()
    return tp, fp, fn


def f1_scores(pred: torch.Tensor, target: torch.Tensor) -> tuple[float, float]:
    tp, fp, fn = per_label_counts(pred, target)
    denom = 2 * tp + fp + fn
    per_label = torch.where(denom > 0, 2 * tp / denom.clamp(min=1), torch.zeros_like(denom))
    total = (2 * tp + fp + fn).sum()
    micro = (2 * tp.sum() / total).item() if total > 0 else 0.0
    return micro, per_label.mean().item()


def best_thresholds(probs: torch.Tensor, target: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
    scores = []
    for t in candidates:
        tp, fp, fn = per_label_counts(probs > t, target)
        denom = 2 * tp + fp + fn
        scores.append(torch.where(denom > 0, 2 * tp / denom.clamp(min=1), torch.zeros_like(denom)))
    best = torch.stack(scores).argmax(dim=0)  # (L,): the first (smallest) candidate among equals
    return candidates[best]
