"""cap_fit: the project, step 3 of 5: the training loop that keeps the best model.

Write fit(model, optimizer, scheduler, train_loader, val_loader, *,
max_epochs, patience, ckpt_path) -> history. For epoch = 1, 2, ...:
- train one pass over train_loader (cross-entropy, in training mode), then
  step the scheduler ONCE (an epoch-based schedule such as StepLR);
- append evaluate(model, val_loader) (given below) to history;
- if it beats every earlier epoch (strictly higher): torch.save to ckpt_path
  the dict {"model": its state_dict, "optimizer": its state_dict,
  "scheduler": its state_dict, "epoch": epoch, "val_accuracy": the value};
- early stopping: stop once `patience` epochs in a row have not improved,
  or after max_epochs.
Finally load the best checkpoint's weights back into model and return
history (a list of floats, one per epoch run).

Read: torch.optim.lr_scheduler.StepLR, torch.save, torch.load (weights_only), torch.nn.Module.load_state_dict
"""
import torch
import torch.nn.functional as F


@torch.no_grad()
def evaluate(model, loader) -> float:
    """Accuracy on loader, in eval mode without gradients."""
    model.eval()
    right = total = 0
    for x, y in loader:
        right += int((model(x).argmax(1) == y).sum())
        total += len(y)
    return right / total


def fit(model, optimizer, scheduler, train_loader, val_loader, *, max_epochs, patience, ckpt_path):
    history, best, bad = [], float("-inf"), 0
    for epoch in range(1, max_epochs + 1):
        model.train()
        for x, y in train_loader:
            loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        acc = evaluate(model, val_loader)
        history.append(acc)
        if acc > best:
            best = acc
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                        "scheduler": scheduler.state_dict(), "epoch": epoch, "val_accuracy": acc}, ckpt_path)
        else:
            bad += 1
        if bad >= patience:
            break
    model.load_state_dict(torch.load(ckpt_path, weights_only=True)["model"])
    return history
