# The ONNX files are built here with onnx.helper (milliseconds), not with torch.onnx.export (seconds).
# Measured: the check takes about 0.3 s on a 2-core machine once onnxruntime is imported.
import numpy as np
import pytest
import torch

from dlings.testing import expect_close, expect_tensor, fail

NAME_HINT = ("the input's name is whatever the file says (here not 'input'): "
             "name = session.get_inputs()[0].name, then session.run(None, {name: array}).")


def make_file(folder, input_name, act, seed):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    w1, b1 = rng.standard_normal((5, 8)).astype(np.float32), rng.standard_normal(8).astype(np.float32)
    w2, b2 = rng.standard_normal((8, 3)).astype(np.float32), rng.standard_normal(3).astype(np.float32)
    nodes = [helper.make_node("Gemm", [input_name, "w1", "b1"], ["h"]), helper.make_node(act, ["h"], ["a"]),
             helper.make_node("Gemm", ["a", "w2", "b2"], ["scores"])]
    graph = helper.make_graph(
        nodes, "net", [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["batch", 5])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 3])],
        [numpy_helper.from_array(a, n) for a, n in [(w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2")]])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = folder / f"{input_name}.onnx"
    onnx.save(model, str(path))
    w1, b1, w2, b2 = (torch.from_numpy(a) for a in (w1, b1, w2, b2))
    f = torch.relu if act == "Relu" else torch.tanh

    def reference(x):
        return f(x.detach().float() @ w1 + b1) @ w2 + b2
    return str(path), reference


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("onnx")
    return [make_file(folder, "pixels", "Relu", 0), make_file(folder, "features", "Tanh", 1)]


def call(exercise, path, x, what, hint):
    try:
        got = exercise.predict_onnx(path, x)
    except Exception as e:  # onnxruntime's errors (input name, element type) and tensor.numpy()'s
        text = str(e).strip().splitlines()[0][:300] if str(e).strip() else ""
        fail(f"predict_onnx(path, x) raised {type(e).__name__} for {what}: {text}", hint=hint)
    return expect_tensor(got, f"predict_onnx(path, x) for {what}", hint=(
        "session.run returns a list of NumPy arrays: take the first and turn it into a tensor with torch.from_numpy."))


def test_float32_inputs(exercise, files):
    torch.manual_seed(0)
    for path, reference in files:
        name = path.rsplit("/", 1)[-1]
        for batch in (4, 1):
            x = torch.randn(batch, 5)
            what = f"a float32 x of shape ({batch}, 5) and the file {name}"
            got = call(exercise, path, x, what, NAME_HINT)
            want = reference(x)
            expect_close(got, want, f"predict_onnx(path, x) for {what}", rtol=1e-5, atol=1e-5, mistakes={
                "session.run returns a LIST of arrays, one per output: return the first one, [0], as a tensor.":
                    want.unsqueeze(0)})


def test_float64_input(exercise, files):
    torch.manual_seed(1)
    path, reference = files[0]
    x = torch.randn(3, 5, dtype=torch.float64)
    what = "a float64 x of shape (3, 5)"
    got = call(exercise, path, x, what, "the file's input is float32 and onnxruntime does not convert: "
                                        "feed x.to(torch.float32).numpy() (or .astype(np.float32)).")
    expect_close(got, reference(x), f"predict_onnx(path, x) for {what}", rtol=1e-5, atol=1e-5)


def test_input_that_requires_grad(exercise, files):
    torch.manual_seed(2)
    path, reference = files[1]
    x = torch.randn(5, 2).t()  # not contiguous either
    x.requires_grad_(True)
    what = "an x of shape (2, 5) with requires_grad=True"
    got = call(exercise, path, x, what, "a tensor that requires grad has no .numpy(): "
                                        "x.detach() first (onnxruntime computes no gradients anyway).")
    expect_close(got, reference(x), f"predict_onnx(path, x) for {what}", rtol=1e-5, atol=1e-5)
