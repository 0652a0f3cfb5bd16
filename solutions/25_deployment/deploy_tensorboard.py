"""deploy_tensorboard: log a run that TensorBoard can draw.

TensorBoard reads event files from a log directory and draws what they hold:
scalars as curves over steps, histograms of tensors (how a layer's weights
spread out), and the model's graph. SummaryWriter writes those files from a
background thread: an event is on disk only after a flush, and the writer
stays open (with its thread) until you close it.

Write log_run(log_dir, model, example, losses): with ONE SummaryWriter on
`log_dir`, log
  - every value of `losses` (a list of floats) as the scalar "loss/train",
    losses[i] at step i;
  - a histogram of every parameter of `model` (parameters only, no buffers)
    under the tag "weights/<name>", name as in model.named_parameters(), at
    step len(losses) - 1;
  - the graph of `model`, traced on `example` (add_graph uses torch.jit.trace,
    which warns that it is deprecated).
Close the writer before returning.

Read: torch.utils.tensorboard.SummaryWriter (add_scalar, add_histogram, add_graph, close)
"""
import torch
from torch import nn
from torch.utils.tensorboard import SummaryWriter


def log_run(log_dir: str, model: nn.Module, example: torch.Tensor, losses: list[float]) -> None:
    writer = SummaryWriter(log_dir)
    for step, loss in enumerate(losses):
        writer.add_scalar("loss/train", loss, step)
    for name, param in model.named_parameters():
        writer.add_histogram(f"weights/{name}", param, len(losses) - 1)
    writer.add_graph(model, example)
    writer.close()


if __name__ == "__main__":
    import tempfile

    folder = tempfile.mkdtemp()
    log_run(folder, nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)), torch.randn(1, 4), [1.0, 0.6, 0.4])
    print(f"tensorboard --logdir {folder}")
