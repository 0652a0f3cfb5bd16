import torch
def predict(logits):
    return logits.argmax(dim=1)
def accuracy(logits, labels):
    return (logits.argmax(1) == labels).float().mean()
