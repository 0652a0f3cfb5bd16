def dataset_mean(loader):
    total, count = 0.0, 0
    for x, _ in loader:
        total = total + x.sum()
        count += x.numel()
    return total / count
