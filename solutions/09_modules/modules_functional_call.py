"""modules_functional_call: run a model with other parameters, leaving it untouched.

torch.func.functional_call(model, params, args) runs model's forward with
the tensors of the dict `params` (keys as in model.named_parameters()) in
place of its parameters, for that one call: the model itself does not change,
gradients flow to the tensors of the dict (not to model's parameters), and
the model's buffers are used as they are. It evaluates averaged weights,
and it is the base of meta-learning and per-sample gradients.

Write blended_output(model, params_a, params_b, alpha, x): the output of
model on x with every parameter set to (1 - alpha) * params_a[name] +
alpha * params_b[name]. The model must stay exactly as it was, and the
output must carry gradients back to params_a and params_b.

Read: torch.func.functional_call, torch.nn.Module.named_parameters
"""
import torch
from torch import nn


def blended_output(model: nn.Module, params_a: dict, params_b: dict, alpha: float, x: torch.Tensor) -> torch.Tensor:
    blended = {name: (1 - alpha) * params_a[name] + alpha * params_b[name] for name in params_a}
    return torch.func.functional_call(model, blended, (x,))


if __name__ == "__main__":
    model = nn.Linear(2, 1)
    a = {name: torch.zeros_like(p) for name, p in model.named_parameters()}
    b = {name: torch.ones_like(p) for name, p in model.named_parameters()}
    print(blended_output(model, a, b, 0.25, torch.tensor([[1.0, 2.0]])))  # 0.25 * (1 + 2) + 0.25 = 1.0
    print(model.weight)  # unchanged
