def dataset_mean(loader):
    total = 0.0
    for x, _ in loader:
        total += x.sum().item()
    per_sample = x[0].numel()
    return total / (len(loader.dataset) * per_sample)
