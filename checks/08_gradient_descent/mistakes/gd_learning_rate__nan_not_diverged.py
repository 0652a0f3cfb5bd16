import math

import torch

LR_TOO_SMALL = 0.001
LR_GOOD = 0.05
LR_TOO_LARGE = 0.2


def classify(losses):
    if losses[-1] > losses[0]:
        return "diverged"
    if losses[-1] < 0.01 * losses[0]:
        return "converged"
    return "crawling"
