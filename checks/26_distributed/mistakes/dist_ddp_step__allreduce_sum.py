import torch
import torch.distributed as dist
import torch.nn.functional as F


def ddp_train_step(model, x, y, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    opt.zero_grad()
    F.mse_loss(model(x), y).backward()
    for p in model.parameters():
        dist.all_reduce(p.grad)
    opt.step()
