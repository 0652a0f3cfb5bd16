import torch
import torchvision
from torchvision.ops import box_iou as tv_box_iou

from dlings.testing import calls_in, expect_close, expect_shape, expect_tensor, fail, forbid_calls, no_loops


def random_boxes(n, g, scale=10.0):
    xy = torch.rand(n, 2, generator=g) * scale
    wh = torch.rand(n, 2, generator=g) * scale / 2 + 0.1
    return torch.cat([xy, xy + wh], dim=1)


def _call(exercise, a, b):
    if any(name.split(".")[-1] in ("box_iou", "_box_inter_union", "box_area") for name in calls_in(exercise.box_iou)):
        fail("box_iou calls torchvision's box functions; this exercise asks you to write the intersection and union "
             "yourself (the check compares with torchvision.ops.box_iou).")
    with forbid_calls({"torchvision.ops.box_iou": (torchvision.ops, "box_iou"),
                       "torchvision.ops.boxes.box_iou": (torchvision.ops.boxes, "box_iou")},
                      why="write the intersection and union yourself."):
        return exercise.box_iou(a, b)


def test_hand_cases(exercise):
    a = torch.tensor([[0.0, 0.0, 2.0, 2.0], [0.0, 0.0, 1.0, 1.0]])
    b = torch.tensor([[1.0, 1.0, 3.0, 3.0],    # overlaps a[0] in a 1x1 square: 1 / (4 + 4 - 1)
                      [2.0, 0.0, 4.0, 2.0],    # touches a[0] along an edge: 0
                      [5.0, 5.0, 6.0, 6.0],    # far away: 0
                      [0.0, 0.0, 2.0, 2.0],    # equal to a[0]: 1
                      [0.5, -1.0, 1.5, 3.0]])  # a vertical bar through both
    want = tv_box_iou(a, b)
    got = expect_tensor(_call(exercise, a, b), "box_iou(a, b)")
    expect_shape(got, (2, 5), "box_iou(a, b) for a of shape (2, 4), b of shape (5, 4)",
                 hint="entry [i, j] pairs a[i] with b[j]: broadcast a[:, None, :] against b[None, :, :].")
    wh = (torch.minimum(a[:, None, 2:], b[None, :, 2:]) - torch.maximum(a[:, None, :2], b[None, :, :2]))
    inter_raw = wh[..., 0] * wh[..., 1]
    area = lambda t: (t[:, 2] - t[:, 0]) * (t[:, 3] - t[:, 1])  # noqa: E731
    union = area(a)[:, None] + area(b)[None, :]
    expect_close(got, want, "box_iou(a, b) on hand-made boxes (overlap, touching, far apart, equal)", mistakes={
        "boxes that do not overlap have a negative width or height of intersection: clamp it at 0 (each of w and h "
        "separately) before multiplying.": inter_raw / (union - inter_raw),
        "the union is area_a + area_b - intersection (the overlap is counted twice otherwise).":
            (wh.clamp(min=0).prod(-1)) / union,
        "the +1 pixel convention is for integer pixel boxes; here an area is (x2 - x1) * (y2 - y1).":
            _plus_one(a, b),
        "that divides by the SMALLER box's area; IoU divides by the union, area_a + area_b - intersection.":
            wh.clamp(min=0).prod(-1) / torch.minimum(area(a)[:, None], area(b)[None, :]),
        "a box's corners are (x1, y1) = columns 0, 1 and (x2, y2) = columns 2, 3; the intersection's top-left is "
        "the max of the top-lefts [..., :2], its bottom-right the min of the bottom-rights [..., 2:].":
            _swapped_corners(a, b),
    }, hint="clamp the intersection's width and height at 0 each, before multiplying, and divide by the union "
            "area_a + area_b - intersection.")


def _swapped_corners(a, b):
    area = lambda t: (t[:, 2] - t[:, 0]) * (t[:, 3] - t[:, 1])  # noqa: E731
    wh = (torch.minimum(a[:, None, 1::2], b[None, :, 1::2]) - torch.maximum(a[:, None, 0::2], b[None, :, 0::2]))
    inter = wh.clamp(min=0).prod(-1)
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


def _plus_one(a, b):
    a1 = a.clone()
    b1 = b.clone()
    a1[:, 2:] += 1
    b1[:, 2:] += 1
    return tv_box_iou(a1, b1)


def test_random_boxes(exercise):
    g = torch.Generator().manual_seed(0)
    for n, m in [(7, 5), (1, 9), (6, 1), (0, 3)]:
        a, b = random_boxes(n, g), random_boxes(m, g)
        got = expect_tensor(_call(exercise, a, b), f"box_iou(a, b) for a of shape ({n}, 4), b of shape ({m}, 4)")
        expect_shape(got, (n, m), f"box_iou(a, b) for a of shape ({n}, 4), b of shape ({m}, 4)")
        expect_close(got, tv_box_iou(a, b), f"box_iou(a, b) on random boxes, a ({n}, 4), b ({m}, 4)", atol=1e-6)
    a64, b64 = random_boxes(4, g).double(), random_boxes(3, g).double()
    expect_close(_call(exercise, a64, b64), tv_box_iou(a64, b64), "box_iou(a, b) for float64 boxes")
    no_loops(exercise.box_iou)
