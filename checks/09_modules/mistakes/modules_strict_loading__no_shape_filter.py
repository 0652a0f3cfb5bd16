def load_matching(model, state):
    return model.load_state_dict(state, strict=False).missing_keys
