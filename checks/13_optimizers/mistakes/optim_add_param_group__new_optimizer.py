import torch


def unfreeze(model, optimizer, body_lr):
    model.body.requires_grad_(True)
    optimizer = torch.optim.AdamW([
        {"params": model.head.parameters()},
        {"params": model.body.parameters(), "lr": body_lr},
    ], lr=optimizer.defaults["lr"], weight_decay=optimizer.defaults["weight_decay"])


if __name__ == "__main__":
    model = torch.nn.Module()
    model.stem, model.body, model.head = torch.nn.Linear(3, 4), torch.nn.Linear(4, 4), torch.nn.Linear(4, 2)
    model.stem.requires_grad_(False)
    model.body.requires_grad_(False)
    opt = torch.optim.AdamW(model.head.parameters(), lr=1e-2)
    unfreeze(model, opt, body_lr=1e-3)
    print([(g["lr"], len(g["params"])) for g in opt.param_groups], "(expected [(0.01, 2), (0.001, 2)])")
