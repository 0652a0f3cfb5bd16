import math

import torch

LR_TOO_SMALL = 0.01
LR_GOOD = 0.5
LR_TOO_LARGE = 5.0


def classify(losses):
    if not all(math.isfinite(v) for v in losses) or losses[-1] > losses[0]:
        return "diverged"
    if losses[-1] < 0.01 * losses[0]:
        return "converged"
    return "crawling"
