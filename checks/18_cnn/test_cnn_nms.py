import torch
import torchvision
from torchvision.ops import box_iou
from torchvision.ops import nms as tv_nms

from dlings.testing import (calls_in, expect, expect_equal, expect_tensor, expect_untouched, fail, forbid_calls,
                            snapshot)


def _call(exercise, boxes, scores, thr):
    if any(n.split(".")[-1] in ("nms", "batched_nms") and n != "nms" for n in calls_in(exercise.nms)):
        fail("nms calls torchvision's nms; this exercise asks you to write the greedy loop yourself.")
    with forbid_calls({"torchvision.ops.nms": (torchvision.ops, "nms"),
                       "torchvision.ops.boxes.nms": (torchvision.ops.boxes, "nms")},
                      why="write the greedy loop yourself; box_iou is allowed."):
        before = snapshot({"boxes": boxes, "scores": scores})
        got = exercise.nms(boxes, scores, thr)
    expect_untouched({"boxes": boxes, "scores": scores}, before, f"the boxes and scores passed to nms(boxes, scores, "
                     f"{thr})", hint="work on copies (scores.clone()) or keep a separate 'still in play' mask: "
                     "overwriting the caller's scores (say with -inf for the dropped boxes) changes their data.")
    got = expect_tensor(got, f"nms(boxes, scores, {thr})")
    if got.dtype == torch.bool:
        fail(f"nms(boxes, scores, {thr}) returned a boolean mask; return the kept INDICES (int64).",
             hint="collect the indices you keep in a list, then torch.tensor(keep, dtype=torch.int64).")
    expect(got.dtype == torch.int64, f"nms(...) returned dtype {got.dtype}; indices are int64.",
           hint="torch.tensor(keep, dtype=torch.int64) (an empty list then still gives int64).")
    expect(got.dim() == 1, f"nms(...) returned shape {tuple(got.shape)}; it should be 1-D.")
    return got


def _fast_nms(boxes, scores, thr):
    order = torch.argsort(scores, descending=True)
    iou = box_iou(boxes, boxes)[order][:, order].triu(1)
    return order[~(iou > thr).any(0)]


def _expect_indices(got, boxes, scores, thr, what):
    want = tv_nms(boxes, scores, thr)
    ge = tv_nms(boxes, scores, thr - 1e-6) if thr > 0 else want
    mistakes = {
        "return the kept indices in order of decreasing score, not sorted by index.": sorted(want.tolist()),
        "a box is dropped when its IoU is GREATER than the threshold; an IoU equal to it stays.": ge.tolist(),
        "a box that was dropped must not drop others: only KEPT boxes suppress (check each box is still in play "
        "before it suppresses).": _fast_nms(boxes, scores, thr).tolist(),
        "visit the boxes from the HIGHEST score down (argsort(..., descending=True)).": tv_nms(boxes, -scores, thr)
        .tolist(),
        "those are positions in the score-sorted order; return the boxes' own indices (order[pos], the i you "
        "visit), so that boxes[result] are the kept boxes.":
            [p for p, i in enumerate(torch.argsort(scores, descending=True).tolist()) if i in want.tolist()],
    }
    expect_equal(got.tolist(), want.tolist(), what, mistakes={k: v for k, v in mistakes.items() if v != want.tolist()})


def test_hand_cases(exercise):
    boxes = torch.tensor([[0.0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [21, 20, 31, 30], [0, 0, 2, 10]])
    scores = torch.tensor([0.6, 0.9, 0.3, 0.8, 0.5])
    for thr in (0.5, 0.1, 0.9):
        got = _call(exercise, boxes, scores, thr)
        _expect_indices(got, boxes, scores, thr, f"nms(boxes, scores, {thr}) on five hand-made boxes")
    # IoU exactly 0.5 between the two: both stay at threshold 0.5
    b2 = torch.tensor([[0.0, 0, 2, 1], [0, 0, 1, 1]])
    s2 = torch.tensor([0.9, 0.8])
    _expect_indices(_call(exercise, b2, s2, 0.5), b2, s2, 0.5,
                    "nms(boxes, scores, 0.5) for two boxes whose IoU is exactly 0.5")
    # a chain: A suppresses B, B would have suppressed C, but B is gone so C stays
    b3 = torch.tensor([[0.0, 0, 10, 10], [4, 0, 14, 10], [8, 0, 18, 10]])
    s3 = torch.tensor([0.9, 0.8, 0.7])
    _expect_indices(_call(exercise, b3, s3, 0.4), b3, s3, 0.4, "nms on a chain of three boxes (A overlaps B, B "
                    "overlaps C, A does not overlap C), threshold 0.4")


def test_random_and_empty(exercise):
    g = torch.Generator().manual_seed(0)
    for n, thr in [(40, 0.5), (25, 0.3), (1, 0.5), (60, 0.7)]:
        xy = torch.rand(n, 2, generator=g) * 20
        boxes = torch.cat([xy, xy + torch.rand(n, 2, generator=g) * 10 + 1], 1)
        scores = torch.rand(n, generator=g)
        _expect_indices(_call(exercise, boxes, scores, thr), boxes, scores, thr,
                        f"nms(boxes, scores, {thr}) on {n} random boxes")
    got = _call(exercise, torch.zeros(0, 4), torch.zeros(0), 0.5)
    expect_equal(tuple(got.shape), (0,), "nms(...) of no boxes")
