def move_batch(batch, param):
    return dict(batch)
