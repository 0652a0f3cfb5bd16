import torch


def migrate(old_path: str, new_path: str) -> None:
    model = torch.load(old_path)
    torch.save(model.state_dict(), new_path)
