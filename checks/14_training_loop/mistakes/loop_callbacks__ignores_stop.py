"""loop_callbacks: a loop other code can listen to (and stop).

Write fit(model, loss_fn, optimizer, loader, epochs, callbacks): the loop of
loop_epochs, calling every callback in the list, in list order:
  - cb.on_step_end(step, loss) after each optimizer step: step counts the
    steps of the whole run from 1 (it does not restart each epoch); loss is
    that batch's loss as a Python float;
  - cb.on_epoch_end(epoch, logs) after each epoch: epoch counts from 1;
    logs = {"loss": the epoch's mean loss per sample (weighted by batch size)}.
on_epoch_end may return True to ask training to stop: then stop after that
epoch, but only once EVERY callback has heard its end. Return the number of
epochs run. PrintLogger below is a callback that logs; yours need not print.

Read: "Callbacks" in the PyTorch Lightning or Keras docs (the same idea)
"""
import torch
from torch import nn


class PrintLogger:
    def __init__(self, every=10):
        self.every = every

    def on_step_end(self, step, loss):
        if step % self.every == 0:
            print(f"step {step}: loss {loss:.4f}")

    def on_epoch_end(self, epoch, logs):
        print(f"epoch {epoch}: mean loss {logs['loss']:.4f}")


def fit(model, loss_fn, optimizer, loader, epochs, callbacks):
    step = 0
    for epoch in range(1, epochs + 1):
        total, seen = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            step += 1
            total += loss.item() * len(y)
            seen += len(y)
            for cb in callbacks:
                cb.on_step_end(step, loss.item())
        stop = False
        for cb in callbacks:
            if cb.on_epoch_end(epoch, {"loss": total / seen}):
                stop = True
    return epochs


if __name__ == "__main__":
    torch.manual_seed(0)
    model = nn.Linear(2, 2)
    x, y = torch.randn(40, 2), torch.randint(0, 2, (40,))
    loader = [(x[:16], y[:16]), (x[16:32], y[16:32]), (x[32:], y[32:])]
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    print("epochs run:", fit(model, nn.CrossEntropyLoss(), optimizer, loader, 3, [PrintLogger(every=2)]))
