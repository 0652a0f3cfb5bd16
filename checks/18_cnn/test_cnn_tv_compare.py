import torch
from torch import nn
from torch.nn.modules.module import register_module_parameter_registration_hook

from dlings.testing import expect, expect_equal, fail
from support_18_cnn import expect_module

# Measured with torchvision 0.29 (num_classes=10, a 224x224 image).
EXPECTED = {
    "alexnet": (57_044_810, (256, 6, 6)),
    "vgg11": (128_807_306, (512, 7, 7)),
    "resnet18": (11_181_642, (512, 7, 7)),
    "efficientnet_b0": (4_020_358, (1280, 7, 7)),
}


def test_build_and_compare(exercise):
    for name, (params, features) in EXPECTED.items():
        made_on = set()  # the device of every parameter as it is registered, while build runs
        handle = register_module_parameter_registration_hook(
            lambda module, pname, param: made_on.add(param.device.type) if param is not None else None)
        try:
            model = expect_module(exercise.build(name, 10), f"build({name!r}, 10)")
        finally:
            handle.remove()
        if made_on - {"meta"}:
            fail(f"build({name!r}, 10) created its parameters on {sorted(made_on - {'meta'})} first (and only then "
                 "moved them), not on the meta device.",
                 hint="construct it inside `with torch.device('meta'):` so no memory is allocated and nothing is "
                      "initialised (model.to('meta') after building on the CPU pays the full cost first).")
        devices = {p.device.type for p in model.parameters()}
        if devices != {"meta"}:
            fail(f"build({name!r}, 10) made its parameters on {sorted(devices)}, not on the meta device.",
                 hint="construct it inside `with torch.device('meta'):` so no memory is allocated and nothing is "
                      "initialised (model.to('meta') after building on the CPU pays the full cost first).")
        out = exercise.summary(model, 224)
        expect(isinstance(out, dict), f"summary(build({name!r}, 10), 224) should return a dict, got {type(out).__name__}.")
        missing = {"params", "feature_shape", "logits_shape"} - set(out)
        expect(not missing, f"summary(...) lacks the keys {sorted(missing)}.")
        what = f"summary(build({name!r}, 10), 224)"
        expect_equal(out["logits_shape"] and tuple(out["logits_shape"]), (1, 10), f'{what}["logits_shape"]', mistakes={
            "pass num_classes to get_model: the default head has 1000 ImageNet classes.": (1, 1000)})
        expect_equal(int(out["params"]), params, f'{what}["params"]', hint="sum p.numel() over model.parameters() "
                     "(numbers of elements, not the number of parameter tensors).")
        got = tuple(out["feature_shape"])
        expect_equal(got, features, f'{what}["feature_shape"]', mistakes={
            "that is what avgpool RETURNS; the feature map is what it receives (a forward PRE-hook, or the hook's "
            "input).": (features[0], 1, 1),
            "drop the batch dim: (C, H, W).": (1,) + features,
        })
        for h in (model.avgpool._forward_pre_hooks, model.avgpool._forward_hooks):
            expect(len(h) == 0, f"{what} left a hook on model.avgpool.", hint="keep the handle that "
                   "register_forward_pre_hook returns and call handle.remove() when done.")
    small = exercise.summary(exercise.build("resnet18", 5), 64)
    expect_equal((int(small["params"]), tuple(small["feature_shape"]), tuple(small["logits_shape"])),
                 (11_179_077, (512, 2, 2), (1, 5)), 'summary(build("resnet18", 5), 64) as (params, feature_shape, '
                 'logits_shape)', hint="use the image_size argument and the num_classes argument.")
