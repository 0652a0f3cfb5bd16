import torch

from dlings.testing import expect, fail

i64 = torch.tensor([1, 2])
u8 = torch.tensor([200, 100], dtype=torch.uint8)
f32 = torch.tensor([1.0, 2.0])
f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)

WHY = {
    "i64 + 1": "int tensor + Python int: nothing to promote, it stays int64.",
    "i64 * 0.5": "a Python float raises the category to floating point, and takes the default float dtype, "
                 "float32 (not float64 as in NumPy).",
    "i64 / 2": "`/` is true division: integers in, float32 (the default float dtype) out.",
    "i64 // 2": "`//` is floor division and keeps the integer dtype, int64.",
    "f32 + 1.5": "a Python number never makes a float32 tensor bigger: the result stays float32.",
    "f32 + f64": "two tensors of the same category: the bigger dtype wins, float64.",
    "f32 + torch.tensor(2.0, dtype=torch.float64)": "f32 (a tensor with dimensions) is already floating point, "
                                                     "so the 0-d float64 tensor cannot enlarge it: float32 stays.",
    "i64 * torch.tensor(0.5, dtype=torch.float64)": "the 0-d tensor is the only floating-point operand, so the "
                                                     "result takes its size: float64 (a Python 0.5 would give the "
                                                     "default float32).",
    "u8 + 100": "a Python int does not enlarge uint8: the result is uint8 (and 200 + 100 wraps to 44!).",
    "u8 + i64": "two integer tensors: the bigger dtype, int64, wins.",
    "i64 > 1": "comparisons give bool tensors.",
}
SCOPE = {"i64": i64, "u8": u8, "f32": f32, "f64": f64, "torch": torch}


def test_every_prediction(exercise):
    got = exercise.answers()
    expect(isinstance(got, dict), f"answers() should return a dict, but it returned {type(got).__name__}.")
    for expression, why in WHY.items():
        actual = eval(expression, dict(SCOPE)).dtype
        expect(expression in got, f'answers() has no entry for "{expression}".',
               hint="keep every key of the dict as it was; only replace the values.")
        guess = got[expression]
        if guess is Ellipsis:
            fail(f'"{expression}": still `...`; replace it with your prediction (a torch dtype such as torch.int64).')
        if not isinstance(guess, torch.dtype):
            fail(f'"{expression}": the answer should be a torch dtype such as torch.float32, but it is {guess!r}.',
                 hint="write torch.float32, not the string 'float32' or the Python type float.")
        if guess != actual:
            fail(f'"{expression}" gives {actual}, not {guess}.', hint=why)
