from torchvision.transforms import v2


def train_transform(mean, std):
    return v2.Compose([v2.RandomCrop(16, padding=2), v2.RandomHorizontalFlip(),
                       v2.ColorJitter(brightness=0.3, contrast=0.3), v2.Normalize(mean, std)])


def eval_transform(mean, std):
    return train_transform(mean, std)
