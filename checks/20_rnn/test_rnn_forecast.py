"""Measured (one thread, Adam 1e-2, batch 32, lookback 16, 800-step train series and 400-step test series, noise 0.1;
model seeds 0-2): the naive forecast's test MSE is 0.066. The reference (GRU 16 on the relative window, last value +
predicted change) reaches 0.70-0.81 of it after one epoch, 0.54-0.61 after two and 0.47-0.50 after four (about
1 s per epoch here; an LSTM 32 on h_n[-1] also passes); the state after the FIRST step stays at 0.83-0.91,
the last value alone (or a time-first GRU) at 1.00. Bar 0.70 after 4 epochs,
checkpoint 0.80 after 2, so a model that does not beat the naive forecast fails in half the time."""
import torch
import torch.nn.functional as F

from dlings import data
from dlings.testing import expect, expect_shape, expect_tensor, fail
from support_20_rnn import expect_module, seed_all

BAR, CHECKPOINT, EPOCHS, LOOKBACK = 0.70, 0.80, 4, 16


def test_beats_the_naive_forecast(exercise, report):
    torch.set_num_threads(1)
    train = data.forecast_windows(data.time_series(800, noise=0.1, seed=0), LOOKBACK)
    test = data.forecast_windows(data.time_series(400, noise=0.1, split="test", seed=0), LOOKBACK)
    naive = float(F.mse_loss(test.x[:, -1:], test.y))
    seed_all(0)
    model = expect_module(exercise.Forecaster(), "Forecaster()")
    params = list(model.parameters())
    expect(params, "Forecaster has no parameters, so there is nothing to train.",
           hint="create the recurrent layer and the head in __init__ as attributes of self.")
    n_params = sum(p.numel() for p in params)
    expect(n_params <= 20_000, f"Forecaster has {n_params} parameters; keep it small (hidden up to 32, the "
                               "reference has about 900) so the check stays fast.")
    with torch.no_grad():
        out = model(train.x[:5])
    expect_tensor(out, "Forecaster()(x) for 5 windows")
    expect_shape(out, (5, 1), "Forecaster()(x) for 5 windows of 16 values",
                 hint="x is (batch, lookback): add a feature dim with x.unsqueeze(-1) so the GRU reads one value "
                      "per step, use batch_first=True, and map one (batch, hidden) state to one value.")
    expect(out.dtype == torch.float32, f"Forecaster()(x) has dtype {out.dtype}; the windows are float32.")
    opt = torch.optim.Adam(params, lr=1e-2)
    g = torch.Generator().manual_seed(0)
    report.target("test MSE / naive MSE", BAR, higher_is_better=False)
    ratio = float("inf")
    for epoch in range(EPOCHS):
        model.train()
        for b in torch.randperm(len(train.x), generator=g).split(32):
            loss = F.mse_loss(model(train.x[b]), train.y[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            pred = model(test.x)
        expect_shape(pred, tuple(test.y.shape), f"Forecaster()(x) for all {len(test.x)} test windows")
        ratio = float(F.mse_loss(pred, test.y)) / naive
        if ratio != ratio:
            fail("the test MSE is nan: the forecasts are not finite.",
                 hint="feed the window relative to its last value (x - x[:, -1:]), not the raw levels.")
        report("test MSE / naive MSE", ratio, epoch + 1)
        report.progress(epoch + 1, EPOCHS)
        if epoch == 1 and ratio > CHECKPOINT:
            fail(f"after 2 of {EPOCHS} epochs the test MSE is {ratio:.0%} of the naive forecast's (the reference is "
                 "at about 55 % by then; 100 % means no better than repeating the last value).",
                 hint="read the whole window in order with batch_first=True and take the state after the LAST "
                      "step (output[:, -1] or h_n[-1]), the one that has seen the most recent values; feed the "
                      "window relative to its last value and return last value + head(state).")
    if ratio > BAR:
        fail(f"after {EPOCHS} epochs the test MSE is {ratio:.0%} of the naive forecast's; the bar is {BAR:.0%} "
             "(the reference reaches about 47 %).",
             hint="the state after the last step of the window (output[:, -1]), the relative window "
                  "(x - x[:, -1:]) as input, and last value + head(state) as output.")
