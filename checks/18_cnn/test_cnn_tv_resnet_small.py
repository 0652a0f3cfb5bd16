import torch
from torch import nn
from torchvision.models import ResNet

from dlings.testing import expect, expect_equal, fail
from support_18_cnn import expect_module, n_params

# resnet18 with the 3x3 stem: 11,173,962 parameters for 10 classes (the 7x7 stem has 11,181,642).


def test_resnet18_small(exercise):
    torch.manual_seed(0)
    model = expect_module(exercise.resnet18_small(7), "resnet18_small(7)")
    expect(isinstance(model, ResNet), f"resnet18_small should return torchvision's ResNet, got {type(model).__name__}.",
           hint="start from torchvision.models.resnet18(weights=None, num_classes=num_classes) and change its "
                "attributes.")
    conv1 = model.conv1
    expect(isinstance(conv1, nn.Conv2d), "model.conv1 should be an nn.Conv2d.")
    got = (conv1.in_channels, conv1.out_channels, conv1.kernel_size, conv1.stride, conv1.padding, conv1.bias is None)
    want = (3, 64, (3, 3), (1, 1), (1, 1), True)
    expect_equal(got, want, "model.conv1 as (in, out, kernel_size, stride, padding, bias is None)", mistakes={
        "the stem conv keeps the size: stride=1 (the original's stride 2 halves 32 to 16).":
            (3, 64, (3, 3), (2, 2), (1, 1), True),
        "that is still the ImageNet stem (7x7, stride 2, padding 3): replace model.conv1.":
            (3, 64, (7, 7), (2, 2), (3, 3), True),
        "a conv followed by BatchNorm needs no bias: bias=False.": (3, 64, (3, 3), (1, 1), (1, 1), False),
        "a 3x3 conv needs padding=1 to keep 32x32.": (3, 64, (3, 3), (1, 1), (0, 0), True),
    })
    if isinstance(model.maxpool, nn.MaxPool2d):
        if model.maxpool.stride in (2, (2, 2)):
            fail("model.maxpool is still the stride-2 MaxPool2d: a 32x32 image would reach layer4 as 2x2.",
                 hint="model.maxpool = nn.Identity(): a layer that returns its input.")
        fail(f"model.maxpool is {model.maxpool}: it still takes the max over neighbouring pixels, so the stem is not "
             "the one asked for.", hint="model.maxpool = nn.Identity(): a layer that returns its input unchanged.")
    seen = {}
    handle = model.layer4.register_forward_hook(lambda m, i, o: seen.__setitem__("shape", tuple(o.shape)))
    out = model(torch.randn(2, 3, 32, 32))
    handle.remove()
    expect_equal(seen.get("shape"), (2, 512, 4, 4), "the output of model.layer4 for a (2, 3, 32, 32) batch",
                 mistakes={"the stem still shrinks the image (a stride or the max pool): 32 should reach layer4 "
                           "as 4x4 after the three stride-2 stages.": (2, 512, 2, 2)})
    expect_equal(tuple(out.shape), (2, 7), "resnet18_small(7)(x).shape for x of shape (2, 3, 32, 32)",
                 hint="pass num_classes=num_classes to resnet18 (or replace model.fc with nn.Linear(512, num_classes)).")
    expect_equal(n_params(model), 11_173_962 - 3 * 513, "the number of parameters of resnet18_small(7)",
                 hint="resnet18 with the new 3x3 stem and a 7-class head has 11,172,423 parameters.")
    model.eval()
    one = model(torch.randn(1, 3, 32, 32))
    expect_equal(tuple(one.shape), (1, 7), "resnet18_small(7) in eval mode on one image")
