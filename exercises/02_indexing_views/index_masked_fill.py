"""index_masked_fill: hide the future with a boolean mask.

scores has shape (..., T, T): scores[..., i, j] says how much position i
attends to position j. Write mask_future(scores): a NEW tensor equal to
scores except that every entry with j > i (a later position) is -inf, so a
softmax over the last dim gives it zero weight. The diagonal (j == i) stays.
Leave scores itself unchanged.

Concept: build a (T, T) bool mask once (torch.triu with the right
`diagonal`), and let masked_fill broadcast it over the leading dims.
masked_fill returns a new tensor; masked_fill_ (underscore) writes in place.
Read: torch.triu, torch.Tensor.masked_fill
"""
import torch


def mask_future(scores):
    # TODO
    ...


if __name__ == "__main__":
    s = torch.zeros(4, 4)
    print(mask_future(s))
    print(torch.softmax(mask_future(s), dim=-1))  # row i spreads its weight over 0..i
