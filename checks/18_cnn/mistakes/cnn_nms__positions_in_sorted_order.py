"""cnn_nms: non-maximum suppression, by hand.

A detector proposes many overlapping boxes for one object. Write
`nms(boxes, scores, iou_threshold)`: boxes (N, 4) as (x1, y1, x2, y2), scores (N,).
Greedy: take the highest-scoring box still in play and keep it; drop every box
still in play whose IoU with it is GREATER than iou_threshold (equal stays);
repeat until no box is left. A dropped box drops nothing. Return the kept
indices (int64, 1-D) in order of decreasing score; for N = 0 an empty int64
tensor. You may use torchvision.ops.box_iou, not torchvision.ops.nms (the check
compares with it). Loops are fine.

Read: torchvision.ops.nms, torchvision.ops.box_iou, torch.argsort
"""
import torch
from torchvision.ops import box_iou


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    order = torch.argsort(scores, descending=True)
    iou = box_iou(boxes, boxes)
    alive = torch.ones(len(boxes), dtype=torch.bool)
    keep = []
    for pos, i in enumerate(order.tolist()):
        if not alive[i]:
            continue
        keep.append(pos)
        alive &= iou[i] <= iou_threshold
    return torch.tensor(keep, dtype=torch.int64)


if __name__ == "__main__":
    boxes = torch.tensor([[0.0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]])
    print(nms(boxes, torch.tensor([0.9, 0.8, 0.7]), 0.5))  # tensor([0, 2])
