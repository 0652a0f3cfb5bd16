"""Text: a grammar corpus for character language models, arithmetic strings, sentiment sentences
that a bag of words cannot read, and a small vocabulary/tokenizer."""
from __future__ import annotations

import random
from typing import Any, Iterable, Sequence

import torch
from torch.utils.data import Dataset

from dlings.data._core import Split, check_n, generator


def _rng(name: str, split: str, seed: int) -> random.Random:
    """A Python RNG derived like the torch ones (string building is Python work anyway)."""
    return random.Random(int(generator(name, split, seed).initial_seed()))


# ------------------------------------------------------------------ the grammar corpus

_NOUNS = [("cat", "cats"), ("dog", "dogs"), ("bird", "birds"), ("fox", "foxes"), ("child", "children"),
          ("mouse", "mice"), ("teacher", "teachers"), ("farmer", "farmers"), ("horse", "horses"),
          ("queen", "queens"), ("wolf", "wolves"), ("baby", "babies"), ("owl", "owls"), ("artist", "artists")]
_TRANSITIVE = [("sees", "see"), ("chases", "chase"), ("likes", "like"), ("follows", "follow"),
               ("watches", "watch"), ("finds", "find"), ("helps", "help"), ("carries", "carry")]
_INTRANSITIVE = [("sleeps", "sleep"), ("runs", "run"), ("sings", "sing"), ("waits", "wait"), ("laughs", "laugh")]
_ADJECTIVES = ["small", "big", "red", "old", "happy", "quiet", "clever", "lazy", "brown", "young", "angry", "early"]
_DET_SINGULAR = ["the", "a", "every", "this", "that"]
_DET_PLURAL = ["the", "some", "two", "many", "these", "those"]
_PREPOSITIONS = ["near", "behind", "under", "with"]
_ADVERBS = ["quickly", "slowly", "often", "again", "today"]


def _noun_phrase(r: random.Random, plural: bool, depth: int) -> str:
    words = [r.choice(_DET_PLURAL if plural else _DET_SINGULAR)]
    if r.random() < 0.5:
        words.append(r.choice(_ADJECTIVES))
    words.append(r.choice(_NOUNS)[1 if plural else 0])
    if words[0] == "a" and words[1][0] in "aeiou":
        words[0] = "an"
    if depth < 2:
        roll = r.random()
        if roll < 0.2:   # the head's number decides the verb, not this inner noun's
            words += [r.choice(_PREPOSITIONS), _noun_phrase(r, r.random() < 0.5, depth + 1)]
        elif roll < 0.32:
            words += ["that", _verb_phrase(r, plural, depth + 1)]
    return " ".join(words)


def _verb_phrase(r: random.Random, plural: bool, depth: int) -> str:
    if r.random() < 0.65:
        words = [r.choice(_TRANSITIVE)[1 if plural else 0], _noun_phrase(r, r.random() < 0.5, depth + 1)]
    else:
        words = [r.choice(_INTRANSITIVE)[1 if plural else 0]]
    if r.random() < 0.25:
        words.append(r.choice(_ADVERBS))
    return " ".join(words)


def _sentence(r: random.Random) -> str:
    plural = r.random() < 0.5
    text = f"{_noun_phrase(r, plural, 0)} {_verb_phrase(r, plural, 0)}"
    if r.random() < 0.15:
        plural = r.random() < 0.5
        text += f" and {_noun_phrase(r, plural, 1)} {_verb_phrase(r, plural, 1)}"
    return text[0].upper() + text[1:] + "."


def grammar_text(n_chars: int = 20_000, *, split: str = "train", seed: int = 0) -> str:
    """`n_chars` characters of sentences from a small English-like grammar, e.g.
    "The clever fox near the dogs sees an old owl. Some babies sleep slowly."

    Words must be spelled, determiners and verbs agree in number with their head noun (across a
    prepositional phrase or a relative clause), "a" becomes "an" before a vowel: a character
    bigram model stays near 1.9 nats per character, a small LSTM or tiny GPT with a context of a
    few dozen characters gets far lower (see the table in docs/DATA.md)."""
    check_n(n_chars, "n_chars")
    r = _rng("grammar_text", split, seed)
    parts, total = [], 0
    while total < n_chars:
        sentence = _sentence(r)
        parts.append(sentence)
        total += len(sentence) + 1
    return " ".join(parts)[:n_chars]


# ------------------------------------------------------------------ arithmetic

def arithmetic(n: int = 1000, *, digits: int = 2, ops: str = "+", split: str = "train", seed: int = 0) -> list[str]:
    """`n` strings like "23+58=81": operands uniform in [0, 10**digits), operators drawn from `ops`
    ("+", "-", "*"); for "-" the larger operand comes first, so results are never negative.
    Split a string at "=" for (question, answer) pairs."""
    if not ops or set(ops) - set("+-*"):
        raise ValueError(f"ops must use only '+', '-' and '*', not {ops!r}")
    r = _rng(f"arithmetic/{digits}/{ops}", split, seed)
    out = []
    high = 10 ** digits
    for _ in range(check_n(n)):
        a, b, op = r.randrange(high), r.randrange(high), r.choice(ops)
        if op == "-" and b > a:
            a, b = b, a
        value = a + b if op == "+" else a - b if op == "-" else a * b
        out.append(f"{a}{op}{b}={value}")
    return out


# ------------------------------------------------------------------ sentiment

_SUBJECTS = ["the movie", "the food", "the service", "the plot", "the acting", "the music", "the room",
             "the staff", "the ending", "the price", "the book", "the game"]
_POSITIVE = ["good", "great", "excellent", "fun", "lovely", "nice", "pleasant", "brilliant", "superb", "enjoyable"]
_NEGATIVE = ["bad", "awful", "terrible", "boring", "poor", "dull", "horrible", "bland", "weak", "dreadful"]
_INTENSIFIERS = ["very", "really", "so", "quite", "extremely", "truly"]
_NEGATORS = ["not", "never"]


def _clause(r: random.Random, polarity: int) -> str:
    """A clause whose meaning has `polarity` (1 positive, 0 negative): the adjective's own polarity
    flipped by a negator half of the time."""
    negated = r.random() < 0.5
    word_positive = polarity != negated
    words = [r.choice(_SUBJECTS), r.choice(["was", "is"])]
    if negated:
        words.append(r.choice(_NEGATORS))
    if r.random() < 0.4:
        words.append(r.choice(_INTENSIFIERS))
    words.append(r.choice(_POSITIVE if word_positive else _NEGATIVE))
    return " ".join(words)


class TextSplit(Dataset):
    """Sentences and labels: `texts` (list of str), `y` (n,) int64, `split[i] -> (text, y_i)`;
    `encode(vocab)` turns it into a SequenceSplit of token ids (for padding and collate_fn)."""

    def __init__(self, texts: list[str], y: torch.Tensor, *, name: str, split: str = "train",
                 classes: list[str] | None = None, info: dict[str, Any] | None = None):
        self.texts, self.y = texts, y
        self.name, self.split, self.classes, self.info = name, split, classes, dict(info or {})

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int):
        return self.texts[index], self.y[index]

    def encode(self, vocab: "Vocab"):
        from dlings.data.sequences import SequenceSplit

        return SequenceSplit([vocab.encode(t) for t in self.texts], self.y, name=self.name, split=self.split,
                             classes=self.classes, info=self.info, pad_value=vocab.pad_id or 0)

    def __repr__(self) -> str:
        return f"TextSplit({self.name!r}, {self.split}, {len(self)} texts, classes {self.classes})"


def sentiment(n: int = 2000, *, contrast: float = 0.7, split: str = "train", seed: int = 0) -> TextSplit:
    """`n` short reviews labelled 1 (positive) or 0 (negative), classes balanced exactly.

    A clause is "<subject> was|is [not|never] [very|really|...] <adjective>"; negation flips the
    adjective. A fraction `contrast` of the sentences join two clauses of opposite meaning,
    "<c1> but <c2>" or "although <c1> , <c2>", and the label is the meaning of c2. The words of a
    contrast sentence say nothing about which clause comes second, so a bag-of-words model (even a
    non-linear one) stays far below a model that reads the order (LSTM, attention).
    info["form"] lists each sentence's form: "single", "but" or "although"."""
    r = _rng("sentiment", split, seed)
    labels = [k % 2 for k in range(check_n(n))]
    r.shuffle(labels)
    texts, forms = [], []
    for label in labels:
        roll = r.random()
        if roll >= contrast:
            texts.append(_clause(r, label))
            forms.append("single")
        elif roll < contrast * 0.65:
            texts.append(f"{_clause(r, 1 - label)} but {_clause(r, label)}")
            forms.append("but")
        else:
            texts.append(f"although {_clause(r, 1 - label)} , {_clause(r, label)}")
            forms.append("although")
    return TextSplit(texts, torch.tensor(labels, dtype=torch.long), name="sentiment", split=split,
                     classes=["negative", "positive"], info={"form": forms, "contrast": contrast})


# ------------------------------------------------------------------ vocabulary

class Vocab:
    """Tokens <-> ids, by characters (`level="char"`) or space-separated words (`level="word"`).

        vocab = Vocab.build(texts, level="word")      # specials first: <pad> = 0, <unk> = 1
        ids = vocab.encode("the food was not good")   # int64 tensor
        vocab.decode(ids)                             # "the food was not good" (padding dropped)
        padded, lengths = vocab.encode_batch(texts)   # (B, T_max) padded with pad_id, (B,)

    `specials=()` gives a bare vocabulary (a character LM needs no padding); then an unknown
    token is a KeyError."""

    def __init__(self, tokens: Sequence[str], *, level: str = "char", specials: Sequence[str] = ("<pad>", "<unk>")):
        if level not in ("char", "word"):
            raise ValueError(f"level must be 'char' or 'word', not {level!r}")
        self.level = level
        self.itos: list[str] = list(specials) + [t for t in tokens if t not in specials]
        self.stoi: dict[str, int] = {t: i for i, t in enumerate(self.itos)}
        self.pad_id = self.stoi.get("<pad>")
        self.unk_id = self.stoi.get("<unk>")

    @classmethod
    def build(cls, texts: str | Iterable[str], *, level: str = "char", specials: Sequence[str] = ("<pad>", "<unk>"),
              min_count: int = 1) -> "Vocab":
        """Every token of `texts` seen at least `min_count` times, sorted (so ids never depend on order)."""
        if isinstance(texts, str):
            texts = [texts]
        counts: dict[str, int] = {}
        for text in texts:
            for token in (text if level == "char" else text.split()):
                counts[token] = counts.get(token, 0) + 1
        return cls(sorted(t for t, c in counts.items() if c >= min_count), level=level, specials=specials)

    def __len__(self) -> int:
        return len(self.itos)

    def tokenize(self, text: str) -> list[str]:
        return list(text) if self.level == "char" else text.split()

    def encode(self, text: str) -> torch.Tensor:
        ids = []
        for token in self.tokenize(text):
            index = self.stoi.get(token, self.unk_id)
            if index is None:
                raise KeyError(f"{token!r} is not in the vocabulary (and it has no <unk>)")
            ids.append(index)
        return torch.tensor(ids, dtype=torch.long)

    def decode(self, ids: torch.Tensor | Sequence[int]) -> str:
        ids = ids.tolist() if isinstance(ids, torch.Tensor) else list(ids)
        tokens = [self.itos[i] for i in ids if i != self.pad_id]
        return ("" if self.level == "char" else " ").join(tokens)

    def encode_batch(self, texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
        from dlings.data.sequences import pad_batch

        return pad_batch([self.encode(t) for t in texts], self.pad_id or 0)

    def __repr__(self) -> str:
        return f"Vocab({self.level}, {len(self)} tokens: {self.itos[:8]}{' ...' if len(self) > 8 else ''})"


def lm_windows(ids: torch.Tensor, block_size: int, *, n: int | None = None, seed: int = 0) -> Split:
    """Language-model pairs from a 1-D id tensor: x (N, block_size), y (N, block_size) = x shifted
    by one (y[:, t] is the token after x[:, t]). `n=None`: consecutive non-overlapping windows;
    `n`: that many windows at random starts drawn from `seed`."""
    ids = torch.as_tensor(ids).reshape(-1)
    last_start = ids.numel() - block_size - 1
    if last_start < 0:
        raise ValueError(f"{ids.numel()} tokens are too few for windows of {block_size} + 1")
    if n is None:
        starts = torch.arange(0, last_start + 1, block_size)
    else:
        starts = torch.randint(0, last_start + 1, (check_n(n),), generator=torch.Generator().manual_seed(seed))
    offsets = starts[:, None] + torch.arange(block_size + 1)
    chunk = ids[offsets]
    return Split(chunk[:, :-1], chunk[:, 1:], name="lm_windows", info={"block_size": block_size})
