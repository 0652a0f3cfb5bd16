def dataset_mean(loader):
    means = [x.mean().item() for x, _ in loader]
    return sum(means) / len(means)
