import json

import torch
from torch.export import Dim


def save_bundle(model, example, classes, path):
    program = torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch")},))
    torch.export.save(program, path, extra_files={"classes.json": json.dumps(classes)})


def load_bundle(path):
    extra = {}
    program = torch.export.load(path, extra_files=extra)
    return program, json.loads(extra["classes.json"])
