"""inithooks_feature_extractor: named intermediate outputs, without touching forward().

FeatureExtractor(model, layer_names) wraps a model; calling it on x runs the
model once and returns {name: output of the submodule called `name`} (names as
in model.named_modules(), e.g. "features.3"), in the order of layer_names.
Register ONE forward hook per named layer in __init__ (not in forward: hooks
would pile up on every call), let forward() clear the stored features, run
self.model(x) and return them; remove() takes the hooks off. Do NOT detach
here: the features feed a loss (say, a perceptual loss) and need their graph.
Read: torch.nn.Module.register_forward_hook, torch.nn.Module.get_submodule
"""
import torch
from torch import nn


class FeatureExtractor(nn.Module):
    def __init__(self, model: nn.Module, layer_names: list[str]):
        super().__init__()
        self.model = model
        self.layer_names = list(layer_names)
        self._features = {}
        self._handles = []
        for name in self.layer_names:
            layer = model.get_submodule(name)
            self._handles.append(layer.register_forward_hook(self._make_hook(name)))

    def _make_hook(self, name):
        def hook(module, inputs, output):
            self._features[name] = output
        return hook

    def forward(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        self._features = {}
        self.model(x)
        return {name: self._features[name] for name in self.layer_names}

    def remove(self) -> None:
        # TODO: remove every hook registered in __init__
        ...


if __name__ == "__main__":
    cnn = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Conv2d(8, 16, 3), nn.ReLU())
    extractor = FeatureExtractor(cnn, ["1", "3"])
    print({k: tuple(v.shape) for k, v in extractor(torch.randn(2, 3, 16, 16)).items()})
