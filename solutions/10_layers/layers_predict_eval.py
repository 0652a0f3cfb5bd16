"""layers_predict_eval: predicting with Dropout and BatchNorm inside.

Dropout and BatchNorm behave differently in training and eval mode: in
training mode dropout is random and BatchNorm uses (and updates!) batch
statistics. Write `predict(model, x)` that returns the model's eval-mode
output for x:
- switch to eval mode, run under torch.no_grad() (no graph is needed),
- leave the model in the mode it was in before the call (read model.training
  first; restore with model.train(was_training)),
- change nothing in the model: its running statistics must stay as they were.

Read: torch.nn.Module.eval, torch.nn.Module.train, torch.no_grad
"""
import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # TODO
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x)
    finally:
        model.train(was_training)


if __name__ == "__main__":
    net = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 2))
    x = torch.randn(3, 4)
    print(predict(net, x), predict(net, x), net.training, sep="\n")
