"""math_elementwise: element-wise maths on whole tensors.

Arithmetic (+ - * / **) and functions like torch.tanh act on every element
at once: no loops. Write the tanh approximation of GELU, the activation used
in GPT-2:

    gelu(x) = 0.5 * x * (1 + tanh( sqrt(2 / pi) * (x + 0.044715 * x**3) ))

It must work for tensors of any shape and keep x's dtype (float32 in, float32
out; float64 in, float64 out). `math.tanh` only takes one Python number;
`torch.tanh` takes a tensor. Do not call torch's own gelu.

Read: torch.tanh, torch.pow, https://pytorch.org/docs/stable/torch.html#pointwise-ops
"""
import math

import torch


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    c = math.sqrt(2.0 / math.pi)
    return 0.5 * x * (1.0 + torch.tanh(c * (x + 0.044715 * x**3)))


if __name__ == "__main__":
    print(gelu_tanh(torch.linspace(-3, 3, 7)))
