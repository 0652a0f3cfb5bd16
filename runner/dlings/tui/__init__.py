"""The Textual interface of `dlings watch`."""
