# Measured: the solution's export takes about 2-12 s on a loaded 2-core machine (the first torch.export in a process
# pays for importing and warming up dynamo). The program is exported once per check run (module fixture).
import pytest
import torch
from torch import nn
from torch.export import ExportedProgram

from dlings.testing import expect, expect_close, fail


def build():
    torch.manual_seed(0)
    # The Dropout makes a program exported in train mode random (it would not match the eval model).
    return nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 16), nn.ReLU(),
                         nn.Linear(16, 2)).eval()


@pytest.fixture(scope="module")
def exported(exercise):
    model = build()
    what = "export_model(model, example) with an example batch of 4"
    try:
        got = exercise.export_model(model, torch.randn(4, 6))
    except Exception as e:  # torch.export's errors: constraint violations, user errors
        first = str(e).strip().splitlines()[0] if str(e).strip() else ""
        fail(f"{what} raised {type(e).__name__}: {first}",
             hint="dynamic_shapes has one entry per input (a tuple, like the args), each a dict from dimension to a "
                  "Dim: ({0: Dim('batch')},). Only dimension 0 can change; the features are fixed by the first Linear.")
    expect(got is not None, f"{what} returned None.", hint="finish the TODO and `return` the ExportedProgram.")
    expect(isinstance(got, ExportedProgram),
           f"{what} should return a torch.export.ExportedProgram, not a {type(got).__name__}.",
           hint="return what torch.export.export gives back (program.module() is only how you run it).")
    return model, got


@pytest.mark.parametrize("batch", [4, 3, 1, 17, 3000])  # 3000: past a max= bound on the Dim
def test_runs_any_batch(exported, batch):
    model, program = exported
    x = torch.randn(batch, 6)
    try:
        out = program.module()(x)
    except Exception as e:  # the guard of a static batch size
        first = str(e).strip().splitlines()[0] if str(e).strip() else ""
        fail(f"The exported program refused a batch of {batch}: {type(e).__name__}: {first}",
             hint="without dynamic_shapes every size of the example is baked into the graph: pass "
                  "dynamic_shapes=({0: Dim('batch')},) to torch.export.export. If only some batch sizes are refused, "
                  "a Dim with min= or max= bounds the batch: Dim('batch') alone lets it take any size."
                  if batch != 4 else None)
    with torch.no_grad():
        want = model(x)
    expect(not model.training, "export_model switched the model to train mode; it came in eval mode.",
           hint="leave the mode as it is: the program should compute what the eval model computes.")
    expect_close(out, want, f"the exported program's output for a batch of {batch}",
                 hint="the model (with its Dropout) must be exported in eval mode, as it was given.")
