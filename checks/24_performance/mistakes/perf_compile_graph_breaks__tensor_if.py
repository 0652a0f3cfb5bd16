"""perf_compile_graph_breaks: code that torch.compile can capture whole.

torch.compile traces a function into a graph of tensor ops and compiles
that graph. Where the tracer must leave the graph, a GRAPH BREAK splits the
function into pieces with plain Python between them: less to optimise,
more overhead. A Python decision on a tensor's VALUE is such a place:
`if t.max() > 1:` (with or without .item()), bool(t); so are print(t)
and t.tolist(). torch.compile(fn, fullgraph=True) turns any break into
an error, so it is easy to test.

`scaled_clip_slow` rescales x so that its largest absolute value is at
most `limit` (x unchanged when it already is), but it breaks the graph.
Write `scaled_clip(x, limit)`: the same values for any x (all zeros
included) and any limit > 0, as code that compiles with fullgraph=True.

Read: torch.compile (fullgraph), "torch.compile: graph breaks",
torch.clamp, torch.where
"""
import torch


def scaled_clip_slow(x: torch.Tensor, limit: float) -> torch.Tensor:
    peak = x.abs().max().item()
    if peak > limit:
        x = x * (limit / peak)
    return x


def scaled_clip(x: torch.Tensor, limit: float) -> torch.Tensor:
    peak = x.abs().max()
    if peak > limit:  # no .item() any more
        x = x * (limit / peak)
    return x


if __name__ == "__main__":
    compiled = torch.compile(scaled_clip, fullgraph=True, backend="eager")
    x = torch.randn(5) * 4
    print(x, compiled(x, 2.0), scaled_clip_slow(x, 2.0), sep="\n")
