"""transfer_torchvision_weights: the real thing, ImageNet weights from torchvision.

Everything in this track works the same with weights pretrained on ImageNet
(1.2 million photos). torchvision ships them per model as a weights enum:
the weights themselves, plus the preprocessing they were trained with
(resize, crop, normalise with ImageNet's mean and std): use both together.

Write load_resnet18(num_classes) -> (model, preprocess): model is
torchvision's resnet18 with the ResNet18_Weights.IMAGENET1K_V1 weights, every
pretrained parameter frozen, and model.fc replaced by a fresh, trainable
nn.Linear to num_classes; preprocess is those weights' own transforms().

This one needs the weights file (45 MB) in torch's cache: checks never
download. Fetch it once (online), then the check runs offline:
    python -c "import torchvision; torchvision.models.resnet18(weights='IMAGENET1K_V1')"
Without it the check is skipped, and you can go on.

Read: torchvision.models.resnet18, torchvision.models.ResNet18_Weights
(transforms), "Models and pre-trained weights" in the torchvision docs
"""
import torch
from torch import nn
from torchvision import models


def load_resnet18(num_classes: int) -> tuple[nn.Module, nn.Module]:
    weights = models.ResNet18_Weights.IMAGENET1K_V1
    model = models.resnet18(weights=weights)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    model.requires_grad_(False)
    return model, weights.transforms()


if __name__ == "__main__":
    model, preprocess = load_resnet18(4)
    image = torch.randint(0, 256, (3, 300, 400), dtype=torch.uint8)
    print(preprocess(image).shape, model(preprocess(image).unsqueeze(0)).shape)
