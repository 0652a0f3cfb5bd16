"""layers_stable_sigmoid: sigmoid and tanh that survive huge inputs.

1 / (1 + exp(-x)) is fine for small x, but exp(-x) overflows to inf for
x = -100 (float32): the value still comes out 0, yet its gradient is NaN.
exp(x) / (exp(x) + exp(-x)) for tanh gives inf / inf = NaN even as a value.
Write `sigmoid` and `tanh` whose values AND gradients are finite and right for
any input, using exp(-|x|), which never overflows (then fix the sign).
Careful: torch.where evaluates BOTH branches, and a NaN gradient in the branch
it throws away still poisons the result.
Not allowed: torch.sigmoid/tanh and their F.*, Tensor-method, special.expit forms.

Read: torch.abs, torch.where, torch.sign, "numerically stable sigmoid"
"""
import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    # TODO: z = exp(-|x|) lies in (0, 1]; sigmoid is 1/(1+z) for x >= 0 and z/(1+z) for x < 0
    ...


def tanh(x: torch.Tensor) -> torch.Tensor:
    # TODO: with z = exp(-2|x|), tanh(|x|) = (1 - z) / (1 + z); tanh is odd
    ...


if __name__ == "__main__":
    x = torch.tensor([-1000.0, -5.0, 0.0, 5.0, 1000.0], requires_grad=True)
    y = sigmoid(x)
    y.sum().backward()
    print(y, x.grad, tanh(x), sep="\n")
