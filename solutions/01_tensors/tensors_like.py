"""tensors_like: new tensors that match an existing one.

torch.randn(x.shape) makes float32 numbers on the CPU, whatever x is. Added
to a float16 or float64 x, that silently changes the result's dtype; added to
a tensor on another device, it fails. The *_like functions (zeros_like,
ones_like, rand_like, randn_like, full_like) copy x's shape, dtype AND device.

Make `add_noise(x, std)` return x plus Gaussian noise of standard deviation
`std`, with the same shape, dtype and device as x. (The check seeds the
global generator before calling you: just draw once.)

Read: torch.randn_like ("Creation Ops" in the torch docs)
"""
import torch


def add_noise(x, std):
    return x + std * torch.randn_like(x)


if __name__ == "__main__":
    x = torch.zeros(2, 3, dtype=torch.float64)
    print(add_noise(x, 0.1))
