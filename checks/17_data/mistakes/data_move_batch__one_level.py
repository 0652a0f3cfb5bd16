import torch


def to_device(batch, device, non_blocking=False):
    if isinstance(batch, torch.Tensor):
        return batch.to(device, non_blocking=non_blocking)
    if isinstance(batch, dict):
        return {k: v.to(device, non_blocking=non_blocking) if isinstance(v, torch.Tensor) else v
                for k, v in batch.items()}
    if isinstance(batch, (list, tuple)):
        return type(batch)(b.to(device, non_blocking=non_blocking) if isinstance(b, torch.Tensor) else b
                           for b in batch)
    return batch
