"""memory_snapshot: saving the best weights, the right way.

During training you keep a copy of the best weights seen so far. The copy
must (1) hold its own memory, so later in-place optimizer updates to w do
not change it, and (2) be out of the autograd graph (requires_grad False).

  w.detach()  cuts the graph but SHARES w's memory (so does w.data);
  w.clone()   copies the memory but stays IN the graph.
Make `snapshot(w)` return a tensor that does both jobs.

Read: torch.Tensor.detach, torch.Tensor.clone.
"""
import torch


def snapshot(w: torch.Tensor) -> torch.Tensor:
    return w.detach().clone()


if __name__ == "__main__":
    w = torch.zeros(3, requires_grad=True)
    best = snapshot(w)
    with torch.no_grad():
        w.add_(1.0)  # what an optimizer step does
    print(best, best.requires_grad)  # tensor([0., 0., 0.]) False
