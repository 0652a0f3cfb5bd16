"""The check measures the truth itself, on the CPU for bfloat16 and float16 (CPU autocast takes both), and on
CUDA too where a GPU is usable (not yet verified on a GPU). Measured on this torch (2.15), CPU bfloat16:
linear, matmul, relu, softmax bfloat16; cross_entropy and add_float32 float32. On CUDA softmax is float32."""
import torch
import torch.nn.functional as F

from dlings.testing import expect, fail
from support_16_mixed_precision import call, cuda_usable

KEYS = ["linear", "matmul", "relu", "softmax", "cross_entropy", "add_float32"]


def _truth(device_type, dtype):
    x, w, b = (torch.randn(4, 8, device=device_type), torch.randn(3, 8, device=device_type),
               torch.randn(3, device=device_type))
    y = torch.tensor([0, 2, 1, 0], device=device_type)
    with torch.autocast(device_type, dtype=dtype):
        z = F.linear(x, w, b)
        out = {"linear": z, "matmul": x @ w.T, "relu": F.relu(z), "softmax": torch.softmax(z, dim=1),
               "cross_entropy": F.cross_entropy(z, y), "add_float32": z + torch.ones(z.shape, device=device_type)}
    return {k: v.dtype for k, v in out.items()}


def _cause(key, got, want, dtype, all_got):
    if all(v == torch.float32 for v in all_got.values()):
        return "every result is float32: the ops ran outside the autocast block (or autocast was for another device)."
    other = torch.float16 if dtype == torch.bfloat16 else torch.bfloat16
    if got == other:
        return f"autocast ran with {other}: pass the `dtype` argument to torch.autocast, do not fix it."
    if key in ("linear", "matmul") and got == torch.float32:
        return f"the {key} ran in float32: compute it inside the autocast block (with the inputs in float32)."
    if key == "add_float32":
        return "add z (the 16-bit result) and a float32 tensor: type promotion gives the wider type."
    if key in ("relu", "softmax") and got == torch.float32:
        return (f"{key} follows its input here: apply it to z itself, not to a float32 copy (z.float()) or to x.")
    if key == "cross_entropy" and got != torch.float32:
        return "compute the loss inside the autocast block: there autocast runs it in float32."
    return None


def test_op_dtypes(exercise):
    cases = [("cpu", torch.bfloat16), ("cpu", torch.float16)]
    if cuda_usable():
        cases += [("cuda", torch.float16), ("cuda", torch.bfloat16)]
    torch.manual_seed(0)
    for device_type, dtype in cases:
        what = f"op_dtypes({device_type!r}, {dtype})"
        got = call(exercise.op_dtypes, device_type, dtype, what=what)
        if got is None or got is Ellipsis:
            fail(f"{what} returned {got!r}.", hint="finish the TODO and `return` the dict of dtypes.")
        expect(isinstance(got, dict), f"{what} returned a {type(got).__name__}; a dict {{name: dtype}} is expected.")
        missing = [k for k in KEYS if k not in got]
        expect(not missing, f"{what}: the dict lacks {missing}; it should have exactly {KEYS}.")
        expect(set(got) == set(KEYS), f"{what}: the dict has extra keys {sorted(set(got) - set(KEYS))}.")
        for key in KEYS:
            if not isinstance(got[key], torch.dtype):
                fail(f"{what}[{key!r}] is {got[key]!r} ({type(got[key]).__name__}), not a dtype.",
                     hint="store each result's .dtype (a torch.dtype such as torch.bfloat16), not the tensor or "
                          "a string.")
        want = _truth(device_type, dtype)
        for key in KEYS:
            expect(got[key] == want[key],
                   f"{what}[{key!r}] is {got[key]}; measured under autocast it is {want[key]}.",
                   hint=_cause(key, got[key], want[key], dtype, got))
