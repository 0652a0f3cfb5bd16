import torch
from torch.utils.data import DataLoader, TensorDataset

from dlings import data
from dlings.testing import expect_close, fail
from support_17_data import describe


def _stats(exercise, x, batch_size, what):
    loader = DataLoader(TensorDataset(x, torch.zeros(len(x))), batch_size=batch_size)
    out = exercise.channel_stats(loader)
    if not isinstance(out, tuple) or len(out) != 2:
        fail(f"{what} should return (mean, std); got {describe(out)}.")
    mean, std = out
    for name, t in (("mean", mean), ("std", std)):
        if isinstance(t, torch.Tensor) and not t.is_floating_point():
            fail(f"the {name} from {what} is {describe(t)}; it should be a float tensor.")
    return mean, std, loader


def _batch_wise(x, batch_size):
    batches = [x[i:i + batch_size].double() for i in range(0, len(x), batch_size)]
    means = torch.stack([b.mean(dim=(0, 2, 3)) for b in batches])
    stds = torch.stack([b.std(dim=(0, 2, 3), correction=0) for b in batches])
    return means.mean(0), stds.mean(0)


def _check(exercise, x, batch_size, what):
    mean, std, _ = _stats(exercise, x, batch_size, what)
    want_mean = x.double().mean(dim=(0, 2, 3))
    want_std = x.double().std(dim=(0, 2, 3), correction=0)
    avg_means, avg_stds = _batch_wise(x, batch_size)
    expect_close(mean, want_mean, f"mean from {what}", rtol=1e-5, atol=1e-6, check_dtype=False, mistakes={
        "that is the average of the batch means: the smaller last batch weighs as much as a full one. Keep running "
        "sums and one count.": avg_means,
        "that is a mean per pixel over the batch dimension only: reduce over dims (0, 2, 3) to keep one value per "
        "channel.": x.double().mean(dim=0),
        "that is one mean over all channels together: sum over dims (0, 2, 3) to keep one value per channel.":
            x.double().mean().expand(x.shape[1])})
    expect_close(std, want_std, f"std from {what}", rtol=1e-4, atol=1e-6, check_dtype=False, mistakes={
        "that is the sample std (divide by count - 1): the docstring asks for the population std (divide by the "
        "count).": x.double().std(dim=(0, 2, 3), correction=1),
        "that is the average of the batch stds: the std of the whole set is not the mean of the batches' stds. Use "
        "running sums of x and x ** 2.": avg_stds})


def test_matches_the_whole_set(exercise):
    train = data.shapes(300, seed=0)
    _check(exercise, train.x, 64, "channel_stats(loader over 300 shapes images, batch_size=64)")


def test_small_and_odd_loaders(exercise):
    g = torch.Generator().manual_seed(1)
    tiny = torch.rand(3, 2, 2, 2, generator=g) * torch.tensor([1.0, 5.0]).view(1, 2, 1, 1)
    _check(exercise, tiny, 2, "channel_stats(loader over 3 images of 2 channels, 2x2 pixels, batch_size=2)")
    grey = torch.rand(7, 1, 3, 5, generator=g) + 10.0      # far from 0: float32 sums would lose digits
    _check(exercise, grey, 4, "channel_stats(loader over 7 one-channel 3x5 images around 10, batch_size=4)")
    # Around 1000, x ** 2 is about 1e6: float32 running sums keep about 7 digits, so E[x^2] - E[x]^2 loses
    # the variance (measured: float32 sums give a std off by far more than 1e-4); float64 sums keep it.
    far = torch.rand(40, 1, 8, 8, generator=g) + 1000.0
    _check(exercise, far, 16, "channel_stats(loader over 40 one-channel 8x8 images around 1000, batch_size=16; "
                              "sum in float64, as the docstring asks)")
