"""sched_step_order: optimizer.step() first, then scheduler.step().

Write train(model, loss_fn, loader, optimizer, scheduler, epochs): the usual
loop (zero_grad, forward, loss, backward, optimizer.step()) over `epochs`
passes through the batches (x, y) of `loader`. The scheduler is an epoch
scheduler: call scheduler.step() once per epoch, after that epoch's last
optimizer.step(). Return the lr of every optimizer step, in order: read
optimizer.param_groups[0]["lr"] just before each optimizer.step().

Since PyTorch 1.1 the order matters: stepping the scheduler before the
optimizer skips the first lr (torch warns "Detected call of
`lr_scheduler.step()` before `optimizer.step()`"), and stepping an epoch
scheduler once per batch decays it far too fast.

Read: "How to adjust learning rate" in the torch.optim docs
"""
import torch


def train(model, loss_fn, loader, optimizer, scheduler, epochs):
    lrs = []
    # TODO: for each epoch, for each (x, y) in loader: the usual training
    # step, recording the lr just before optimizer.step(); and the scheduler.
    ...
    return lrs


if __name__ == "__main__":
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    loader = [(torch.randn(8, 3), torch.randn(8, 1)) for _ in range(4)]
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    print(train(model, torch.nn.MSELoss(), loader, opt, sched, epochs=3))
