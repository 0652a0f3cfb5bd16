import torch


def l2_penalty(params, weight_decay):
    return torch.tensor(0.5 * weight_decay * sum((p ** 2).sum().item() for p in params))


def decoupled_decay_(optimizer, weight_decay):
    with torch.no_grad():
        for group in optimizer.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.mul_(1 - group["lr"] * weight_decay)


if __name__ == "__main__":
    w = torch.tensor([3.0, -4.0], requires_grad=True)
    l2_penalty([w], 0.1).backward()
    print("grad of the penalty", w.grad, "(expected 0.1 * w = [0.3, -0.4])")
