import torch


def predict(model, x):
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train()
    return out
