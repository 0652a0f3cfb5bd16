import torch
from torch import nn

from dlings.testing import (expect, expect_close, expect_equal, expect_not_calling, expect_parameter_names,
                            expect_tensor, fail, forbid_calls)
from support_10_layers import torch_names, expect_module

BANNED = ["torch.nn.functional.embedding", "torch.nn.Embedding"]
WHY = "an embedding is plain indexing: self.weight[indices]."


def test_weight_parameter_and_init(exercise):
    torch.manual_seed(0)
    emb = expect_module(exercise.MyEmbedding(500, 40), "MyEmbedding(500, 40)")
    expect_parameter_names(emb, ["weight"], "MyEmbedding(500, 40)")
    expect_equal(tuple(emb.weight.shape), (500, 40), "the shape of MyEmbedding(500, 40).weight",
                 mistakes={"the table has one ROW per index: (num_embeddings, embedding_dim).": (40, 500)})
    w = emb.weight.detach()
    expect(abs(float(w.mean())) < 0.05 and 0.9 < float(w.std()) < 1.1 and float(w.min()) < -2.5,
           f"nn.Embedding initialises its table from N(0, 1); yours has mean {float(w.mean()):.3f}, "
           f"std {float(w.std()):.3f}, min {float(w.min()):.3f}.",
           hint="use torch.randn(num_embeddings, embedding_dim) (torch.rand is uniform on [0, 1)).")


def test_padding_row_starts_at_zero(exercise):
    torch.manual_seed(1)
    emb = exercise.MyEmbedding(7, 5, padding_idx=3)
    expect_close(emb.weight.detach()[3], torch.zeros(5), "row 3 (the padding_idx) of MyEmbedding(7, 5, padding_idx=3).weight",
                 hint="zero the padding row in __init__, inside torch.no_grad() (an in-place change of a parameter).")
    expect(bool(emb.weight.detach()[:3].abs().sum() > 0), "the rows other than padding_idx should stay random.")
    expect(emb.weight.grad_fn is None and emb.weight.is_leaf,
           "MyEmbedding's weight is not a leaf tensor after __init__.",
           hint="zero the padding row in place under torch.no_grad(), not by building a new tensor from the parameter.")


def compare(exercise, num, dim, pad, idx):
    torch.manual_seed(2)
    mine = exercise.MyEmbedding(num, dim, padding_idx=pad)
    ref = nn.Embedding(num, dim, padding_idx=pad)
    with torch.no_grad():
        ref.weight.copy_(mine.weight)
    what = f"MyEmbedding({num}, {dim}, padding_idx={pad})(indices) for indices of shape {tuple(idx.shape)}"
    with forbid_calls(BANNED, why=WHY):
        got = expect_tensor(mine(idx), what)
    want = ref(idx)
    expect_close(got, want, what)
    upstream = torch.randn(want.shape)
    expect(got.requires_grad, f"{what} does not require grad: the table would never learn.")
    got.backward(upstream)
    want.backward(upstream)
    if mine.weight.grad is None:
        fail(f"no gradient reached MyEmbedding.weight ({what}).")
    if pad is not None and bool(mine.weight.grad[pad].abs().sum() > 0):
        fail(f"the padding row {pad} of the table received a gradient ({what}); nn.Embedding sends it none.",
             hint="where indices == padding_idx, use the looked-up row detached (torch.where(is_pad, out.detach(), out)), "
                  "or multiply by a 0/1 mask.")
    expect_close(mine.weight.grad, ref.weight.grad, f"the gradient of weight after {what}",
                 hint="an index that appears several times must add up all its gradients (indexing does that for you).")


def test_matches_nn_embedding(exercise):
    g = torch.Generator().manual_seed(3)
    compare(exercise, 10, 4, None, torch.tensor([1, 3, 3, 9, 0]))
    compare(exercise, 12, 3, None, torch.randint(0, 12, (4, 6), generator=g))
    compare(exercise, 9, 5, 0, torch.tensor([[0, 2, 2, 0], [5, 0, 8, 1]]))
    compare(exercise, 6, 2, 5, torch.randint(0, 6, (3, 2, 5), generator=g))


def test_no_builtin(exercise):
    expect_not_calling(exercise.MyEmbedding, torch_names("embedding", "Embedding"), why=WHY)
