"""optim_subclass: your optimiser as a real torch.optim.Optimizer.

Subclass torch.optim.Optimizer and param groups, zero_grad(), state_dict()
and load_state_dict() (and, later, learning-rate schedulers) come for free,
as long as you keep to its layout:
- __init__: super().__init__(params, defaults) with the dict
  defaults = {"lr": lr, "momentum": momentum}; it builds self.param_groups
  (each group: "params" plus every setting, its own or the default);
- step(): for each group in self.param_groups, for each p in group["params"]
  with a .grad, momentum SGD as in optim_momentum (dampening 0), with THAT
  group's "lr" and "momentum" read at every step (a scheduler changes them),
  and the buffer kept in self.state[p] (a dict per parameter), where
  state_dict() finds it.
No torch.optim.SGD inside: the check compares yours with it.

Read: torch.optim.Optimizer (param_groups, state, defaults), torch.optim.SGD's source
"""
import torch


class MyMomentumSGD(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum=0.9):
        # TODO
        ...

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        # TODO
        ...
        return loss


if __name__ == "__main__":
    a, b = torch.ones(2, requires_grad=True), torch.ones(3, requires_grad=True)
    opt = MyMomentumSGD([{"params": [a], "lr": 0.5}, {"params": [b]}], lr=0.1, momentum=0.9)
    a.grad, b.grad = torch.ones(2), torch.ones(3)
    opt.step()
    print(a.detach(), b.detach(), "(expected 0.5s and 0.9s)")
    print(opt.state_dict()["state"])
