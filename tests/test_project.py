import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


ROOT = Path(__file__).resolve().parent.parent


def make_targets_named_in(text: str) -> set[str]:
    return set(re.findall(r"`make ([a-z][a-z-]*)", text))


def test_every_make_target_the_readme_names_is_run_by_ci():
    """A README command that CI never runs can break unseen (issue 20: `make bench`)."""
    named = make_targets_named_in((ROOT / "README.md").read_text())
    ci = (ROOT / ".ci" / "run").read_text() + (ROOT / ".ci" / "readme-commands").read_text()
    run_by_ci = set(re.findall(r"^\s*(?:setsid )?make ([a-z][a-z-]*)", ci, re.MULTILINE))
    run_by_ci |= {"lint", "vnu"}  # prerequisites of `make test`
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\blint\b.*\$\(VNU_JAR\)", makefile, re.MULTILINE)
    assert {"run", "test", "bench", "backup"} <= named
    assert named - run_by_ci == set()
    assert "readme-commands" in (ROOT / ".ci" / "run").read_text()


def test_make_recipes_pass_plain_shell_operators():
    """`\\&\\&` inside `sh -c "..."` reaches the inner shell as a literal word."""
    assert "\\&\\&" not in (ROOT / "Makefile").read_text()
