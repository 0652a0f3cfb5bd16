"""data_stratified_split: a validation set with every class in proportion.

On imbalanced data a plain random split can leave a rare class out of the
validation set, or nearly. Write stratified_split(labels, val_fraction, seed)
-> (train_idx, val_idx): two 1-D int64 tensors of indices into labels (a 1-D
int64 tensor). For each class c present, with n_c samples, int(n_c *
val_fraction) of them (rounded down), chosen at random, go to val; the rest
to train. Draw with a torch.Generator seeded with seed: the same seed gives
the same split. The order inside each result does not matter.

Read: torch.unique, torch.nonzero (or torch.where), torch.randperm (generator=), torch.cat
"""
import torch


def stratified_split(labels, val_fraction, seed):
    # TODO: for each class, shuffle its indices with your generator and cut off its share for val
    ...

if __name__ == "__main__":
    labels = torch.tensor([0] * 8 + [1] * 4 + [2] * 2)
    train_idx, val_idx = stratified_split(labels, 0.5, seed=0)
    print("val classes:", labels[val_idx].tolist())
