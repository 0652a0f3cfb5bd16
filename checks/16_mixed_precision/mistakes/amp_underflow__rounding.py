"""amp_underflow: what a 16-bit float cannot hold, and why float16 needs loss scaling.

float16 has few exponent bits: its largest value is 65504, and nonzero
magnitudes below about 3e-8 round to 0 (its smallest subnormal is 2**-24,
about 6e-8). Gradients are often that small, so in float16 they vanish.
bfloat16 keeps float32's exponent bits (range up to 3.4e38, down to about
1e-40) and gives up digits instead, so it rarely loses a gradient.

Write `lost_in(values, dtype)`: for a float32 tensor of finite values (any
shape), return a bool tensor of the same shape, True where a NONZERO value
becomes 0 or +-inf when cast to `dtype`. Rounding to a nearby nonzero value
is not a loss, and a value that is 0 to begin with is not lost.

Read: torch.Tensor.to, torch.finfo, torch.isinf
"""
import torch


def lost_in(values: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    cast = values.to(dtype)
    return cast.float() != values


if __name__ == "__main__":
    grads = torch.tensor([1e-3, 1e-6, 1e-8, 0.0, 7e4])
    print("float16 loses ", lost_in(grads, torch.float16))
    print("bfloat16 loses", lost_in(grads, torch.bfloat16))
