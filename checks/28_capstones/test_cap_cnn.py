"""cap_cnn: the learner's CNN (>= 3 conv layers that run in forward) trained on plain shapes.

Measured on 2 cores, one thread (3,000 train / 1,000 test, 6 classes, Adam + OneCycle to 5e-3, batch 64, 6
epochs, model seeds 0-2): the reference (three conv-BN-ReLU blocks 16/32/32, 14.5 k parameters) has a best
test accuracy of 0.90-0.95 over epochs 1-4 (epoch 4 alone swings, 0.75-0.95, at the top of the OneCycle lr) and
ends at 0.984-0.990 after epoch 6, 5-8 s of CPU; two conv layers: best 0.57-0.61 by epoch 4, 0.71-0.75 at the
end; three convs without non-linearities 0.64-0.66 / 0.69-0.72.
Bars: best-so-far 0.80 after epoch 4 (fail fast), 0.90 after epoch 6.
"""
import torch
from torch import nn

from dlings.testing import expect, expect_shape, expect_tensor, fail
from support_28_capstones import conv_calls, expect_module, n_params, seed_all, shapes_data, train_onecycle

MAX_PARAMS = 50_000
EPOCHS, BAR = 6, 0.90
CHECK_EPOCH, CHECK_BAR = 4, 0.80


def _build(exercise, k):
    seed_all(0)
    return expect_module(exercise.make_model(k), f"make_model({k})")


def _check_structure(exercise):
    for k in (10, 3, 6):
        model = _build(exercise, k)
        for n in (5, 1):
            model.eval()
            with torch.no_grad():
                out = expect_tensor(model(torch.rand(n, 3, 16, 16)), f"make_model({k})(x)")
            expect_shape(out, (n, k), f"make_model({k})(x) for x of shape ({n}, 3, 16, 16) in eval mode",
                         hint="the last layer must give num_classes logits per image: use the argument, not a "
                              "fixed 6, and keep the batch dimension (nn.Flatten(), not .squeeze()).")
    p = n_params(model)
    expect(p <= MAX_PARAMS, f"make_model(6) has {p:,} parameters; the budget is {MAX_PARAMS:,}.",
           hint="a Linear on the whole flattened feature map is the costly part: pool globally first "
                "(nn.AdaptiveAvgPool2d(1)), so the head only sees one number per channel.")
    model.train()
    called = conv_calls(model, torch.rand(4, 3, 16, 16))
    convs = [n for n, m in model.named_modules() if isinstance(m, nn.Conv2d)]
    if len(called) < 3:
        unused = [n for n in convs if n not in called]
        fail(f"one forward pass of make_model(6) runs {len(called)} nn.Conv2d layer(s)"
             + (f" ({', '.join(called)})" if called else "")
             + (f"; these are built but never run: {', '.join(unused)}" if unused else "")
             + ". The project asks for at least three.",
             hint="stack three conv blocks, e.g. Conv2d(3, 16), Conv2d(16, 32), Conv2d(32, 32), each with padding=1, "
                  "and make sure forward uses every one of them.")
    return model


def test_shapes_and_structure(exercise):
    _check_structure(exercise)


def test_reaches_the_bar(exercise, report):
    _check_structure(exercise)
    train, test = shapes_data()
    model = _build(exercise, 6)
    report.target("test accuracy", BAR)

    seen = []

    def checkpoint(epoch, acc):
        seen.append(acc)
        if epoch == CHECK_EPOCH and max(seen) < CHECK_BAR:
            acc = max(seen)
            has_act = any(isinstance(m, (nn.ReLU, nn.GELU, nn.SiLU, nn.LeakyReLU, nn.ELU, nn.Tanh))
                          for m in model.modules())
            fail(f"in {CHECK_EPOCH} of {EPOCHS} epochs your CNN got at best {acc:.0%} of the test images right (chance "
                 f"is 17 %; the reference reached 90 % or more by now, a two-conv model about 60 %).",
                 hint=("there is no non-linearity between the convolutions, so the whole stack is one linear map: "
                       "put an nn.ReLU after each conv (after its BatchNorm2d)." if not has_act else
                       "check that the output is raw logits (no softmax: cross_entropy applies it), that each conv "
                       "is followed by BatchNorm2d and ReLU, and that pooling shrinks the maps between blocks so "
                       "the last conv sees the whole shape."))

    acc = train_onecycle(model, train, test, epochs=EPOCHS, report=report, checkpoint=checkpoint)
    expect(acc >= BAR, f"after {EPOCHS} epochs your CNN reaches {acc:.1%} test accuracy; the bar is {BAR:.0%} "
                       "(the reference: 98.7-99.2 %).",
           hint="three conv-BatchNorm-ReLU blocks with a MaxPool2d(2) after the first two, a global average pool, "
                "Flatten, Linear.")
