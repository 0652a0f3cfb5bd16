def dataset_mean(loader):
    total, count = 0.0, 0
    for x, _ in loader:
        total += x.sum().item()
        count += len(x)
    return total / count
