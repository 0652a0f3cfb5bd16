"""attn_sampling: draw the next token with a temperature and top-k.

A language model gives logits (B, V) for the next token. Sampling draws one
token per row from softmax(logits / temperature): a temperature below 1
sharpens the distribution, above 1 flattens it. With top_k (an int), only the
k largest logits of each row may be drawn: set the others to -inf before the
softmax. top_k=None keeps all V. Draw with torch.multinomial and the given
generator; return the token ids, int64 of shape (B,).

Read: torch.topk, torch.multinomial, torch.Tensor.masked_fill
"""
import torch


def sample_next(logits: torch.Tensor, temperature: float = 1.0, top_k=None, generator=None) -> torch.Tensor:
    # TODO: scale by the temperature, keep the top_k largest of each row, softmax, draw one token per row
    ...


if __name__ == "__main__":
    g = torch.Generator().manual_seed(0)
    print(sample_next(torch.tensor([[2.0, 1.0, 0.1, -1.0]] * 8), temperature=0.7, top_k=2, generator=g))
