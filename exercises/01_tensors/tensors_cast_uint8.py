"""tensors_cast_uint8: casting does not round, and does not clamp.

.to(dtype) (or .byte(), .long(), .float()...) converts values, but a cast from
float to an integer type simply DROPS the fraction (254.9 becomes 254), and a
value outside the target's range is not clamped: for uint8 (0..255) it comes
out as garbage, often wrapped around (260.1 may become 4).

Make `to_uint8_image(x)` turn a float image with values around [0, 1] (after
augmentation some are a little below 0 or above 1) into a uint8 image in
0..255: scale by 255, round to the nearest integer, clamp to [0, 255], and
only then cast.

Read: torch.Tensor.to, torch.round, torch.clamp
"""
import torch


def to_uint8_image(x):
    # TODO: scale, round, clamp, then cast to torch.uint8
    ...


if __name__ == "__main__":
    x = torch.tensor([0.0, 0.999, 0.5, 1.02, -0.01])
    print((x * 255).to(torch.uint8))  # what a bare cast does
    print(to_uint8_image(x))
