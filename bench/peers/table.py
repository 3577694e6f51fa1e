"""The pure parts of the peers benchmark: medians of interleaved rounds and the table."""

import statistics
from collections.abc import Mapping, Sequence

Rounds = Mapping[str, Mapping[str, Sequence[Sequence[float]]]]  # page -> system -> rounds


def median_of_rounds(rounds: Sequence[Sequence[float]]) -> float | None:
    """The median of each round's median: one slow round (a busy machine) moves it little.

    A round with no timings (a page the system does not have) is left out; with none
    at all the answer is None.
    """
    medians = [statistics.median(r) for r in rounds if r]
    return statistics.median(medians) if medians else None


def interleave(systems: Sequence[str], n_rounds: int) -> list[tuple[int, str]]:
    """The order of the runs: every system once in a round, the order turned each round,
    so none is always measured first (cold) or last."""
    order = []
    for r in range(n_rounds):
        shift = r % len(systems) if systems else 0
        for name in list(systems[shift:]) + list(systems[:shift]):
            order.append((r, name))
    return order


def format_figure(value: float | str | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):  # why a system has no figure here, e.g. "n/a (PostgreSQL only)"
        return value
    return f"{value:.0f} {unit}" if unit == "MiB" else f"{value:.1f} {unit}"


def format_table(
    rows: Sequence[tuple[str, str, Mapping[str, float | str | None]]],
    medius: str,
    peers: Sequence[str],
) -> str:
    """A Markdown table: page, Medius, each peer, the best (lowest) peer, and Medius's
    figure divided by the best peer's (below 1: Medius is faster or smaller).

    ``rows`` are (page, unit, {system: figure}); a missing or None figure is "n/a", and a
    text stands in its cell as written (and is no figure to compare).
    """
    head = ["page", medius, *peers, "best peer", "ratio"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for page, unit, figures in rows:
        ours = figures.get(medius)
        known = [(figure, p) for p in peers if isinstance(figure := figures.get(p), float | int)]
        best = min(known) if known else None
        best_cell = f"{best[1]} {format_figure(best[0], unit)}" if best else "n/a"
        ratio = "n/a"
        if best is not None and isinstance(ours, float | int) and best[0] > 0:
            ratio = f"{ours / best[0]:.2f}"
        cells = [page, format_figure(ours, unit)]
        cells += [format_figure(figures.get(p), unit) for p in peers]
        cells += [best_cell, ratio]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
