def load_checkpoint(model, state):
    model.load_state_dict(state, strict=False)
