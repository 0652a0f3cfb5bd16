"""device_same_device: "Expected all tensors to be on the same device".

`normalize` works on the CPU, but on a GPU it fails with that error: the
images are on the GPU, and the mean and std it makes are on the CPU. Run
this file to see it, with the "meta" device standing in for a GPU (there
the message reads "Tensor on device cpu is not on the expected device").

Fix it for images of shape (..., 3, H, W) on any device and in any
floating dtype: mean and std get the images' device and dtype, so the
result has them too. The numbers stay the same.

Read: torch.tensor (device= and dtype=), torch.Tensor.to
"""
import torch


def normalize(images: torch.Tensor) -> torch.Tensor:
    # TODO: this works on the CPU only
    mean = torch.tensor([0.485, 0.456, 0.406])
    std = torch.tensor([0.229, 0.224, 0.225])
    return (images - mean[:, None, None]) / std[:, None, None]


if __name__ == "__main__":
    print(normalize(torch.rand(2, 3, 4, 4)).shape)
    print(normalize(torch.rand(2, 3, 4, 4, device="meta")))
