import torch
import torch.nn.functional as F


def ddp_train_step(model, x, y, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    opt.zero_grad()
    F.mse_loss(model(x), y).backward()
    opt.step()
