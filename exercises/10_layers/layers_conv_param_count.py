"""layers_conv_param_count: what a Conv2d stores.

nn.Conv2d(in_channels, out_channels, kernel_size, groups=g, bias=True) holds
    weight: (out_channels, in_channels // g, kH, kW)      bias: (out_channels,)
Each output channel sees only in_channels // g input channels (g = groups;
g = in_channels = out_channels is a "depthwise" conv). kernel_size is an int
(square kernel) or a (kH, kW) pair.
Write `conv2d_weight_shape(...)` and `conv2d_param_count(...)` by arithmetic,
without building a Conv2d (the check compares with real ones).

Read: torch.nn.Conv2d ("Variables" section: weight, bias; the groups argument)
"""


def conv2d_weight_shape(in_channels: int, out_channels: int, kernel_size, groups: int = 1) -> tuple[int, int, int, int]:
    # TODO: turn an int kernel_size into (k, k); return the weight's shape
    ...


def conv2d_param_count(in_channels: int, out_channels: int, kernel_size, groups: int = 1, bias: bool = True) -> int:
    # TODO: elements of the weight, plus out_channels if there is a bias
    ...


if __name__ == "__main__":
    print(conv2d_param_count(3, 64, 3))                # 1792
    print(conv2d_param_count(32, 32, 3, groups=32))    # 320
