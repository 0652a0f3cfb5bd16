"""device_to_copy: .to() does nothing when there is nothing to do.

x.to(device) returns a NEW tensor on that device, except when x is already
there (with that dtype): then it returns x itself, no copy. Code that
edits the "copy" in place works on a GPU machine and silently corrupts the
caller's data on a CPU-only one.

Write `private_copy(x, device)`: x's values on `device`, same dtype, in
memory of their own, so that writing into the result never changes x,
whether x starts on `device` or elsewhere. (The check also copies to
"meta", a device whose tensors have shapes but no data: it stands in for
a GPU on machines without one.)

Read: torch.Tensor.to (its copy argument), torch.Tensor.clone
"""
import torch


def private_copy(x: torch.Tensor, device) -> torch.Tensor:
    return x.to(device, copy=True)


if __name__ == "__main__":
    x = torch.zeros(3)
    print("x.to('cpu') is x:", x.to("cpu") is x)
    y = private_copy(x, "cpu")
    y += 1
    print("x after editing the copy:", x)
