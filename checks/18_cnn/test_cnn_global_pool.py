import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail
from support_18_cnn import expect_module

# (N, H, W): the last is a batch of ONE image (catches .squeeze(), which drops N too)
SIZES = [(2, 16, 16), (2, 23, 31), (2, 4, 4), (2, 64, 40), (1, 9, 12)]


def test_any_size(exercise):
    torch.manual_seed(0)
    model = expect_module(exercise.AnySizeCNN(5), "AnySizeCNN(5)")
    head = getattr(model, "head", None)
    expect(isinstance(head, nn.Module), "AnySizeCNN(5).head should be an nn.Module (an nn.Sequential).",
           hint="finish the TODO: self.head = nn.Sequential(...).")
    linears = [m for m in head.modules() if isinstance(m, nn.Linear)]
    expect(len(linears) == 1, f"the head should hold one nn.Linear, found {len(linears)}.")
    lin = linears[0]
    if lin.in_features != 32:
        fail(f"the head's Linear takes {lin.in_features} features; after global pooling there are 32 (one per "
             "channel of the features).", hint="pool to 1x1 first (nn.AdaptiveAvgPool2d(1)): then the Linear sees "
             "32 numbers whatever the image size. A Linear on the flattened map fixes one input size.")
    expect(lin.out_features == 5, f"the head's Linear gives {lin.out_features} outputs; AnySizeCNN(5) needs 5.")
    model.eval()
    for n, h, w in SIZES:
        x = torch.randn(n, 3, h, w)
        try:
            out = model(x)
        except RuntimeError as e:
            fail(f"AnySizeCNN(5)(x) failed for x of shape {tuple(x.shape)}: {e}",
                 hint="the head must not depend on the size: nn.AdaptiveAvgPool2d(1) makes every map 1x1.")
        out = expect_tensor(out, f"AnySizeCNN(5)(x) for x of shape {tuple(x.shape)}")
        expect_shape(out, (n, 5), f"AnySizeCNN(5)(x) for x of shape {tuple(x.shape)}",
                     hint="Flatten after pooling keeps the batch: (N, 32, 1, 1) -> (N, 32). .squeeze() would also "
                          "drop N when a batch holds one image; nn.Flatten() (or .flatten(1)) never does.")
        with torch.no_grad():
            f = model.features(x)
            want = lin(f.mean(dim=(2, 3)))
        expect_close(out.detach(), want, f"AnySizeCNN(5)(x) for x of shape {tuple(x.shape)}", mistakes={
            "that is global MAX pooling; this head averages: nn.AdaptiveAvgPool2d(1).": lin(f.amax(dim=(2, 3))),
            "that SUMS each channel over its positions; global average pooling takes the mean (the sum grows "
            "with the image size).": lin(f.sum(dim=(2, 3))),
            "a fixed nn.AvgPool2d(k) averages k x k windows: it is global only for one input size. "
            "nn.AdaptiveAvgPool2d(1) adapts its window to the map.": lin(f[:, :, :4, :4].mean(dim=(2, 3))),
        }, hint="pool with the average over all positions of each channel, then the Linear.")
