"""cap_cifar10: the project on real photos: CIFAR-10 above 85 %, on a GPU, in a time budget.

Needs a CUDA GPU and the data set (`dlings data fetch cifar10`, 170 MB, once).
- make_model(): a CNN for (N, 3, 32, 32) float images in [0, 1] giving
  (N, 10) logits. It normalises its input itself: the check feeds raw
  [0, 1] test images, in eval mode, in float32.
- train_cifar(model, x, y, on_epoch): train on the 50,000 training images:
  x uint8 (50000, 3, 32, 32) and y int64 (50000,), both already on the GPU.
  Call on_epoch(epoch) after each epoch (epoch = 1, 2, ...): the check uses it
  to draw your curve and to stop a run that cannot make the bar or the budget.
The check wants 85 % test accuracy after at most 300 s of training; a current
data-centre GPU (A100 or H100 class) takes about a minute for the recipe of the
hints, a laptop GPU several. What gets there: residual conv blocks with
BatchNorm, random crops (padding 4) and flips done on the GPU, a OneCycle
schedule, label smoothing, bfloat16 autocast, batches of 512, about 10 epochs.

Read: torch.autocast, torch.optim.lr_scheduler.OneCycleLR, torch.nn.CrossEntropyLoss (label_smoothing)
"""
import torch
import torch.nn.functional as F
from torch import nn

def make_model() -> nn.Module:
    # TODO: a CNN that normalises its [0, 1] input itself and gives 10 logits
    ...


def train_cifar(model, x, y, on_epoch):
    # TODO: augment on the GPU, train with a schedule (autocast helps), call on_epoch(epoch) after each epoch
    ...


if __name__ == "__main__":
    from dlings import data
    ds = data.real("cifar10", train=True)
    x = torch.from_numpy(ds.data).permute(0, 3, 1, 2).contiguous().cuda()
    y = torch.tensor(ds.targets).cuda()
    train_cifar(make_model(), x, y, on_epoch=lambda e: print("epoch", e))
