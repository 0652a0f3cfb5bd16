import torch
from torch.utils.data import DataLoader, IterableDataset

from dlings.testing import expect, expect_close, expect_equal, fail
from support_17_data import describe, take

TEXT = "# a, b, c, label\n1.0, 2.0, 3.0, 4\n\n   \n-0.5,0.25,  8 ,0\n# note\n  7, 7, 7, 2  \n1e-3, 2.5, -3, 1\n"
WANT = [([1.0, 2.0, 3.0], 4), ([-0.5, 0.25, 8.0], 0), ([7.0, 7.0, 7.0], 2), ([1e-3, 2.5, -3.0], 1)]


def _items(stream, what):
    if isinstance(stream, IterableDataset) is False:
        fail(f"{what} is {describe(stream)}, not a torch.utils.data.IterableDataset.",
             hint="class CsvStream(IterableDataset): with an __iter__ method.")
    return take(stream, 50, what)


def test_yields_the_data_lines_in_order(exercise):
    stream = exercise.CsvStream(TEXT)
    items = _items(stream, "CsvStream(text)")
    expect_equal(len(items), len(WANT), "the number of pairs CsvStream(text) yields (4 data lines; empty, blank and "
                 "# lines skipped)", mistakes={
                     "the empty and blank lines were not skipped: skip a line when line.strip() is empty.": 6,
                     "the comment lines (starting with #) were not skipped.": 6,
                     "neither empty lines nor comments were skipped.": 8})
    for k, (item, (features, label)) in enumerate(zip(items, WANT, strict=True)):
        if not isinstance(item, tuple) or len(item) != 2:
            fail(f"item {k} of CsvStream(text) should be (features, label); got {describe(item)}.")
        expect_close(item[0], torch.tensor(features), f"the features of data line {k}",
                     mistakes={"the label is still among the features: it is the last number.":
                               torch.tensor(features + [float(label)])})
        if isinstance(item[1], torch.Tensor):
            fail(f"the label of data line {k} should be a Python int, got {describe(item[1])}.",
                 hint="the docstring asks for the last number as an int: int(last), not torch.tensor(...).")
        got_label = item[1]
        expect_equal(got_label, label, f"the label of data line {k}")
        expect(isinstance(got_label, int) and not isinstance(got_label, bool),
               f"the label of data line {k} should be an int, got {describe(item[1])}.", hint="int(last)")


TEXT2 = "5, 6\n   # an indented comment\n\t\n0.5, 3\n"


def test_first_line_and_indented_comments(exercise):
    items = _items(exercise.CsvStream(TEXT2), "CsvStream(text) on a text with no header line")
    labels = [item[1] if isinstance(item, tuple) and len(item) == 2 else item for item in items]
    expect(len(items) != 1 or labels != [3],
           "on a text whose FIRST line is data (\"5, 6\\n   # an indented comment\\n\\t\\n0.5, 3\\n\"), the first "
           "line was dropped.", hint="there may be no header: skip only lines that are empty or start with \"#\", "
           "never the first line as such.")
    expect(len(items) == 2,
           f"on the text \"5, 6\\n   # an indented comment\\n\\t\\n0.5, 3\\n\" CsvStream yielded {len(items)} "
           f"pairs instead of 2 (labels {labels}).",
           hint="strip each line BEFORE testing it: a comment may be indented (\"   # ...\"), and a line of only "
                "spaces or tabs counts as empty.")
    expect_equal(labels, [6, 3], "the labels of the text with no header line")
    expect_close(items[1][0], torch.tensor([0.5]), "the features of the line \"0.5, 3\" (one feature)")


def test_every_iteration_starts_over(exercise):
    stream = exercise.CsvStream(TEXT)
    first = _items(stream, "CsvStream(text), first pass")
    second = _items(stream, "CsvStream(text), second pass")
    expect(len(second) == len(first),
           f"a second `for` over the same CsvStream gave {len(second)} items instead of {len(first)}.",
           hint="__iter__ must start a fresh pass each time: make it a generator function (with yield) instead of "
                "returning one iterator made in __init__.")


def test_dataloader_batches_a_stream(exercise):
    loader = DataLoader(exercise.CsvStream(TEXT), batch_size=3)
    batches = take(loader, 10, "a DataLoader over CsvStream(text)")
    expect_equal(len(batches), 2, "the number of batches of 3 from a DataLoader over the 4 data lines")
    expect_close(batches[0][0], torch.tensor([f for f, _ in WANT[:3]]), "the features of the first batch")
    expect_close(batches[1][1], torch.tensor([1]), "the labels of the last batch")
