"""`manage.py check --deploy` is clean with the production settings the README documents."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_nothing_with_production_settings():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "portal.example.gov.cn", "CSRF_TRUSTED_ORIGINS": "https://portal.example.gov.cn",
           # the production servers of the README (the checks do not connect to them)
           "DATABASE_URL": "postgres://portal@db.example.gov.cn:5432/portal",
           "CELERY_BROKER_URL": "redis://redis.example.gov.cn:6379/0", "REDIS_URL": "redis://redis.example.gov.cn:6379/1"}
    for insecure in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS"):
        env.pop(insecure, None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
