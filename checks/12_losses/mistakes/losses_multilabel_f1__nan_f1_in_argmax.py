import torch


def _counts(pred: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    tp = (pred & target).sum(0).float()
    fp = (pred & ~target).sum(0).float()
    fn = (~pred & target).sum(0).float()
    return tp, fp, fn


def f1_scores(pred: torch.Tensor, target: torch.Tensor) -> tuple[float, float]:
    tp, fp, fn = _counts(pred, target)
    denom = 2 * tp + fp + fn
    per_label = torch.where(denom > 0, 2 * tp / denom.clamp(min=1), 0.0)
    pooled = 2 * tp.sum() + fp.sum() + fn.sum()
    micro = (2 * tp.sum() / pooled).item() if pooled > 0 else 0.0
    return micro, per_label.mean().item()


def best_thresholds(probs: torch.Tensor, target: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
    scores = []
    for t in candidates:
        tp, fp, fn = _counts(probs > t, target)
        scores.append(2 * tp / (2 * tp + fp + fn))  # 0/0 left as nan
    return candidates[torch.stack(scores).argmax(dim=0)]
