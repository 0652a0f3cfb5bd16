# Measured: the solution's export takes 4-20 s on a loaded 2-core machine (the first torch.onnx.export in a process
# imports onnxscript and warms up torch.export); onnxruntime then runs the file in milliseconds. The file is
# exported once per check run (module fixture) and every test runs it.
import warnings

import numpy as np
import pytest
import torch
from torch import nn

from dlings.testing import expect, expect_close, fail

DYNAMIC = ("pass dynamic_shapes=({0: Dim('batch')},) to torch.onnx.export: one entry per input, a dict from dimension "
           "to Dim. (The legacy exporter, dynamo=False, spells it dynamic_axes={input_name: {0: 'batch'}}.)")


def build():
    torch.manual_seed(0)
    # The Dropout makes a file exported in train mode random (onnxruntime would not match the eval model).
    return nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 16), nn.Tanh(),
                         nn.Linear(16, 3)).eval()


def first_line(e):
    text = str(e).strip()
    return text.splitlines()[0][:300] if text else ""


@pytest.fixture(scope="module")
def session(exercise, tmp_path_factory):
    import onnxruntime

    model = build()
    path = tmp_path_factory.mktemp("onnx") / "model.onnx"
    what = "export_onnx(model, example, path) with an example batch of 4"
    torch.manual_seed(1)
    example = torch.randn(4, 6)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the exporter's notices (deprecations, the legacy exporter's)
            exercise.export_onnx(model, example, str(path))
    except Exception as e:  # the exporter's errors: constraint violations, bad dynamic_shapes
        fail(f"{what} raised {type(e).__name__}: {first_line(e)}",
             hint="dynamic_shapes has one entry per input (a tuple, like the args), each a dict from dimension to a "
                  "Dim: ({0: Dim('batch')},). Only dimension 0 varies; the features are fixed by the first Linear.")
    expect(path.is_file(), f"{what} wrote no file at path.",
           hint="torch.onnx.export(model, args, path, ...) writes the file when it is given a path; without one it "
                "returns an ONNXProgram, and its .save(path) writes it.")
    try:
        sess = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    except Exception as e:  # not an ONNX file
        fail(f"onnxruntime could not open the file export_onnx wrote: {first_line(e)}",
             hint="write the file with torch.onnx.export; torch.save writes a PyTorch pickle, not ONNX.")
    inputs = sess.get_inputs()
    expect(len(inputs) == 1, f"The ONNX file takes {len(inputs)} inputs ({[i.name for i in inputs]}); the model takes "
                             "one, the (batch, features) tensor.", hint="pass the example as args=(example,).")
    return model, sess


@pytest.mark.parametrize("batch", [4, 3, 1, 17])
def test_onnxruntime_matches_pytorch(session, batch):
    model, sess = session
    torch.manual_seed(batch)
    x = torch.randn(batch, 6)
    name = sess.get_inputs()[0].name
    try:
        out = sess.run(None, {name: x.numpy()})
    except Exception as e:  # onnxruntime's INVALID_ARGUMENT for a fixed batch size
        fail(f"onnxruntime refused a batch of {batch} for the exported file: {first_line(e)}",
             hint=f"without dynamic shapes every size of the example (batch 4) is baked into the graph: {DYNAMIC}"
                  if batch != 4 else None)
    with torch.no_grad():
        want = model(x)
    got = torch.from_numpy(np.asarray(out[0]))
    expect(not model.training, "export_onnx switched the model to train mode; it came in eval mode.",
           hint="leave the mode as it is: the file should compute what the eval model computes.")
    expect_close(got, want, f"onnxruntime's output for a batch of {batch}", rtol=1e-4, atol=1e-5,
                 hint="the model (with its Dropout) must be exported in eval mode, as it was given.")
