import torch

from dlings.testing import expect, expect_close, expect_tensor, fail
from support_13_optimizers import Schedule, Trajectory, expect_same_trajectory, feed, start_params

STEPS = 20


def _penalty_grads(exercise, params, wd, what):
    leaves = [p.detach().clone().requires_grad_() for p in params]
    pen = expect_tensor(exercise.l2_penalty((p for p in leaves), wd), what)
    expect(pen.dim() == 0, f"{what} has shape {tuple(pen.shape)}; expected a 0-dim tensor (one number).",
           hint="sum over every element of every parameter.")
    expect(pen.requires_grad, f"{what} does not require grad: no gradient would flow from it into the parameters.",
           hint="build it from the parameters with tensor operations; no .item(), .detach() or torch.no_grad().")
    pen.backward()
    return leaves


def test_penalty_gradient_is_wd_times_p(exercise):
    for seed, wd in [(0, 0.1), (1, 0.03)]:
        params = start_params(seed)
        what = f"l2_penalty(model.parameters(), weight_decay={wd})"
        leaves = _penalty_grads(exercise, params, wd, what)
        for i, (p, leaf) in enumerate(zip(params, leaves)):
            if leaf.grad is None:
                fail(f"{what}: params[{i}] (shape {tuple(p.shape)}) got no gradient from the penalty.",
                     hint="params may be a generator (model.parameters()): walk it once and include every "
                          "parameter.")
            norm = p.norm()
            expect_close(leaf.grad, wd * p, f"the gradient of {what} with respect to params[{i}] "
                         f"(shape {tuple(p.shape)})", rtol=1e-9, atol=1e-12, mistakes={
                             "the 1/2 is missing: the gradient of wd * p**2 is 2 * wd * p; use "
                             "0.5 * weight_decay * (sum of p**2).": 2 * wd * p,
                             "that is the norm, not its square: the gradient of ||p|| is p / ||p||. Sum p ** 2.":
                                 wd * p / norm,
                             "that is the norm, not its square: the gradient of 0.5 * ||p|| is 0.5 * p / ||p||. "
                             "Sum p ** 2.": 0.5 * wd * p / norm,
                             "a mean (divides by the number of elements); the L2 penalty is a SUM of p ** 2.":
                                 wd * p / p.numel(),
                         })
        pen = exercise.l2_penalty([p.clone() for p in params], wd)
        full = 0.5 * wd * sum((p ** 2).sum() for p in params)
        expect_close(pen.detach(), full, f"the value of {what}", rtol=1e-9, atol=1e-12,
                     hint="0.5 * weight_decay * (the sum of p ** 2 over every parameter).")


def _with_loss(make_opt, params0, sched, steps, penalty=None, decay=None, skip=None):
    """Train on the loss sum(0.5 * c * p**2 + n_t * p) (gradient c * p + n_t) with backward()."""
    params = [p.detach().clone().requires_grad_() for p in params0]
    opt = make_opt(params)
    traj = Trajectory(live=params, optimizer=opt)
    for t in range(steps):
        opt.zero_grad()
        loss = sum((0.5 * c * p ** 2 + n * p).sum() for c, p, n in zip(sched.curvature, params, sched.noise[t]))
        if penalty is not None:
            loss = loss + penalty(params)
        loss.backward()
        feed(params, [p.grad for p in params], (skip or {}).get(t, ()))
        if decay is not None:
            decay(opt)
        opt.step()
        traj.params.append([p.detach().clone() for p in params])
    return traj


def test_sgd_and_adam_on_loss_plus_penalty_follow_weight_decay(exercise):
    wd = 0.2
    params0, sched = start_params(2), Schedule(2, STEPS)
    for name, make in [("SGD(lr=0.02, momentum=0.9)", lambda wd_: lambda ps: torch.optim.SGD(
                            ps, lr=0.02, momentum=0.9, weight_decay=wd_)),
                       ("Adam(lr=0.05)", lambda wd_: lambda ps: torch.optim.Adam(ps, lr=0.05, weight_decay=wd_))]:
        got = _with_loss(make(0.0), params0, sched, STEPS, penalty=lambda ps: exercise.l2_penalty(ps, wd))
        ref = _with_loss(make(wd), params0, sched, STEPS)
        expect_same_trajectory(got, ref, f"torch.optim.{name} on loss + l2_penalty(params, {wd}), compared with "
                               f"{name.replace(')', f', weight_decay={wd})')} on the loss alone", start=None,
                               mistakes={"the penalty does not reach the gradient (a float, or detached?).":
                                         lambda: _with_loss(make(0.0), params0, sched, STEPS)})


def _two_groups(lr_a, lr_b):
    def make(cls, **kw):
        return lambda ps: cls([{"params": ps[:2], "lr": lr_a}, {"params": ps[2:]}], lr=lr_b, **kw)
    return make


def test_decoupled_decay_turns_adam_into_adamw(exercise):
    # group 0: params[0], params[1] with lr 0.05; group 1: params[2] with lr 0.2 (the default given to Adam)
    wd = 0.3
    make = _two_groups(0.05, 0.2)
    params0, sched = start_params(3), Schedule(3, STEPS)
    skip = {4: [2], 5: [2], 9: [0]}
    calls = []

    def decay(opt):
        calls.append(exercise.decoupled_decay_(opt, wd))

    got = _with_loss(make(torch.optim.Adam), params0, sched, STEPS, decay=decay, skip=skip)
    ref = _with_loss(make(torch.optim.AdamW, weight_decay=wd), params0, sched, STEPS, skip=skip)

    def wrong(rule):
        return _with_loss(make(torch.optim.Adam), params0, sched, STEPS, decay=rule, skip=skip)

    def by_group(lr_of, when_none=False):
        def rule(opt):
            with torch.no_grad():
                for group in opt.param_groups:
                    for p in group["params"]:
                        if p.grad is not None or when_none:
                            p.mul_(1 - lr_of(opt, group) * wd)
        return rule

    mistakes = {
        "nothing was decayed: decoupled_decay_ must change each p in place (p.mul_(...), under torch.no_grad()).":
            lambda: wrong(lambda opt: None),
        "every group was decayed with one lr (the optimiser's default, or the first group's): each p uses the "
        "lr of its own group, group[\"lr\"].": lambda: wrong(by_group(lambda opt, g: opt.defaults["lr"])),
        "every group was decayed with the FIRST group's lr: use each group's own group[\"lr\"].":
            lambda: wrong(by_group(lambda opt, g: opt.param_groups[0]["lr"])),
        "the decay is p * (1 - lr * weight_decay): the lr is missing.": lambda: wrong(by_group(lambda opt, g: 1.0)),
        "a parameter whose .grad is None was decayed too; AdamW skips it entirely.":
            lambda: wrong(by_group(lambda opt, g: g["lr"], when_none=True)),
        "this is coupled decay (weight_decay * p added to the gradient): that is Adam's weight_decay, which IS "
        "the L2 penalty. AdamW shrinks p itself.":
            lambda: _with_loss(make(torch.optim.Adam, weight_decay=wd), params0, sched, STEPS, skip=skip),
    }
    expect_same_trajectory(got, ref, f"Adam with two groups (lr 0.05 and 0.2) and decoupled_decay_(opt, {wd}) "
                           "before each step(), compared with torch.optim.AdamW (params[2] has .grad None at "
                           "steps 5, 6; params[0] at step 10)", mistakes=mistakes)
