import torch

def stratified_split(labels, val_fraction, seed):
    g = torch.Generator().manual_seed(seed)
    tr, va = [], []
    for c in torch.unique(labels):
        idx = labels[labels == c]
        idx = idx[torch.randperm(len(idx), generator=g)]
        n = int(len(idx) * val_fraction)
        va.append(idx[:n]); tr.append(idx[n:])
    return torch.cat(tr), torch.cat(va)
