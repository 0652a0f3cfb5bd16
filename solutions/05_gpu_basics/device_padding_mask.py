"""device_padding_mask: device-agnostic code makes its tensors where the data is.

A batch of sequences padded to max_len comes with `lengths` (int64, shape
(B,)): sequence i has lengths[i] real tokens, then padding. Write
`padding_mask(lengths, max_len)`: a bool tensor of shape (B, max_len),
True at the real tokens (position < lengths[i]) and False at the padding.

It must work wherever `lengths` lives and return the mask there: any
tensor you create follows lengths.device. No Python loops and no .item() /
.tolist(): those read values back to the CPU. The check runs it on "meta".

Read: torch.arange (device=), broadcasting from 04_broadcasting_memory
"""
import torch


def padding_mask(lengths: torch.Tensor, max_len: int) -> torch.Tensor:
    positions = torch.arange(max_len, device=lengths.device)
    return positions[None, :] < lengths[:, None]


if __name__ == "__main__":
    print(padding_mask(torch.tensor([3, 1, 0]), 4))
    print(padding_mask(torch.tensor([3, 1, 0], device="meta"), 4))
