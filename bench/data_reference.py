"""Reference models on dlings.data sets: what each reaches, and in how many seconds, on one thread.

    python bench/data_reference.py                 # everything, 3 seeds (several minutes)
    python bench/data_reference.py shapes --seeds 5
    python bench/data_reference.py text sentiment sequences

Prints a markdown table (median over seeds, min-max in brackets) for docs/DATA.md, where later
tracks take their bars from. Each row: data set and variant, model, parameters, epochs or steps,
the metric reached on held-out data, and CPU seconds of training on one thread (process time:
steadier than wall time on a shared machine; data generation excluded).
"""
from __future__ import annotations

import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from dlings import data

torch.set_num_threads(1)
ROWS: list[tuple] = []


def params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# ------------------------------------------------------------------ image models

def linear(classes: int, size: int) -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(3 * size * size, classes))


def mlp(classes: int, size: int, hidden: int = 64) -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(3 * size * size, hidden), nn.ReLU(),
                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, classes))


def cnn(classes: int, size: int, width: int = 16) -> nn.Module:
    """Two 3x3 conv stages then global average pooling: about 5 k parameters at width 16."""
    return nn.Sequential(
        nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2 * width, classes))


def cnn3(classes: int, size: int, width: int = 16) -> nn.Module:
    """Three conv stages then global average pooling: about 15 k parameters at width 16."""
    return nn.Sequential(
        nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(2 * width, 2 * width, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2 * width, classes))


def hflip(x: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    flip = torch.rand(x.shape[0], generator=g) < 0.5
    return torch.where(flip.view(-1, 1, 1, 1), x.flip(-1), x)


def normalise(train, test):
    """Per-channel mean/std of the train images (what transforms.Normalize would use)."""
    mean, std = train.x.mean((0, 2, 3), keepdim=True), train.x.std((0, 2, 3), keepdim=True)
    return (train.x - mean) / std, (test.x - mean) / std


def train_images(model, train, test, *, epochs, lr=3e-3, batch=64, seed=0, augment=None, weights=None,
                 sampler_weights=None, loss_fn=None):
    torch.manual_seed(seed)
    xtrain, xtest = normalise(train, test)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator().manual_seed(seed)
    start = time.process_time()
    n = len(train)
    for _epoch in range(epochs):
        model.train()
        if sampler_weights is not None:
            order = torch.multinomial(sampler_weights, n, replacement=True, generator=g)
        else:
            order = torch.randperm(n, generator=g)
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            xb, yb = xtrain[idx], train.y[idx]
            if augment is not None:
                xb = augment(xb, g)
            loss = (loss_fn or F.cross_entropy)(model(xb), yb, weight=weights)
            opt.zero_grad()
            loss.backward()
            opt.step()
    seconds = time.process_time() - start
    model.eval()
    with torch.no_grad():
        pred = model(xtest).argmax(1)
    acc = (pred == test.y).float().mean().item()
    per_class = torch.stack([(pred[test.y == k] == k).float().mean() for k in range(len(test.classes))])
    return acc, per_class.mean().item(), per_class.min().item(), seconds


def shapes_rows(seeds: list[int]) -> None:
    configs = [
        # variant, size, classes, n_train, model name, builder, epochs, extra
        ("plain", 16, 6, 3000, "linear", linear, 8, {}),
        ("plain", 16, 6, 3000, "mlp", mlp, 8, {}),
        ("plain", 16, 6, 3000, "cnn2", cnn, 8, {}),
        ("plain", 16, 6, 3000, "cnn3", cnn3, 8, {}),
        ("plain", 16, 6, 2000, "cnn3", cnn3, 5, {}),
        ("plain", 16, 10, 3000, "mlp", mlp, 8, {}),
        ("plain", 16, 10, 3000, "cnn3", cnn3, 8, {}),
        ("shifted", 16, 6, 3000, "mlp", mlp, 8, {}),
        ("shifted", 16, 6, 3000, "mlp+flip", mlp, 8, {"augment": hflip}),
        ("shifted", 16, 6, 3000, "cnn3", cnn3, 8, {}),
        ("shifted", 16, 6, 3000, "cnn3+flip", cnn3, 8, {"augment": hflip}),
    ]
    for variant, size, classes, n, label, build, epochs, extra in configs:
        results = []
        for seed in seeds:
            train = data.shapes(n, variant=variant, size=size, classes=classes, seed=seed)
            test = data.shapes(1000, variant=variant, size=size, classes=classes, split="test", seed=seed)
            torch.manual_seed(seed)
            model = build(classes, size)
            results.append(train_images(model, train, test, epochs=epochs, seed=seed, **extra))
        add_row(f"shapes {variant} {size}px {classes} cl, {n} train", label, params(model), f"{epochs} ep",
                "test acc", [r[0] for r in results], [r[3] for r in results])


def gce_loss(logits, y, weight=None, q: float = 0.7):
    """Generalised cross-entropy (Zhang & Sabuncu 2018): (1 - p_y**q) / q, robust to flipped labels."""
    p = logits.softmax(1).gather(1, y[:, None]).squeeze(1).clamp_min(1e-6)
    return ((1 - p ** q) / q).mean()


def shapes_variant_rows(seeds: list[int]) -> None:
    """Imbalanced (balanced accuracy, worst class recall) and noisy labels (clean test accuracy)."""
    cases = {}
    for seed in seeds:
        train = data.shapes(3000, variant="imbalanced", classes=6, seed=seed)
        test = data.shapes(1200, variant="imbalanced", classes=6, split="test", seed=seed)
        counts = torch.bincount(train.y, minlength=6).float()
        for label, extra in [("cnn3", {}), ("cnn3 + WeightedRandomSampler", {"sampler_weights": (1 / counts)[train.y]}),
                             ("cnn3 + class-weighted CE", {"weights": counts.sum() / (6 * counts)})]:
            torch.manual_seed(seed)
            acc, bal, worst, sec = train_images(cnn3(6, 16), train, test, epochs=8, seed=seed, **extra)
            cases.setdefault(("imb", label), []).append((bal, worst, sec))
        train = data.shapes(3000, variant="noisy", classes=6, seed=seed)
        test = data.shapes(1000, variant="noisy", classes=6, split="test", seed=seed)
        for label, epochs, loss in [("cnn3 CE", 8, None), ("cnn3 CE", 20, None), ("cnn3 GCE q=0.7", 20, gce_loss)]:
            torch.manual_seed(seed)
            acc, bal, worst, sec = train_images(cnn3(6, 16), train, test, epochs=epochs, seed=seed, loss_fn=loss)
            cases.setdefault(("noisy", label, epochs), []).append((acc, 0, sec))
    for key, values in cases.items():
        if key[0] == "imb":
            add_row("shapes imbalanced (0.05) 16px 6 cl, 3000 train", key[1], 14534, "8 ep", "balanced test acc",
                    [v[0] for v in values], [v[2] for v in values])
            add_row("shapes imbalanced (0.05) 16px 6 cl, 3000 train", key[1], 14534, "8 ep", "worst-class recall",
                    [v[1] for v in values], [v[2] for v in values])
        else:
            add_row("shapes noisy (30 %) 16px 6 cl, 3000 train", key[1], 14534, f"{key[2]} ep", "clean test acc",
                    [v[0] for v in values], [v[2] for v in values])


# ------------------------------------------------------------------ text models

def bigram_loss(train_ids: torch.Tensor, val_ids: torch.Tensor, vocab: int, k: float = 0.1, mask=None) -> float:
    """Cross-entropy (nats/char) of the best bigram model: smoothed counts of the training text.
    `mask` (over val targets val_ids[1:]) restricts the average to some positions."""
    counts = torch.full((vocab, vocab), k)
    counts.index_put_((train_ids[:-1], train_ids[1:]), torch.ones(len(train_ids) - 1), accumulate=True)
    logp = (counts / counts.sum(1, keepdim=True)).log()
    nll = -logp[val_ids[:-1], val_ids[1:]]
    return (nll[mask] if mask is not None else nll).mean().item()


def answer_mask(text: str) -> torch.Tensor:
    """For "a+b=c;..." streams: True at each target position (text[1:]) that is a char of an answer."""
    out, inside = [], False
    for ch in text[:-1]:
        inside = True if ch == "=" else False if ch == ";" else inside
        out.append(inside)
    return torch.tensor(out)


class CharLSTM(nn.Module):
    def __init__(self, vocab: int, emb: int = 32, hidden: int = 128):
        super().__init__()
        self.emb, self.rnn, self.head = nn.Embedding(vocab, emb), nn.LSTM(emb, hidden, batch_first=True), nn.Linear(hidden, vocab)

    def forward(self, x):
        return self.head(self.rnn(self.emb(x))[0])


class Block(nn.Module):
    def __init__(self, d: int, heads: int):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj, self.heads = nn.Linear(d, 3 * d), nn.Linear(d, d), heads
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(b, t, d)
        x = x + self.proj(a)
        return x + self.mlp(self.ln2(x))


class TinyGPT(nn.Module):
    def __init__(self, vocab: int, block: int, d: int = 64, layers: int = 2, heads: int = 4):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, d), nn.Embedding(block, d)
        self.blocks = nn.Sequential(*[Block(d, heads) for _ in range(layers)])
        self.ln, self.head = nn.LayerNorm(d), nn.Linear(d, vocab)

    def forward(self, x):
        h = self.tok(x) + self.pos(torch.arange(x.shape[1]))
        return self.head(self.ln(self.blocks(h)))


def train_lm(model, train_ids, val_ids, *, steps, block, batch=32, lr=3e-3, seed=0, mask=None):
    torch.manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    g = torch.Generator().manual_seed(seed)
    start = time.process_time()
    for _step in range(steps):
        idx = torch.randint(0, len(train_ids) - block - 1, (batch,), generator=g)[:, None] + torch.arange(block + 1)
        chunk = train_ids[idx]
        logits = model(chunk[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), chunk[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    seconds = time.process_time() - start
    model.eval()
    val = data.lm_windows(val_ids, block)
    with torch.no_grad():
        logits = model(val.x)
        nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), val.y.reshape(-1), reduction="none")
    if mask is not None:   # the windows cover val_ids[:N * block + 1]; targets are positions 1..
        nll = nll[mask[: nll.numel()]]
    return nll.mean().item(), seconds


def text_rows(seeds: list[int]) -> None:
    sets = [("grammar_text 60k chars", "val nats/char",
             lambda split, seed: data.grammar_text(60_000, split=split, seed=seed), False),
            ("arithmetic 2-digit +, 8000 strings joined by ;", "val nats/answer char",
             lambda split, seed: ";".join(data.arithmetic(8000, split=split, seed=seed)), True)]
    models = [  # name, build(vocab), steps, block, lr
        ("lstm 128", lambda v: CharLSTM(v), 600, 64, 1e-2),
        ("tiny gpt d64 L2", lambda v: TinyGPT(v, 64), 600, 64, 3e-3),
        ("tiny gpt d32 L2 (check size)", lambda v: TinyGPT(v, 32, d=32), 300, 32, 1e-2),
    ]
    for name, metric, make, answers in sets:
        rows: dict[str, tuple[list, list, int, str]] = {}
        for seed in seeds:
            train_text, val_text = make("train", seed), make("val", seed)[:20_000]
            vocab = data.Vocab.build(train_text + val_text, specials=())
            tr, va = vocab.encode(train_text), vocab.encode(val_text)
            mask = answer_mask(val_text) if answers else None
            row = rows.setdefault("bigram (counts)", ([], [], len(vocab) ** 2, "-"))
            row[0].append(bigram_loss(tr, va, len(vocab), mask=mask))
            row[1].append(0.0)
            for label, build, steps, block, lr in models:
                torch.manual_seed(seed)
                model = build(len(vocab))
                loss, sec = train_lm(model, tr, va, steps=steps, block=block, lr=lr, seed=seed, mask=mask)
                row = rows.setdefault(label, ([], [], params(model), f"{steps} steps x 32 x {block}"))
                row[0].append(loss)
                row[1].append(sec)
        for label, (values, seconds, size, budget) in rows.items():
            add_row(name, label, size, budget, metric, values, seconds)


# ------------------------------------------------------------------ sentiment

class BagLinear(nn.Module):
    def __init__(self, vocab: int):
        super().__init__()
        self.vocab, self.head = vocab, nn.Linear(vocab, 2)

    def forward(self, padded, lengths):
        counts = torch.zeros(padded.shape[0], self.vocab).scatter_add_(1, padded, torch.ones_like(padded, dtype=torch.float))
        counts[:, 0] = 0
        return self.head(counts)


class BagMLP(BagLinear):
    def __init__(self, vocab: int, hidden: int = 64):
        super().__init__(vocab)
        self.head = nn.Sequential(nn.Linear(vocab, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 2))


class SentLSTM(nn.Module):
    def __init__(self, vocab: int, emb: int = 32, hidden: int = 64):
        super().__init__()
        self.emb, self.rnn, self.head = nn.Embedding(vocab, emb, padding_idx=0), nn.LSTM(emb, hidden, batch_first=True), nn.Linear(hidden, 2)

    def forward(self, padded, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(self.emb(padded), lengths, batch_first=True, enforce_sorted=False)
        return self.head(self.rnn(packed)[1][0][-1])


def train_seq_classifier(model, train, test, *, epochs, lr=3e-3, batch=32, seed=0):
    torch.manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loader = torch.utils.data.DataLoader(train, batch_size=batch, shuffle=True, collate_fn=train.collate,
                                         generator=torch.Generator().manual_seed(seed))
    start = time.process_time()
    for _ in range(epochs):
        model.train()
        for padded, lengths, y in loader:
            loss = F.cross_entropy(model(padded, lengths), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    seconds = time.process_time() - start
    model.eval()
    padded, lengths = test.padded()
    with torch.no_grad():
        pred = model(padded, lengths).argmax(1)
    return (pred == test.y).float().mean().item(), seconds


def sentiment_rows(seeds: list[int]) -> None:
    results = {"bag-of-words linear": ([], []), "bag-of-words mlp": ([], []), "lstm (packed)": ([], []),
               "lstm (packed), 3 ep": ([], [])}
    for seed in seeds:
        train_text, test_text = data.sentiment(2000, seed=seed), data.sentiment(1000, split="test", seed=seed)
        vocab = data.Vocab.build(train_text.texts, level="word")
        train, test = train_text.encode(vocab), test_text.encode(vocab)
        for name, build, epochs in [("bag-of-words linear", BagLinear, 10), ("bag-of-words mlp", BagMLP, 10),
                                    ("lstm (packed)", SentLSTM, 10), ("lstm (packed), 3 ep", SentLSTM, 3)]:
            torch.manual_seed(seed)
            model = build(len(vocab))
            acc, sec = train_seq_classifier(model, train, test, epochs=epochs, seed=seed)
            results[name][0].append(acc)
            results[name][1].append(sec)
            sizes = results.setdefault("_params", {})
            sizes[name] = params(model)
    sizes = results.pop("_params")
    for name, (values, seconds) in results.items():
        add_row("sentiment 2000 train", name, sizes[name], "3 ep" if "3 ep" in name else "10 ep", "test acc",
                values, seconds)


# ------------------------------------------------------------------ sequences

def sequences_rows(seeds: list[int]) -> None:
    """Forecasting one step ahead (test MSE), and the last token of variable-length sequences."""
    out: dict[str, tuple[list, list, int, str, str, str]] = {}
    for seed in seeds:
        train = data.forecast_windows(data.time_series(2000, seed=seed), lookback=48)
        test = data.forecast_windows(data.time_series(600, split="test", seed=seed), lookback=48)
        naive = F.mse_loss(test.x[:, -1:], test.y).item()
        out.setdefault("naive (last value)", ([], [], 0, "-", "time_series 2000 steps, lookback 48", "test MSE"))[0].append(naive)
        out["naive (last value)"][1].append(0.0)
        for label, build in [("linear", lambda: nn.Linear(48, 1)),
                             ("mlp 64", lambda: nn.Sequential(nn.Linear(48, 64), nn.ReLU(), nn.Linear(64, 1)))]:
            torch.manual_seed(seed)
            model = build()
            opt = torch.optim.Adam(model.parameters(), lr=3e-3)
            start = time.process_time()
            for epoch in range(20):
                for xb, yb in train.batches(64, seed=seed * 100 + epoch):
                    # the level drifts with the trend: predict the change from the last value
                    loss = F.mse_loss(model(xb - xb[:, -1:]) + xb[:, -1:], yb)
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
            sec = time.process_time() - start
            with torch.no_grad():
                mse = F.mse_loss(model(test.x - test.x[:, -1:]) + test.x[:, -1:], test.y).item()
            row = out.setdefault(label, ([], [], params(model), "20 ep", "time_series 2000 steps, lookback 48", "test MSE"))
            row[0].append(mse)
            row[1].append(sec)
        train = data.variable_length(2000, task="last", seed=seed)
        test = data.variable_length(1000, task="last", split="test", seed=seed)
        for label, packed in [("lstm, packed (h_n)", True), ("lstm, output at padded end", False)]:
            torch.manual_seed(seed)
            model = LastToken(packed)
            acc, sec = train_seq_classifier(model, train, test, epochs=5, seed=seed)
            row = out.setdefault(label, ([], [], params(model), "5 ep", "variable_length last, 2000 train, len 2-20",
                                         "test acc"))
            row[0].append(acc)
            row[1].append(sec)
    for label, (values, seconds, size, budget, name, metric) in out.items():
        add_row(name, label, size, budget, metric, values, seconds)


class LastToken(nn.Module):
    def __init__(self, packed: bool, vocab: int = 10, hidden: int = 32):
        super().__init__()
        self.packed = packed
        self.emb, self.rnn, self.head = nn.Embedding(vocab, 16, padding_idx=0), nn.LSTM(16, hidden, batch_first=True), nn.Linear(hidden, vocab)

    def forward(self, padded, lengths):
        e = self.emb(padded)
        if self.packed:
            packed = nn.utils.rnn.pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
            return self.head(self.rnn(packed)[1][0][-1])
        return self.head(self.rnn(e)[0][:, -1])


def add_row(dataset, model, n_params, budget, metric, values, seconds):
    med = statistics.median(values)
    row = (dataset, model, n_params, budget, metric, f"{med:.3f} [{min(values):.3f}-{max(values):.3f}]",
           f"{statistics.median(seconds):.1f}")
    ROWS.append(row)
    print("| " + " | ".join(str(c) for c in row) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("groups", nargs="*", default=["shapes"])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    seeds = list(range(args.seeds))
    print("| data set | model | params | budget | metric | median [min-max] | s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for group in args.groups:
        globals()[f"{group}_rows"](seeds)


if __name__ == "__main__":
    main()
