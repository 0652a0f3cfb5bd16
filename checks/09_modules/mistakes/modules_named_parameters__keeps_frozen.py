def split_for_weight_decay(model):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (decay if p.ndim >= 2 else no_decay).append(name)
    return decay, no_decay
