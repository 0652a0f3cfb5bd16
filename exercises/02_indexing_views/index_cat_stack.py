"""index_cat_stack: join tensors along an existing dim (cat) or a new one (stack).

  make_batch(samples)       -> a list of N tensors, each (C, H, W), into one (N, C, H, W)
  concat_features(a, b)     -> a (N, D1) and b (N, D2) side by side: (N, D1 + D2)

Concept: torch.cat glues along a dim that already exists (sizes add up);
torch.stack adds a NEW dim (all inputs must have the same shape).
cat of (C, H, W) images gives (N*C, H, W): a valid tensor, but not a batch.
Read: torch.cat, torch.stack
"""
import torch


def make_batch(samples):
    # TODO
    ...


def concat_features(a, b):
    # TODO
    ...


if __name__ == "__main__":
    imgs = [torch.zeros(3, 4, 4) for _ in range(5)]
    print(make_batch(imgs).shape)  # torch.Size([5, 3, 4, 4])
    print(concat_features(torch.zeros(2, 3), torch.ones(2, 4)))
