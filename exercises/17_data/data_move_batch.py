"""data_move_batch: sending a whole batch to the device.

Batches are often nested: a tuple (images, labels), a dict {"tokens": ...,
"lengths": ...}, a list of those. Write to_device(batch, device,
non_blocking=False): the same structure with every tensor replaced by
tensor.to(device, non_blocking=non_blocking). Tuples stay tuples, lists stay
lists, dicts stay dicts with the same keys, nested to any depth; anything
else (ints, strings, None) comes back as it is. The input is not changed.
With a DataLoader(pin_memory=True), non_blocking=True lets the copy to the
GPU overlap with the GPU's work.

Read: Tensor.to (device, non_blocking), isinstance, dict comprehensions
"""
import torch


def to_device(batch, device, non_blocking=False):
    # TODO: a tensor moves; a tuple, list or dict is rebuilt from its moved parts; anything else stays
    ...

if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "meta"
    print(to_device({"x": torch.ones(2), "meta": ["a", 3, (torch.zeros(1), None)]}, device))
