import torch

from dlings.testing import expect, expect_close, expect_tensor


def _setup(n, d, k):
    backbone = torch.randn(d, k, requires_grad=True)
    head = torch.randn(k, requires_grad=True)
    return backbone, head, torch.randn(n, d), torch.randn(n)


def test_predict_uses_inference_mode(exercise):
    torch.manual_seed(0)
    for n, d, k in [(5, 3, 4), (2, 6, 1)]:
        backbone, head, x, _ = _setup(n, d, k)
        got = expect_tensor(exercise.predict(backbone, head, x), f"predict(...) for x of shape {(n, d)}")
        expect_close(got, torch.relu(x @ backbone.detach()) @ head.detach(), f"predict(...) for x of shape {(n, d)}")
        expect(not got.requires_grad, "predict(...) returned a tensor that requires grad: the computation was recorded.",
               hint="wrap it in `with torch.inference_mode():`.")
        expect(got.is_inference(), "predict(...) did not run in inference mode (out.is_inference() is False).",
               hint="torch.no_grad() or .detach() stop recording too, but this part asks for torch.inference_mode().")


def test_head_grad(exercise):
    torch.manual_seed(1)
    for n, d, k in [(5, 3, 4), (8, 2, 3)]:
        backbone, head, x, y = _setup(n, d, k)
        got = exercise.head_grad(backbone, head, x, y)
        what = f"head_grad(...) for x of shape {(n, d)}"
        expect_tensor(got, what)
        feats = torch.relu(x @ backbone.detach())
        want = 2 * feats.t() @ (feats @ head.detach() - y) / n
        expect_close(got, want, what, rtol=1e-5, atol=1e-6)
        expect(backbone.grad is None, f"after {what}, the frozen backbone got a gradient (backbone.grad is set).",
               hint="the features were recorded: compute them inside torch.no_grad() (not inference_mode, whose "
                    "tensors cannot be used by backward).")
