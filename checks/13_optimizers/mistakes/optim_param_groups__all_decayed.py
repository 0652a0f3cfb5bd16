import torch


def make_optimizer(model, lr, head_lr, weight_decay):
    return torch.optim.AdamW([
        {"params": model.body.parameters()},
        {"params": model.head.parameters(), "lr": head_lr},
    ], lr=lr, weight_decay=weight_decay)

if __name__ == "__main__":
    model = torch.nn.Module()
    model.body = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.LayerNorm(8))
    model.head = torch.nn.Linear(8, 2)
    opt = make_optimizer(model, lr=1e-4, head_lr=1e-2, weight_decay=0.05)
    for group in opt.param_groups:
        print(group["lr"], group["weight_decay"], [tuple(p.shape) for p in group["params"]])
