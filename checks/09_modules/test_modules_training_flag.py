import torch
from torch import nn

from dlings.testing import expect, expect_close
from support_09_modules import build


def test_eval_mode_is_the_identity(exercise):
    torch.manual_seed(0)
    layer = build(exercise.GaussianNoise, 0.5)
    layer.eval()
    for shape in [(4, 3), (2, 5, 6)]:
        x = torch.randn(shape)
        expect_close(layer(x), x, f"GaussianNoise(0.5) in eval mode, applied to x of shape {shape}",
                     hint="after model.eval(), self.training is False: return x unchanged. Read self.training, "
                     "not a flag of your own or torch.is_grad_enabled().")


def test_train_mode_adds_fresh_noise(exercise):
    torch.manual_seed(1)
    for std in [0.5, 2.0]:
        layer = build(exercise.GaussianNoise, std)
        layer.train()
        x = torch.randn(200, 50)
        out = layer(x)
        expect(isinstance(out, torch.Tensor) and out.shape == x.shape,
               f"GaussianNoise({std})(x) in training mode should be a tensor shaped like x, got "
               f"{getattr(out, 'shape', out)!r}.")
        d = (out - x).detach()
        expect(float(d.abs().max()) > 0, f"GaussianNoise({std}) in training mode returned x unchanged.",
               hint="in training mode (self.training is True) add std * torch.randn_like(x).")
        expect(abs(float(d.std()) - std) < 0.06 * std and abs(float(d.mean())) < 0.06 * std,
               f"the noise added by GaussianNoise({std}) has mean {float(d.mean()):.3f} and std {float(d.std()):.3f}; "
               f"expected mean 0 and std {std}.",
               hint="std * torch.randn_like(x) has standard deviation std (torch.rand_like is uniform in [0, 1); "
               "std ** 2 would be the variance).")
        again = (layer(x) - x).detach()
        expect(not torch.allclose(again, d),
               f"GaussianNoise({std}) added exactly the same noise twice.",
               hint="draw new noise inside forward() at every call, not once in __init__.")


def test_follows_train_and_eval_of_the_parent(exercise):
    torch.manual_seed(2)
    model = nn.Sequential(nn.Linear(3, 3), build(exercise.GaussianNoise, 1.0))
    x = torch.randn(8, 3)
    model.eval()
    expect_close(model(x), model[0](x), "model(x) after model.eval(), where model = Sequential(Linear, GaussianNoise)",
                 hint="model.eval() sets self.training = False on every child; a flag set in your __init__ never "
                 "changes.")
    model.train()
    with torch.no_grad():
        noisy = model(x)
    expect(not torch.allclose(noisy, model[0](x)),
           "after model.train(), GaussianNoise added no noise when run under torch.no_grad().",
           hint="training mode is self.training, not torch.is_grad_enabled(): no_grad only turns off gradient "
           "tracking.")
