"""Production settings pass Django's deployment checklist with no warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path):
    # Only the production settings under test: nothing inherited from this test run (the browser
    # fixtures, for one, set DJANGO_ALLOW_ASYNC_UNSAFE, which the checklist rightly refuses).
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("PUTOKAZ_") and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env = {
        **inherited,
        "PUTOKAZ_HTTPS": "1",
        "PUTOKAZ_SECRET_KEY": secrets.token_urlsafe(64),
        "PUTOKAZ_DEBUG": "0",
        "PUTOKAZ_ALLOWED_HOSTS": "putokaz.example.org",
        "PUTOKAZ_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "putokaz.settings",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
