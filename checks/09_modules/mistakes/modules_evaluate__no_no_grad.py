def predict(model, x):
    was = model.training
    model.eval()
    out = model(x)
    model.train(was)
    return out
