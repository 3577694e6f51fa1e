"""The pure parts of bench/peers (the harness itself needs the peers' virtualenvs)."""

import argparse
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "peers"))

import run  # its module level is only constants and functions: nothing is installed
from table import format_table, interleave, median_of_rounds


def test_median_of_rounds_is_the_median_of_each_rounds_median():
    # Round medians 2, 10 and 4: a mean of everything would be pulled up by the slow round.
    assert median_of_rounds([[1, 2, 3], [10, 10, 90], [4, 4, 5]]) == 4


def test_median_of_rounds_skips_empty_rounds_and_knows_none():
    assert median_of_rounds([[], [3.0], [5.0]]) == 4.0
    assert median_of_rounds([[], []]) is None


def test_interleave_runs_every_system_once_a_round_and_turns_the_order():
    order = interleave(["Medius", "Spirit", "xtd"], 3)
    assert order == [
        (0, "Medius"), (0, "Spirit"), (0, "xtd"),
        (1, "Spirit"), (1, "xtd"), (1, "Medius"),
        (2, "xtd"), (2, "Medius"), (2, "Spirit"),
    ]  # fmt: skip


def test_table_names_the_best_peer_and_medius_ratio_to_it():
    table = format_table(
        [
            ("home, SQLite", "ms", {"Medius": 20.0, "Spirit": 10.0, "Misago": 40.0}),
            ("memory, SQLite", "MiB", {"Medius": 81.4, "Spirit": None, "Misago": 90.0}),
        ],
        "Medius",
        ["Spirit", "Misago"],
    )
    assert table.splitlines() == [
        "| page | Medius | Spirit | Misago | best peer | ratio |",
        "|---|---:|---:|---:|---:|---:|",
        "| home, SQLite | 20.0 ms | 10.0 ms | 40.0 ms | Spirit 10.0 ms | 2.00 |",
        "| memory, SQLite | 81 MiB | n/a | 90 MiB | Misago 90 MiB | 0.90 |",
    ]


def test_table_without_any_peer_figure_says_so():
    table = format_table([("home", "ms", {"Medius": 5.0})], "Medius", ["Spirit"])
    assert table.splitlines()[-1] == "| home | 5.0 ms | n/a | n/a | n/a |"


def test_table_shows_why_a_peer_has_no_figure_and_leaves_it_out_of_the_best():
    table = format_table(
        [
            (
                "home, SQLite",
                "ms",
                {"Medius": 20.0, "Spirit": 10.0, "Misago": "n/a (PostgreSQL only)"},
            )
        ],
        "Medius",
        ["Spirit", "Misago"],
    )
    assert table.splitlines()[-1] == (
        "| home, SQLite | 20.0 ms | 10.0 ms | n/a (PostgreSQL only) | Spirit 10.0 ms | 2.00 |"
    )


def test_every_peer_has_its_settings_seed_and_pinned_requirements():
    assert run.PEERS["Misago"] == "misago"
    assert set(run.POSTGRESQL_ONLY) <= set(run.PEERS)
    for folder in run.PEERS.values():
        for name in ("requirements.txt", "settings.py", "seed.py"):
            assert (run.HERE / folder / name).is_file(), f"{folder}/{name}"
        first = (run.HERE / folder / "requirements.txt").read_text().split()[0]
        assert "==" in first, f"{folder}: the peer itself comes first, pinned"


def test_peers_are_named_by_label_or_folder():
    parser = argparse.ArgumentParser()
    assert run.peer_label("misago", parser) == "Misago"
    assert run.peer_label("Spirit", parser) == "Spirit"
    assert run.peer_label("xtd", parser) == "django-comments-xtd"
    with pytest.raises(SystemExit):
        run.peer_label("phpbb", parser)
