from torchvision.transforms import v2


def train_transform():
    return v2.Compose([v2.RandomHorizontalFlip(p=0.0), v2.RandomCrop(16, padding=1)])
