"""bandit finds nothing in our code; every reviewed exception carries its reason next to it."""

import subprocess
import sys

from django.conf import settings

COMMAND = [
    sys.executable,
    "-m",
    "bandit",
    "-c",
    "pyproject.toml",
    "-r",
    "newsportal",
    "regions",
    "articles",
    "comments",
    "core",
    "topics",
    "members",
    "links",
    "ads",
    "dashboard",
    "notices",
    "demo",
    "-q",
]


def test_bandit_reports_no_issue_in_the_project_code():
    result = subprocess.run(COMMAND, cwd=settings.BASE_DIR, capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
