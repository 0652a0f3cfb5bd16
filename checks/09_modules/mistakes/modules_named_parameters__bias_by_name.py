def split_for_weight_decay(model):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        if "bias" in name:
            no_decay.append(name)
        else:
            decay.append(name)
    return decay, no_decay
