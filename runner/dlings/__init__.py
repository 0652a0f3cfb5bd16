"""dlings: small PyTorch exercises with instant, explaining checks."""

__version__ = "0.1.0"
