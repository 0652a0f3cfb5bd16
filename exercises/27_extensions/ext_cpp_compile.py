"""ext_cpp_compile: make a C++ op work with torch.compile.

torch.compile first traces your code with fake tensors (a shape, dtype and
device, no data); C++ kernels cannot run on those. CPP is ext_cpp_autograd's
source (build() finds that build in the cache). Make softplus(x, beta),
which calls the op dlings_softplus::softplus_fwd directly, traceable and
differentiable. In register(), with torch.library:
- a fake implementation for softplus_fwd AND for softplus_bwd (the backward
  is traced too);
- autograd for softplus_fwd, its backward computed by softplus_bwd (no
  autograd.Function this time).
torch.compile(softplus, fullgraph=True) must then trace it in one graph, and
torch.library.opcheck must pass.

Read: torch.library.register_fake, torch.library.register_autograd,
torch.library.opcheck, torch.compile
"""
import torch
from torch.utils.cpp_extension import load_inline

CPP = r"""
#include <ATen/core/Tensor.h>
#include <ATen/Dispatch.h>
#include <ATen/ops/empty_like.h>
#include <torch/library.h>
#include <algorithm>
#include <cmath>

at::Tensor softplus_fwd(const at::Tensor& x, double beta) {
  at::Tensor xc = x.contiguous();
  at::Tensor y = at::empty_like(xc);
  AT_DISPATCH_FLOATING_TYPES(xc.scalar_type(), "softplus_fwd", [&] {
    const scalar_t* in = xc.data_ptr<scalar_t>();
    scalar_t* out = y.data_ptr<scalar_t>();
    const scalar_t b = static_cast<scalar_t>(beta);
    for (int64_t i = 0; i < xc.numel(); ++i) {
      scalar_t z = b * in[i];  // max(z, 0) + log(1 + exp(-|z|)) never overflows
      out[i] = (std::max(z, scalar_t(0)) + std::log1p(std::exp(-std::abs(z)))) / b;
    }
  });
  return y;
}

at::Tensor softplus_bwd(const at::Tensor& grad_y, const at::Tensor& x, double beta) {
  at::Tensor g = grad_y.contiguous();
  at::Tensor xc = x.contiguous();
  at::Tensor grad_x = at::empty_like(xc);
  AT_DISPATCH_FLOATING_TYPES(xc.scalar_type(), "softplus_bwd", [&] {
    const scalar_t* gy = g.data_ptr<scalar_t>();
    const scalar_t* in = xc.data_ptr<scalar_t>();
    scalar_t* out = grad_x.data_ptr<scalar_t>();
    const scalar_t b = static_cast<scalar_t>(beta);
    for (int64_t i = 0; i < xc.numel(); ++i) {
      out[i] = gy[i] / (scalar_t(1) + std::exp(-b * in[i]));
    }
  });
  return grad_x;
}

TORCH_LIBRARY(dlings_softplus, m) {
  m.def("softplus_fwd(Tensor x, float beta) -> Tensor");
  m.def("softplus_bwd(Tensor grad_y, Tensor x, float beta) -> Tensor");
}
TORCH_LIBRARY_IMPL(dlings_softplus, CPU, m) {
  m.impl("softplus_fwd", &softplus_fwd);
  m.impl("softplus_bwd", &softplus_bwd);
}
"""


def build():
    load_inline(name="dlings_softplus", cpp_sources=CPP, is_python_module=False, no_implicit_headers=True)


def register():
    # TODO: fake implementations of both ops; autograd for softplus_fwd
    ...


def softplus(x, beta=1.0):
    return torch.ops.dlings_softplus.softplus_fwd(x, beta)


if __name__ == "__main__":
    build()
    register()
    x = torch.linspace(-3, 3, 7, requires_grad=True)
    torch.compile(softplus, fullgraph=True, backend="aot_eager")(x, 2.0).sum().backward()
    print("grad", x.grad)
