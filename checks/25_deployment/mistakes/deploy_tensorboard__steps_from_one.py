from torch.utils.tensorboard import SummaryWriter


def log_run(log_dir, model, example, losses):
    with SummaryWriter(log_dir) as writer:
        for step, loss in enumerate(losses, start=1):
            writer.add_scalar("loss/train", loss, step)
        for name, param in model.named_parameters():
            writer.add_histogram(f"weights/{name}", param, len(losses) - 1)
        writer.add_graph(model, example)
