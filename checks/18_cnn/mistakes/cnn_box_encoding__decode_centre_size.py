"""cnn_box_encoding: boxes as offsets from anchors, the way detectors learn them.

A detector does not predict box corners; it predicts how to move and stretch
an anchor box. With centres (cx, cy) and sizes (w, h) of a box and an anchor
(a), and weights (wx, wy, ww, wh), Faster R-CNN's encoding is
    dx = wx * (cx - a_cx) / a_w      dy = wy * (cy - a_cy) / a_h
    dw = ww * log(w / a_w)           dh = wh * log(h / a_h)
Write `encode(boxes, anchors, weights)`: boxes and anchors (N, 4) as
(x1, y1, x2, y2), paired row by row -> (N, 4) deltas (dx, dy, dw, dh); and
`decode(deltas, anchors, weights)`, its inverse, back to (x1, y1, x2, y2).
The centre of (x1, y1, x2, y2) is ((x1 + x2) / 2, (y1 + y2) / 2), its size
(x2 - x1, y2 - y1).

Read: torchvision.models.detection._utils.BoxCoder, torchvision.ops.box_convert
"""
import torch


def _centre_size(b: torch.Tensor):
    w, h = b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]
    return b[:, 0] + 0.5 * w, b[:, 1] + 0.5 * h, w, h


def encode(boxes: torch.Tensor, anchors: torch.Tensor, weights=(1.0, 1.0, 1.0, 1.0)) -> torch.Tensor:
    wx, wy, ww, wh = weights
    cx, cy, w, h = _centre_size(boxes)
    acx, acy, aw, ah = _centre_size(anchors)
    return torch.stack([wx * (cx - acx) / aw, wy * (cy - acy) / ah,
                        ww * torch.log(w / aw), wh * torch.log(h / ah)], dim=1)


def decode(deltas: torch.Tensor, anchors: torch.Tensor, weights=(1.0, 1.0, 1.0, 1.0)) -> torch.Tensor:
    wx, wy, ww, wh = weights
    acx, acy, aw, ah = _centre_size(anchors)
    cx = deltas[:, 0] / wx * aw + acx
    cy = deltas[:, 1] / wy * ah + acy
    w = torch.exp(deltas[:, 2] / ww) * aw
    h = torch.exp(deltas[:, 3] / wh) * ah
    return torch.stack([cx, cy, w, h], dim=1)


if __name__ == "__main__":
    anchors = torch.tensor([[0.0, 0.0, 10.0, 10.0]])
    boxes = torch.tensor([[1.0, 2.0, 13.0, 9.0]])
    d = encode(boxes, anchors)
    print(d, decode(d, anchors))
