import torch
import torch.nn.functional as F
from torch import nn


def make_model(num_classes: int) -> nn.Module:
    def block(c_in, c_out):
        return [nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU()]

    return nn.Sequential(*block(3, 16), nn.MaxPool2d(2), *block(16, 32), nn.MaxPool2d(2), *block(32, 32),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, num_classes))


def train(model, split, epochs: int, max_lr: float = 5e-3, batch_size: int = 64, seed: int = 0):
    """Adam with a OneCycle schedule over `epochs` passes of split.batches (train mode)."""
    opt = torch.optim.Adam(model.parameters(), lr=max_lr)
    steps = epochs * ((len(split) + batch_size - 1) // batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr, total_steps=steps)
    model.train()
    for epoch in range(epochs):
        for x, y in split.batches(batch_size, seed=seed * 1000 + epoch):
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return model


def confusion_matrix(model, x, y, num_classes: int) -> torch.Tensor:
    with torch.no_grad():
        preds = torch.cat([model(x[i:i + 256]).argmax(1) for i in range(0, len(x), 256)])
    return torch.bincount(y * num_classes + preds, minlength=num_classes * num_classes).reshape(num_classes, num_classes)


def run(train_split, test_split):
    torch.manual_seed(0)
    model = train(make_model(len(train_split.classes)), train_split, epochs=6)
    return model, confusion_matrix(model, test_split.x, test_split.y, len(train_split.classes))

