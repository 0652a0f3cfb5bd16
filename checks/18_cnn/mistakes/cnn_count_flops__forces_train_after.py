"""cnn_count_flops: a conv net's parameters and FLOPs, counted by hand.

Write `count_params_and_flops(model, input_shape)` for a model built from
nn.Conv2d, nn.Linear, nn.BatchNorm2d and layers without parameters (ReLU,
pooling, Flatten, containers), possibly nested. Return (params, flops), ints:
- params, from each layer's attributes (not from .parameters() / .numel()):
  Conv2d: out_channels * (in_channels / groups) * kh * kw, + out_channels if it
  has a bias; Linear: out_features * in_features (+ out_features);
  BatchNorm2d: 2 * num_features (gamma and beta; running stats are buffers).
- flops for one forward pass on a batch of `input_shape` (N included), counting
  a multiply-add as 2 FLOPs and ignoring biases, BatchNorm, activations and
  pooling: a Conv2d costs 2 * (output elements) * (in_channels / groups) * kh * kw,
  a Linear 2 * (output elements) * in_features. This is the convention of
  torch.utils.flop_counter.FlopCounterMode, which the check compares with.
To learn each layer's output size, run the model once on a batch of zeros in
eval mode under torch.no_grad() with forward hooks (or work the sizes out as in
cnn_stack_shapes). Leave the model as it was: weights, running statistics,
device, train/eval mode, and no hooks left behind.

Read: torch.utils.flop_counter.FlopCounterMode, torch.nn.Module.modules,
torch.nn.Module.register_forward_hook
"""
import torch
from torch import nn


def count_params_and_flops(model: nn.Module, input_shape: tuple) -> tuple[int, int]:
    params = 0
    flops = 0
    handles = []

    def conv_hook(m, args, out):
        nonlocal flops
        flops += 2 * out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def linear_hook(m, args, out):
        nonlocal flops
        flops += 2 * out.numel() * m.in_features

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            kh, kw = m.kernel_size
            params += m.out_channels * (m.in_channels // m.groups) * kh * kw + (m.out_channels if m.bias is not None else 0)
            handles.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            params += m.out_features * m.in_features + (m.out_features if m.bias is not None else 0)
            handles.append(m.register_forward_hook(linear_hook))
        elif isinstance(m, nn.BatchNorm2d) and m.affine:
            params += 2 * m.num_features
    was_training = model.training
    try:
        model.eval()
        with torch.no_grad():
            model(torch.zeros(input_shape))
    finally:
        model.train()
        for h in handles:
            h.remove()
    return params, flops


if __name__ == "__main__":
    net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 8 * 8, 5))
    print(count_params_and_flops(net, (1, 3, 16, 16)))
