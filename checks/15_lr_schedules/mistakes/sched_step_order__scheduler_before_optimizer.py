def train(model, loss_fn, loader, optimizer, scheduler, epochs):
    lrs = []
    for _ in range(epochs):
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            lrs.append(optimizer.param_groups[0]["lr"])
            scheduler.step()
            optimizer.step()
    return lrs
