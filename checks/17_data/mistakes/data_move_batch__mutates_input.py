import torch


def to_device(batch, device, non_blocking=False):
    if isinstance(batch, torch.Tensor):
        return batch.to(device, non_blocking=non_blocking)
    if isinstance(batch, dict):
        for k in batch:
            batch[k] = to_device(batch[k], device, non_blocking)
        return batch
    if isinstance(batch, list):
        for i in range(len(batch)):
            batch[i] = to_device(batch[i], device, non_blocking)
        return batch
    if isinstance(batch, tuple):
        return tuple(to_device(b, device, non_blocking) for b in batch)
    return batch
