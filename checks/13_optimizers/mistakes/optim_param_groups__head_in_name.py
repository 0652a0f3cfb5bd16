"""optim_param_groups: different settings for different parameters.

An optimiser also takes a list of GROUPS instead of bare parameters: dicts
with "params" and any settings that differ from the defaults given after it:
    torch.optim.AdamW([{"params": a, "lr": 1e-2}, {"params": b}], lr=1e-3)
Fine-tuning usually wants two rules at once. Write
make_optimizer(model, lr, head_lr, weight_decay) returning a torch.optim.AdamW:
- the parameters of model.head train with head_lr, all others with lr;
- parameters with 2 or more dimensions (weight matrices, conv kernels) get
  weight_decay; 1-D ones (biases, LayerNorm weights) get weight_decay 0,
  in the head as in the rest;
- every parameter of the model is in exactly one group.
Other settings stay at AdamW's defaults. Split the groups however you like.

Read: torch.optim ("Per-parameter options"), torch.nn.Module.named_parameters
"""
import torch


def make_optimizer(model, lr, head_lr, weight_decay):
    groups = {}
    for n, p in model.named_parameters():
        group_lr = head_lr if "head" in n else lr

        group_wd = weight_decay if p.dim() >= 2 else 0.0
        groups.setdefault((group_lr, group_wd), []).append(p)
    return torch.optim.AdamW([{"params": ps, "lr": g_lr, "weight_decay": g_wd}
                              for (g_lr, g_wd), ps in groups.items()], lr=lr)


if __name__ == "__main__":
    model = torch.nn.Module()
    model.body = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.LayerNorm(8))
    model.head = torch.nn.Linear(8, 2)
    opt = make_optimizer(model, lr=1e-4, head_lr=1e-2, weight_decay=0.05)
    for group in opt.param_groups:
        print(group["lr"], group["weight_decay"], [tuple(p.shape) for p in group["params"]])
