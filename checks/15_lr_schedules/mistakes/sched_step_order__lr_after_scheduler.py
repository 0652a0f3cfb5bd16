def train(model, loss_fn, loader, optimizer, scheduler, epochs):
    lrs = []
    for _ in range(epochs):
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
        scheduler.step()
        lrs.extend([scheduler.get_last_lr()[0]] * len(loader))
    return lrs
