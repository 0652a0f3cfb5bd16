# Exports in train mode: the Dropout stays active in the program.
import torch
from torch.export import Dim
def export_model(model, example):
    model.train()
    ep = torch.export.export(model, (example,), dynamic_shapes=({0: Dim("batch")},))
    model.eval()
    return ep
