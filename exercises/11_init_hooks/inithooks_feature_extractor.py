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
        # TODO: one forward hook per name, storing that layer's output in self._features[name]

    def forward(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        # TODO: clear the features, run the model, return {name: feature} in layer_names order
        raise NotImplementedError

    def remove(self) -> None:
        # TODO: remove every hook registered in __init__
        ...


if __name__ == "__main__":
    cnn = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Conv2d(8, 16, 3), nn.ReLU())
    extractor = FeatureExtractor(cnn, ["1", "3"])
    print({k: tuple(v.shape) for k, v in extractor(torch.randn(2, 3, 16, 16)).items()})
