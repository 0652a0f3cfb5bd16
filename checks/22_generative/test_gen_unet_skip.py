import torch
import torch.nn.functional as F

from dlings.testing import expect_close, expect_shape, expect_tensor

# Each case: a few ms (8 channels, images up to 16x16).


def ref_forward(net, x):
    s = net.down(x)
    h = net.up(net.mid(net.pool(s)))
    dh, dw = s.shape[-2] - h.shape[-2], s.shape[-1] - h.shape[-1]
    pad = lambda t, p: F.pad(t, p)  # noqa: E731
    wrong = {
        "the concatenation order is reversed: the skip comes first, torch.cat([s, h], dim=1).":
            net.out(torch.cat([pad(h, (0, dw, 0, dh)), s], dim=1)),
        "the padding went on the top / left: pad at the bottom / right, F.pad(h, (0, dw, 0, dh)).":
            net.out(torch.cat([s, pad(h, (dw, 0, dh, 0))], dim=1)),
        "F.pad's tuple starts with the LAST dim (width): (0, dW, 0, dH), not (0, dH, 0, dW).":
            net.out(torch.cat([s, pad(h, (0, dh, 0, dw))], dim=1)) if dh == dw else None,
        "you resized h (interpolate) instead of zero-padding it at the bottom / right.":
            net.out(torch.cat([s, F.interpolate(h, size=s.shape[-2:])], dim=1)),
        "the skip is missing: concatenate the encoder's map s with the upsampled h, not h with itself.":
            net.out(torch.cat([pad(h, (0, dw, 0, dh))] * 2, dim=1)),
    }
    return net.out(torch.cat([s, pad(h, (0, dw, 0, dh))], dim=1)), {k: v for k, v in wrong.items() if v is not None}


def test_forward(exercise):
    g = torch.Generator().manual_seed(0)
    for shape, classes in [((2, 3, 16, 16), 2), ((1, 3, 15, 9), 3), ((3, 3, 8, 7), 2), ((1, 3, 5, 5), 4),
                           ((2, 1, 3, 2), 2)]:
        torch.manual_seed(shape[2] * 31 + shape[3])
        net = exercise.TinyUNet(in_ch=shape[1], classes=classes)
        x = torch.rand(shape, generator=g)
        what = f"TinyUNet(in_ch={shape[1]}, classes={classes})(x) for x of shape {shape}"
        got = expect_tensor(net(x.clone()), what)
        with torch.no_grad():
            want, wrong = ref_forward(net, x)
        expect_shape(got, (shape[0], classes, shape[2], shape[3]), what,
                     hint="one score per class and pixel, at the input's size: pad h to s's size before the cat.")
        expect_close(got.detach(), want, what, rtol=1e-4, atol=1e-5, mistakes=wrong,
                     hint="s = self.down(x); h = self.up(self.mid(self.pool(s))); pad h at the bottom / right with "
                          "zeros to s's size; self.out(torch.cat([s, h], dim=1)).")
