from torchvision.transforms import v2


def train_transform():
    return v2.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.3)
