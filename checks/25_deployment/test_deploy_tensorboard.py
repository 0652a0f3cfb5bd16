# Measured: a log_run of the solution takes 0.3-1.5 s on a loaded 2-core machine (add_graph traces the model);
# reading the event files back with tensorboard's EventAccumulator takes about 0.1 s.
import threading
import warnings
from pathlib import Path

import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail

LOSSES = [2.31, 1.87, 1.52, 1.6, 1.18, 0.95, 0.0, 0.71]


def build():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(),
                          nn.Sequential(nn.Linear(16, 8), nn.ReLU()), nn.Linear(8, 3))
    model.train()
    model(torch.randn(32, 6))  # the BatchNorm buffers move away from their defaults
    return model.eval()


def writer_threads():
    return {t for t in threading.enumerate() if type(t).__name__ == "_AsyncWriterThread"}


def logged(exercise, tmp_path, monkeypatch, model, losses, example):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    monkeypatch.chdir(tmp_path)  # a SummaryWriter() without log_dir writes ./runs/... : keep it in tmp_path
    log_dir = tmp_path / "logs"
    before = writer_threads()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # add_graph's torch.jit.trace deprecation notice
        exercise.log_run(str(log_dir), model, example, list(losses))
    left_open = writer_threads() - before
    files = sorted(p.relative_to(log_dir).as_posix() for p in log_dir.rglob("events.out.tfevents*")) \
        if log_dir.is_dir() else []
    expect(files, "log_run(log_dir, ...) wrote no event file into log_dir."
           + (f" Event files in the working directory instead: {sorted(str(p) for p in Path('runs').rglob('*'))[:3]}."
              if Path("runs").is_dir() else ""),
           hint="SummaryWriter(log_dir) writes into log_dir; SummaryWriter() with no argument writes into ./runs/.")
    expect(not left_open, "The SummaryWriter is still open when log_run returns (its background writer thread is "
                          "still running), so some events may not be on disk yet.",
           hint="call writer.close() at the end (or use `with SummaryWriter(log_dir) as writer:`); flush() writes the "
                "events but leaves the writer open.")
    expect(len(files) == 1, f"log_dir holds {len(files)} event files ({files}); one SummaryWriter writes one.",
           hint="add_scalars (with an s) writes each curve into a sub-directory of its own, through a writer of its "
                "own: use add_scalar('loss/train', value, step)." if any("/" in f for f in files) else
                "open ONE SummaryWriter for the whole run and log everything through it.")
    acc = EventAccumulator(str(log_dir), size_guidance={"scalars": 0, "histograms": 0})
    acc.Reload()
    return acc


def test_scalars(exercise, tmp_path, monkeypatch):
    acc = logged(exercise, tmp_path, monkeypatch, build(), LOSSES, torch.randn(2, 6))
    tags = acc.Tags()["scalars"]
    expect("loss/train" in tags, f"The event file has no scalar tagged 'loss/train'; its scalar tags: {tags}.",
           hint="writer.add_scalar('loss/train', loss, step) for every loss.")
    events = acc.Scalars("loss/train")
    steps = [e.step for e in events]
    expect_equal(steps, list(range(len(LOSSES))), "the list of steps logged for 'loss/train'", mistakes={
        "losses[i] belongs at step i, starting at 0: enumerate(losses) counts from 0.": list(range(1, len(LOSSES) + 1)),
        "pass the step as the third argument, add_scalar(tag, value, step); without it every value gets step 0.":
            [0] * len(LOSSES)})
    expect_close(torch.tensor([e.value for e in events]), torch.tensor(LOSSES), "the values logged for 'loss/train'")


def test_histograms(exercise, tmp_path, monkeypatch):
    model = build()
    acc = logged(exercise, tmp_path, monkeypatch, model, LOSSES, torch.randn(2, 6))
    want = {f"weights/{name}": p for name, p in model.named_parameters()}
    tags = acc.Tags()["histograms"]
    buffers = sorted(t for t in tags if t.startswith("weights/") and t not in want)
    expect(not buffers, f"These histograms are not parameters of the model: {buffers}.",
           hint="model.state_dict() also holds the buffers (BatchNorm's running_mean, running_var, "
                "num_batches_tracked); model.named_parameters() has the parameters only.")
    missing = sorted(set(want) - set(tags))
    expect(not missing, f"These histograms are missing: {missing}. The histogram tags logged: {sorted(tags)}.",
           hint="one add_histogram(f'weights/{name}', param, step) for each (name, param) in model.named_parameters(): "
                "the nested ones too.")
    for tag, param in want.items():
        events = acc.Histograms(tag)
        expect_equal([e.step for e in events], [len(LOSSES) - 1], f"the list of steps of histogram '{tag}'",
                     hint="log each histogram once, at the step of the last loss: len(losses) - 1.")
        h = events[0].histogram_value
        p = param.detach().double()
        expect_equal(int(h.num), param.numel(), f"the number of values in histogram '{tag}'",
                     hint="histogram the parameter tensor itself (all its values), not its gradient or a summary.")
        got = torch.tensor([h.min, h.max, h.sum], dtype=torch.float64)
        expect_close(got, torch.stack([p.min(), p.max(), p.sum()]), f"the (min, max, sum) of histogram '{tag}'",
                     rtol=1e-4, atol=1e-5, hint="the histogram under weights/<name> must hold that parameter's values.")


def test_graph(exercise, tmp_path, monkeypatch):
    model = build()
    acc = logged(exercise, tmp_path, monkeypatch, model, LOSSES[:3], torch.randn(1, 6))
    expect(acc.Tags()["graph"], "The event file holds no graph.", hint="writer.add_graph(model, example).")
    try:
        graph = acc.Graph()
    except ValueError as e:  # "There is no graph in this EventAccumulator"
        fail(f"The event file holds no readable graph: {e}", hint="writer.add_graph(model, example).")
    ops = [node.op for node in graph.node]
    linears = sum(isinstance(m, nn.Linear) for m in model.modules())
    expect_equal(sum(op == "aten::linear" for op in ops), linears, "the number of Linear ops in the logged graph",
                 hint="add_graph(model, example) traces the whole model given to log_run.")
