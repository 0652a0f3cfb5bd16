import torch

from dlings.testing import expect_close, expect_dtype, expect_equal
from support_09_modules import build, expect_buffer_names


def prefix_means(x):
    n = x.shape[-1]
    return x.cumsum(-1) / torch.arange(1, n + 1, dtype=x.dtype)


def test_avg_is_a_buffer_left_out_of_state_dict(exercise):
    layer = build(exercise.PrefixMean, 5)
    expect_equal([n for n, _ in layer.named_parameters()], [], "the list of parameter names of PrefixMean(5)",
                 hint="the averaging matrix is fixed, not learned: make it a buffer, not an nn.Parameter.")
    expect_buffer_names(layer, ["avg"], "PrefixMean(5)")
    expect_equal(sorted(layer.state_dict()), [], "the list of keys of PrefixMean(5).state_dict()",
                 hint='register_buffer("avg", tensor, persistent=False) keeps it out of state_dict.')


def test_old_checkpoints_load_strictly(exercise):
    layer = build(exercise.PrefixMean, 3)
    layer.load_state_dict({}, strict=True)  # a checkpoint that never stored the table


def test_prefix_means(exercise):
    torch.manual_seed(0)
    for n, shape in [(4, (4,)), (6, (3, 6)), (5, (2, 3, 5)), (1, (2, 1))]:
        layer = build(exercise.PrefixMean, n)
        x = torch.randn(shape)
        want = prefix_means(x)
        ones = torch.tril(torch.ones(n, n))
        avg = ones / ones.sum(dim=1, keepdim=True)
        expect_close(layer(x), want, f"PrefixMean({n})(x) for x of shape {shape}",
                     mistakes={
                         "the rows are prefix SUMS: divide row i by its count (i + 1).": x.cumsum(-1),
                         "forward computes x @ avg; it should be x @ avg.T (row i of avg holds the weights "
                         "of output i).": x @ avg,
                         "the matrix is upper-triangular (torch.triu) or transposed: each output should "
                         "average x[..., 0..i], the prefix.": x @ (torch.triu(torch.ones(n, n)) /
                                                                    torch.triu(torch.ones(n, n)).sum(1, keepdim=True)).T,
                     })
    layer = build(exercise.PrefixMean, 4)
    expect_close(layer.avg[2], torch.tensor([1 / 3, 1 / 3, 1 / 3, 0.0]), "row 2 of the avg buffer of PrefixMean(4)")


def test_buffer_moves_with_the_module(exercise):
    layer = build(exercise.PrefixMean, 4).double()
    expect_dtype(layer.avg, torch.float64, "the avg buffer after layer.double()",
                 hint="only registered buffers follow .double()/.to(device); a plain attribute stays behind.")
    x = torch.randn(2, 4, dtype=torch.float64)
    expect_close(layer(x), prefix_means(x), "PrefixMean(4).double()(x) for a float64 x")
