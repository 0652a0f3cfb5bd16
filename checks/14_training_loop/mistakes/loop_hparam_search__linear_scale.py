"""loop_hparam_search: random search, on a log scale, within a budget.

Write search(train_and_score, budget, target, seed) -> (best_config, best_score).
train_and_score(config) trains a fresh small model with
config = {"lr": float, "hidden": int} and returns its validation accuracy;
each call is one trial and costs real time, so:
  - run at most `budget` trials, and stop as soon as one scores >= target;
  - draw each trial from rng = random.Random(seed), made once: first
    lr = 10 ** rng.uniform(-4, 1) (log-uniform: every factor of 10 between
    1e-4 and 10 is equally likely; a uniform draw would be above 1 nine times
    in ten), then hidden = rng.choice([4, 16, 64]);
  - return the best config tried and its score (the first one, on a tie).

Read: random.Random, "Random Search for Hyper-Parameter Optimization" (Bergstra & Bengio)
"""
import random


def search(train_and_score, budget, target, seed):
    rng = random.Random(seed)
    best_config, best_score = None, float("-inf")
    for _ in range(budget):
        config = {"lr": rng.uniform(1e-4, 10), "hidden": rng.choice([4, 16, 64])}
        score = train_and_score(config)
        if score > best_score:
            best_config, best_score = config, score
        if score >= target:
            break
    return best_config, best_score


if __name__ == "__main__":
    import math

    def fake_train_and_score(config):      # best near lr = 0.3 with a wide model
        return math.exp(-(math.log10(config["lr"]) + 0.5) ** 2) * (config["hidden"] / 64) ** 0.1

    print(search(fake_train_and_score, budget=10, target=0.9, seed=0))
