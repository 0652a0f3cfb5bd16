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
    history, best, best_epoch = [], float("-inf"), 0
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
            best, best_epoch = acc, epoch
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                        "scheduler": scheduler.state_dict(), "epoch": epoch, "val_accuracy": acc}, ckpt_path)
        elif epoch - best_epoch > patience:
            break
    model.load_state_dict(torch.load(ckpt_path, weights_only=True)["model"])
    return history
