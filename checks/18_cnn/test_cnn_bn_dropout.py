import torch
from torch import nn

from dlings.testing import expect, expect_close, fail
from support_18_cnn import expect_module, expect_same_layout


def reference(k, p):
    ref = nn.Module()
    ref.features = nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2))
    ref.classifier = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(p), nn.Linear(32, k))
    ref.forward = lambda x: ref.classifier(ref.features(x))
    return ref


ORDER = ("each block is Conv2d(bias=False), BatchNorm2d, ReLU, MaxPool2d(2); the classifier is AdaptiveAvgPool2d(1), "
         "Flatten, Dropout(p), Linear(32, num_classes).")


def test_layout(exercise):
    model = expect_module(exercise.RegularisedCNN(6, 0.3), "RegularisedCNN(6, 0.3)")
    for name, m in model.named_modules():
        if isinstance(m, nn.Conv2d) and m.bias is not None:
            fail(f"{name} has a bias. The BatchNorm after it subtracts each channel's mean, so the bias cancels "
                 "out: it is a parameter that can never matter.", hint="nn.Conv2d(..., bias=False).")
    drops = [m for m in model.modules() if isinstance(m, nn.Dropout)]
    expect(len(drops) == 1, f"RegularisedCNN should hold exactly one nn.Dropout (in the classifier); found {len(drops)}.")
    expect(drops[0].p == 0.3, f"the Dropout has p={drops[0].p}; RegularisedCNN(6, 0.3) asked for 0.3.",
           hint="pass the p argument to nn.Dropout.")
    expect(any(m is drops[0] for m in getattr(model, "classifier", nn.Sequential()).modules()),
           "the Dropout should be in self.classifier, acting on the pooled features, not in the feature blocks.",
           hint=ORDER)
    feats = list(getattr(model, "features", []))
    for i, m in enumerate(feats):
        if isinstance(m, nn.Conv2d) and not (i + 1 < len(feats) and isinstance(feats[i + 1], nn.BatchNorm2d)):
            fail(f"self.features[{i}] (a Conv2d) is followed by {type(feats[i + 1]).__name__ if i + 1 < len(feats) else 'nothing'}"
                 ", not by its BatchNorm2d.", hint="BatchNorm normalises the conv's output, so it comes right after "
                 "the conv and before the ReLU: Conv2d, BatchNorm2d, ReLU, MaxPool2d.")
    expect_same_layout(model, reference(6, 0.3), "RegularisedCNN(6, 0.3)", hint=ORDER)


def test_train_and_eval_outputs(exercise):
    for k, p in [(6, 0.3), (3, 0.5)]:
        torch.manual_seed(0)
        model = exercise.RegularisedCNN(k, p)
        ref = reference(k, p)
        for m in model.modules():
            if isinstance(m, nn.Dropout) and m.p != p:
                fail(f"RegularisedCNN({k}, {p}) holds a Dropout with p={m.p}.", hint="pass the p argument to nn.Dropout.")
        ref.load_state_dict(model.state_dict())
        x = torch.randn(8, 3, 16, 16)
        for mode in ("train", "eval"):
            model.train(mode == "train")
            ref.train(mode == "train")
            torch.manual_seed(5)
            got = model(x)
            torch.manual_seed(5)
            with torch.no_grad():
                want = ref(x)
            expect_close(got.detach(), want, f"RegularisedCNN({k}, {p})(x) in {mode} mode (x of shape "
                         f"{tuple(x.shape)})", rtol=1e-4, atol=1e-5, hint=ORDER)
        model.eval()
        with torch.no_grad():
            expect_close(model(x[:1]), model(x)[:1], "in eval mode, the output for one image alone vs in a batch",
                         hint="in eval mode BatchNorm uses its running statistics and Dropout does nothing.")
