import torch
def softmax(x, dim):
    x.sub_(x.amax(dim, keepdim=True)).exp_()
    return x / x.sum(dim, keepdim=True)
