def load_checkpoint(model, state):
    model.load_state_dict({k[len("module."):]: v for k, v in state.items()})
