import math

import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, fail
from support_20_rnn import describe


def reference(model, x, y, opt, chunk, *, detach=True, carry=True, per_chunk=True):
    state, losses, total = None, [], 0
    for xc, yc in zip(x.split(chunk, 1), y.split(chunk, 1)):
        if state is not None and detach:
            state = tuple(s.detach() for s in state)
        pred, new_state = model(xc, state if carry else None)
        state = new_state
        loss = F.mse_loss(pred, yc)
        if per_chunk:
            opt.zero_grad()
            loss.backward()
            opt.step()
        else:
            total = total + loss
        losses.append(loss.item())
    if not per_chunk:
        opt.zero_grad()
        total.backward()
        opt.step()
    return losses


def fresh(exercise, seed):
    torch.manual_seed(seed)
    model = exercise.Tracker(hidden=8)
    return model, torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


def run(exercise, batch, T, chunk, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, T, 1, generator=g)
    y = 0.3 * x.cumsum(dim=1) / math.sqrt(T)          # a running sum: the target needs memory across chunks
    what = f"train_tbptt(model, x, y, optimizer, chunk={chunk}) with x of shape {tuple(x.shape)}"
    model, opt = fresh(exercise, seed)
    steps = []
    opt.register_step_post_hook(lambda *a: steps.append(1))
    try:
        losses = exercise.train_tbptt(model, x.clone(), y.clone(), opt, chunk)
    except RuntimeError as e:
        if "backward through the graph a second time" in str(e) or "modified by an inplace operation" in str(e):
            fail(f"{what} raised RuntimeError: {str(e).splitlines()[0]}",
                 hint="the state carried into a chunk still belongs to the graph of the chunk before, which the "
                      "last backward freed (and whose weights the optimizer changed). Detach it before the next "
                      "chunk: state = tuple(s.detach() for s in state) - BOTH h and c of the LSTM's state. "
                      "retain_graph=True is not the fix: it would backpropagate into chunks already trained on.")
        raise
    pieces = math.ceil(T / chunk)
    if losses is None or losses is Ellipsis:
        fail(f"{what} returned {losses!r}.", hint="finish the TODO and return the list of chunk losses.")
    if not isinstance(losses, (list, tuple)):
        fail(f"{what} returned {describe(losses)}; expected a list of {pieces} Python floats, one loss per chunk.",
             hint="append loss.item() after each chunk's update and return the list.")
    expect(len(losses) == pieces and all(isinstance(v, float) for v in losses),
           f"{what} returned {describe(losses)}; expected a list of {pieces} Python floats, one loss per chunk "
           f"({T} steps in chunks of {chunk}).", hint="append loss.item() once per chunk, the last shorter chunk too.")
    expect(len(steps) == pieces, f"{what} stepped the optimizer {len(steps)} time(s); expected {pieces}, once per "
                                 "chunk.", hint="truncated BPTT updates the weights after EVERY chunk: zero_grad, "
                                                "backward and optimizer.step() inside the loop.")
    variants = {}
    for cause, kwargs in [
        ("every chunk started from a zero state: carry the state each chunk returns into the next one (detached: "
         "it keeps its values, it only loses its graph).", dict(carry=False)),
    ]:
        m2, o2 = fresh(exercise, seed)
        variants[cause] = torch.tensor(reference(m2, x, y, o2, chunk, **kwargs))
    ref_model, ref_opt = fresh(exercise, seed)
    want = reference(ref_model, x, y, ref_opt, chunk)
    expect_close(torch.tensor(losses), torch.tensor(want), f"the chunk losses returned by {what}", rtol=1e-4,
                 atol=1e-6, check_dtype=False, mistakes=variants,
                 hint="in each chunk: forward from the carried (detached) state, MSE of pred against that chunk of y, "
                      "zero_grad, backward, step.")
    for (name, p), q in zip(model.named_parameters(), ref_model.parameters()):
        expect_close(p.detach(), q.detach(), f"model.{name} after {what}", rtol=1e-4, atol=1e-6,
                     hint="one update per chunk, with the gradient of that chunk's loss only.")


def test_chunks_carry_the_state(exercise):
    run(exercise, 4, 24, 6, 0)


def test_last_chunk_shorter(exercise):
    run(exercise, 3, 20, 6, 1)      # 6 + 6 + 6 + 2


def test_edge_sizes(exercise):
    run(exercise, 1, 5, 1, 2)       # batch of one, one step per chunk
    run(exercise, 2, 7, 10, 3)      # one chunk: plain BPTT
