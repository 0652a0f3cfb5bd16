"""CPU always; CUDA (float16) where a GPU is usable, not yet verified on a GPU.
A softmax taken in bfloat16 and cast up afterwards is off by about 1e-3 (8 significant bits); the check's
tolerance is 1e-5, and the logits are scaled so the classes differ clearly."""
import pytest
import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_dtype, expect_shape, expect_tensor, expect_untouched, fail, snapshot
from support_16_mixed_precision import call, devices, linear_dtypes, low_dtype, mlp


@pytest.mark.parametrize("device", devices())
def test_probs_and_loss(exercise, device):
    dtype = low_dtype(device)
    for seed, (batch, n_in, n_out) in enumerate([(6, 8, 5), (1, 4, 3), (9, 3, 10)]):
        model = mlp(seed, n_in, 32, n_out, device=device)
        with torch.no_grad():
            model[2].weight.mul_(4)  # logits spread over a few units: small probabilities exist
        x = torch.randn(batch, n_in, device=device)
        y = torch.randint(0, n_out, (batch,), device=device)
        with torch.no_grad():
            with torch.autocast(device, dtype=dtype):
                low = model(x)
            want_p, want_l = torch.softmax(low.float(), dim=1), F.cross_entropy(low.float(), y)
            low_p = torch.softmax(low, dim=1).float()
            full = model(x)
        before = snapshot(model)
        what = f"predict_with_loss(model, x, y) for x of shape {(batch, n_in)} and {n_out} classes on {device}"
        with linear_dtypes(model) as seen:
            got = call(exercise.predict_with_loss, model, x, y, what=what)
        if got is None or got is Ellipsis:
            fail(f"{what} returned {got!r}.", hint="finish the TODO and `return probs, loss`.")
        expect(isinstance(got, (tuple, list)) and len(got) == 2,
               f"{what} should return a pair (probs, loss); it returned {type(got).__name__}.")
        probs, loss = (expect_tensor(t, f"{name} from {what}") for t, name in zip(got, ["probs", "loss"]))
        expect_untouched(model, before, f"the model after {what}",
                         hint="autocast casts copies for each op; never convert the model itself.")
        expect(seen and all(d == dtype for d in seen),
               f"{what}: the model's Linear layers gave {sorted(set(map(str, seen)))}; under autocast they give {dtype}.",
               hint="run the model inside torch.autocast(x.device.type, dtype=...): only the softmax and the loss "
                    "belong in float32.")
        expect_dtype(probs, torch.float32, f"probs from {what}",
                     hint="the probabilities must be float32: cast the logits up (.float()) before the softmax.")
        expect_shape(probs, (batch, n_out), f"probs from {what}")
        expect_close(probs.detach(), want_p, f"probs from {what}", rtol=1e-5, atol=1e-6, mistakes={
            "the softmax ran in 16 bits and was cast up afterwards: the digits were already lost. Cast the "
            "logits to float32 first, then take the softmax.": low_p,
            "the model ran in float32: only the softmax belongs in float32.": torch.softmax(full, dim=1),
            "softmax over dim 0 (the batch); the classes are dim 1.": torch.softmax(low.float(), dim=0),
        })
        expect_dtype(loss, torch.float32, f"loss from {what}",
                     hint="a loss taken from 16-bit logits outside the autocast block is 16-bit: use the float32 "
                          "logits (or compute it inside the block).")
        expect_shape(loss, (), f"loss from {what}", )
        expect_close(loss.detach(), want_l, f"loss from {what}", rtol=1e-4, atol=1e-5, mistakes={
            "cross_entropy takes the logits; given probabilities it applies a second softmax.":
                F.cross_entropy(want_p, y),
            "the loss was computed in 16 bits.": F.cross_entropy(low, y).float(),
        })
