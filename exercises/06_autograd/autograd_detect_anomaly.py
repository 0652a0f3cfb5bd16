"""autograd_detect_anomaly: find the operation that makes gradients NaN.

NaN gradients usually start at one backward node and then spread. A common
start: log or sqrt at 0 has an INFINITE gradient (inf, not NaN), and when
that branch is masked out (torch.where) or multiplied by 0, backward computes
0 * inf = NaN. Under `torch.autograd.detect_anomaly()` every backward node's
output is checked for NaN (inf alone passes), and the first to produce NaN
raises a RuntimeError naming it:
    Function 'LogBackward0' returned nan values in its 0th output.
Its payoff comes with it: a warning "Error detected in LogBackward0" that
prints the traceback of the FORWARD line which built that node (run this
file to see it). That is the line to fix.

Make `nan_culprit(f, x)` run f(x).backward() under anomaly detection and
return the name of that node (e.g. "LogBackward0"), taken from the error
message. Anomaly detection is slow: it must be off again afterwards.

Read: torch.autograd.detect_anomaly, https://pytorch.org/docs/stable/autograd.html#anomaly-detection
"""
import torch


def nan_culprit(f, x):
    x = x.detach().clone().requires_grad_(True)
    # TODO: forward and backward under anomaly detection; catch the RuntimeError and
    # return the node name from its message
    raise NotImplementedError


if __name__ == "__main__":
    x = torch.tensor([0.0, 1.0], requires_grad=True)
    torch.log(x).sum().backward()
    print(x.grad)   # tensor([inf, 1.]): log at 0 alone gives inf, which anomaly mode lets pass
    f = lambda t: torch.where(t > 0, torch.log(t), torch.zeros_like(t)).sum()   # the forward line it will show
    print(nan_culprit(f, torch.tensor([0.0, 1.0, 2.0])))   # LogBackward0, after the warning with that line
