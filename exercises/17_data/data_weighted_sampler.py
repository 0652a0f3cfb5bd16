"""data_weighted_sampler: an epoch that sees every class equally often.

In the imbalanced shapes set, class 0 is 20 times as frequent as class 5.
Write balanced_sampler(labels, seed): a WeightedRandomSampler that draws
len(labels) indices per epoch, with replacement, each class equally often
on average. labels is a 1-D int64 tensor (classes 0 .. k-1, each present);
sample i gets the weight 1 / (the number of samples of labels[i]'s class).
Draw with a torch.Generator seeded with seed.

Read: torch.utils.data.WeightedRandomSampler (weights, num_samples, replacement, generator), torch.bincount
"""
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler

from dlings import data


def balanced_sampler(labels, seed):
    # TODO: one weight per sample, then the sampler
    ...

if __name__ == "__main__":
    train = data.shapes(2000, variant="imbalanced", classes=6)
    print("classes in the data set:  ", torch.bincount(train.y).tolist())
    loader = DataLoader(train, batch_size=100, sampler=balanced_sampler(train.y, seed=0))
    print("classes in one epoch:     ", sum(torch.bincount(y, minlength=6) for _, y in loader).tolist())
