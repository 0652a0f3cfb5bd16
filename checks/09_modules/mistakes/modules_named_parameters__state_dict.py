def split_for_weight_decay(model):
    decay, no_decay = [], []
    for name, p in model.state_dict().items():
        if p.ndim >= 2:
            decay.append(name)
        else:
            no_decay.append(name)
    return decay, no_decay
