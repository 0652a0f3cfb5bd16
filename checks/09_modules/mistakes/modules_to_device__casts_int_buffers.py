import torch
def prepare(model, batch, device, dtype):
    model.to(device)
    for t in list(model.parameters()) + list(model.buffers()):
        t.data = t.data.to(dtype)
    return model, batch["inputs"].to(device, dtype), batch["labels"].to(device)
