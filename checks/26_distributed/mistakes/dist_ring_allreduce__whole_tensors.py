import torch


def ring_all_reduce(xs, net):
    W = len(xs)
    totals = [x.clone() for x in xs]
    passing = [x.clone() for x in xs]
    for step in range(W - 1):
        for r in range(W):
            net.send(r, (r + 1) % W, passing[r])
        for r in range(W):
            passing[r] = net.recv(r, (r - 1) % W)
            totals[r] = totals[r] + passing[r]
    return totals
