from torchvision.transforms import v2


def train_transform():
    return v2.RandomVerticalFlip(p=0.5)
