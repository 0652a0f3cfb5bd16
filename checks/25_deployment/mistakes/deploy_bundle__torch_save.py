import json

import torch
from torch.export import Dim


def save_bundle(model, example, classes, path):
    program = torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch")},))
    torch.save({"program": program, "classes": json.dumps(classes)}, path)


def load_bundle(path):
    bundle = torch.load(path, weights_only=False)
    return bundle["program"], json.loads(bundle["classes"])
