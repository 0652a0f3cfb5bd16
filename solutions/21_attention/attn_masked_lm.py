"""attn_masked_lm: BERT's objective, guess the hidden tokens.

mask_tokens(ids, mask_id, generator) hides 15 % of the positions: draw
torch.rand(ids.shape, generator=generator) ONCE; a position is chosen where
that value is < 0.15. It returns (inputs, labels), both like ids (int64):
inputs is ids with the chosen positions set to mask_id (always mask_id here:
no 80/10/10 split); labels is ids at the chosen positions and -100 elsewhere.
Leave ids itself unchanged.
mlm_loss(logits (B, T, V), labels (B, T)) is the mean cross-entropy over the
CHOSEN positions only: -100 is cross_entropy's ignore_index.

Read: torch.rand (generator=), torch.Tensor.masked_fill, F.cross_entropy (ignore_index)
"""
import torch
import torch.nn.functional as F


def mask_tokens(ids: torch.Tensor, mask_id: int, generator: torch.Generator):
    chosen = torch.rand(ids.shape, generator=generator) < 0.15
    return ids.masked_fill(chosen, mask_id), ids.masked_fill(~chosen, -100)


def mlm_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)


if __name__ == "__main__":
    ids = torch.randint(1, 20, (2, 12))
    inputs, labels = mask_tokens(ids, 0, torch.Generator().manual_seed(0))
    print(inputs, labels, mlm_loss(torch.randn(2, 12, 20), labels), sep="\n")
