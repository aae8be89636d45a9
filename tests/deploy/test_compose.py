"""compose.yaml: PostgreSQL, two replicas of the image on it, and a proxy spreading requests over both."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import Settings
from tests.deploy.test_dockerfile import DIGEST

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


def test_every_image_compose_pulls_is_pinned_by_digest():
    pulled = {name: svc["image"] for name, svc in COMPOSE["services"].items() if "build" not in svc}
    assert set(pulled) == {"db", "proxy"}
    assert all(DIGEST.fullmatch(image) for image in pulled.values()), pulled


def published(service: dict) -> list[tuple[str, int]]:
    """(host address, container port) of each short-syntax port mapping; "" = every interface."""
    out = []
    for mapping in service.get("ports", []):
        *host, container = str(mapping).split(":")
        out.append((host[0] if len(host) == 2 else "", int(container.split("/")[0])))
    return out


def test_only_https_is_published_beyond_this_host():
    """Slack reaches the replicas over HTTPS (443) only; the plain-HTTP site (:8080, for a TLS proxy of
    your own) answers on this host alone, and port 80 is not published at all."""
    for name, service in COMPOSE["services"].items():
        for address, port in published(service):
            assert port == 443 or address == "127.0.0.1", (name, address, port)
            assert port != 80, (name, "plain HTTP on port 80")
    proxy = published(COMPOSE["services"]["proxy"])
    assert ("", 443) in proxy and ("127.0.0.1", 8080) in proxy
    site = COMPOSE["services"]["proxy"]["environment"]["PUBLIC_HOST"]
    assert "{$PUBLIC_HOST}" in CADDYFILE and site == "${PUBLIC_HOST:-:8080}"
