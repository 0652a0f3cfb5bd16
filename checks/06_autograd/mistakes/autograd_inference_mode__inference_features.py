import torch


def predict(backbone, head, x):
    with torch.inference_mode():
        return torch.relu(x @ backbone) @ head


def head_grad(backbone, head, x, y):
    with torch.inference_mode():
        features = torch.relu(x @ backbone)
    loss = ((features @ head - y) ** 2).mean()
    loss.backward()
    return head.grad
