"""rnn_forecast: forecast the next value of a series better than "same as the last one".

data.time_series is a noisy seasonal curve with a slow trend. The naive
forecast repeats the last value; a recurrent model that reads the window in
order can see where the season is heading and do much better.
Write Forecaster(): forward(x) takes windows (batch, lookback) float32 and
returns the next value (batch, 1). Use a small nn.GRU or nn.LSTM (hidden up
to 32) that reads the window one value per step (input_size 1), and two
habits of forecasting: feed it the window RELATIVE to its last value
(x - x[:, -1:]), and predict the CHANGE: return last value + head(state).
The check trains it for 4 epochs (Adam, lr 0.01, batch 32, lookback 16) and
needs a test MSE at most 70 % of the naive forecast's.

Read: torch.nn.GRU (batch_first, output), dlings.data.time_series, forecast_windows
"""
import torch
from torch import nn

from dlings import data


class Forecaster(nn.Module):
    def __init__(self):
        super().__init__()
        # TODO: a recurrent layer and a linear head
        self.rnn = nn.GRU(1, 16, batch_first=True)
        self.head = nn.Linear(16, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: read the relative window in order, then last value + predicted change
        last = x[:, -1:]
        output, _ = self.rnn((x - last).unsqueeze(-1))
        return last + self.head(output[:, -1])


if __name__ == "__main__":
    w = data.forecast_windows(data.time_series(100, noise=0.1, seed=0), lookback=16)
    print(Forecaster()(w.x[:3]), w.y[:3], w.x[:3, -1:])
