"""Dependencies between Medius's apps point one way (README, "How the code is laid out").

An app may use the apps below it, never one above it: not by importing it, not through
a reverse relation that a higher app's model adds to a lower model (``user.follows``),
and not by loading a higher app's template tags.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
FORUM = ROOT / "forum"

# Lowest first. Apps on one line sit side by side: neither may use the other.
LAYERS = [
    ["core"],
    ["accounts"],
    ["conditions", "images"],
    ["treatments"],
    ["discussions"],
    ["moderation", "notifications", "search"],
    ["backups", "privacy", "demo"],
]
RANK = {app: rank for rank, layer in enumerate(LAYERS) for app in layer}


def app_modules():
    for app in RANK:
        for path in sorted((FORUM / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[1] for name in names if name.startswith("forum.") and "." in name}


def test_every_app_has_a_place_in_the_layers():
    on_disk = {p.name for p in FORUM.iterdir() if (p / "apps.py").exists()}
    assert on_disk == set(RANK)


@pytest.mark.parametrize(("app", "path"), list(app_modules()), ids=lambda v: str(v))
def test_no_module_imports_an_app_above_or_beside_its_own(app, path):
    upward = {
        other
        for other in imported_apps(path)
        if other in RANK and other != app and RANK[other] >= RANK[app]
    }
    assert not upward, f"{path.relative_to(ROOT)} imports {sorted(upward)}"


def reverse_accessors_from_above() -> dict[str, set[str]]:
    """For each app, the reverse relation names that apps above it add to its models."""
    found: dict[str, set[str]] = {app: set() for app in RANK}
    for model in apps.get_models():
        owner = model._meta.app_label
        if owner not in RANK or model._meta.proxy:  # a proxy's fields are its concrete model's
            continue
        for field in model._meta.get_fields():
            if not ((field.is_relation and field.many_to_one) or field.many_to_many):
                continue
            if getattr(field, "auto_created", False) or field.remote_field is None:
                continue
            target = field.related_model._meta.app_label
            accessor = field.remote_field.get_accessor_name()
            if target in RANK and RANK[owner] > RANK[target] and accessor and "+" not in accessor:
                found[target].add(accessor)
    return found


def test_no_app_reaches_above_through_a_reverse_relation():
    accessors = reverse_accessors_from_above()
    offences = []
    for app, path in app_modules():
        names = accessors[app]
        if not names:
            continue
        pattern = re.compile(r"\.(" + "|".join(map(re.escape, sorted(names))) + r")\b")
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if match := pattern.search(line):
                offences.append(f"{path.relative_to(ROOT)}:{number}: .{match.group(1)}")
    assert offences == []


TAG_LIBRARIES = {
    library.stem: app
    for app in RANK
    for library in (FORUM / app / "templatetags").glob("*.py")
    if library.stem != "__init__"
}


def test_no_template_loads_template_tags_of_an_app_above_its_own():
    offences = []
    for folder in (ROOT / "templates").iterdir():
        if not folder.is_dir() or folder.name not in RANK:
            continue
        for template in folder.rglob("*.html"):
            for line in template.read_text().splitlines():
                for library in re.findall(r"{%\s*load\s+([^%]+)%}", line):
                    for name in library.split():
                        owner = TAG_LIBRARIES.get(name)
                        if owner and RANK[owner] > RANK[folder.name]:
                            offences.append(f"{template.relative_to(ROOT)} loads {name}")
    assert offences == []
