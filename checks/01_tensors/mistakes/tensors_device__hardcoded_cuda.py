def move_batch(batch, param):
    return {key: value.to("cuda") for key, value in batch.items()}
