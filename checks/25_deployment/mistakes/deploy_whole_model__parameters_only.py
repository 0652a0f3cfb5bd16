import torch


def migrate(old_path: str, new_path: str) -> None:
    model = torch.load(old_path, weights_only=False)
    torch.save({name: p.detach() for name, p in model.named_parameters()}, new_path)
