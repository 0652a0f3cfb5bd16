def move_batch(batch, param):
    batch = dict(batch)
    batch["x"] = batch["x"].to(param.device)
    return batch
