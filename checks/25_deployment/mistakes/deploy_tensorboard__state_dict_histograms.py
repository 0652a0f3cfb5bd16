from torch.utils.tensorboard import SummaryWriter


def log_run(log_dir, model, example, losses):
    writer = SummaryWriter(log_dir)
    for step, loss in enumerate(losses):
        writer.add_scalar("loss/train", loss, step)
    for name, tensor in model.state_dict().items():
        writer.add_histogram(f"weights/{name}", tensor.float(), len(losses) - 1)
    writer.add_graph(model, example)
    writer.close()
