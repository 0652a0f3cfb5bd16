"""shard_params / gather_params are judged on a small MLP (91 numbers: never a multiple of 2, 3 or 4, so every
world size pads) and on size-one cases (a single scalar parameter, more ranks than numbers)."""
import math

import torch
from torch import nn
from torch.func import functional_call

from dlings.testing import expect, expect_close, fail


def _mlp():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 2))  # 25 + 48 + 18 = 91 numbers


def _shards(exercise, params, W):
    what = f"shard_params(params, {W})"
    shards = exercise.shard_params(params, W)
    if shards is None:
        fail(f"{what} returned None.", hint="finish the TODO and `return` the list of shards.")
    if not isinstance(shards, (list, tuple)) or len(shards) != W or not all(isinstance(s, torch.Tensor) for s in shards):
        fail(f"{what} should return a list of {W} tensors (one shard per rank); it returned "
             f"{type(shards).__name__}" + (f" of length {len(shards)}" if isinstance(shards, (list, tuple)) else "") + ".")
    return what, list(shards)


def _flat(params, W):
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    size = math.ceil(flat.numel() / W)
    return torch.cat([flat, flat.new_zeros(size * W - flat.numel())]), size


def test_shards_are_equal_zero_padded_pieces(exercise):
    model = _mlp()
    cases = [(list(model.parameters()), W) for W in (1, 2, 3, 4)]
    cases += [([torch.tensor(2.5)], 3), ([torch.randn(2, 3, dtype=torch.float64)], 8)]
    for params, W in cases:
        what, shards = _shards(exercise, params, W)
        padded, size = _flat(params, W)
        lengths = [s.numel() for s in shards]
        expect(all(s.dim() == 1 for s in shards) and lengths == [size] * W,
               f"{what} for {sum(p.numel() for p in params)} numbers gave shards of "
               f"shapes {[tuple(s.shape) for s in shards]}; every rank should hold a 1-D shard of "
               f"ceil(numel / {W}) = {size}.",
               hint="pad the flat vector with zeros to a multiple of world_size first: the ranks exchange "
                    "equal-sized pieces (torch.tensor_split and chunk give unequal ones).")
        for r in range(W):
            expect_close(shards[r], padded[r * size:(r + 1) * size], f"{what}: the shard of rank {r}",
                         mistakes={"rank r holds the CONTIGUOUS piece flat[r * S:(r + 1) * S], not every W-th number.":
                                   padded[r::W]},
                         hint="flatten the parameters in the order given (p.reshape(-1)), join them with torch.cat, "
                              "and pad with zeros at the end.")
            expect(shards[r].grad_fn is None and not shards[r].requires_grad,
                   f"{what}: the shard of rank {r} still has autograd history (requires_grad=True).",
                   hint="shards are the stored parameters themselves, not a result computed from the model's: "
                        "detach() before flattening.")


def test_shards_own_their_memory(exercise):
    model = _mlp()
    params = list(model.parameters())
    _, shards = _shards(exercise, params, 1)
    with torch.no_grad():
        for p in params:
            p.add_(1.0)
    padded, _ = _flat([p - 1.0 for p in params], 1)
    expect_close(shards[0], padded, "shard_params(params, 1): the shard after the model's parameters changed",
                 hint="the shard shares memory with a parameter (a view); each rank keeps its own copy: clone().")
    _, shards = _shards(exercise, params, 3)
    for r, shard in enumerate(shards):
        held, own = shard.untyped_storage().nbytes(), shard.numel() * shard.element_size()
        expect(held == own,
               f"shard_params(params, 3): the shard of rank {r} ({own} bytes of numbers) keeps {held} bytes of memory "
               "alive: it is a view into the whole flat vector, so every rank would still store every parameter.",
               hint="FSDP saves memory only if rank r stores its piece alone: clone() each piece out of the flat "
                    "vector.")


def test_gather_inverts_shard(exercise):
    model = _mlp()
    params = list(model.parameters())
    shapes = [p.shape for p in params]
    x = torch.randn(6, 4)
    for W in (1, 3, 4):
        _, shards = _shards(exercise, params, W)
        what = f"gather_params(shards, shapes) after shard_params(params, {W})"
        try:
            full = exercise.gather_params(shards, shapes)
        except RuntimeError as exc:
            fail(f"{what} raised RuntimeError: {exc}",
                 hint="drop the zero padding at the end of the joined shards before cutting them into the "
                      "parameters' sizes.")
        if full is None:
            fail(f"{what} returned None.", hint="finish the TODO and `return` the list of gathered tensors.")
        expect(isinstance(full, (list, tuple)) and len(full) == len(params),
               f"{what} should return a list of {len(params)} tensors; it returned {type(full).__name__}.")
        for i, (got, p) in enumerate(zip(full, params)):
            expect_close(got, p.detach(), f"{what}: tensor {i}")
        names = [n for n, _ in model.named_parameters()]
        out = functional_call(model, dict(zip(names, full)), (x,))
        expect_close(out, model(x), f"the model's output with the gathered parameters (W={W})")


def test_gradients_reach_the_shards(exercise):
    model = _mlp()
    params = list(model.parameters())
    names = [n for n, _ in model.named_parameters()]
    x = torch.randn(6, 4)
    model.zero_grad()
    model(x).square().mean().backward()
    for W in (2, 3):
        _, shards = _shards(exercise, params, W)
        shards = [s.detach().requires_grad_() for s in shards]
        full = exercise.gather_params(shards, [p.shape for p in params])
        out = functional_call(model, dict(zip(names, full)), (x,))
        if not out.requires_grad:
            fail(f"with W={W}, the loss computed with gather_params' tensors has no autograd history: no gradient "
                 "can reach the shards.",
                 hint="build the gathered tensors from the shards with differentiable ops (torch.cat, split, view); "
                      "torch.tensor(...), .detach(), .data or copying into a new tensor under no_grad cut the graph.")
        out.square().mean().backward()
        flat_grad, size = _flat([p.grad for p in params], W)
        for r in range(W):
            expect_close(shards[r].grad, flat_grad[r * size:(r + 1) * size],
                         f"with W={W}, the gradient of rank {r}'s shard",
                         hint="every shard should receive its piece of the flat gradient (zeros over the padding).")
