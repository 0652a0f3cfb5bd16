# The ONNX files are written here byte by byte (milliseconds), not with torch.onnx.export (seconds).
# Measured: the check takes about 0.3 s on a 2-core machine once onnxruntime is imported.
import numpy as np
import pytest
import torch

from dlings.testing import expect_close, expect_tensor, fail

NAME_HINT = ("the input's name is whatever the file says (here not 'input'): "
             "name = session.get_inputs()[0].name, then session.run(None, {name: array}).")


# A minimal protobuf writer for the few ONNX messages these files need: importing the `onnx` package to build them
# would cost seconds per check run (its import is slow), onnxruntime alone is fast.
def varint(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, value):
    """One protobuf field: an int as a varint, str/bytes as a length-delimited record."""
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    data = value.encode() if isinstance(value, str) else value
    return varint(number << 3 | 2) + varint(len(data)) + data


def value_info(name, width):  # ValueInfoProto: a float tensor of shape ("batch", width)
    shape = field(1, field(2, "batch")) + field(1, field(1, width))
    return field(1, name) + field(2, field(1, field(1, 1) + field(2, shape)))


def initializer(name, array):  # TensorProto: dims, data_type FLOAT (1), name, raw_data
    return b"".join(field(1, d) for d in array.shape) + field(2, 1) + field(8, name) + field(9, array.tobytes())


def node(op, inputs, output):  # NodeProto: inputs, output, op_type
    return b"".join(field(1, i) for i in inputs) + field(2, output) + field(4, op)


def make_file(folder, input_name, act, seed, hidden_output=False):
    rng = np.random.default_rng(seed)
    weights = {"w1": rng.standard_normal((5, 8)).astype(np.float32), "b1": rng.standard_normal(8).astype(np.float32),
               "w2": rng.standard_normal((8, 3)).astype(np.float32), "b2": rng.standard_normal(3).astype(np.float32)}
    nodes = [node("Gemm", [input_name, "w1", "b1"], "h"), node(act, ["h"], "a"), node("Gemm", ["a", "w2", "b2"], "scores")]
    graph = (b"".join(field(1, n) for n in nodes) + field(2, "net")
             + b"".join(field(5, initializer(k, v)) for k, v in weights.items())
             + field(11, value_info(input_name, 5)) + field(12, value_info("scores", 3))
             + (field(12, value_info("a", 8)) if hidden_output else b""))  # a second output: the hidden activations
    model = field(1, 8) + field(7, graph) + field(8, field(1, "") + field(2, 17))  # ir_version 8, opset 17
    path = folder / f"{input_name}.onnx"
    path.write_bytes(model)
    w1, b1, w2, b2 = (torch.from_numpy(a) for a in weights.values())
    f = torch.relu if act == "Relu" else torch.tanh

    def reference(x):
        return f(x.detach().float() @ w1 + b1) @ w2 + b2
    return str(path), reference


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("onnx")
    return [make_file(folder, "pixels", "Relu", 0), make_file(folder, "features", "Tanh", 1, hidden_output=True)]


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
                    want.unsqueeze(0)},
                hint="the file features.onnx has two outputs (the scores, then the hidden activations): "
                     "return the first, session.run(...)[0]." if name == "features.onnx" else None)


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
