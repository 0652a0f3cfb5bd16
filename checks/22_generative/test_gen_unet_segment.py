"""Measured (one thread, Adam 1e-2, batch 32, 1600 training and 400 test images of 6 classes, 16x16; model seeds
0-4): the reference U-Net (widths 8, 16, 32; two skips; 14 k parameters) reaches a test IoU of 0.72-0.86 after one
epoch, 0.75-0.89 after two and 0.90-0.92 after three (about 3 s per epoch here, under load); the same network
without its skips: 0.0-0.57 after two epochs, 0.55-0.61 after three (0.69-0.71 after three epochs of 2000 images):
at 4x4 the outline is gone. Bar 0.85 after 3 epochs; checkpoint 0.65 after 2. The reference's check uses about 7 s of
CPU time (timeout 90 s: a loaded machine stretches it many times over)."""
import torch
import torch.nn.functional as F

from dlings import data
from dlings.testing import expect, expect_shape, expect_tensor, fail

BAR, CHECKPOINT, EPOCHS, N = 0.85, 0.65, 3, 1600


def iou(logits, masks):
    pred = logits.argmax(1).bool()
    return float((pred & masks).sum() / (pred | masks).sum())


def test_test_iou(exercise, report):
    train = data.shapes(N, classes=6, seed=0, masks=True)
    test = data.shapes(400, classes=6, split="test", seed=0, masks=True)
    x, m = train.x, train.info["masks"].long()
    xt, mt = test.x, test.info["masks"]
    torch.manual_seed(0)
    model = exercise.SegUNet()
    expect(isinstance(model, torch.nn.Module) and "_parameters" in vars(model),
           "SegUNet() is not an initialised nn.Module.", hint="subclass nn.Module; super().__init__() first.")
    params = list(model.parameters())
    expect(params, "SegUNet has no parameters, so there is nothing to train.",
           hint="create the layers in __init__ as attributes of self.")
    n_params = sum(p.numel() for p in params)
    expect(n_params <= 100_000, f"SegUNet has {n_params} parameters; keep it small (widths 8, 16, 32: about "
                                "14 000) so the check stays fast.")
    what = "SegUNet()(x) for x of shape (4, 3, 16, 16)"
    with torch.no_grad():
        out = expect_tensor(model(x[:4]), what)
    expect_shape(out, (4, 2, 16, 16), what,
                 hint="one pair of logits (background, object) per pixel, at the input's full size: the last "
                      "upsampling brings 8x8 back to 16x16, and a 1x1 conv gives the 2 channels.")
    expect(not (bool((out >= 0).all()) and torch.allclose(out.sum(1), torch.ones(4, 16, 16), atol=1e-4)),
           f"{what} returned probabilities (every pixel's two values are >= 0 and sum to 1), not logits.",
           hint="end with the 1x1 conv: cross_entropy applies the softmax itself.")
    opt = torch.optim.Adam(params, lr=1e-2)
    g = torch.Generator().manual_seed(0)
    report.target("test IoU", BAR)
    score = 0.0
    for epoch in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 32):
            b = perm[i:i + 32]
            loss = F.cross_entropy(model(x[b]), m[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            score = iou(model(xt), mt)
        report("test IoU", score, epoch + 1)
        report.progress(epoch + 1, EPOCHS)
        if epoch == 1 and score < CHECKPOINT:
            fail(f"after 2 of {EPOCHS} epochs the test IoU is {score:.2f} (the reference: 0.75-0.89 by then; the same "
                 "network without skip connections: 0.6 at best).",
                 hint="concatenate each upsampled map with the encoder's map of the same size (16x16 and 8x8) "
                      "before the next conv: at 4x4 the outline is lost, and only the skips bring it back."
                 if score > 0.3 else
                 "hardly any object pixel found: return raw logits from a 1x1 conv at full size, class 1 = object.")
    if score < BAR:
        fail(f"after {EPOCHS} epochs the test IoU is {score:.2f}; the bar is {BAR} (the reference: 0.90-0.92).",
             hint="two levels down and up, a skip at both levels (16x16 and 8x8).")
