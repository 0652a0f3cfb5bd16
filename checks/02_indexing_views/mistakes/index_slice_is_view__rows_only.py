import torch


def zero_border_(img):
    img[..., 0, :] = 0
    img[..., -1, :] = 0



if __name__ == "__main__":
    img = torch.ones(4, 5)
    zero_border_(img)
    print(img)
