import torch
import torch.nn.functional as F
from torch import nn

from dlings.testing import expect, expect_equal, fail

# The race of the exercise file (moons(), mlp(), RACE, bar 0.2, at most 300 steps), measured with the
# reference steps_to_reach on torch 2.15: adagrad 32, adam 43, momentum 96, adam_lr_0.01 149, sgd never
# (its loss is still 0.23 after 300 steps). The gaps (11+ steps) are far larger than any change rounding
# on another machine could make.
RANKING = ["adagrad", "adam", "momentum", "adam_lr_0.01", "sgd"]


def _moons(n=128, seed=0):
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 2, (n,), generator=g)
    t = torch.rand(n, generator=g) * 3.14159
    x0 = torch.where(y == 0, torch.cos(t), 1 - torch.cos(t))
    x1 = torch.where(y == 0, torch.sin(t), 0.5 - torch.sin(t))
    X = torch.stack([x0, x1], 1) + 0.1 * torch.randn(n, 2, generator=g)
    return X * torch.tensor([1.0, 0.1]), y


def _mlp(seed=0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 2))


def _reference(model, optimizer, loss_fn, bar, max_steps, *, off_by_one=False, accumulate=False):
    for step in range(max_steps + 1):
        loss = loss_fn(model)
        if loss.item() < bar:
            return step + 1 if off_by_one else step
        if step == max_steps:
            return None
        if not accumulate:
            optimizer.zero_grad()
        loss.backward()
        optimizer.step()


# (name, optimiser, bar, max_steps, model seed)
CASES = [
    ("Adam(lr=0.05)", lambda ps: torch.optim.Adam(ps, lr=0.05), 0.3, 100, 0),       # reached after 31 steps
    ("SGD(lr=0.5, momentum=0.9)", lambda ps: torch.optim.SGD(ps, lr=0.5, momentum=0.9), 0.3, 80, 1),  # 41
    ("SGD(lr=0.5)", lambda ps: torch.optim.SGD(ps, lr=0.5), 0.3, 40, 0),            # not within 40: None
    ("Adagrad(lr=0.5)", lambda ps: torch.optim.Adagrad(ps, lr=0.5), 5.0, 20, 2),    # starts below: 0
]


def test_steps_to_reach(exercise):
    torch.set_num_threads(1)
    X, y = _moons()

    def loss_fn(model):
        return F.cross_entropy(model(X), y)

    for name, make, bar, max_steps, seed in CASES:
        what = f"steps_to_reach(model, {name}, loss_fn, bar={bar}, max_steps={max_steps})"
        ref_model = _mlp(seed)
        want = _reference(ref_model, make(ref_model.parameters()), loss_fn, bar, max_steps)
        model = _mlp(seed)
        got = exercise.steps_to_reach(model, make(model.parameters()), loss_fn, bar, max_steps)
        if got == want and (got is None) == (want is None):
            continue

        def variant(**kw):
            m = _mlp(seed)
            return _reference(m, make(m.parameters()), loss_fn, bar, max_steps, **kw)

        mistakes = {"count the steps taken BEFORE the loss was measured: a model already below the bar returns "
                    "0, one that needed one step returns 1.": variant(off_by_one=True),
                    "the gradients were never cleared: backward() adds to .grad, so every step used the sum of "
                    "all gradients so far. optimizer.zero_grad() before backward().": variant(accumulate=True)}
        if want is None:
            mistakes = {"when max_steps steps are not enough, return None (not the step count).": max_steps,
                        **mistakes}
        if got is None and all(torch.equal(p, q) for p, q in zip(model.parameters(), _mlp(seed).parameters())):
            fail(f"{what} returned None without changing the model: no optimizer step was taken, though the loss "
                 f"drops below {bar} after {want} steps.", hint="finish the TODO: measure, compare, then "
                 "zero_grad / backward / step, in a loop.")
        if got is not None and not isinstance(got, int):
            fail(f"{what} returned {got!r} ({type(got).__name__}); expected an int, or None.",
                 hint="return the step counter itself (a Python int).")
        expect_equal(got, want, what, mistakes=mistakes,
                     hint="measure loss_fn(model) before each step; compare with `loss < bar`; step only while it "
                          "is not below.")


def test_ranking(exercise):
    ranking = getattr(exercise, "RANKING", None)
    expect(isinstance(ranking, (list, tuple)) and ranking,
           f"RANKING is {ranking!r}; expected a list of the names in RACE, fewest steps first.",
           hint="run the file (python exercises/13_optimizers/optim_compare.py) and read the step counts.")
    expect(sorted(ranking) == sorted(RANKING),
           f"RANKING holds {sorted(ranking)}; it should hold each name of RACE once: {sorted(RANKING)}.")
    if list(ranking) != RANKING:
        first = next(i for i, (a, b) in enumerate(zip(ranking, RANKING)) if a != b)
        fail(f"RANKING is not in the order of the race: position {first + 1} holds {ranking[first]!r}.",
             hint="run the file with your steps_to_reach and sort the names by their step counts; a None (never "
                  "reached 0.2 in 300 steps) goes last. Note how much the learning rate changes Adam's place.")


class _Scripted:
    """A stand-in optimiser whose loss follows a script: loss_fn returns LOSSES[number of steps taken]."""

    def __init__(self, losses):
        self.losses, self.steps = losses, 0

    def zero_grad(self, set_to_none=True):
        pass

    def step(self, closure=None):
        self.steps += 1

    def loss_fn(self, model):
        return torch.tensor(self.losses[min(self.steps, len(self.losses) - 1)], requires_grad=True)


# (script of losses, bar, max_steps, expected answer, what a wrong answer most likely did)
SCRIPTS = [
    ([1.0, 0.8, 0.5, 0.5, 0.1], 0.5, 10, 4,
     "a loss EQUAL to the bar is not below it: compare with `loss < bar`, not `<=`."),
    ([1.0, 0.9, 0.8, 0.1], 0.5, 3, 3,
     "the loss after the last allowed step was never measured: with max_steps=3, a loss that first drops below "
     "the bar after step 3 still counts (return 3). Measure once more after the last step before returning "
     "None."),
    ([1.0] * 10, 0.5, 3, None,
     "never reached: return None after exactly max_steps optimizer steps."),
]


def test_steps_to_reach_boundaries(exercise):
    """Scripted losses: the bar itself, and a bar first reached on the very last allowed step."""
    model = nn.Linear(1, 1)
    for losses, bar, max_steps, want, cause in SCRIPTS:
        opt = _Scripted(losses)
        what = f"steps_to_reach with losses {losses} (one per step taken), bar={bar}, max_steps={max_steps}"
        got = exercise.steps_to_reach(model, opt, opt.loss_fn, bar, max_steps)
        if got != want or (got is None) != (want is None):
            fail(f"{what} returned {got!r}; expected {want!r}.", hint=cause)
        expect(opt.steps <= max_steps, f"{what} took {opt.steps} optimizer steps; at most max_steps={max_steps} "
               "are allowed.", hint="stop stepping once max_steps steps were taken; measure, then return None.")
