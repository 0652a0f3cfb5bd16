import torch

from dlings.testing import expect_close, expect_dtype, expect_equal
from support_09_modules import build, expect_buffer_names, expect_state_dict_keys


def data(n=40, f=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, f, generator=g) * torch.tensor([1.0, 5.0, 0.5])[:f] + torch.tensor([2.0, -1.0, 10.0])[:f]


def test_statistics_are_buffers_not_parameters(exercise):
    layer = build(exercise.Standardize, data())
    params = [name for name, _ in layer.named_parameters()]
    expect_equal(params, [], "the list of parameter names of Standardize(data)",
                 hint="mean and std are not learned: an nn.Parameter (even with requires_grad=False) is handed "
                 "to every optimizer and counted as a weight. Use self.register_buffer instead.")
    expect_buffer_names(layer, ["mean", "std"], "Standardize(data)")
    expect_state_dict_keys(layer, ["mean", "std"], "Standardize(data)")


def test_buffer_values(exercise):
    d = data()
    layer = build(exercise.Standardize, d)
    expect_close(layer.mean, d.mean(0), "the mean buffer",
                 mistakes={"the mean is taken over dim 1 (per sample); it should be per feature (dim 0).": d.mean(1)})
    expect_close(layer.std, d.std(0), "the std buffer",
                 mistakes={"this is the population std (correction=0); use data.std(dim=0), the default.":
                           d.std(0, correction=0)})


def test_forward(exercise):
    torch.manual_seed(1)
    d = data()
    layer = build(exercise.Standardize, d)
    for shape in [(5, 3), (2, 4, 3), (3,)]:
        x = torch.randn(shape) * 3
        expect_close(layer(x), (x - d.mean(0)) / d.std(0), f"Standardize(data)(x) for x of shape {shape}",
                     mistakes={"the division by std is missing.": x - d.mean(0),
                               "(x - mean) / std needs the parentheses: x - mean / std divides only the mean.":
                                   x - d.mean(0) / d.std(0)})


def test_buffers_follow_the_module(exercise):
    layer = build(exercise.Standardize, data())
    layer.double()
    expect_dtype(layer.mean, torch.float64, "the mean buffer after layer.double()",
                 hint="only registered buffers are converted by .double()/.to(); a plain attribute stays behind.")
    x = torch.randn(4, 3, dtype=torch.float64)
    expect_dtype(layer(x), torch.float64, "layer(x) after layer.double() for a float64 x")


def test_state_dict_round_trip(exercise):
    a = build(exercise.Standardize, data(seed=2))
    b = build(exercise.Standardize, data(seed=3))
    b.load_state_dict(a.state_dict())
    x = torch.randn(6, 3)
    expect_close(b(x), a(x), "a Standardize after load_state_dict(another one's state_dict()) applied to x",
                 hint="the statistics must live in buffers so that state_dict() saves and load_state_dict() restores them.")
