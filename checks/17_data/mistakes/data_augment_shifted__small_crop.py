from torchvision.transforms import v2


def train_transform():
    return v2.RandomCrop(16, padding=2)
