"""cnn_train_shapes: the learner's CNN against an MLP with as many parameters, on shapes(variant="shifted").

Measured on 2 cores, one thread (3,000 train / 1,000 test, Adam 3e-3, batch 64):
the reference CNN (5,382 parameters) reaches 83-90 % test accuracy after epoch 1 and
97-99 % after epoch 3 (seeds 0-2), about 2 s per epoch; an MLP with as many
parameters stays at 15-20 %, a CNN with a Flatten head at 14-17 % (it learns where
objects were). Bars: 35 % after epoch 1 (fail fast), 80 % after epoch 3.
"""
import torch
from torch import nn

from dlings.testing import expect, expect_shape, expect_tensor, fail
from support_18_cnn import expect_module, n_params, shifted_shapes, train

MAX_PARAMS = 20_000
EPOCHS = 3
BAR = 0.80
FIRST_EPOCH_BAR = 0.35


def _build(exercise, num_classes):
    torch.manual_seed(0)
    model = expect_module(exercise.make_cnn(num_classes), f"make_cnn({num_classes})")
    x = torch.rand(2, 3, 16, 16)
    out = expect_tensor(model(x), f"make_cnn({num_classes})(x)")
    expect_shape(out, (2, num_classes), f"make_cnn({num_classes})(x) for x of shape (2, 3, 16, 16)",
                 hint="the last layer must give num_classes logits per image (use the argument, not a fixed 6).")
    with torch.no_grad():
        probs_like = bool((out >= 0).all() and (out <= 1).all() and torch.allclose(out.sum(1), torch.ones(2), atol=1e-4))
    expect(not probs_like, f"make_cnn({num_classes})(x) gives rows of non-negative numbers that sum to 1: "
           "probabilities, not logits.", hint="end with the Linear: no Softmax layer. cross_entropy applies "
           "log-softmax itself; a softmax before it squashes the gradients.")
    return model


def _check_structure(exercise):
    for k in (3, 6):
        model = _build(exercise, k)
    p = n_params(model)
    expect(p <= MAX_PARAMS, f"make_cnn(6) has {p:,} parameters; the budget is {MAX_PARAMS:,}.",
           hint="a Linear on the flattened feature map costs channels x height x width x classes weights; a global "
                "pool (nn.AdaptiveMaxPool2d(1)) first leaves only channels x classes.")
    return p


def _mlp_like(p, num_classes=6):
    hidden = max(1, round((p - num_classes) / (3 * 16 * 16 + 1 + num_classes)))
    return nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 16, hidden), nn.ReLU(), nn.Linear(hidden, num_classes))


def test_cnn_beats_mlp_on_shifted_shapes(exercise, report):
    _check_structure(exercise)
    train_split, test_split = shifted_shapes()
    model = _build(exercise, 6)
    report.target("test_accuracy", BAR)

    def checkpoint(epoch, train_acc, test_acc):
        if epoch == 1 and test_acc < FIRST_EPOCH_BAR:
            if train_acc > 0.5:
                fail(f"after epoch 1 your CNN is right on {train_acc:.0%} of the training images (objects on the "
                     f"left) but only {test_acc:.0%} of the test images (objects on the right; chance is 17 %).",
                     hint="the model learned WHERE things were: a Linear over the whole flattened feature map (or an "
                          "MLP) has separate weights for every position. Pool over all positions first: "
                          "nn.AdaptiveMaxPool2d(1), then nn.Flatten() and the Linear.")
            if not any(isinstance(m, nn.Conv2d) for m in model.modules()):
                fail(f"after epoch 1 your model gets {test_acc:.0%} of the test images right (chance is 17 %), and it "
                     "holds no nn.Conv2d.", hint="without convolutions the model has separate weights for every "
                     "pixel position, so objects in the right half, where it never saw any, are a mystery to it. "
                     "Build the convolutional layout of the docstring.")
            fail(f"after epoch 1 your CNN gets {test_acc:.0%} of the test images right and {train_acc:.0%} of the "
                 f"training images (chance is 17 %; the reference is above 80 % by now).",
                 hint="it hardly learns: check that the convolutions are followed by a non-linearity (ReLU), that "
                      "the output is raw logits (no softmax: cross_entropy applies it), and try BatchNorm2d after "
                      "each convolution.")

    acc = train(model, train_split, test_split, epochs=EPOCHS, report=report, checkpoint=checkpoint)
    expect(acc >= BAR, f"after {EPOCHS} epochs your CNN reaches {acc:.1%} test accuracy; the bar is {BAR:.0%} "
                       "(the reference layout reaches 97 % or more).",
           hint="follow the layout in the docstring: two conv-BatchNorm-ReLU blocks with a MaxPool2d(2) between "
                "them, a global max pool, Flatten, Linear.")

    # The other half of the lesson, measured now: an MLP with as many parameters.
    p = n_params(model)
    torch.manual_seed(0)
    mlp = _mlp_like(p)
    mlp_acc = train(mlp, train_split, test_split, epochs=EPOCHS, report=report, metric="mlp_test_accuracy")
    expect(mlp_acc < BAR, f"an MLP with {n_params(mlp):,} parameters reached {mlp_acc:.1%} on this data: the check's "
                          "own comparison did not show the lesson. Please report this.")
