import torch

from dlings.testing import expect, expect_close, expect_equal


def _case(unused):
    w = torch.randn(3, 2, requires_grad=True)
    b = torch.randn(2, requires_grad=True)
    extra = torch.randn(4, requires_grad=True)
    x = torch.randn(5, 3)
    params = [w, b, extra] if unused else [w, b]

    def loss_fn():
        out = torch.tanh(x @ w + b).pow(2).sum()
        return out if unused else out + extra.sum() * 0 + (b * b).sum()

    def reference():
        copies = [p.detach().clone().requires_grad_(True) for p in params]
        wc, bc = copies[0], copies[1]
        out = torch.tanh(x @ wc + bc).pow(2).sum()
        if not unused:
            out = out + (bc * bc).sum()
        out.backward()
        return [c.grad if c.grad is not None else torch.zeros_like(c) for c in copies]

    return params, loss_fn, reference()


def test_param_grads(exercise):
    torch.manual_seed(0)
    for unused in (False, True):
        params, loss_fn, want = _case(unused)
        old = [torch.randn_like(p) for p in params]        # gradients already being accumulated
        for p, g in zip(params, old):
            p.grad = g.clone()
        label = "with a parameter the loss does not use" if unused else "for [w, b]"
        got = exercise.param_grads(loss_fn, params)
        expect(isinstance(got, tuple), f"param_grads(...) {label} should return a tuple of tensors, "
               f"not {type(got).__name__}.", hint="torch.autograd.grad returns a tuple: return it (a list you built: tuple(the_list)).")
        expect_equal(len(got), len(params), f"the number of gradients param_grads(...) returned {label}")
        for i, (g, p) in enumerate(zip(got, params)):
            expect(g is not None, f"gradient {i} {label} is None.",
                   hint="a parameter that does not appear in the loss gets None from allow_unused=True; "
                        "add materialize_grads=True (or turn None into torch.zeros_like(p)).")
            expect_close(g, want[i], f"gradient {i} returned by param_grads(...) {label}", rtol=1e-5, atol=1e-6,
                         mistakes={"this is the gradient PLUS what p.grad held before: backward() accumulated into "
                                   ".grad. Use torch.autograd.grad, which returns gradients.": want[i] + old[i]})
        for i, (p, g) in enumerate(zip(params, old)):
            expect(p.grad is not None, f"param {i}'s .grad was erased by param_grads(...) {label}.",
                   hint="leave .grad alone: torch.autograd.grad does not touch it.")
            expect_close(p.grad, g, f"param {i}'s .grad after param_grads(...) {label} (it must not change)",
                         mistakes={"backward() added the new gradient into .grad: use torch.autograd.grad instead.":
                                   g + want[i],
                                   "the old .grad was zeroed/overwritten: leave it as it was.": want[i]})
