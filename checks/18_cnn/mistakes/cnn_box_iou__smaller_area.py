"""cnn_box_iou: intersection over union of two sets of boxes, by hand.

Boxes are (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2, in continuous
coordinates: a box's area is (x2 - x1) * (y2 - y1). Write
`box_iou(a, b)`: a (N, 4), b (M, 4) -> (N, M), entry [i, j] the area of the
intersection of a[i] and b[j] divided by the area of their union. Boxes that
do not overlap (or only touch) have IoU 0. Use broadcasting, no Python loops;
the check compares with torchvision.ops.box_iou (which you may not call).

Read: torchvision.ops.box_iou, torch.clamp, torch.maximum
"""
import torch


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    top_left = torch.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = torch.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = (bottom_right - top_left).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    return inter / torch.minimum(area_a[:, None], area_b[None, :])


if __name__ == "__main__":
    a = torch.tensor([[0.0, 0.0, 2.0, 2.0]])
    b = torch.tensor([[1.0, 1.0, 3.0, 3.0], [5.0, 5.0, 6.0, 6.0]])
    print(box_iou(a, b))  # 1/7 and 0
