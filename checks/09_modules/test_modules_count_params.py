import torch
from torch import nn

from dlings.testing import expect_equal, fail


class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)   # 40
        self.out = nn.Linear(4, 10)        # weight shared with embed, bias 10
        self.out.weight = self.embed.weight


def cases():
    mlp = nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.Linear(5, 2))
    cnn = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(16, 3))
    frozen = nn.Sequential(nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 3))
    frozen[0].requires_grad_(False)
    return [
        ("Linear(10,5) -> ReLU -> Linear(5,2)", mlp, 67, 67),
        ("Conv2d(3,4,3) -> BatchNorm2d(4) -> Linear(16,3)", cnn, 112 + 8 + 51, 112 + 8 + 51),
        ("Embedding(10,4) with a tied Linear(4,10)", Tied(), 50, 50),
        ("Linear(6,4) [frozen] -> ReLU -> Linear(4,3)", frozen, 28 + 15, 15),
    ]


def count(model, *, tensors=False, state=False, dup=False, trainable=False):
    if state:
        return sum(t.numel() for t in model.state_dict().values())
    params = [p for _, p in model.named_parameters(remove_duplicate=False)] if dup else model.parameters()
    params = [p for p in params if p.requires_grad or not trainable]
    return len(params) if tensors else sum(p.numel() for p in params)


def test_count_all(exercise):
    for label, model, total, _ in cases():
        got = exercise.count_parameters(model)
        if isinstance(got, torch.Tensor):
            fail(f"count_parameters({label}) returned a tensor ({got!r}); return a Python int.",
                 hint="p.numel() is already an int; sum() of ints is an int (use int(...) or .item() otherwise).")
        expect_equal(got, total, f"count_parameters({label})", mistakes={
            "this counts parameter TENSORS (len of the list); add up p.numel() instead.": count(model, tensors=True),
            "this counts state_dict() entries, which include buffers (BatchNorm running statistics) and "
            "repeat shared weights; count model.parameters().": count(model, state=True),
            "a shared (tied) weight is counted twice; model.parameters() yields it once.": count(model, dup=True),
            "this counts only the trainable parameters; with trainable_only=False count them all.":
                count(model, trainable=True),
        })


def test_count_trainable(exercise):
    for label, model, total, trainable in cases():
        expect_equal(exercise.count_parameters(model, trainable_only=True), trainable,
                     f"count_parameters({label}, trainable_only=True)", mistakes={
                         "trainable_only=True should skip parameters with requires_grad=False.": total
                         if total != trainable else None})
