import torch


def move_batch(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, dict):
        for key in batch:
            batch[key] = move_batch(batch[key], device)
        return batch
    if isinstance(batch, list):
        for i in range(len(batch)):
            batch[i] = move_batch(batch[i], device)
        return batch
    if isinstance(batch, tuple):
        return tuple(move_batch(v, device) for v in batch)
    return batch
