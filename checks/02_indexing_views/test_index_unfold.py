import torch

from dlings.testing import expect_close, expect_tensor, fail, no_loops

CASES = [((2, 7), 3, 2), ((3, 10), 4, 1), ((1, 9), 3, 3), ((2, 8), 2, 3), ((1, 5), 5, 1)]


def ref(x, size, step):
    n = (x.shape[1] - size) // step + 1
    return torch.stack([x[:, k * step:k * step + size] for k in range(n)], dim=1)


def test_window_values(exercise):
    torch.manual_seed(0)
    for shape, size, step in CASES:
        x = torch.randn(shape)
        mistakes = {}
        if step != size and step <= shape[1]:
            mistakes["size and step are swapped: unfold(dim, size, step) takes the window size first."] = ref(x, step, size)
        expect_close(exercise.windows(x, size, step), ref(x, size, step),
                     what=f"windows(x, size={size}, step={step}) for x of shape {shape}", mistakes=mistakes)


def test_no_python_loop(exercise):
    no_loops(exercise.windows)


def test_windows_are_a_view(exercise):
    torch.manual_seed(1)
    x = torch.randn(2, 9)
    w = expect_tensor(exercise.windows(x, 3, 2), "windows(x, 3, 2)")
    x[0, 2] = 100.0  # element 2 of signal 0 sits in windows 0 and 1
    if not (w[0, 0, 2] == 100.0 and w[0, 1, 0] == 100.0):
        fail("windows(x, 3, 2) is a copy: after x[0, 2] = 100, windows 0 and 1 of signal 0 still hold the old value.",
             hint="x.unfold returns a view of x's memory; torch.stack, cat or .clone() copy the numbers.")
