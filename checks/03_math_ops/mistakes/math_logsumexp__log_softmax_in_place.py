import torch
def logsumexp(x, dim):
    m = x.amax(dim, keepdim=True)
    return (m + (x - m).exp().sum(dim, keepdim=True).log()).squeeze(dim)
def log_softmax(x, dim):
    return x.sub_(logsumexp(x, dim).unsqueeze(dim))
