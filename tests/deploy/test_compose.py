"""compose.yaml: PostgreSQL, two replicas of the image on it, and a proxy spreading requests over both."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
CADDYFILE = (ROOT / "deploy" / "Caddyfile").read_text()


def test_two_replicas_of_the_image_share_one_postgres():
    services = COMPOSE["services"]
    replicas = [name for name, svc in services.items() if svc.get("build") == "."]
    assert replicas == ["bot1", "bot2"]
    for name in replicas:
        svc = services[name]
        url = svc["environment"]["DATABASE_URL"]
        assert url.startswith("postgresql://") and "@db:5432/" in url
        assert svc["depends_on"]["db"]["condition"] == "service_healthy"
        assert svc["env_file"] == ".env" and svc.get("command") is None  # the image's `python -m bot serve`
    db = services["db"]
    assert db["image"].startswith("postgres:16") and "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])


def test_database_url_of_the_replicas_is_accepted_by_the_settings():
    url = COMPOSE["services"]["bot1"]["environment"]["DATABASE_URL"].replace(
        "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", "pw"
    )
    assert Settings(database_url=url).database_url == url


def test_the_proxy_spreads_requests_over_both_replicas_with_health_checks():
    proxy = COMPOSE["services"]["proxy"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    upstreams = re.search(r"reverse_proxy ([^{]+)\{", CADDYFILE).group(1).split()
    assert upstreams == ["bot1:3000", "bot2:3000"]
    assert "health_uri /healthz" in CADDYFILE and "lb_policy round_robin" in CADDYFILE
