import copy

import torch


def snapshot(model, optimizer):
    return copy.deepcopy(model.state_dict())


def restore(model, optimizer, checkpoint):
    model.load_state_dict(checkpoint)


if __name__ == "__main__":
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(2, 3)).sum().backward()
    opt.step()
    saved = snapshot(model, opt)
    bias_then = model.bias.item()
    opt.step()                                   # training goes on; the snapshot must not follow
    fresh = torch.nn.Linear(3, 1)
    fresh_opt = torch.optim.Adam(fresh.parameters(), lr=0.5)
    restore(fresh, fresh_opt, saved)
    print("bias", fresh.bias.item(), "expected", bias_then, "| lr", fresh_opt.param_groups[0]["lr"], "expected 0.1")
