"""transfer_replace_head: the new head is a fresh Linear sized from the old one; nothing else changes."""
import torch
from torch import nn

from dlings import data
from dlings.testing import expect, expect_equal, expect_shape, expect_tensor, expect_untouched, snapshot
from support_19_transfer import backbone, expect_module


def _replace(exercise, model, k, what):
    out = exercise.replace_head(model, k)
    return expect_module(out, what)


def _check(exercise, model, k, what):
    old_head = model.head
    old_state = {n: t.clone() for n, t in old_head.state_dict().items()}
    feature_width = old_head.in_features
    rest = {n: m for n, m in model.named_children() if n != "head"}
    before = snapshot(rest)
    trainable = {n: p.requires_grad for n, p in model.named_parameters() if not n.startswith("head.")}
    got = _replace(exercise, model, k, what)
    expect(got is model, f"{what} returned a different model than the one it was given.",
           hint="change the model you were given (model.head = ...) and return that same model: a new model "
                "would not carry the pretrained weights.")
    head = model.head
    expect(isinstance(head, nn.Linear), f"after {what}, model.head is a {type(head).__name__}, not an nn.Linear.",
           hint="the new head is a single nn.Linear from the features to the new classes (no Sequential on top of "
                "the old head: that squeezes every image through the six old logits).")
    expect(head is not old_head, f"after {what}, model.head is still the old head object.",
           hint="build a new nn.Linear and assign it to model.head.")
    expect_equal(head.out_features, k, f"model.head.out_features after {what}",
                 hint="the new head gives one logit per NEW class: num_classes.",
                 mistakes={"you kept the old number of outputs (the six pretraining classes).": old_head.out_features})
    expect_equal(head.in_features, feature_width, f"model.head.in_features after {what} (the old head took "
                                                  f"{feature_width})",
                 hint="read the width from the old head (model.head.in_features) instead of writing a number: this "
                      "backbone does not have 64 features.")
    expect_equal(head.weight.dtype, old_head.weight.dtype, f"the new head's dtype after {what} (the model is "
                                                           f"{old_head.weight.dtype})",
                 hint="nn.Linear(..., dtype=old.weight.dtype, device=old.weight.device): a float32 head on a float64 "
                      "model fails at the first forward.")
    expect(head.bias is not None, f"after {what}, the new head has no bias (the old head had one).",
           hint="a plain nn.Linear(in_features, num_classes) like the old head: leave bias=True, its default.")
    frozen = [n for n, p in model.named_parameters() if not n.startswith("head.") and trainable[n] and
              not p.requires_grad]
    expect(not frozen, f"after {what}, {len(frozen)} parameters of the backbone no longer require grad "
                       f"(first: {frozen[:1]}).",
           hint="replace_head only swaps the head; the backbone stays trainable (freezing it is a choice of the "
                "exercises that fine-tune, not of this one).")
    expect(all(p.requires_grad for p in head.parameters()), f"after {what}, the new head does not require grad.",
           hint="the new head is what learns the new classes: leave its parameters trainable.")
    expect_untouched(rest, before, f"the layers other than the head after {what}",
                     hint="only model.head changes; the pretrained features keep their weights.")
    if old_state["weight"].shape == head.weight.shape:
        expect(not torch.equal(head.weight, old_state["weight"]),
               f"after {what}, the new head holds the old head's weights.",
               hint="the head is new: a freshly initialised nn.Linear, not a copy of the old one.")
    x = torch.rand(3, 3, 16, 16, dtype=head.weight.dtype)
    out = expect_tensor(model(x), f"the model's output after {what}")
    expect_shape(out, (3, k), f"the model's output after {what}, for 3 images")


def test_pretrained_backbone(exercise):
    torch.manual_seed(0)
    model = backbone()
    _check(exercise, model, 4, "replace_head(data.pretrained_backbone(), 4)")
    pretrained = backbone()
    expect(torch.equal(model.features[0][0].weight, pretrained.features[0][0].weight),
           "the first convolution's weights changed.", hint="leave everything but the head as it was.")


def test_other_widths_and_sizes(exercise):
    torch.manual_seed(1)
    for widths, k in (((8, 16, 32), 1), ((8, 16, 24), 6), ((4, 8, 48), 10)):
        model = data.ShapesCNN(num_classes=6, widths=widths)
        _check(exercise, model, k, f"replace_head(model, {k}) for a backbone with {widths[-1]} features")


def test_dtype_follows_the_model(exercise):
    torch.manual_seed(2)
    model = data.ShapesCNN(num_classes=6, widths=(8, 16, 32)).double()
    _check(exercise, model, 3, "replace_head(model, 3) for a float64 model")


def test_device_follows_the_model(exercise):
    # A model on the meta device (shapes and dtypes, no data) stands in for one on a GPU.
    model = data.ShapesCNN(num_classes=6, widths=(8, 16, 32)).to("meta")
    got = _replace(exercise, model, 5, "replace_head(model, 5) for a model on the meta device")
    head = got.head
    expect(isinstance(head, nn.Linear), f"model.head is a {type(head).__name__}, not an nn.Linear.")
    expect_equal(head.weight.device.type, "meta", "the new head's device for a model on the meta device (it stands in "
                                                  "for a GPU)",
                 hint="nn.Linear(..., device=old.weight.device, dtype=old.weight.dtype): a head left on the CPU fails at "
                      "the first forward of a model on the GPU.")
