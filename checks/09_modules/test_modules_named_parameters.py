import torch
from torch import nn

from dlings.testing import expect, expect_equal, fail


class Tied(nn.Module):
    """A tiny language model whose output layer shares the embedding matrix."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.norm = nn.LayerNorm(4)
        self.out = nn.Linear(4, 10)
        self.out.weight = self.embed.weight


def models():
    torch.manual_seed(0)
    cnn = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(16, 2, bias=False))
    frozen = nn.Sequential(nn.Linear(3, 5), nn.LayerNorm(5), nn.Linear(5, 1))
    frozen[0].requires_grad_(False)
    return [("an MLP with LayerNorm", nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.ReLU(), nn.Linear(8, 2))),
            ("a CNN with BatchNorm", cnn),
            ("a model with tied embedding/output weights", Tied()),
            ("a model whose first layer is frozen", frozen)]


def reference(model):
    decay = [n for n, p in model.named_parameters() if p.requires_grad and p.ndim >= 2]
    no_decay = [n for n, p in model.named_parameters() if p.requires_grad and p.ndim < 2]
    return decay, no_decay


def by_bias_name(model):
    names = [n for n, p in model.named_parameters() if p.requires_grad]
    return [n for n in names if not n.endswith("bias")], [n for n in names if n.endswith("bias")]


def test_split(exercise):
    for label, model in models():
        got = exercise.split_for_weight_decay(model)
        expect(isinstance(got, tuple) and len(got) == 2,
               f"split_for_weight_decay({label}) should return a pair of lists (decay, no_decay), got {got!r}.",
               hint="finish the TODO; the function returns `decay, no_decay`.")
        decay, no_decay = [list(x) for x in got]
        for names in (decay, no_decay):
            bad = [n for n in names if not isinstance(n, str)]
            expect(not bad, f"split_for_weight_decay({label}) should list parameter NAMES (strings), got "
                   f"{type(bad[0]).__name__ if bad else ''} items.", hint="named_parameters() yields (name, tensor) "
                   "pairs: keep the name.")
        want_decay, want_no_decay = reference(model)
        all_names = [n for n, _ in model.named_parameters()]
        buffers = [n for n, _ in model.named_buffers()]
        mistakes = {
            "the rule looks at the name ('bias'); it should look at the shape: p.ndim >= 2 decays, so "
            "LayerNorm/BatchNorm weights (1-D) go to no_decay.": by_bias_name(model)[0],
            "frozen parameters (requires_grad=False) should be left out of both lists.":
                [n for n in all_names if dict(model.named_parameters())[n].ndim >= 2],
            "a shared (tied) weight is listed twice: named_parameters() gives each tensor once.":
                [n for n, p in model.named_parameters(remove_duplicate=False) if p.ndim >= 2],
        }
        listed_buffers = [n for n in buffers if n in decay + no_decay]
        if listed_buffers:
            fail(f"split_for_weight_decay({label}) lists buffers ({listed_buffers}).",
                 hint="state_dict() holds buffers too (BatchNorm running statistics); use named_parameters().")
        expect_equal(decay, want_decay, f"the decay list for {label}", mistakes=mistakes)
        expect_equal(no_decay, want_no_decay, f"the no_decay list for {label}",
                     mistakes={"the rule looks at the name ('bias'); it should look at the shape: p.ndim < 2 "
                               "(LayerNorm/BatchNorm weights too) goes to no_decay.": by_bias_name(model)[1],
                               "frozen parameters (requires_grad=False) should be left out of both lists.":
                                   [n for n, p in model.named_parameters() if p.ndim < 2]})
