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


def reverse_accessors_added_by() -> dict[str, set[str]]:
    """Each reverse relation name that a model adds to a lower app's model, and the apps
    whose models add it (``follows``: discussions, on the user)."""
    found: dict[str, set[str]] = {}
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
                found.setdefault(accessor, set()).add(owner)
    return found


def forbidden_accessors(app: str) -> set[str]:
    """The reverse relations ``app`` may not follow: those only apps above or beside it add,
    on any model (``user.follows`` in conditions, not only ``condition.threads``)."""
    return {
        accessor
        for accessor, owners in reverse_accessors_added_by().items()
        if app not in owners and min(RANK[owner] for owner in owners) >= RANK[app]
    }


def accessor_offences(app: str, path: Path) -> list[str]:
    names = forbidden_accessors(app)
    if not names:
        return []
    pattern = re.compile(r"\.(" + "|".join(map(re.escape, sorted(names))) + r")\b")
    return [
        f"{path.relative_to(ROOT)}:{number}: .{match.group(1)}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if (match := pattern.search(line))
    ]


def test_the_rule_covers_relations_added_to_any_lower_model():
    assert {"follows", "threads", "notifications", "reports_made"} <= forbidden_accessors(
        "conditions"
    )
    assert "answers_for" not in forbidden_accessors("conditions")  # its own relation
    assert "reports" in forbidden_accessors("discussions")


def test_no_app_reaches_above_through_a_reverse_relation():
    offences = [line for app, path in app_modules() for line in accessor_offences(app, path)]
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


# Template folders that are not named after an app, and the app each belongs to.
TEMPLATE_OWNERS = {"account": "accounts", "allauth": "accounts", "mfa": "accounts",
                   "socialaccount": "accounts", "jinja2": "discussions"}  # fmt: skip


def app_templates():
    """(app, template) for every template an app owns; the top-level files are core's."""
    templates = ROOT / "templates"
    for path in sorted(templates.rglob("*")):
        if path.suffix not in {".html", ".txt", ".xml"} or not path.is_file():
            continue
        parts = path.relative_to(templates).parts
        folder = parts[0] if len(parts) > 1 else "core"
        app = TEMPLATE_OWNERS.get(folder, folder)
        if app in RANK:
            yield app, path


def test_no_template_includes_or_extends_a_template_of_an_app_above_its_own():
    """A lower app's page that borrows a higher app's partial depends on it as surely as
    an import does."""
    offences = []
    for app, template in app_templates():
        for name in re.findall(
            r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']", template.read_text()
        ):
            folder = name.split("/")[0] if "/" in name else "core"
            owner = TEMPLATE_OWNERS.get(folder, folder)
            if owner in RANK and owner != app and RANK[owner] >= RANK[app]:
                offences.append(f"{template.relative_to(ROOT)} uses {name}")
    assert offences == []


def test_no_template_follows_a_reverse_relation_from_an_app_above():
    """The templates' half of the rule: ``{{ user.notifications }}`` on a lower app's page
    queries a higher app's table."""
    offences = [line for app, path in app_templates() for line in accessor_offences(app, path)]
    assert offences == []


def receiver_modules() -> list[Path]:
    return sorted(FORUM.glob("*/receivers.py"))


def _is_one_service_call(function: ast.FunctionDef) -> bool:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    call = body[0].value
    parameters = {arg.arg for arg in function.args.args + function.args.kwonlyargs}
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "services"
        and not call.args
        and all(
            isinstance(keyword.value, ast.Name) and keyword.value.id in parameters
            for keyword in call.keywords
        )
    )


@pytest.mark.parametrize("path", receiver_modules(), ids=lambda p: str(p.relative_to(FORUM)))
def test_a_receiver_only_hands_the_signal_to_one_service(path):
    """How a lower app's announcement reaches a higher app (README, "How the code is laid
    out"): the receiver passes the signal's arguments to one service of its own app and
    decides nothing, so every rule stays in ``services.py`` where a test or an admin action
    can call it without sending signals."""
    tree = ast.parse(path.read_text(), filename=str(path))
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    offences = [f.name for f in functions if not _is_one_service_call(f)]
    assert functions and offences == []


def test_signals_are_connected_only_to_receivers_modules():
    offences = []
    for _app, path in app_modules():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Attribute)
                and isinstance(node.func.value.value, ast.Name)
                and node.func.value.value.id == "signals"  # forum.discussions.signals
            ):
                continue
            target = node.args[0] if node.args else None
            if not (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "receivers"
            ):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offences == []


def test_the_readme_map_names_every_app_and_its_layers_in_order():
    """README, "How the code is laid out": its tree has a line for each app, and its
    dependency line lists the layers of ``LAYERS``, lowest first."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    tree = section.split("```", 2)[1]
    assert {m for m in re.findall(r"^  (\w+)/", tree, re.MULTILINE)} == set(RANK)
    line = re.search(r"Dependencies point one way: `([^`]+)`", section.replace("\n", " "))
    assert line is not None
    layers = [[a.strip() for a in layer.split(",")] for layer in line.group(1).split("<-")]
    assert layers == LAYERS
