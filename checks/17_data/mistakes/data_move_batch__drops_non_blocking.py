import torch


def to_device(batch, device, non_blocking=False):
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, tuple):
        return tuple(to_device(b, device, non_blocking) for b in batch)
    if isinstance(batch, list):
        return [to_device(b, device, non_blocking) for b in batch]
    if isinstance(batch, dict):
        return {k: to_device(v, device, non_blocking) for k, v in batch.items()}
    return batch
