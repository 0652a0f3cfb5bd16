import torch
from torch import nn

from dlings.testing import expect_close, fail


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.submodule = nn.Linear(4, 6)
        self.norm = nn.BatchNorm1d(6)
        self.head = nn.Linear(6, 2)
        self.decoder = nn.Linear(2, 2)  # "module.decoder.weight".lstrip("module.") is "coder.weight"

    def forward(self, x):
        return self.decoder(self.head(torch.relu(self.norm(self.submodule(x)))))


def trained_state(seed):
    torch.manual_seed(seed)
    net = Net()
    with torch.no_grad():
        for p in net.parameters():
            p.normal_()
    net.train()
    net(torch.randn(8, 4) * 3 + 1)  # moves the BatchNorm running statistics away from 0 and 1
    return net.state_dict()


def load(exercise, model, state, label):
    given = dict(state)
    try:
        exercise.load_checkpoint(model, state)
    except RuntimeError as exc:
        text = str(exc)
        if "Error(s) in loading state_dict" not in text:
            raise
        if "subweight" in text or "subbias" in text:
            hint = ('str.replace("module.", "") removes EVERY "module." in the key, also the one inside '
                    '"submodule.weight"; remove only the prefix: key.removeprefix("module.") or key[len("module."):] '
                    'when key.startswith("module.").')
        elif '"coder.' in text:
            hint = ('str.lstrip("module.") strips CHARACTERS from the set {m, o, d, u, l, e, .}, not the word: '
                    '"decoder.weight" loses its "de". Use key.removeprefix("module.") or key[len("module."):] '
                    'when key.startswith("module.").')
        elif '"module.' in text:
            hint = 'the keys still start with "module.": strip that prefix before loading.'
        else:
            hint = 'only keys that START with "module." lose those 7 characters; the others are already right.'
        fail(f"load_checkpoint(model, {label}) raised: {text.splitlines()[0]}\n  "
             + "\n  ".join(text.splitlines()[1:4]), hint=hint)
    if list(state) != list(given):
        fail(f"load_checkpoint changed the caller's checkpoint dict ({label}).",
             hint="build a new dict with the renamed keys instead of editing `state` in place.")


def check_loaded(model, state, label):
    for key, value in model.state_dict().items():
        saved = state.get("module." + key, state.get(key))
        expect_close(value, saved, f"model.state_dict()[{key!r}] after load_checkpoint(model, {label})",
                     hint="the values were not copied: nothing was loaded (is the TODO still `...`?), or strict=False "
                     "skipped every key that does not match, silently. Fix the keys and load with strict=True.")


def test_prefixed_checkpoint(exercise):
    state = {"module." + k: v for k, v in trained_state(0).items()}
    model = Net()
    load(exercise, model, state, 'a checkpoint saved from DataParallel (keys "module.submodule.weight", ...)')
    check_loaded(model, state, "a DataParallel checkpoint")


def test_plain_checkpoint(exercise):
    state = trained_state(1)
    model = Net()
    load(exercise, model, state, 'a plain checkpoint (keys "submodule.weight", ...)')
    check_loaded(model, state, "a plain checkpoint")


def test_mismatch_still_raises(exercise):
    # strict loading is asked for: a checkpoint that lacks a key must still be refused.
    state = {"module." + k: v for k, v in trained_state(2).items() if k != "head.bias"}
    model = Net()
    try:
        exercise.load_checkpoint(model, state)
    except RuntimeError as exc:
        if "Missing key" in str(exc) and "head.bias" in str(exc):
            return
        raise
    fail("load_checkpoint(model, state) accepted a checkpoint with no \"head.bias\" without an error.",
         hint="load strictly (the default, strict=True): strict=False skips missing and unexpected keys silently, "
              "and a half-loaded model trains from random weights without a word.")
