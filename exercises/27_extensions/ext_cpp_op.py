"""ext_cpp_op: compile a C++ operator and call it from Python.

Finish the kernel in CPP: `dlings_ext::leaky_relu(x, slope)` returns a NEW
float32 tensor shaped like x, holding x where x > 0 and slope * x elsewhere.
x itself stays unchanged, and it may be a strided view (x[:, ::2]): its
elements are not one after another in memory, so read a contiguous copy.

Then write build(): compile CPP with load_inline. The first build takes a
while (seconds to a minute); load_inline caches it: the same source loads
again at once, a changed one is rebuilt. The TORCH_LIBRARY blocks register the op, so the
result is loaded into torch.ops, not imported as a Python module; CPP names
its own headers, so load_inline need not add torch/extension.h (slow).

Read: torch.utils.cpp_extension.load_inline, "Custom C++ and CUDA Operators",
at::Tensor::contiguous, at::Tensor::data_ptr
"""
import torch
from torch.utils.cpp_extension import load_inline

CPP = r"""
#include <ATen/core/Tensor.h>
#include <ATen/ops/empty_like.h>
#include <torch/library.h>

at::Tensor leaky_relu(const at::Tensor& x, double slope) {
  TORCH_CHECK(x.scalar_type() == at::kFloat, "leaky_relu: float32 only");
  // TODO: return a new tensor; walk the elements of a contiguous copy of x
  TORCH_CHECK(false, "leaky_relu is not written yet");
}

TORCH_LIBRARY(dlings_ext, m) { m.def("leaky_relu(Tensor x, float slope) -> Tensor"); }
TORCH_LIBRARY_IMPL(dlings_ext, CPU, m) { m.impl("leaky_relu", &leaky_relu); }
"""


def build():
    # TODO: compile CPP with load_inline (name it "dlings_ext"), loading its ops into torch.ops
    ...


if __name__ == "__main__":
    build()
    x = torch.randn(3, 4)
    print(torch.ops.dlings_ext.leaky_relu(x, 0.1))
