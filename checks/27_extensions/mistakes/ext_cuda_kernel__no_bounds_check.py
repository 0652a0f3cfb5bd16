"""ext_cuda_kernel: write a CUDA kernel and launch it.

A kernel runs once per GPU thread. Threads come in blocks of blockDim.x;
the grid holds gridDim.x blocks; a thread knows blockIdx.x and threadIdx.x.
dlings_cuda::leaky_relu_out(x, out, slope) writes x where x > 0, else
slope * x, into `out`, which the caller allocated (float32, contiguous, on
the GPU, shaped like x). Finish the kernel: one element per thread, found
from its place in the whole grid, every element exactly once, and nothing
written past the end of out (n is rarely a multiple of the block size).
Finish the launch (enough blocks of 256 threads for n elements), and
build(): compile CPP and CUDA with load_inline, loading the op into torch.ops.

Read: CUDA C++ Programming Guide "Thread Hierarchy",
torch.utils.cpp_extension.load_inline (cuda_sources)
"""
import torch
from torch.utils.cpp_extension import load_inline

CPP = r"""
#include <ATen/core/Tensor.h>
#include <torch/library.h>

void leaky_relu_out_cuda(const at::Tensor& x, at::Tensor& out, double slope);  // in CUDA below

TORCH_LIBRARY(dlings_cuda, m) { m.def("leaky_relu_out(Tensor x, Tensor(a!) out, float slope) -> ()"); }
TORCH_LIBRARY_IMPL(dlings_cuda, CUDA, m) { m.impl("leaky_relu_out", &leaky_relu_out_cuda); }
"""

CUDA = r"""
#include <ATen/core/Tensor.h>
#include <c10/cuda/CUDAException.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <cuda_runtime.h>

__global__ void leaky_relu_kernel(const float* x, float* out, int64_t n, float slope) {
  int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  out[i] = x[i] > 0 ? x[i] : slope * x[i];
}

void leaky_relu_out_cuda(const at::Tensor& x, at::Tensor& out, double slope) {
  TORCH_CHECK(x.is_cuda() && out.is_cuda(), "leaky_relu_out: x and out must be CUDA tensors");
  TORCH_CHECK(x.scalar_type() == at::kFloat && out.scalar_type() == at::kFloat, "leaky_relu_out: float32 only");
  TORCH_CHECK(x.is_contiguous() && out.is_contiguous(), "leaky_relu_out: contiguous tensors only");
  TORCH_CHECK(x.sizes() == out.sizes(), "leaky_relu_out: out must have the shape of x");
  const c10::cuda::CUDAGuard guard(x.device());
  const int64_t n = x.numel();
  if (n == 0) return;
  const int threads = 256;
  const int64_t blocks = (n + threads - 1) / threads;
  leaky_relu_kernel<<<blocks, threads, 0, c10::cuda::getCurrentCUDAStream()>>>(
      x.data_ptr<float>(), out.data_ptr<float>(), n, static_cast<float>(slope));
  C10_CUDA_KERNEL_LAUNCH_CHECK();
}
"""


def build():
    load_inline(name="dlings_cuda", cpp_sources=CPP, cuda_sources=CUDA, is_python_module=False,
                no_implicit_headers=True)


if __name__ == "__main__":
    build()
    x = torch.randn(1000, device="cuda")
    out = torch.empty_like(x)
    torch.ops.dlings_cuda.leaky_relu_out(x, out, 0.1)
    print("largest error", (out - torch.where(x > 0, x, 0.1 * x)).abs().max().item())
