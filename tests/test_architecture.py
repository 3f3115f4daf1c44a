"""The layout rules the code keeps: who may import whom, no import circles, one way out for email.

Read from the source with `ast`, so they hold for every module whether a test imports it or not.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOMAIN_APPS = ("centres", "offerings", "requests")
PROJECT_PACKAGES = ("portal", *DOMAIN_APPS)


def source_files() -> list[Path]:
    return sorted(
        path
        for package in PROJECT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the project modules `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] in PROJECT_PACKAGES}


MODULES = {module_name(path): path for path in source_files()}


def existing(name: str) -> str | None:
    """The project module an imported name refers to (a name imported from a module counts as
    that module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    return {
        name: {target for imported in imported_modules(path) if (target := existing(imported))}
        - {name}
        for name, path in MODULES.items()
    }


def is_admin_module(name: str) -> bool:
    return name.rsplit(".", 1)[-1] == "admin" or ".admin." in name


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_apps_import_only_the_shared_core_of_portal(app):
    offending = []
    for name, targets in import_graph().items():
        if name.split(".")[0] != app:
            continue
        for target in targets:
            if target.split(".")[0] != "portal" or target.startswith("portal.core"):
                continue
            if is_admin_module(name) and target.startswith("portal.backoffice"):
                continue
            offending.append(f"{name} imports {target}")
    assert offending == []


def test_the_shared_core_imports_no_domain_app_and_no_feature():
    offending = [
        f"{name} imports {target}"
        for name, targets in import_graph().items()
        if name.startswith("portal.core")
        for target in targets
        if not target.startswith("portal.core")
    ]
    assert offending == []


def test_there_is_no_import_circle():
    graph = import_graph()
    circles = []
    # Tarjan's strongly connected components: any component of two or more modules is a circle.
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> None:
        index[node] = lowlink[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                lowlink[node] = min(lowlink[node], lowlink[target])
            elif target in on_stack:
                lowlink[node] = min(lowlink[node], index[target])
        if lowlink[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert circles == []


def test_email_leaves_only_through_the_outbox():
    senders = []
    for name, path in MODULES.items():
        if name == "portal.core.outbox":
            continue
        source = path.read_text(encoding="utf-8")
        for needle in ("send_mail", "send_mass_mail", "EmailMessage", "EmailMultiAlternatives"):
            if needle in source:
                senders.append(f"{name} uses {needle}")
    assert senders == []


# Steps run inside migrations, where models must come from the migration's historical registry.
MIGRATION_HELPERS = {"portal.core.search_index"}


def test_no_model_is_looked_up_by_name_outside_migrations():
    lookups = [
        name
        for name, path in MODULES.items()
        if "get_model(" in path.read_text(encoding="utf-8") and name not in MIGRATION_HELPERS
    ]
    assert lookups == []


def test_at_most_eight_modules_stand_directly_under_portal():
    loose = [path.name for path in (ROOT / "portal").glob("*.py")]
    assert len(loose) <= 8, loose
