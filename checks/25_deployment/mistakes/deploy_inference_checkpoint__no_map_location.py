import torch


def load_for_inference(path, model):
    ckpt = torch.load(path)
    model.load_state_dict(ckpt["model"])
    return model.eval()


def predict(model, x):
    with torch.no_grad():
        return model(x)
