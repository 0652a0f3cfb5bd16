"""attn_next_token_loss: a GPT learns by predicting the NEXT token.

The model reads ids (B, T) and returns logits (B, T, V); the logits at
position t are its guess for the token at t + 1. So the targets are the ids
shifted left by one: logits at 0..T-2 against ids at 1..T-1, and position
T-1 has no target. next_token_loss(logits, ids) returns the mean
cross-entropy over those B * (T - 1) pairs, each sequence on its own (a
sequence's last logits never predict the next sequence's first token). T >= 2.

Read: F.cross_entropy, slicing (x[:, :-1], x[:, 1:]), torch.Tensor.reshape
"""
import torch
import torch.nn.functional as F


def next_token_loss(logits: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
    V = logits.shape[-1]
    return F.cross_entropy(logits[:, :-1].reshape(-1, V), ids[:, 1:].reshape(-1), reduction="sum")


if __name__ == "__main__":
    ids = torch.randint(0, 5, (2, 6))
    print(next_token_loss(torch.randn(2, 6, 5), ids))
