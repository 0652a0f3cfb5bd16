"""cap_data: the split (seeded, disjoint, complete, sizes) and the augmentation (training images only, a crop
shift of up to 2 pixels and a horizontal flip, drawn per image and per epoch).

The check's dataset has random images and labels 0..n-1, so a label names its sample: every loaded image is
compared exactly with the 50 crops-and-flips of the image it came from. Runs in well under a second.
"""
import torch
import torch.nn.functional as F
# imported before the learner's file (it rewraps torch.manual_seed on first import)
import torchvision.transforms.v2  # noqa: F401
from torch.utils.data import DataLoader, TensorDataset

from dlings.testing import expect, expect_equal, fail
from support_28_capstones import describe

N, FRACTION, BATCH = 120, 0.25, 16


def _dataset(n=N, seed=0):
    g = torch.Generator().manual_seed(seed)
    return TensorDataset(torch.rand(n, 3, 16, 16, generator=g), torch.arange(n))


def _loaders(exercise, dataset, fraction=FRACTION, batch=BATCH, seed=0):
    call = f"make_loaders(dataset, {fraction}, {batch}, seed={seed})"
    out = exercise.make_loaders(dataset, fraction, batch, seed)
    if out is None or out is Ellipsis:
        fail(f"{call} returned {out!r}.", hint="finish the TODO and return (train_loader, val_loader).")
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail(f"{call} should return a pair (train_loader, val_loader), but it returned {describe(out)}.")
    for name, loader in zip(("train_loader", "val_loader"), out):
        expect(isinstance(loader, DataLoader), f"{call}: {name} is {describe(loader)}, not a DataLoader.")
    return out


def _epoch(loader, what):
    xs, ys = [], []
    for i, batch in enumerate(loader):
        if not isinstance(batch, (tuple, list)) or len(batch) != 2:
            fail(f"batch {i} of {what} is {describe(batch)}; expected (images, labels).")
        xs.append(batch[0])
        ys.append(batch[1])
    if not xs:
        fail(f"{what} gave no batches.")
    return torch.cat(xs), torch.cat(ys)


def _candidates(img):
    """The 25 shifted crops of img zero-padded by 2, then the same flipped: (50, 3, 16, 16)."""
    p = F.pad(img, (2, 2, 2, 2))
    crops = torch.stack([p[:, i:i + 16, j:j + 16] for i in range(5) for j in range(5)])
    return torch.cat([crops, crops.flip(-1)])


def _which(img, source):
    """Index of the candidate img equals (0..49; 12 = unshifted, >= 25 flipped), or -1."""
    hits = ((_candidates(source) - img).abs().amax(dim=(1, 2, 3)) == 0).nonzero()
    return int(hits[0]) if len(hits) else -1


def _val_ids(exercise, seed, global_seed):
    torch.manual_seed(global_seed)
    _, val = _loaders(exercise, _dataset(), seed=seed)
    return _epoch(val, f"val_loader (seed={seed})")[1]


def test_split(exercise):
    ds = _dataset()
    train, val = _loaders(exercise, ds)
    vx, vy = _epoch(val, "val_loader")
    n_val = int(N * FRACTION)
    expect_equal(len(vy), n_val, f"the number of validation samples for {N} samples and val_fraction {FRACTION}",
                 hint="val gets int(len(dataset) * val_fraction) samples, train the rest.")
    tx, ty = _epoch(train, "train_loader")
    expect_equal(len(ty), N - n_val, f"the number of training samples in one epoch of train_loader ({N} samples, "
                 f"val_fraction {FRACTION})", hint="train gets every sample that is not in val, each once per epoch "
                 "(no drop_last).")
    both = sorted(set(ty.tolist()) & set(vy.tolist()))
    if both:
        fail(f"{len(both)} samples are in both train and val (labels {both[:6]}): validation must only hold samples "
             "the model never trains on.", hint="split once, with random_split, and build both loaders on its parts.")
    missing = sorted(set(range(N)) - set(ty.tolist()) - set(vy.tolist()))
    if missing or len(set(ty.tolist())) != len(ty):
        fail(f"one epoch of train_loader does not hold every training sample exactly once (missing from both parts: "
             f"{missing[:6]}).", hint="a DataLoader over the training Subset with shuffle=True visits each once.")
    _, ty2 = _epoch(train, "train_loader (second pass)")
    if torch.equal(ty, ty2):
        fail("two passes over train_loader gave the training samples in the same order: it does not shuffle.",
             hint="a random split puts the samples in a random order once; training also wants a new order every "
                  "epoch: DataLoader(..., shuffle=True) for the training loader.")
    vx2, vy2 = _epoch(val, "val_loader (second pass)")
    if not torch.equal(vy, vy2):
        fail("two passes over val_loader gave the samples in different orders.",
             hint="the validation loader should not shuffle (shuffle=False, the default).")
    expect(len(next(iter(train))[1]) == BATCH and len(next(iter(val))[1]) == min(BATCH, n_val),
           f"the first batches should hold batch_size = {BATCH} samples.")
    # seeded, and independent of the global RNG
    a, b = _val_ids(exercise, 3, global_seed=1), _val_ids(exercise, 3, global_seed=2)
    if not torch.equal(a.sort().values, b.sort().values):
        fail("with the same seed (3), make_loaders put different samples in val after torch.manual_seed(1) and "
             "after torch.manual_seed(2): the split depends on torch's global random numbers.",
             hint="pass generator=torch.Generator().manual_seed(seed) to random_split.")
    c = _val_ids(exercise, 4, global_seed=1)
    if torch.equal(a.sort().values, c.sort().values):
        fail("seeds 3 and 4 gave the same validation samples: the split ignores the seed.",
             hint="seed the generator with the `seed` argument: torch.Generator().manual_seed(seed).")
    x, ids = ds.tensors
    if not torch.equal(vx, x[vy]):
        changed = int((vx != x[vy]).flatten(1).any(1).sum())
        fail(f"{changed} of the {len(vy)} validation images differ from the dataset's images: the validation set "
             "is augmented (or changed) too.",
             hint="augmentation is for training only: split first, then wrap only the training part with the "
                  "transform (WithTransform(train_part, augment)). Wrapping the dataset before the split augments "
                  "both parts.")


def test_augmentation(exercise):
    ds = _dataset()
    x = ds.tensors[0]
    torch.manual_seed(0)
    train, _ = _loaders(exercise, ds)
    kinds, per_epoch = [], []
    for epoch in range(2):
        tx, ty = _epoch(train, f"train_loader (epoch {epoch + 1})")
        got = [_which(img, x[i]) for img, i in zip(tx, ty.tolist())]
        bad = [i for i, k in zip(ty.tolist(), got) if k < 0]
        if bad:
            j = got.index(-1)
            fail(f"{len(bad)} of {len(got)} training images are not a crop-and-flip of their dataset image "
                 f"(e.g. the sample with label {bad[0]}, of shape {tuple(tx[j].shape)}).",
                 hint="augment with RandomCrop(16, padding=2) (zero padding) and RandomHorizontalFlip(p=0.5) only: "
                      "no other change to the pixels (no vertical flip, no normalisation, no colour changes).")
        kinds += got
        per_epoch.append(dict(zip(ty.tolist(), got)))
    k = torch.tensor(kinds)
    flipped, shifted = float((k >= 25).float().mean()), float(((k % 25) != 12).float().mean())
    if shifted < 0.5 and flipped < 0.2:
        fail(f"over two epochs {shifted:.0%} of the training images were shifted and {flipped:.0%} flipped: the "
             "training images are not augmented.", hint="wrap the training part with the transform: "
             "WithTransform(train_part, v2.Compose([v2.RandomCrop(16, padding=2), v2.RandomHorizontalFlip()])).")
    expect(0.3 <= flipped <= 0.7, f"{flipped:.0%} of the training images came flipped over two epochs; "
           "RandomHorizontalFlip(p=0.5) flips about half.", hint="add v2.RandomHorizontalFlip(p=0.5) (a horizontal "
           "flip: the last dim, never the vertical one) to the training transform.")
    expect(shifted >= 0.7, f"only {shifted:.0%} of the training images came shifted; RandomCrop(16, padding=2) "
           "shifts 24 in 25 by at least a pixel.", hint="add v2.RandomCrop(16, padding=2) to the training transform.")
    distinct = len(set(kinds[:BATCH]))
    if distinct <= 2:
        fail(f"the {BATCH} images of the first batch were all augmented the same way (the same shift and flip): "
             "one draw for the whole batch.", hint="transform each image on its own, in the Dataset's __getitem__ "
             "(WithTransform), not the stacked batch: a v2 transform given a batch draws once for all of it.")
    same = sum(per_epoch[0][i] == per_epoch[1][i] for i in per_epoch[0])
    expect(same < 0.5 * len(per_epoch[0]), f"{same} of {len(per_epoch[0])} training images got the same shift and "
           "flip in epochs 1 and 2: the augmentation must be drawn anew each time an image is loaded.",
           hint="apply the random transform in __getitem__ (WithTransform), not once in advance.")


def test_split_sizes_round_down(exercise):
    # 59 * 0.3 = 17.7: int() gives 17 validation samples; round() or ceil() would give 18
    n, fraction = 59, 0.3
    train, val = _loaders(exercise, _dataset(n), fraction=fraction, batch=8)
    _, vy = _epoch(val, "val_loader")
    _, ty = _epoch(train, "train_loader")
    expect_equal((len(ty), len(vy)), (n - int(n * fraction), int(n * fraction)),
                 f"(training, validation) sample counts for {n} samples and val_fraction {fraction} "
                 f"({n} * {fraction} = {n * fraction:.1f})",
                 hint="val gets int(len(dataset) * val_fraction) samples (rounded down), train the rest: "
                      "random_split(dataset, [n - n_val, n_val], ...).")
