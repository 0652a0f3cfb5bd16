def move_batch(batch, param):
    return {key: value.to(param) for key, value in batch.items()}
