"""transfer_torchvision_weights: resnet18 with the real ImageNet weights (compared with the file in torch's
cache), frozen but for a new fc, and the weights' own preprocessing. The exercise has
needs = ["weights:resnet18"]: without the file the runner skips it with the command that fetches it
(checks never download).

With the file present: about 1-2 s (loading 45 MB, two forward passes at 224x224).
"""

import pytest
import torch
import torchvision.transforms.v2  # noqa: F401 - imported before the learner's file (see docs/DATA.md)
from torch import nn
from torchvision import models

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from dlings.needs import weights_fetch_command, weights_file as weights_file_of
from support_19_transfer import expect_module

@pytest.fixture(scope="module")
def weights_file():
    path = weights_file_of("resnet18")
    if path is None or not path.is_file():   # the runner skips the exercise first (its needs)
        fail(f"torchvision's resnet18 ImageNet weights are not at {path}.",
             hint=f"fetch them once with `{weights_fetch_command('resnet18')}`.")
    return path


def _load(exercise, k):
    what = f"load_resnet18({k})"
    got = exercise.load_resnet18(k)
    if got is None or got is Ellipsis:
        fail(f"{what} returned {got!r}.", hint="return the pair (model, preprocess).")
    expect(isinstance(got, tuple) and len(got) == 2, f"{what} should return a pair (model, preprocess), not "
                                                     f"{type(got).__name__}.")
    model = expect_module(got[0], f"the model from {what}")
    expect(callable(got[1]), f"the preprocess from {what} is {got[1]!r}, not something to call on an image.",
           hint="return weights.transforms(): it is a module you call on an image.")
    return model, got[1], what


def test_real_weights(exercise, weights_file):
    torch.manual_seed(0)
    state = torch.load(weights_file, map_location="cpu", weights_only=True)
    model, preprocess, what = _load(exercise, 4)
    fc = getattr(model, "fc", None)
    expect(isinstance(fc, nn.Linear) and fc.in_features == 512 and fc.out_features == 4,
           f"model.fc from {what} should be an nn.Linear(512, 4), but it is {fc!r}.",
           hint="replace model.fc by nn.Linear(model.fc.in_features, num_classes): the ImageNet head gives 1000 "
                "logits.")
    own = model.state_dict()
    different = [k for k, v in state.items() if not k.startswith("fc.") and (k not in own or not torch.equal(own[k], v))]
    if different:
        fail(f"{len(different)} of resnet18's {len(state)} tensors from {what} differ from the ImageNet weights file "
             f"(e.g. {different[0]}).",
             hint="pass the weights to the constructor: models.resnet18(weights=models.ResNet18_Weights.IMAGENET1K_V1); "
                  "weights=None gives random ones.")
    frozen_fc = [n for n, p in fc.named_parameters() if not p.requires_grad]
    expect(not frozen_fc, f"the new fc's {', '.join(frozen_fc)} does not require grad: the head cannot learn.",
           hint="freeze the pretrained model first, then replace fc: a new nn.Linear is trainable.")
    trainable = [n for n, p in model.named_parameters() if p.requires_grad and not n.startswith("fc.")]
    expect(not trainable, f"{len(trainable)} pretrained parameters of the model still require grad "
                          f"(e.g. {', '.join(trainable[:2])}).",
           hint="model.requires_grad_(False) before replacing fc.")

    g = torch.Generator().manual_seed(0)
    small = torch.rand(1, 3, 12, 16, generator=g)
    image = (nn.functional.interpolate(small, size=(300, 400), mode="bilinear") * 255).round().to(torch.uint8)[0]
    want = models.ResNet18_Weights.IMAGENET1K_V1.transforms()(image)
    got = expect_tensor(preprocess(image), f"preprocess(image) from {what}, for a (3, 300, 400) uint8 image")
    expect_shape(got, (3, 224, 224), f"preprocess(image) from {what}, for a (3, 300, 400) uint8 image",
                 hint="the weights were trained on 224x224 crops: weights.transforms() resizes to 256 and crops 224.")
    expect_close(got, want, f"preprocess(image) from {what}", atol=0.05, rtol=0.0,
                 hint="use the weights' own preprocessing, weights.transforms(): it also normalises with ImageNet's "
                      "mean and std, which the pretrained weights expect.")
    model.eval()
    with torch.no_grad():
        out = expect_tensor(model(got.unsqueeze(0)), f"the model from {what} on one preprocessed image")
    expect_shape(out, (1, 4), f"the model's output from {what} on one preprocessed image")
