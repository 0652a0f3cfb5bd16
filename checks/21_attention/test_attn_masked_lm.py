import torch
import torch.nn.functional as F

from dlings.testing import expect, expect_close, expect_equal, expect_tensor, expect_untouched, fail, snapshot

MASK_ID, VOCAB = 0, 30


def reference(ids, seed, *, above=False):
    r = torch.rand(ids.shape, generator=torch.Generator().manual_seed(seed))
    chosen = r > 0.85 if above else r < 0.15
    return ids.masked_fill(chosen, MASK_ID), ids.masked_fill(~chosen, -100)


def ids_of(shape, seed):
    return torch.randint(1, VOCAB, shape, generator=torch.Generator().manual_seed(100 + seed))


def masked(exercise, ids, seed, what):
    before = snapshot({"ids": ids})
    got = exercise.mask_tokens(ids, MASK_ID, torch.Generator().manual_seed(seed))
    if got is None or got is Ellipsis:
        fail(f"{what} gave None: finish the TODO and return (inputs, labels).")
    expect(isinstance(got, (tuple, list)) and len(got) == 2, f"{what} should return a pair (inputs, labels).")
    expect_untouched({"ids": ids}, before, f"the ids passed to {what}",
                     hint="ids[chosen] = mask_id writes into the caller's tensor (and then the labels are mask_id): "
                          "make a new one, ids.masked_fill(chosen, mask_id) or ids.clone() first.")
    return expect_tensor(got[0], f"the inputs of {what}"), expect_tensor(got[1], f"the labels of {what}")


def test_masking(exercise):
    for shape, seed in [((4, 50), 0), ((1, 7), 3), ((3, 1), 1), ((2, 3, 20), 5)]:
        ids = ids_of(shape, seed)
        what = f"mask_tokens(ids, mask_id={MASK_ID}, generator) for ids of shape {shape}, generator seeded {seed}"
        inputs, labels = masked(exercise, ids, seed, what)
        want_in, want_lab = reference(ids, seed)
        other = reference(ids, seed, above=True)
        expect_close(inputs, want_in, f"the inputs of {what}", mistakes={
            "you chose where rand > 0.85: also 15 %, but not the positions asked for. Choose where "
            "torch.rand(ids.shape, generator=generator) < 0.15.": other[0],
            "every position became mask_id: only the chosen ones (rand < 0.15) do.": torch.full_like(ids, MASK_ID),
        }, hint="draw torch.rand(ids.shape, generator=generator) exactly once (with THAT generator, not the global "
                "one), choose where it is < 0.15, and set those positions to mask_id.")
        if labels.shape == ids.shape and bool(((labels != -100) != (inputs == MASK_ID)).any()) \
                and bool((labels != -100).any()) and not bool((labels != -100).all()):
            fail(f"{what}: the positions with a label are not the positions set to mask_id in the inputs.",
                 hint="draw the random numbers ONCE and use the same chosen mask for both: a second torch.rand "
                      "call gives other positions.")
        expect_close(labels, want_lab, f"the labels of {what}", mistakes={
            "the labels keep every token: the loss must see only the chosen positions, so put -100 everywhere else.":
                ids,
            "the labels are the wrong way round: the original token at the CHOSEN positions, -100 elsewhere.":
                ids.masked_fill(want_lab != -100, -100),
            "the labels are the masked inputs: the label of a chosen position is its ORIGINAL token.":
                want_in.masked_fill(want_lab == -100, -100),
            "the unchosen labels are 0, which is a real class for cross_entropy: use -100, its ignore_index.":
                want_lab.masked_fill(want_lab == -100, 0),
        })


def test_loss_on_chosen_positions_only(exercise):
    g = torch.Generator().manual_seed(7)
    for shape in [(4, 50), (1, 9), (2, 3, 20)]:
        ids = ids_of(shape, 1)
        _, labels = reference(ids, 1)
        logits = torch.randn(*shape, VOCAB, generator=g) * 2
        what = f"mlm_loss(logits, labels) for logits of shape {tuple(logits.shape)} with {int((labels != -100).sum())} chosen positions"
        got = expect_tensor(exercise.mlm_loss(logits, labels.clone()), what)
        flat, lab = logits.reshape(-1, VOCAB), labels.reshape(-1)
        each = F.cross_entropy(flat, lab.clamp(min=0), reduction="none")
        keep = lab != -100
        expect_close(got, F.cross_entropy(flat, lab), what, rtol=1e-5, atol=1e-6, mistakes={
            "you averaged over ALL positions (the ignored ones count as 0): the mean is over the chosen ones only, "
            "which is what cross_entropy's default reduction does with ignore_index.": (each * keep).mean(),
            "you summed: the loss is the MEAN over the chosen positions.": each[keep].sum(),
            "the loss is over every position, the unchosen ones too: ignore_index=-100 leaves them out.":
                F.cross_entropy(flat, ids.reshape(-1)),
        }, hint="F.cross_entropy(logits.reshape(-1, V), labels.reshape(-1), ignore_index=-100).")
        expect_equal(tuple(got.shape), (), f"the shape of {what}", hint="the loss is one number: a 0-d tensor.")
