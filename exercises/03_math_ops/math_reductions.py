"""math_reductions: sum, mean and max along one dimension.

`scores` is an int64 tensor of shape (students, tests), points from 0 to 100.

- `student_averages(scores)`: the mean of each student's tests, float32,
  shape (students,).
- `best_per_test(scores)`: the highest score of each test, int64, shape (tests,).

`dim=` names the dimension that disappears. Two surprises: mean() refuses
integer tensors (convert first), and max(dim=...) returns a pair
(values, indices), not a tensor.

Read: torch.mean, torch.max (the dim form), torch.amax
"""
import torch


def student_averages(scores: torch.Tensor) -> torch.Tensor:
    # TODO: average over the tests of each student
    ...


def best_per_test(scores: torch.Tensor) -> torch.Tensor:
    # TODO: maximum over the students, for each test
    ...


if __name__ == "__main__":
    s = torch.tensor([[90, 70, 80], [60, 100, 50]])
    print(student_averages(s))  # tensor([80., 70.])
    print(best_per_test(s))     # tensor([ 90, 100,  80])
