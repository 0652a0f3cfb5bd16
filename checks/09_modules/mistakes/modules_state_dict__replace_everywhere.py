def load_checkpoint(model, state):
    model.load_state_dict({k.replace("module.", ""): v for k, v in state.items()})
