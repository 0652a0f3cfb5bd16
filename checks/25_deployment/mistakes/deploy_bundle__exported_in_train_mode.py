# Switches the model to train mode before exporting: its Dropout stays active.
import json
import torch
from torch import nn
from torch.export import Dim

def save(model, example, path, extra, dyn=True):
    ep = torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch")},) if dyn else None)
    torch.export.save(ep, path, extra_files=extra)

def save_bundle(model, example, classes, path):
    model.train()
    save(model, example, path, {"classes.json": json.dumps(classes)})
def load_bundle(path):
    extra = {"classes.json": ""}
    ep = torch.export.load(path, extra_files=extra)
    return ep, json.loads(extra["classes.json"])
