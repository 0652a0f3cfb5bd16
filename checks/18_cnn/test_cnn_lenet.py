import torch
from torch import nn

from dlings.testing import expect, expect_equal
from support_18_cnn import expect_module, expect_same_function, expect_same_layout, n_params


def reference(num_classes):
    ref = nn.Module()
    ref.features = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2))
    ref.classifier = nn.Sequential(nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                                   nn.Linear(84, num_classes))
    ref.forward = lambda x: ref.classifier(ref.features(x))
    return ref


LAYOUT_HINT = ("features: Conv2d(1, 6, 5, padding=2), ReLU, MaxPool2d(2), Conv2d(6, 16, 5), ReLU, MaxPool2d(2); "
               "classifier: Flatten, Linear(16*5*5, 120), ReLU, Linear(120, 84), ReLU, Linear(84, num_classes).")


def test_lenet(exercise):
    for k in (10, 3):
        torch.manual_seed(0)
        what = f"LeNet({k})"
        model = expect_module(exercise.LeNet(k), what)
        for attr in ("features", "classifier"):
            expect(isinstance(getattr(model, attr, None), nn.Sequential), f"{what}.{attr} should be an nn.Sequential.")
        ref = reference(k)
        first = [m for m in model.classifier if isinstance(m, nn.Linear)]
        if first:
            expect_equal(first[0].in_features, 400, f"{what}: in_features of the first Linear", mistakes={
                "without padding=2 on the first conv the map shrinks 28 -> 24 -> 12 -> 8 -> 4: 16*4*4.": 256,
                "the feature map after the last pool is 16 x 5 x 5 = 400, not 16 x 7 x 7.": 784,
            }, hint="follow the sizes: 28 (padded conv) -> 14 (pool) -> 10 (5x5 conv) -> 5 (pool); 16 channels.")
        expect_same_layout(model, ref, what, hint=LAYOUT_HINT)
        if k == 10:
            expect_equal(n_params(model), 61_706, f"the number of parameters of {what}")
        x = torch.randn(3, 1, 28, 28)
        expect_same_function(model, ref, x, what, hint="check the order: each conv is followed by ReLU, then "
                             "MaxPool2d(2); a ReLU after each of the first two Linears, none after the last.")
        one = model(torch.randn(1, 1, 28, 28))
        expect_equal(tuple(one.shape), (1, k), f"{what}(x) for one image (1, 1, 28, 28)",
                     hint="flatten each image but keep the batch dim: nn.Flatten() (start_dim=1), not x.view(-1).")
