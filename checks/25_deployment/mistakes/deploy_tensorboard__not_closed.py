from torch.utils.tensorboard import SummaryWriter


def log_run(log_dir, model, example, losses):
    writer = SummaryWriter(log_dir)
    for step, loss in enumerate(losses):
        writer.add_scalar("loss/train", loss, step)
    for name, param in model.named_parameters():
        writer.add_histogram(f"weights/{name}", param, len(losses) - 1)
    writer.add_graph(model, example)
    writer.flush()
