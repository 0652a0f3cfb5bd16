import torch
from torch import nn

from dlings.testing import expect, expect_close, expect_equal, fail


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(6, 10)
        self.act1 = nn.ReLU()
        self.block = nn.Sequential(nn.Linear(10, 12), nn.ReLU(), nn.Linear(12, 8), nn.Tanh())
        self.act2 = nn.ReLU()
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        h = self.act1(self.fc1(x))
        return self.out(self.act2(self.block(h)))


def references(net, x):
    a1_in = net.fc1(x)
    a1 = net.act1(a1_in)
    b0 = net.block[0](a1)
    b1 = net.block[1](b0)
    t = net.block[3](net.block[2](b1))
    a2 = net.act2(t)
    return {"act1": a1, "block.1": b1, "act2": a2}, {"act1": a1_in, "block.1": b0, "act2": t}


def test_make_hook_stores_detached_output(exercise):
    store = {}
    hook = exercise.make_hook(store, "relu")
    expect(callable(hook), f"make_hook(store, name) should return a function (the hook), got {hook!r}.",
           hint="define `def hook(module, inputs, output): ...` inside make_hook and `return hook`.")
    layer = nn.ReLU()
    handle = layer.register_forward_hook(hook)
    x = torch.randn(3, 4, requires_grad=True)
    x2 = x * 2
    y = layer(x2)
    handle.remove()
    expect("relu" in store, f"after one forward the store should hold the key 'relu'; it holds {sorted(store)}.",
           hint="the hook must write into the `store` dict it was given, under `name`.")
    expect_close(store["relu"], y.detach(), what="the stored activation (output of an nn.ReLU)", mistakes={
        "the hook stored the module's input (inputs[0]); it should store its output.": x2.detach()})
    expect(not store["relu"].requires_grad,
           "the stored activation still requires grad: it is attached to the autograd graph.",
           hint="store output.detach(): otherwise every stored tensor keeps the whole graph (and its memory) alive.")


def test_attach_relu_hooks(exercise):
    torch.manual_seed(0)
    net = Net()
    x = torch.randn(5, 6)
    store = {}
    handles = exercise.attach_relu_hooks(net, store)
    expect(isinstance(handles, (list, tuple)), f"attach_relu_hooks should return a list of handles, got {handles!r}.",
           hint="collect what register_forward_hook returns into a list and return it.")
    net(x)
    refs, inputs = references(net, x)
    relus = sorted(refs)
    got_keys = sorted(store)
    linears = sorted(n for n, m in net.named_modules() if isinstance(m, nn.Linear))
    expect_equal(got_keys, relus, what="the names stored after one forward pass", mistakes={
        "the hooks are on the nn.Linear layers; this exercise asks for every nn.ReLU.": linears,
        "only the model's direct children are searched; model.named_modules() also finds the ReLU inside `block`.":
            ["act1", "act2"],
    })
    for name in relus:
        expect_close(store[name], refs[name].detach(), what=f"store[{name!r}]", mistakes={
            "the hook stored the module's input (inputs[0]); it should store its output.": inputs[name].detach(),
        })
        expect(not store[name].requires_grad, f"store[{name!r}] still requires grad.",
               hint="store output.detach() so the stored tensor does not keep the autograd graph alive.")
    expect_equal(len(handles), 3, what="the number of handles returned",
                 hint="one handle per hooked nn.ReLU (register_forward_hook returns it).")
    x2 = torch.randn(2, 6)
    net(x2)
    expect_close(store["act2"], references(net, x2)[0]["act2"].detach(), what="store['act2'] after a second forward",
                 hint="the hook should overwrite the entry on every forward.")
    for h in handles:
        h.remove()
    left = [n for n, m in net.named_modules() if m._forward_hooks]
    if left:
        fail(f"after removing the returned handles, hooks are still on {left}.",
             hint="return every handle you registered (one per ReLU).")
