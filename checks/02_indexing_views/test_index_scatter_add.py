import torch

from dlings.testing import expect_close, expect_device, expect_dtype, no_loops


# First: a loop also fails on the meta tensors below, with a less useful message.
def test_no_python_loop(exercise):
    no_loops(exercise.class_sums, instead="out.index_add_(0, labels, features), which adds every row into its "
                                          "class in one call.")


def test_class_sums(exercise):
    torch.manual_seed(0)
    for n, d, c in [(8, 3, 4), (5, 1, 6), (12, 4, 3)]:
        features = torch.randn(n, d)
        labels = torch.randint(0, c - 1, (n,))  # repeats for sure, and the last class empty
        labels[0] = labels[1]
        want = torch.zeros(c, d).index_add_(0, labels, features)
        # What a non-accumulating indexed write gives on this machine: one row per class survives
        # (which one is undefined for index_put_; on this CPU build it is the last).
        one_survives = torch.zeros(c, d)
        one_survives[labels] += features
        expect_close(exercise.class_sums(features, labels, num_classes=c), want,
                     what=f"class_sums(features, labels, {c}) for features of shape {(n, d)}", atol=1e-5, mistakes={
                         "out[labels] += features (or = features) does not accumulate repeated labels: each class keeps "
                         "only ONE of its rows. Use out.index_add_(0, labels, features).": one_survives,
                     })


def test_dtype_and_device_follow_features(exercise):
    torch.manual_seed(1)
    features = torch.randn(6, 2, dtype=torch.float64)
    labels = torch.tensor([0, 2, 2, 1, 0, 2])
    what = "class_sums(features, labels, 4) for float64 features"
    got = exercise.class_sums(features, labels, 4)
    expect_dtype(got, torch.float64, what, hint="torch.zeros makes float32 whatever features is: "
                 "features.new_zeros(...) takes its dtype and device.")
    expect_close(got, torch.zeros(4, 2, dtype=torch.float64).index_add_(0, labels, features), what)
    meta = torch.empty(6, 2, device="meta")  # a device with shapes but no data: stands in for a GPU
    got = exercise.class_sums(meta, labels.to("meta"), 4)
    expect_device(got, "meta", "class_sums(features, labels, 4) for features on the 'meta' device",
                  hint="torch.zeros makes a CPU tensor unless told otherwise: features.new_zeros(...) makes it on "
                       "features' device.")
