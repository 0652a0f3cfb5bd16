import math

import torch
from torchvision.models.detection._utils import BoxCoder

from dlings.testing import expect_close, expect_shape, expect_tensor


def _boxes(n, g):
    xy = torch.rand(n, 2, generator=g) * 50
    return torch.cat([xy, xy + torch.rand(n, 2, generator=g) * 30 + 2], 1)


def _corner_deltas(boxes, anchors, weights):
    aw = (anchors[:, 2] - anchors[:, 0])[:, None]
    ah = (anchors[:, 3] - anchors[:, 1])[:, None]
    scale = torch.cat([aw, ah, aw, ah], 1)
    return (boxes - anchors) / scale * torch.tensor(weights)


def test_encode(exercise):
    g = torch.Generator().manual_seed(0)
    for n, weights in [(6, (1.0, 1.0, 1.0, 1.0)), (5, (10.0, 10.0, 5.0, 5.0)), (1, (2.0, 3.0, 0.5, 4.0))]:
        boxes, anchors = _boxes(n, g), _boxes(n, g)
        want = BoxCoder(weights).encode_single(boxes, anchors)
        what = f"encode(boxes, anchors, weights={weights}) for {n} pairs"
        got = expect_tensor(exercise.encode(boxes, anchors, weights), what)
        expect_shape(got, (n, 4), what, hint="one row (dx, dy, dw, dh) per pair: torch.stack([...], dim=1).")
        wx, wy, ww, wh = weights
        bw, bh = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
        aw, ah = anchors[:, 2] - anchors[:, 0], anchors[:, 3] - anchors[:, 1]
        mistakes = {
            "dx, dy compare CENTRES ((x1 + x2) / 2), not top-left corners.": torch.stack(
                [wx * (boxes[:, 0] - anchors[:, 0]) / aw, wy * (boxes[:, 1] - anchors[:, 1]) / ah,
                 want[:, 2], want[:, 3]], 1),
            "dw, dh are LOGS of the size ratio: log(w / a_w).": torch.stack(
                [want[:, 0], want[:, 1], ww * bw / aw, wh * bh / ah], 1),
            "divide the centre offset by the ANCHOR's size (a_w, a_h), not the box's.": torch.stack(
                [wx * (want[:, 0] / wx * aw) / bw, wy * (want[:, 1] / wy * ah) / bh, want[:, 2], want[:, 3]], 1),
            "the weights multiply each delta (dx = wx * ...); they do not divide it.": torch.stack(
                [want[:, 0] / wx ** 2, want[:, 1] / wy ** 2, want[:, 2] / ww ** 2, want[:, 3] / wh ** 2], 1),
            "that is the offset of the corners; the encoding uses centre offsets and log size ratios.":
                _corner_deltas(boxes, anchors, weights),
        }
        if weights != (1.0, 1.0, 1.0, 1.0):
            mistakes["the weights multiply each delta; they were left out."] = BoxCoder((1.0,) * 4).encode_single(
                boxes, anchors)
        expect_close(got, want, what, rtol=1e-4, atol=1e-5, mistakes=mistakes)
    # a box equal to its anchor encodes to zeros
    same = _boxes(3, g)
    expect_close(exercise.encode(same, same), torch.zeros(3, 4), "encode(anchors, anchors)", atol=1e-6)


def test_decode_inverts(exercise):
    g = torch.Generator().manual_seed(1)
    for n, weights in [(6, (1.0, 1.0, 1.0, 1.0)), (4, (10.0, 10.0, 5.0, 5.0))]:
        anchors = _boxes(n, g)
        deltas = torch.randn(n, 4, generator=g) * 0.5
        want = BoxCoder(weights).decode_single(deltas, anchors)
        what = f"decode(deltas, anchors, weights={weights}) for {n} pairs"
        got = expect_tensor(exercise.decode(deltas, anchors, weights), what)
        expect_shape(got, (n, 4), what)
        centre_size = torch.stack([(want[:, 0] + want[:, 2]) / 2, (want[:, 1] + want[:, 3]) / 2,
                                   want[:, 2] - want[:, 0], want[:, 3] - want[:, 1]], dim=1)
        expect_close(got, want, what, rtol=1e-4, atol=1e-4, mistakes={
            "that is (cx, cy, w, h); decode returns corners (x1, y1, x2, y2) = (cx - w/2, cy - h/2, cx + w/2, "
            "cy + h/2).": centre_size,
        }, hint="undo each step: w = a_w * exp(dw / ww), cx = a_cx + dx / wx * a_w; then corners cx -/+ w / 2.")
        boxes = _boxes(n, g)
        expect_close(exercise.decode(exercise.encode(boxes, anchors, weights), anchors, weights), boxes,
                     f"decode(encode(boxes, anchors, w), anchors, w) with w={weights}", rtol=1e-4, atol=1e-3)
