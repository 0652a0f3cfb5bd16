import torch


def load_for_inference(path, model):
    model.load_state_dict(torch.load(path, map_location="cpu"))
    return model.eval()


def predict(model, x):
    with torch.no_grad():
        return model(x)
