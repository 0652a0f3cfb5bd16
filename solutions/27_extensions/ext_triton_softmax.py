"""ext_triton_softmax: a row softmax written as a Triton kernel.

A Triton program works on whole blocks of values at once. Here program r
handles row r of x (2-D, float32, on the GPU) as a vector of BLOCK lanes,
BLOCK the power of two at or above the row length; lanes past the row's
end are masked. Finish the kernel: load the row so that masked lanes count
for nothing in the max and the sum, subtract the row's max (large values
must not overflow), exponentiate, divide by the sum, store only the row's
lanes. Columns sit next to each other; rows are `x_row_stride` elements
apart, which is more than the row length when x is a column slice.
No GPU? `TRITON_INTERPRET=1 python <this file>` runs it on the CPU, slowly.

Read: triton.language (program_id, arange, load with mask/other, max, sum,
exp, store), the Triton tutorial "Fused Softmax"
"""
import torch
import triton
import triton.language as tl


@triton.jit
def softmax_kernel(out_ptr, x_ptr, x_row_stride, out_row_stride, n_cols, BLOCK: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK)
    mask = cols < n_cols
    x = tl.load(x_ptr + row * x_row_stride + cols, mask=mask, other=-float("inf"))
    z = x - tl.max(x, axis=0)
    num = tl.exp(z)
    tl.store(out_ptr + row * out_row_stride + cols, num / tl.sum(num, axis=0), mask=mask)


def softmax(x):
    n_rows, n_cols = x.shape
    out = torch.empty((n_rows, n_cols), dtype=x.dtype, device=x.device)
    softmax_kernel[(n_rows,)](out, x, x.stride(0), out.stride(0), n_cols, BLOCK=triton.next_power_of_2(n_cols))
    return out


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    x = torch.randn(4, 1000, device=device) * 30
    print("largest error", (softmax(x) - torch.softmax(x, dim=1)).abs().max().item())
