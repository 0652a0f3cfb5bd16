"""losses_multilabel: several labels per sample.

A photo can show a dog AND a beach. Then the labels are independent yes/no
questions: one logit per label, a sigmoid each (not one softmax over them),
and a binary cross-entropy per label. Targets are multi-hot: (N, L) floats,
1.0 for every label that applies.

Write multilabel_loss(logits, targets): the binary cross-entropy with logits,
averaged over all N * L entries (nn.BCEWithLogitsLoss does it; stay stable).
Write predict(logits, thresholds=0.5): a bool tensor (N, L), True where
sigmoid(logit) > threshold (strictly). thresholds is one float for every
label, or a tensor (L,) with one threshold per label.

Read: torch.nn.BCEWithLogitsLoss, torch.sigmoid, broadcasting
"""
import torch
import torch.nn.functional as F


def multilabel_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    # TODO: one binary cross-entropy per (sample, label) entry, averaged
    ...


def predict(logits: torch.Tensor, thresholds: float | torch.Tensor = 0.5) -> torch.Tensor:
    # TODO: a probability per entry, compared with its label's threshold
    ...


if __name__ == "__main__":
    logits = torch.tensor([[2.0, -1.0, 0.3], [-3.0, 4.0, 1.5]])
    targets = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    print(multilabel_loss(logits, targets))
    print(predict(logits))
    print(predict(logits, torch.tensor([0.5, 0.5, 0.8])))
