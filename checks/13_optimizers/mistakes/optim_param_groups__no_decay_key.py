import torch


def make_optimizer(model, lr, head_lr, weight_decay):
    head = set(model.head.parameters())
    return torch.optim.AdamW([
        {"params": [p for p in model.parameters() if p not in head and p.dim() >= 2]},
        {"params": [p for p in model.parameters() if p not in head and p.dim() < 2], "weight_decay": 0.0},
        {"params": [p for p in head if p.dim() >= 2], "lr": head_lr},
        {"params": [p for p in head if p.dim() < 2], "lr": head_lr, "weight_decay": 0.0},
    ], lr=lr)

if __name__ == "__main__":
    model = torch.nn.Module()
    model.body = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.LayerNorm(8))
    model.head = torch.nn.Linear(8, 2)
    opt = make_optimizer(model, lr=1e-4, head_lr=1e-2, weight_decay=0.05)
    for group in opt.param_groups:
        print(group["lr"], group["weight_decay"], [tuple(p.shape) for p in group["params"]])
