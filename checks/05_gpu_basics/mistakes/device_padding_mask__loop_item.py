import torch


def padding_mask(lengths: torch.Tensor, max_len: int) -> torch.Tensor:
    mask = torch.zeros(lengths.shape[0], max_len, dtype=torch.bool, device=lengths.device)
    for i in range(lengths.shape[0]):
        mask[i, : lengths[i].item()] = True
    return mask
