import torch


def gram_matrix(features):
    n, c, h, w = features.shape
    features /= (h * w) ** 0.5
    flat = features.reshape(n, c, h * w)
    return flat @ flat.transpose(1, 2)
