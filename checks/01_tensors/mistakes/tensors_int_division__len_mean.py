def split_index(idx, width):
    return idx // width, idx % width


def mean_of_ints(x):
    return x.sum() / len(x)
