"""tensors_new_zeros: a new shape, with an existing tensor's dtype and device.

zeros_like(x) copies x's shape. When the new tensor needs ANOTHER shape,
x.new_zeros(shape), x.new_ones(shape) and x.new_full(shape, value) make it
with x's dtype and on x's device; passing dtype= changes the dtype and still
keeps x's device. torch.zeros(shape) would make float32 on the CPU, whatever
x is.

x is a batch of feature vectors, shape (N, F). Make
`make_buffers(x, num_classes)` return (scores, labels):
- scores: zeros of shape (N, num_classes), x's dtype, on x's device;
- labels: shape (N,), every entry -1, int64 (class indices are integers),
  on x's device.

Read: torch.Tensor.new_zeros, torch.Tensor.new_full
"""
import torch


def make_buffers(x, num_classes):
    # TODO: scores, zeros of shape (N, num_classes) like x (dtype and device);
    #       labels, shape (N,), all -1, int64, on x's device
    ...


if __name__ == "__main__":
    x = torch.randn(3, 5, dtype=torch.float64)
    print(make_buffers(x, 4))
