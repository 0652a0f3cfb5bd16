"""autograd_detect_anomaly: find the operation that makes gradients NaN.

NaN gradients usually come from one backward node (log at 0, sqrt at 0,
0/0...) and then spread everywhere. Under `torch.autograd.detect_anomaly()`
every backward node's output is checked, and the first one to produce NaN
raises a RuntimeError naming it:
    Function 'LogBackward0' returned nan values in its 0th output.

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
    f = lambda t: torch.where(t > 0, torch.log(t), torch.zeros_like(t)).sum()
    print(nan_culprit(f, torch.tensor([0.0, 1.0, 2.0])))   # LogBackward0
