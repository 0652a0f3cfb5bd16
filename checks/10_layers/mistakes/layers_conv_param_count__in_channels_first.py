def conv2d_weight_shape(in_channels: int, out_channels: int, kernel_size, groups: int = 1) -> tuple[int, int, int, int]:
    # TODO: turn an int kernel_size into (k, k); return the weight's shape
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (in_channels // groups, out_channels, kh, kw)


def conv2d_param_count(in_channels: int, out_channels: int, kernel_size, groups: int = 1, bias: bool = True) -> int:
    # TODO: elements of the weight, plus out_channels if there is a bias
    o, i, kh, kw = conv2d_weight_shape(in_channels, out_channels, kernel_size, groups)
    return o * i * kh * kw + (out_channels if bias else 0)

