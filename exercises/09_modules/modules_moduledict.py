"""modules_moduledict: layers looked up by name.

nn.ModuleDict is a dict whose values are registered submodules (a plain
Python dict, like a plain list, hides them). It suits models with one head
per task, chosen at run time by name.

Finish MultiTask: `tasks` maps a task name to its number of outputs. Create
`self.heads`, an nn.ModuleDict with one Linear(n_hidden, n_out) per task;
forward(x, task) runs the shared trunk, then the head of that task.

Read: torch.nn.ModuleDict
"""
import torch
from torch import nn


class MultiTask(nn.Module):
    def __init__(self, n_in: int, n_hidden: int, tasks: dict[str, int]):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU())
        # TODO: self.heads, one Linear(n_hidden, n_out) per task, in an nn.ModuleDict
        ...

    def forward(self, x: torch.Tensor, task: str) -> torch.Tensor:
        # TODO: the trunk, then the head named `task`
        raise NotImplementedError


if __name__ == "__main__":
    net = MultiTask(4, 8, {"age": 1, "species": 3})
    print(net(torch.randn(2, 4), "species").shape)
