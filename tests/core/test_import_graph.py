"""A newcomer can read the project from the bottom up: imports point one way.

core/ is what any content site needs and knows no domain app; regions/ knows
only core; the project package (newsportal/) wires the apps together and no
app imports it; demo/ fills a database and no app imports it.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT_APPS = [
    "core", "regions", "articles", "search", "comments", "topics", "links", "ads",
    "members", "notices", "dashboard", "demo",
]  # fmt: skip
# What each app may import among the project's own packages, besides itself.
MAY_IMPORT = {
    "core": set(),
    "regions": {"core"},
    "demo": set(PROJECT_APPS),
}
NOBODY_IMPORTS = {"newsportal", "demo"}


def imported_packages(app):
    """The project packages that the app's code (migrations included) imports, anywhere in a module."""
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                package = name.split(".")[0]
                if package != app and (package in PROJECT_APPS or package == "newsportal"):
                    found.setdefault(package, set()).add(str(path.relative_to(ROOT)))
    return found


def test_no_app_imports_the_project_package_or_the_demo():
    offenders = {
        app: {package: sorted(where) for package, where in imported_packages(app).items() if package in NOBODY_IMPORTS}
        for app in PROJECT_APPS
        if app != "demo"
    }
    assert {app: found for app, found in offenders.items() if found} == {}


def test_core_and_regions_know_no_domain_app():
    for app, allowed in MAY_IMPORT.items():
        unexpected = {
            package: sorted(where) for package, where in imported_packages(app).items() if package not in allowed
        }
        assert unexpected == {}, app


def test_every_app_named_here_is_installed():
    assert set(PROJECT_APPS) <= set(settings.INSTALLED_APPS)
