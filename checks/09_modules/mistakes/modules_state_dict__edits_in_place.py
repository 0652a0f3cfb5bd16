def load_checkpoint(model, state):
    for k in list(state):
        if k.startswith("module."):
            state[k[7:]] = state.pop(k)
    model.load_state_dict(state)
