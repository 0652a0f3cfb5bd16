def features_per_sample(x):
    return x.shape[1]


def count_values(tensors):
    return sum(t.numel() for t in tensors)
