"""The edge-case helpers of dlings.testing (docs/AUTHORING.md, "Checks that generalise")."""
import math

import pytest
import torch
from torch import nn

from dlings.testing import (CheckAuthoringError, CheckFailure, boundary_values, edge_shapes, expect_meta_call,
                            expect_module_called, expect_untouched, model_with_distractors, snapshot)


def test_edge_shapes_cover_size_one_and_higher_ranks():
    assert edge_shapes(2) == [(3, 5), (1, 5), (3, 1), (1, 1), (2, 3, 5), (2, 3, 3, 5)]
    assert edge_shapes(1, higher=0) == [(3,), (1,)]
    assert edge_shapes(0) == [(), (2,), (2, 3)]
    shapes = edge_shapes(3, sizes=(4, 4, 4), higher=1, batch=(5,))
    assert shapes == [(4, 4, 4), (1, 4, 4), (4, 1, 4), (4, 4, 1), (1, 1, 1), (5, 4, 4, 4)]
    assert edge_shapes(2) == edge_shapes(2)                     # deterministic
    with pytest.raises(CheckAuthoringError):
        edge_shapes(2, sizes=(3,))


def test_edge_shapes_catch_squeeze_everything():
    def row_sums_wrong(x):            # squeezes every dim: wrong for (1, n) and (n, 1)
        return x.sum(-1, keepdim=True).squeeze()

    def row_sums(x):
        return x.sum(-1)

    bad = [s for s in edge_shapes(2) if row_sums_wrong(torch.ones(s)).shape != row_sums(torch.ones(s)).shape]
    assert bad == [(1, 5), (1, 1)]


def test_meta_call_accepts_device_generic_code():
    got = expect_meta_call(lambda x: torch.zeros_like(x) + x.sum(-1, keepdim=True), (3, 4),
                           reference=lambda x: x * 2)
    assert got.device.type == "meta" and tuple(got.shape) == (3, 4)
    expect_meta_call(lambda x, y: x @ y, (2, 3), torch.randn(3, 5), expected_shape=(2, 5))
    expect_meta_call(lambda x, scale: x * scale, (4,), 2.0, dtype=torch.float64, expected_dtype=torch.float64)


@pytest.mark.parametrize("fn, fragment", [
    (lambda x: x + torch.ones(x.shape[-1]), "RuntimeError"),             # a CPU tensor beside a meta one
    (lambda x: torch.zeros(x.shape), "not on meta"),                       # made on the default device
    (lambda x: x * x.sum().item(), "RuntimeError"),                        # .item() needs data
    (lambda x: torch.zeros(3, 3, device=x.device), "expected a result of shape (2, 4)"),
    (lambda x: x.double(), "expected a result of dtype torch.float32"),
    (lambda x: None, "should be a torch.Tensor"),
])
def test_meta_call_rejects_code_that_ignores_the_device(fn, fragment):
    with pytest.raises(CheckFailure) as info:
        expect_meta_call(fn, (2, 4), reference=lambda x: x + 1, what="f(x)")
    assert fragment in str(info.value)
    assert "meta" in str(info.value)


def test_meta_call_names_the_line_of_the_failing_code():
    def learner(x):
        return x.cpu() + 1

    with pytest.raises(CheckFailure) as info:
        expect_meta_call(learner, (2,))
    assert "test_testing_helpers.py: `return x.cpu() + 1`" in str(info.value)


def test_meta_call_with_a_reference_that_cannot_run_on_meta_is_an_authoring_error():
    with pytest.raises(CheckAuthoringError):
        expect_meta_call(lambda x: x, (2,), reference=lambda x: x.item())


def test_boundary_values_hold_the_boundaries_and_their_neighbours():
    v = boundary_values(-1, 1)
    assert v.dtype == torch.float32 and not v.requires_grad
    values = v.tolist()
    assert values == sorted(values) and -1.0 in values and 1.0 in values and 0.0 in values
    assert min(values) == -2.0 and max(values) == 2.0
    assert float(torch.nextafter(torch.tensor(1.0), torch.tensor(2.0))) in values
    assert float(torch.nextafter(torch.tensor(1.0), torch.tensor(0.0))) in values
    # `<=` and `<` disagree on some element, so do clamp and a strict where
    assert not torch.equal((v <= 1) & (v >= -1), (v < 1) & (v > -1))

    leaf = boundary_values(0, None, dtype=torch.float64, nonfinite=True, requires_grad=True)
    assert leaf.dtype == torch.float64 and leaf.requires_grad and leaf.is_leaf
    one_sided = leaf.detach()
    assert one_sided[0] == -math.inf and one_sided[-2] == math.inf and math.isnan(one_sided[-1])
    assert 0.0 in one_sided.tolist()
    with pytest.raises(CheckAuthoringError):
        boundary_values(None, None)


def test_model_with_distractors():
    before_rng = torch.random.get_rng_state()
    model, linears, others = model_with_distractors(nn.Linear, in_features=5, out_features=2)
    assert torch.equal(before_rng, torch.random.get_rng_state())      # the check's own seed is not consumed
    assert len(linears) == 3 and all(type(m) is nn.Linear for m in linears)
    kinds = {type(m) for m in others.values()}
    assert {nn.Conv2d, nn.Conv1d, nn.LayerNorm, nn.BatchNorm1d, nn.Embedding} <= kinds
    assert "scale" in others and "offset" in others
    again, _, _ = model_with_distractors(nn.Linear, in_features=5, out_features=2)
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), again.state_dict().values()))
    assert model(torch.randn(4, 5)).shape == (4, 2)

    convs = model_with_distractors(nn.Conv2d)[1]
    assert [type(m) for m in convs] == [nn.Conv2d]
    with pytest.raises(CheckAuthoringError):
        model_with_distractors(nn.GRU)


def test_initialising_every_module_is_caught_by_the_distractors():
    model, linears, others = model_with_distractors()
    before = snapshot(others)

    def right(m):
        if isinstance(m, nn.Linear):
            nn.init.zeros_(m.weight)

    model.apply(right)
    expect_untouched(others, before, "the modules that are not nn.Linear")

    def wrong(m):
        for p in m.parameters(recurse=False):
            nn.init.zeros_(p)

    model.apply(wrong)
    with pytest.raises(CheckFailure) as info:
        expect_untouched(others, before, "the modules that are not nn.Linear")
    assert "the modules that are not nn.Linear: block.1.weight should be left as it was" in str(info.value)


def test_expect_untouched_on_tensors_and_structure():
    x = torch.tensor([1.0, math.nan, 3.0])
    before = snapshot(x)
    expect_untouched(x, before, "your input x")                        # nan equals nan here
    x.add_(1)
    with pytest.raises(CheckFailure, match="your input x should be left as it was, but 2 of 3 values changed"):
        expect_untouched(x, before, "your input x")

    lin = nn.Linear(2, 2)
    before = snapshot(lin)
    lin.register_buffer("extra", torch.zeros(1))
    with pytest.raises(CheckFailure, match="new: extra"):
        expect_untouched(lin, before, "the layer")


def test_expect_module_called():
    inner = nn.Linear(2, 2)
    with expect_module_called(inner, "self.inner"):
        inner(torch.randn(1, 2))
    with pytest.raises(CheckFailure, match=r"self.inner was never called as a module"):
        with expect_module_called(inner, "self.inner"):
            inner.forward(torch.randn(1, 2))
    with pytest.raises(CheckFailure, match="called as a module 2 time"):
        with expect_module_called(inner, times=1):
            inner(torch.randn(1, 2))
            inner(torch.randn(1, 2))
    assert not inner._forward_hooks                                     # the hook is gone again


# -- helpers moved here from the tracks' support files -------------------------------------------------
def test_single_thread_puts_the_count_back():
    from dlings.testing import single_thread

    before = torch.get_num_threads()
    with single_thread():
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before


def test_hook_counts_and_expect_no_hooks():
    from dlings.testing import expect_no_hooks, hook_counts

    model = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
    assert hook_counts(model) == {}
    handles = [model[0].register_forward_hook(lambda *a: None), model[0].register_full_backward_hook(lambda *a: None),
               model.register_forward_pre_hook(lambda *a: None)]
    assert hook_counts(model) == {"0": 2, "(the model itself)": 1}
    with pytest.raises(CheckFailure, match=r"still registered.*0: 2") as info:
        expect_no_hooks(model, "collect(model)")
    assert "handle.remove()" in str(info.value)
    for handle in handles:
        handle.remove()
    expect_no_hooks(model, "collect(model)")


def test_state_differences():
    from dlings.testing import state_differences

    torch.manual_seed(0)
    a = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    b = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    b.load_state_dict(a.state_dict())
    assert state_differences(b, a) == []
    with torch.no_grad():
        b[0].bias += 1e-6
    assert state_differences(b, a) == ["0.bias"] and state_differences(b, a, exact=False) == []
    assert "1.weight" in state_differences(nn.Sequential(nn.Linear(2, 2)), a)   # missing keys count


def _sgd_run(lr: float, steps: int = 3, decay_grad: bool = False):
    from dlings.testing import Trajectory

    p = torch.tensor([1.0, -2.0], dtype=torch.float64)
    run = Trajectory()
    for _ in range(steps):
        g = 0.5 * p
        run.fed.append([g.clone()])
        p = p - lr * g
        run.params.append([p.clone()])
        run.grads_after.append([(g * 2) if decay_grad else g.clone()])
    return run


def test_expect_same_trajectory_names_the_step_and_the_mistake():
    from dlings.testing import expect_grads_untouched, expect_same_trajectory

    ref = _sgd_run(0.1)
    expect_same_trajectory(_sgd_run(0.1), ref, "your SGD")
    with pytest.raises(CheckFailure) as info:
        expect_same_trajectory(_sgd_run(0.2), ref, "your SGD", mistakes={"the lr is doubled": lambda: _sgd_run(0.2)})
    text = str(info.value)
    assert "params[0] (shape (2,)) after step 1 of your SGD" in text and "the lr is doubled" in text
    expect_grads_untouched(_sgd_run(0.1), "your SGD")
    with pytest.raises(CheckFailure, match=r"step 1 changed params\[0\] \(shape \(2,\)\)\.grad"):
        expect_grads_untouched(_sgd_run(0.1, decay_grad=True), "your SGD")
