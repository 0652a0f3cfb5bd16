"""index_flip: reverse a sequence (NumPy's x[::-1] does not work in PyTorch).

x has shape (B, T, D): B sequences of T time steps, D features each.
Write reverse_time(x): the same sequences, time steps in reverse order
(the last step first), with shape (B, T, D).

Surprise: PyTorch slices only allow a positive step. x[:, ::-1] raises
"step must be greater than zero". Reversing is a function of its own.
Read: torch.flip (https://pytorch.org/docs/stable/generated/torch.flip.html)
"""
import torch


def reverse_time(x):
    return torch.flip(x, dims=[1])


if __name__ == "__main__":
    x = torch.arange(12).reshape(2, 3, 2)
    print(x)
    print(reverse_time(x))
