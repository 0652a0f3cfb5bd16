import torch
from torch.utils.data import DataLoader, Dataset, RandomSampler
class Jittered(Dataset):
    def __len__(self): return 12
    def __getitem__(self, i): return torch.tensor(float(i)) + torch.rand(())
def make_loader(dataset, batch_size, workers, seed):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True, num_workers=workers, generator=torch.Generator().manual_seed(seed), pin_memory=torch.cuda.is_available())
