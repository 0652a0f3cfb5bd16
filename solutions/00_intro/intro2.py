"""intro2: reading a check failure.

`scale(x)` should return x multiplied by 10, but the code below has a bug.
Save the file once as it is and read what the check says: it shows the
expected values, the values you got, and where they differ most.
Then fix the bug.

Read: tensor arithmetic (https://pytorch.org/docs/stable/tensors.html)
"""
import torch


def scale(x: torch.Tensor) -> torch.Tensor:
    return x * 10


if __name__ == "__main__":
    print(scale(torch.tensor([1.0, 2.0])))
