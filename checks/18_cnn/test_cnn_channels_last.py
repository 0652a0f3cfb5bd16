import copy

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, expect_untouched, fail, snapshot

CL = torch.channels_last


def make_model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 6, 3, padding=1), nn.ReLU()).eval()


def test_same_results_in_channels_last(exercise):
    for seed, shape in [(0, (4, 3, 8, 8)), (1, (1, 3, 6, 10))]:
        model = make_model(seed)
        ref = copy.deepcopy(model)
        x = torch.randn(shape)
        before = snapshot(x)
        x_strides = x.stride()
        seen = {}
        model[0].register_forward_pre_hook(lambda m, args: seen.update(
            cl=args[0].is_contiguous(memory_format=CL), shape=tuple(args[0].shape)))
        with torch.no_grad():
            got = exercise.run_channels_last(model, x)
            want_map = ref(x)
        want = want_map.flatten(1)
        what = f"run_channels_last(model, x) for x of shape {shape}"
        got = expect_tensor(got, what)
        expect_untouched(x, before, "the x passed in")
        expect(x.stride() == x_strides, f"the caller's x changed its strides from {x_strides} to {x.stride()}.",
               hint="x.to(memory_format=...) returns a new tensor; keep the caller's one as it was.")
        if seen.get("shape") and seen["shape"][1] != 3:
            fail(f"the first conv received a tensor of shape {seen['shape']}: the input was permuted.",
                 hint="channels_last changes the memory layout only; the shape stays (N, C, H, W). Use "
                      "x.to(memory_format=torch.channels_last), not x.permute(0, 2, 3, 1).")
        expect(seen.get("cl", False), "the first conv of the model did not receive a channels_last input.",
               hint="convert x: x = x.to(memory_format=torch.channels_last) (or x.contiguous(memory_format=...)), "
                    "and run the model on the converted tensor.")
        for name, p in model.named_parameters():
            if p.dim() == 4:
                expect(p.is_contiguous(memory_format=CL), f"after run_channels_last, the model's {name} is not in "
                       "channels_last format.", hint="model.to(memory_format=torch.channels_last) converts every "
                       "4-D parameter and buffer (in place).")
        expect_shape(got, want.shape, what, hint="flatten each sample: (N, C*H*W); channels_last does not change "
                     "the shape of anything.")
        nhwc = want_map.permute(0, 2, 3, 1).reshape(want_map.shape[0], -1)
        expect_close(got, want, what, rtol=1e-4, atol=1e-5, mistakes={
            "that is the features in MEMORY order (N, H, W, C) flattened; flatten the logical (N, C, H, W) tensor: "
            "features.flatten(1) (or reshape) handles the strides for you.": nhwc})
