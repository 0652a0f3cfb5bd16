"""layers_embedding: a lookup table with a padding row.

nn.Embedding(num_embeddings, embedding_dim) is a learned table `weight` of
shape (num_embeddings, embedding_dim), initialised from N(0, 1). Given integer
indices of any shape (...), it returns weight[indices], of shape (..., dim).
With padding_idx=i (here always a row number 0..num_embeddings - 1), row i
starts as zeros and never receives a gradient, so padding tokens stay
"nothing" during training.
Write `MyEmbedding` to match nn.Embedding (outputs and weight gradients).
Not allowed: F.embedding, nn.Embedding.

Read: torch.nn.Embedding (padding_idx), tensor indexing, torch.where, Tensor.detach
"""
import torch
from torch import nn


class MyEmbedding(nn.Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None):
        super().__init__()
        self.padding_idx = padding_idx
        # TODO: a registered weight from N(0, 1); zero the padding row (without recording it for autograd)
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))
        if padding_idx is not None:
            with torch.no_grad():
                self.weight[padding_idx].zero_()

    def forward(self, indices: torch.Tensor) -> torch.Tensor:
        # TODO: look the rows up; positions holding padding_idx must send no gradient to the table
        out = self.weight[indices]
        if self.padding_idx is None:
            return out
        is_pad = (indices == self.padding_idx).unsqueeze(-1)
        return torch.where(is_pad, out.detach(), out)


if __name__ == "__main__":
    emb = MyEmbedding(10, 3, padding_idx=0)
    print(emb(torch.tensor([[0, 2], [5, 0]])))
