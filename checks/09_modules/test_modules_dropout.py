import torch

from dlings.testing import expect, expect_close, expect_grad, expect_not_calling, expect_tensor, forbid_calls
from support_09_modules import build

BANNED = ["torch.nn.functional.dropout", "torch.dropout", "torch.nn.Dropout.forward"]
WHY = "this exercise asks you to write dropout from a random mask yourself."


def run(layer, x):
    with forbid_calls(BANNED, why=WHY):
        return layer(x)


def test_eval_mode_is_the_identity(exercise):
    torch.manual_seed(0)
    layer = build(exercise.MyDropout, 0.3).eval()
    x = torch.randn(4, 5)
    expect_close(run(layer, x), x, "MyDropout(0.3) in eval mode",
                 hint="after .eval(), self.training is False: return x unchanged, with no scaling.")


def test_training_mode_drops_and_rescales(exercise):
    torch.manual_seed(1)
    for p in [0.2, 0.5, 0.75]:
        layer = build(exercise.MyDropout, p).train()
        x = torch.rand(200, 50) + 0.5           # no zeros of its own
        out = expect_tensor(run(layer, x), f"MyDropout({p})(x) in training mode")
        kept = out != 0
        frac = 1 - float(kept.float().mean())
        expect(abs(frac - p) < 0.03,
               f"MyDropout({p}) zeroed {frac:.1%} of the elements; expected about {p:.0%}.",
               hint="p is the probability to DROP an element: keep = torch.rand_like(x) >= p (keeps with "
               "probability 1 - p)." if abs(frac - (1 - p)) < 0.03 else
               "in training mode each element is zeroed with probability p (check self.training).")
        expect_close(out[kept], x[kept] / (1 - p), f"the elements MyDropout({p}) kept",
                     mistakes={"the kept elements are not rescaled: divide them by (1 - p).": x[kept],
                               "the kept elements are multiplied by (1 - p); divide by it instead.": x[kept] * (1 - p)})
        again = run(layer, x)
        expect(not torch.equal(again != 0, kept), f"MyDropout({p}) dropped exactly the same elements twice.",
               hint="draw a new random mask inside forward() at every call.")


def test_gradient(exercise):
    torch.manual_seed(2)
    layer = build(exercise.MyDropout, 0.4).train()
    x = (torch.rand(30, 20) + 0.5).requires_grad_()
    out = run(layer, x)
    g = torch.randn(30, 20)
    out.backward(g)
    mask = (out.detach() != 0).float()
    expect_grad(x, g * mask / 0.6, "x.grad after MyDropout(0.4)(x).backward(g)")


def test_does_not_call_torch_dropout(exercise):
    expect_not_calling(exercise.MyDropout.forward, ["dropout", "Dropout"], why=WHY)
