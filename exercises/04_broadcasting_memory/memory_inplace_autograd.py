"""memory_inplace_autograd: in-place ops that break backward().

`softplus(x)` computes log(1 + exp(x)). Its forward values are right, but
backward() fails: torch.exp saves its OUTPUT h for the backward pass (the
derivative of exp is exp), and `h.add_(1)` overwrites that saved tensor.
Autograd notices through the tensor's version counter (h._version) and
raises "one of the variables needed for gradient computation has been
modified by an inplace operation".

Fix it so backward() works and gives the right gradient (sigmoid(x)).
Do not hide the change from autograd with .data, and do not call
softplus or logaddexp (they would do the whole job).

Read: "In-place operations with autograd" in the autograd notes.
"""
import torch


def softplus(x: torch.Tensor) -> torch.Tensor:
    h = torch.exp(x)
    h.add_(1)  # TODO: this in-place op overwrites what exp saved for backward
    return torch.log(h)


if __name__ == "__main__":
    x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
    softplus(x).sum().backward()
    print(x.grad, torch.sigmoid(x.detach()))  # should match
