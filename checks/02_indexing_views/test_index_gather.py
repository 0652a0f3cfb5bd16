import torch

from dlings.testing import expect_close, no_loops


def test_label_scores(exercise):
    torch.manual_seed(0)
    for n, c in [(4, 4), (6, 10), (1, 3), (5, 2)]:
        logits = torch.randn(n, c)
        labels = torch.randint(0, min(n, c), (n,))
        want = logits[torch.arange(n), labels]
        mistakes = {
            "logits[:, labels] takes ALL the label columns for EVERY row (an N x N grid); pair each row with its own label.":
                logits[:, labels],
            "the result kept the gathered column dimension (N, 1): squeeze(1) it away.": want.unsqueeze(1),
            "gather along dim 0 reads down the columns (logits[labels[i], 0]); the classes are along dim 1.":
                logits.gather(0, labels.unsqueeze(1)).squeeze(1),
        }
        expect_close(exercise.label_scores(logits, labels), want,
                     what=f"label_scores(logits, labels) for logits of shape {(n, c)}", mistakes=mistakes)


def test_no_python_loop(exercise):
    no_loops(exercise.label_scores)
