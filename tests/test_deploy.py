"""The deployment files in deploy/ name things that exist (``make cluster-test`` runs the
nginx file itself; systemd cannot run in the suite, so its units are read here)."""

import configparser
import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
SYSTEMD = ROOT / "deploy" / "systemd"
UNITS = sorted(SYSTEMD.glob("medius-*.*"))


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser


@pytest.mark.parametrize("path", [p for p in UNITS if p.suffix == ".service"], ids=lambda p: p.name)
def test_every_service_runs_a_command_medius_has(path: Path) -> None:
    service = unit(path)["Service"]
    command = service["ExecStart"].split()
    assert service["EnvironmentFile"] == "/etc/medius/medius.env"
    assert service["User"] == "medius"
    if command[0].endswith("/gunicorn"):
        assert command[1] == "forum.wsgi"
        assert (ROOT / "forum" / "wsgi.py").exists()
    else:
        assert command[1] == "manage.py"
        assert command[2] in get_commands(), f"{path.name} runs manage.py {command[2]}"


@pytest.mark.parametrize("path", [p for p in UNITS if p.suffix == ".timer"], ids=lambda p: p.name)
def test_every_timer_starts_its_service_once_a_day(path: Path) -> None:
    assert path.with_suffix(".service").exists()
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d:00", unit(path)["Timer"]["OnCalendar"])


def test_the_environment_file_names_only_settings_medius_reads() -> None:
    settings_source = (ROOT / "forum" / "settings.py").read_text()
    example = (ROOT / "deploy" / "medius.env.example").read_text()
    names = re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE)
    assert "SECRET_KEY" in names and "DATABASE_URL" in names
    unknown = [name for name in names if f'"{name}"' not in settings_source]
    assert not unknown
