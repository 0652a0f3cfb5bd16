"""optim_compare: which optimiser reaches the bar first?

One problem, several optimisers, one question: after how many steps does the
loss first drop below a bar? The problem below: two interleaved moons in 2-D
whose second feature is 10 times smaller than the first (raw, unscaled data),
and a small MLP, always started from the same weights.
1. Write steps_to_reach(model, optimizer, loss_fn, bar, max_steps), full-batch
   training: before each step, loss = loss_fn(model); if loss < bar, return
   the number of optimizer steps taken so far (0: it started below); else
   zero_grad, backward, step. Still not below after max_steps steps: None.
2. Run this file: it races the optimisers of RACE (leave them as they are)
   to a loss of 0.2. Set RANKING to their names, fewest steps first (one
   that never gets there, last). The learning rate matters as much as the name.

Read: torch.optim.SGD, torch.optim.Adagrad, torch.optim.Adam
"""
import torch
import torch.nn.functional as F

RANKING = ["adagrad", "adam", "momentum", "adam_lr_0.01", "sgd"]


def steps_to_reach(model, optimizer, loss_fn, bar, max_steps):
    for step in range(max_steps):
        loss = loss_fn(model)
        if loss.item() < bar:
            return step

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def moons(n=128, seed=0):
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 2, (n,), generator=g)
    t = torch.rand(n, generator=g) * 3.14159
    x0 = torch.where(y == 0, torch.cos(t), 1 - torch.cos(t))
    x1 = torch.where(y == 0, torch.sin(t), 0.5 - torch.sin(t))
    X = torch.stack([x0, x1], 1) + 0.1 * torch.randn(n, 2, generator=g)
    return X * torch.tensor([1.0, 0.1]), y


def mlp(seed=0):
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Tanh(), torch.nn.Linear(16, 2))


RACE = {
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.5),
    "momentum": lambda ps: torch.optim.SGD(ps, lr=0.5, momentum=0.9),
    "adagrad": lambda ps: torch.optim.Adagrad(ps, lr=0.5),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.05),
    "adam_lr_0.01": lambda ps: torch.optim.Adam(ps, lr=0.01),
}

if __name__ == "__main__":
    X, y = moons()
    for name, make in RACE.items():
        model = mlp()
        print(name, steps_to_reach(model, make(model.parameters()), lambda m: F.cross_entropy(m(X), y), 0.2, 300))
