def load_matching(model, state):
    own = model.state_dict()
    fits = {k: v for k, v in state.items() if k in own}
    return model.load_state_dict(fits, strict=False).missing_keys
