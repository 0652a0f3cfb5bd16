"""layers_activations: ReLU, Sigmoid and Tanh from their formulas.

Write the three classic activations with elementwise tensor ops:
    relu(x)    = max(x, 0)
    sigmoid(x) = 1 / (1 + exp(-x))
    tanh(x)    = (exp(x) - exp(-x)) / (exp(x) + exp(-x))
Return new tensors (never change x in place); gradients must flow through.
Not allowed: torch.relu/sigmoid/tanh, their F.* and Tensor-method versions.
(Inputs here stay in [-6, 6]; the next exercise deals with huge ones.)

Read: torch.exp, torch.clamp, torch.nn.ReLU, torch.nn.Sigmoid, torch.nn.Tanh
"""
import torch


def relu(x: torch.Tensor) -> torch.Tensor:
    # TODO
    return x.clamp(min=0)


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    # TODO
    return 1 / (1 + torch.exp(-x))


def tanh(x: torch.Tensor) -> torch.Tensor:
    # TODO
    e_pos, e_neg = torch.exp(x), torch.exp(-x)
    return (e_pos - e_neg) / (e_pos + e_neg)


if __name__ == "__main__":
    x = torch.linspace(-3, 3, 7)
    print(relu(x), sigmoid(x), tanh(x), sep="\n")
