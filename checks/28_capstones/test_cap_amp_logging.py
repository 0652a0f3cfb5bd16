"""cap_amp_logging: bfloat16 autocast in the training forward (float32 weights and gradients), and the TensorBoard
event file read back: train/loss at steps 1..N, val/accuracy at epochs 1..E, the values what the run computed.

Measured on 2 cores, one thread: a small BN CNN (8/16 channels), 512 shapes in 8 batches, 3 epochs (24 bfloat16
steps): the reference takes about 1-2 s here; its loss falls from 1.8 to about 1.2-1.4.
"""
import copy

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from dlings.testing import expect, expect_close, fail
from support_28_capstones import seed_all, shapes_data

EPOCHS, N, BATCH = 3, 512, 64


def _model():
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 6))


def _scalars(log_dir):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    acc = EventAccumulator(str(log_dir))
    acc.Reload()
    tags = acc.Tags().get("scalars", [])
    return {t: [(e.step, e.value) for e in acc.Scalars(t)] for t in tags}


def test_autocast_and_logs(exercise, tmp_path, report):
    seed_all(0)
    train, _ = shapes_data()
    x, y = train.x[:N], train.y[:N]
    val_x, val_y = train.x[N:N + 300], train.y[N:N + 300]
    model = _model()
    start = copy.deepcopy(model)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    loader = DataLoader(TensorDataset(x, y), batch_size=BATCH)
    seen = []
    hooks = [m.register_forward_hook(lambda m, i, o: seen.append((torch.is_grad_enabled(), o.dtype, type(m).__name__)))
             for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    log_dir = tmp_path / "run"
    # Count close()/flush() on the class itself: whatever name the learner imported it under, or `with`.
    from torch.utils.tensorboard.writer import SummaryWriter
    ended, made = [], []
    real_init, real_close, real_flush = SummaryWriter.__init__, SummaryWriter.close, SummaryWriter.flush

    def init(self, *args, **kwargs):
        made.append(self)
        real_init(self, *args, **kwargs)

    def close(self):
        ended.append(self)
        real_close(self)

    def flush(self):
        ended.append(self)
        real_flush(self)

    SummaryWriter.__init__, SummaryWriter.close, SummaryWriter.flush = init, close, flush
    try:
        exercise.train_logged(model, opt, loader, val_x, val_y, epochs=EPOCHS, log_dir=str(log_dir))
    finally:
        SummaryWriter.__init__, SummaryWriter.close, SummaryWriter.flush = real_init, real_close, real_flush
        for h in hooks:
            h.remove()
    if made and not any(w in ended for w in made):
        fail("train_logged made a SummaryWriter but never closed it: its events wait in a queue and may never "
             "reach the file (TensorBoard would show a run that stops early, or nothing).",
             hint="call writer.close() at the end (or use `with SummaryWriter(log_dir) as writer:`).")
    train_dtypes = {d for g, d, _ in seen if g}
    if not train_dtypes:
        fail("train_logged ran no training forward pass through the model.",
             hint="finish the TODO: for every batch of loader, model(x) and the loss under autocast, then backward "
                  "and the optimizer step.")
    params = {p.dtype for p in model.parameters()}
    if params != {torch.float32}:
        fail(f"after training, the model's parameters are {sorted(map(str, params))}: mixed precision keeps the "
             "weights float32 and lets autocast run each op in bfloat16.",
             hint="do not call model.to(torch.bfloat16) (or .bfloat16()); wrap the forward and the loss in "
                  "`with torch.autocast('cpu', dtype=torch.bfloat16):`.")
    grads = {p.grad.dtype for p in model.parameters() if p.grad is not None}
    expect(grads == {torch.float32}, f"the parameters' gradients are {sorted(map(str, grads)) or 'missing'}; "
                                     "they should be float32 like the weights.")
    if train_dtypes != {torch.bfloat16}:
        fail(f"in the training forward passes the conv and linear layers gave {sorted(map(str, train_dtypes))}; "
             "under bfloat16 autocast they give torch.bfloat16.",
             hint="run the forward (and the loss) inside `with torch.autocast('cpu', dtype=torch.bfloat16):`; "
                  "device_type 'cpu', since the tensors are on the CPU.")
    eval_dtypes = {d for g, d, _ in seen if not g}
    expect(eval_dtypes <= {torch.float32}, f"the validation passes gave {sorted(map(str, eval_dtypes))}; evaluate "
           "without autocast (float32), so the logged accuracy is the float32 model's.",
           hint="keep the evaluation outside the autocast block.")
    if not log_dir.exists() or not any(log_dir.iterdir()):
        fail("log_dir holds no event file after train_logged returned.",
             hint="make the writer with SummaryWriter(log_dir) (the argument, not a default ./runs folder).")
    logs = _scalars(log_dir)
    steps = EPOCHS * len(loader)
    for tag, want in (("train/loss", list(range(1, steps + 1))), ("val/accuracy", list(range(1, EPOCHS + 1)))):
        got = [s for s, _ in logs.get(tag, [])]
        if got != want:
            short = f"{got[:6]}{' ...' if len(got) > 6 else ''} ({len(got)} points)" if got else "nothing"
            fail(f"in the event file, {tag!r} has the steps {short}; expected {want[:6]}{' ...' if len(want) > 6 else ''} "
                 f"({len(want)} points). Tags found: {sorted(logs)}.",
                 hint=("events wait in the writer's queue: call writer.close() before returning, or the last ones "
                       "never reach the file." if got and set(got) <= set(want) and len(got) < len(want) else
                       "train/loss goes at a global step counted across epochs (1 .. epochs x batches), "
                       "val/accuracy at the epoch number (1 .. epochs), with the tag names exactly as given."))
    losses = [v for _, v in logs["train/loss"]]
    for i, v in enumerate(losses[::2]):
        report("train loss (from the event file)", v, 2 * i + 1)
    # the first logged loss is the first batch's autocast loss of the untouched model
    xb, yb = next(iter(loader))
    start.train()
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        first = F.cross_entropy(start(xb), yb).float()
    expect_close(torch.tensor(losses[0]), first, "the train/loss logged at step 1", rtol=1e-3, atol=1e-3,
                 hint="log loss.item() of that batch, not a running sum or an average over earlier batches.")
    expect(sum(losses[-4:]) < sum(losses[:4]), f"the logged loss did not fall: first {losses[:4]}, last {losses[-4:]}.",
           hint="zero_grad, backward and step after the autocast block, once per batch.")
    model.eval()
    with torch.no_grad():
        acc = (model(val_x).argmax(1) == val_y).float().mean().item()
    last = logs["val/accuracy"][-1][1]
    expect(abs(last - acc) <= 1e-6, f"the last val/accuracy logged is {last:.4f}, but the trained model gets {acc:.4f} "
           "on (val_x, val_y) in eval mode.", hint="evaluate after the epoch's training, in eval mode, and log "
           "the fraction of correct argmax predictions.")
