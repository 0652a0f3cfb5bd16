import torch
from torchvision.ops import box_iou


def nms(boxes, scores, iou_threshold):
    keep = []
    iou = box_iou(boxes, boxes)
    while len(boxes) and scores.max() > float("-inf"):
        i = int(scores.argmax())
        keep.append(i)
        scores[iou[i] > iou_threshold] = float("-inf")
        scores[i] = float("-inf")
    return torch.tensor(keep, dtype=torch.int64)
