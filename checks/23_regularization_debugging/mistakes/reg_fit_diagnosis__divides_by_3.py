"""reg_fit_diagnosis: underfitting or overfitting? Read it off the curves.

Write diagnose(history, floor, tol=0.05). history = {"train_loss": [...],
"val_loss": [...]}, one value per epoch (1 or more epochs); floor is the
lowest loss the task allows (its label noise: even a perfect model gets no
lower). Curves are noisy, so judge the end of training by the MEAN of the
last 3 values of each curve (of all of them when there are fewer than 3):
    bias     = train_end - floor      (it cannot even fit the data it sees)
    variance = val_end - train_end    (it does worse on data it has not seen)
Return "underfitting" when bias > tol and bias >= variance, "overfitting"
when variance > tol and variance > bias, else "good fit". When both are too
big the bigger one is the one to fix first (a tie counts as underfitting):
more capacity or training for bias, regularisation or more data for variance.

Read: statistics.mean (or sum / len)
"""


def diagnose(history: dict, floor: float, tol: float = 0.05) -> str:
    train, val = history["train_loss"], history["val_loss"]
    train_end = sum(train[-3:]) / 3
    val_end = sum(val[-3:]) / 3
    bias = train_end - floor
    variance = val_end - train_end
    if bias > tol and bias >= variance:
        return "underfitting"
    if variance > tol and variance > bias:
        return "overfitting"
    return "good fit"


if __name__ == "__main__":
    history = {"train_loss": [0.9, 0.5, 0.3, 0.2, 0.15, 0.12],
               "val_loss": [0.9, 0.6, 0.5, 0.5, 0.55, 0.6]}
    print(diagnose(history, floor=0.1))          # overfitting: train near the floor, val far above
