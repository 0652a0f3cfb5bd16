"""loop_fit: a full fit() on dlings.data.shapes (6 classes, 16x16, 2000 training
images) to a test-accuracy bar, with live curves.

Measured with the reference fit (Adam 3e-3, batch 64, 6 epochs), model seeds
0-2: test accuracy 93.7 % (seed 0, the check's), 97 % (seeds 1 and 2); 9-29 s
on one core of this 2-core machine while its load average was 8-15 (other jobs
sharing it). Bar: 80 %.

Fail fast, through the learner's own log() calls: by step 64 (2 epochs of 32
batches) the mean of the last 10 losses must be below 0.8 x the mean of the
first 10 (reference: 0.51-0.59; lr 100x too small: 0.95; no zero_grad: 0.9),
and the val accuracy of epoch 3 above 35 % (chance is 17 %; reference 67-73 %).
Judge the idea: a forward pre-hook sees every batch the model gets and stops
the run at once when training images arrive in eval mode, or validation
images in training mode or with gradients on.
"""
import torch
from dlings import data
from dlings.testing import expect, fail
from support_14_training_loop import as_float, mean

BAR = 0.80
CHECK_STEP = 64
PLANNED_STEPS = 6 * 32                 # the suggested recipe, for the progress bar


class Watch:
    """The log() handed to fit(): streams, validates and judges checkpoints."""

    def __init__(self, report):
        self.report = report
        self.losses, self.val_accs = [], []

    def __call__(self, name, value, step):
        value = as_float(value, f"the value logged as {name!r}")
        if isinstance(step, (torch.Tensor, bool)) or not isinstance(step, int):
            fail(f"log({name!r}, value, step) got step={step!r}; step should be an int.")
        if name == "loss":
            if step != len(self.losses) + 1:
                fail(f"log('loss', ..., step) was called with step {step} after {len(self.losses)} logged losses; "
                     "steps count from 1 over the whole run, one per optimizer step.",
                     hint="keep one step counter for the whole run (not per epoch), add 1 before each log call.")
            self.losses.append(value)
            self.report("loss", value, step)
            self.report.progress(min(step, PLANNED_STEPS), PLANNED_STEPS)
            if step == CHECK_STEP:
                first, last = mean(self.losses[:10]), mean(self.losses[-10:])
                if not last < 0.8 * first:
                    fail(f"after {CHECK_STEP} steps the loss has not come down enough: the last 10 average "
                         f"{last:.3f}, the first 10 {first:.3f} (the reference is at 0.5-0.6 x by now; the bar is "
                         "0.8 x).", hint="is the lr right (Adam 3e-3)? is zero_grad() called every step? is "
                                          "each batch's loss the one you backpropagate?")
        elif name == "val_acc":
            if step != len(self.val_accs) + 1:
                fail(f"log('val_acc', ..., epoch) was called with epoch {step} after {len(self.val_accs)} logged "
                     "accuracies; epochs count from 1, one call per epoch.")
            if not 0.0 <= value <= 1.0:
                fail(f"log('val_acc', {value:.4g}, {step}): an accuracy is a fraction between 0 and 1.",
                     hint="divide the number of correct predictions by the number of validation images.")
            self.val_accs.append(value)
            self.report("val_acc", value, step)
            if step == 3 and value <= 0.35:
                fail(f"after 3 epochs the validation accuracy is {value:.1%}; chance is 17 % and the reference "
                     "is at 67-73 % by now (the bar at this checkpoint is 35 %).",
                     hint="is the model learning (the lr, zero_grad every step) and measured in eval mode, on "
                          "val_set?")
        else:
            self.report(str(name), value, step)


def _keys(x):
    return {round(float(v), 3) for v in x.flatten(1).sum(1)}


def test_fit_reaches_the_bar(exercise, report):
    train_set = data.shapes(2000, classes=6, seed=0)
    val_set = data.shapes(500, classes=6, split="val", seed=0)
    test_set = data.shapes(1000, classes=6, split="test", seed=0)
    train_keys, val_keys = _keys(train_set.x), _keys(val_set.x)
    torch.manual_seed(0)
    model = exercise.build_model()

    def watch_batches(module, args):
        x = args[0]
        if not isinstance(x, torch.Tensor) or x.dim() != 4 or not len(x):
            return
        key = round(float(x[0].sum()), 3)
        if key in val_keys and key not in train_keys:
            if module.training:
                fail("validation images went through the model in TRAINING mode: Dropout dropped features and "
                     "BatchNorm used (and updated) batch statistics. Call model.eval() before measuring.")
            if torch.is_grad_enabled():
                fail("validation images went through the model with gradients on: measure under torch.no_grad().")
        elif key in train_keys and key not in val_keys and torch.is_grad_enabled() and not module.training:
            fail("training batches went through the model in EVAL mode: after measuring on val_set, call "
                 "model.train() again at the start of every epoch.")

    model.register_forward_pre_hook(watch_batches)
    watch = Watch(report)
    report.target("test accuracy", BAR, higher_is_better=True)
    trained = exercise.fit(model, train_set, val_set, watch)
    if trained is None or trained is Ellipsis:
        fail("fit(...) returned None; it should return the trained model.", hint="end with `return model`.")
    expect(isinstance(trained, torch.nn.Module), f"fit(...) should return the model, got {type(trained).__name__}.")
    expect(watch.losses, "fit(...) never called log('loss', ...): the check could not follow the training.",
           hint="finish the TODO: train, and call log('loss', loss.item(), step) after every step.")
    expect(watch.val_accs, "fit(...) never called log('val_acc', ...).",
           hint="after each epoch, measure the accuracy on val_set and log('val_acc', accuracy, epoch).")
    trained.eval()
    with torch.no_grad():
        test_acc = float((trained(test_set.x).argmax(1) == test_set.y).float().mean())
        val_acc = float((trained(val_set.x).argmax(1) == val_set.y).float().mean())
    report("test accuracy", test_acc, len(watch.val_accs))
    if not any(abs(val_acc - v) <= 0.02 for v in watch.val_accs):
        fail(f"the returned model gets {val_acc:.1%} on val_set in eval mode, but the val accuracies you logged "
             f"were {', '.join(f'{v:.1%}' for v in watch.val_accs)}.",
             hint="log the accuracy of the model you return: (model(val_set.x).argmax(1) == val_set.y) averaged, "
                  "in eval mode.")
    if test_acc < BAR:
        fail(f"the trained model classifies {test_acc:.1%} of the test images; the bar is {BAR:.0%} (the reference "
             f"reaches 94-97 % in 6 epochs).", hint="train longer or check the recipe: Adam lr 3e-3, batch 64, "
                                                  "about 6 epochs, a fresh shuffle every epoch.")
