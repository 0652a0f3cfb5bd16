import torch
from torch import nn


class MyEmbedding(nn.Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None):
        super().__init__()
        self.padding_idx = padding_idx
        # TODO: a registered weight from N(0, 1); zero the padding row (without recording it for autograd)
        self.weight = nn.Parameter(torch.randn(num_embeddings, embedding_dim))

    def forward(self, indices: torch.Tensor) -> torch.Tensor:
        # TODO: look the rows up; positions holding padding_idx must send no gradient to the table
        out = self.weight[indices]
        if self.padding_idx is None:
            return out
        is_pad = (indices == self.padding_idx).unsqueeze(-1)
        return torch.where(is_pad, out.detach(), out)

