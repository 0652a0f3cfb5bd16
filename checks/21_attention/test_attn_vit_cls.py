import torch

from dlings.testing import expect, expect_close, expect_shape, expect_tensor, fail


def parts(vit, x):
    tokens = vit.patch(x).flatten(2).transpose(1, 2)
    cls = vit.cls.expand(x.shape[0], -1, -1)
    return tokens, cls


def make(exercise, seed, **kwargs):
    torch.manual_seed(seed)
    vit = exercise.TinyViT(**kwargs)
    with torch.no_grad():              # larger than ViT's init, so that a misplaced token or position shows
        vit.cls.normal_()
        vit.pos.normal_()
    return vit.eval()


def run(exercise, batch, seed, **kwargs):
    vit = make(exercise, seed, **kwargs)
    img = kwargs.get("img", 16)
    x = torch.rand(batch, 3, img, img)
    what = f"TinyViT({', '.join(f'{k}={v}' for k, v in kwargs.items())})(x) for x of shape {tuple(x.shape)}"
    try:
        with torch.no_grad():
            got = vit(x.clone())
    except RuntimeError as e:
        if "must match" in str(e) or "size of tensor" in str(e):
            fail(f"{what} raised RuntimeError: {e}",
                 hint="self.pos has N + 1 rows: add it AFTER putting the CLS token in front of the N patch tokens. "
                      "torch.cat needs the CLS token once per image: self.cls.expand(B, -1, -1).")
        raise
    got = expect_tensor(got, what)
    classes = vit.head.out_features
    expect_shape(got, (batch, classes), what,
                 hint="classify ONE token per image, the CLS token's output at position 0: (B, dim) into the head.")
    with torch.no_grad():
        tokens, cls = parts(vit, x)
        h = vit.encoder(torch.cat([cls, tokens], 1) + vit.pos)
        want = vit.head(vit.norm(h[:, 0]))
        cls_last = vit.encoder(torch.cat([tokens, cls], 1) + vit.pos)
        no_cls_pos = vit.encoder(torch.cat([cls, tokens + vit.pos[:, 1:]], 1))
        mistakes = {
            "the CLS token goes IN FRONT of the patch tokens (position 0, the first row of self.pos).":
                vit.head(vit.norm(cls_last[:, -1])),
            "the classifier reads the CLS token's output alone (h[:, 0]), not the mean over all tokens.":
                vit.head(vit.norm(h.mean(1))),
            "self.head(self.norm(...)): the final LayerNorm was left out.": vit.head(h[:, 0]),
            "the last token is a patch: the CLS token's output is at position 0.": vit.head(vit.norm(h[:, -1])),
            "the CLS token needs its position too: add all N + 1 rows of self.pos after the concatenation.":
                vit.head(vit.norm(no_cls_pos[:, 0])),
            "the positions were not added: attention alone ignores where a patch is.":
                vit.head(vit.norm(vit.encoder(torch.cat([cls, tokens], 1))[:, 0])),
        }
    expect_close(got, want, what, atol=1e-5, mistakes=mistakes)
    return vit, x


def test_logits(exercise):
    run(exercise, 3, 0)
    run(exercise, 2, 1, img=8, patch=2, dim=16, depth=1, heads=2, classes=3)


def test_batch_of_one(exercise):
    run(exercise, 1, 2)


def test_gradient_reaches_the_cls_token(exercise):
    vit = make(exercise, 3).train()
    x = torch.rand(2, 3, 16, 16)
    vit(x).sum().backward()
    for name in ["cls", "pos"]:
        g = getattr(vit, name).grad
        expect(g is not None and bool(g.abs().sum() > 0),
               f"after backward, TinyViT.{name} has no gradient: it was not used in forward, or used detached.",
               hint="use the parameters themselves (self.cls.expand(...), + self.pos), not a copy or .data.")
