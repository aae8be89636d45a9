"""The PostgreSQL store's schema: its migrations, and applying them.

The schema is versioned (``invite_check_schema``); :func:`migrate_schema` applies what is missing at
start-up, under an advisory lock so replicas starting together do it once, and refuses a database
written by a newer release.
"""

from __future__ import annotations

import logging

import psycopg
from psycopg.rows import tuple_row

from bot.store.models import StoreError

logger = logging.getLogger(__name__)

ADVISORY_LOCK = 0x1C_0E_C4  # pg_advisory_xact_lock key for schema migrations ("invite check")

# MIGRATIONS[n] brings a version n - 1 database to version n. Append, never edit a released one.
MIGRATIONS: dict[int, str | list[str]] = {
    1: """
    CREATE TABLE decisions (
        id text PRIMARY KEY,
        schema_version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        team_id text NOT NULL,
        user_id text NOT NULL,
        source text NOT NULL,
        answers jsonb NOT NULL,
        intent text NOT NULL,
        custom_message boolean NOT NULL,
        claims_prior_contact boolean NOT NULL,
        red_flags text[] NOT NULL,
        recommendation text NOT NULL,
        decision text,
        decided_at timestamptz,
        remind_at timestamptz,
        reminder_sent_at timestamptz,
        outcome text,
        outcome_at timestamptz,
        snoozes integer NOT NULL,
        about text,
        requester_name text,
        invite_text text,
        reminder_lease_until timestamptz  -- which replica works on a due reminder; not part of the record
    );
    CREATE INDEX decisions_created ON decisions (created_at, id);
    CREATE INDEX decisions_team_created ON decisions (team_id, created_at, id);
    CREATE INDEX decisions_team_user ON decisions (team_id, user_id);
    CREATE INDEX decisions_user ON decisions (user_id);
    CREATE INDEX decisions_due ON decisions (remind_at, id)
        WHERE remind_at IS NOT NULL AND reminder_sent_at IS NULL AND outcome IS NULL;
    CREATE TABLE prefs (
        team_id text NOT NULL,
        user_id text NOT NULL,
        "values" jsonb NOT NULL,
        PRIMARY KEY (team_id, user_id)
    );
    """,
}


# The tables slack_sdk's SQLAlchemy installation and state stores expect (their own definitions,
# compiled to PostgreSQL DDL once and frozen here, as a migration must be).
_SLACK_OAUTH_TABLES = [
    """
    CREATE TABLE slack_bots (
        id SERIAL NOT NULL,
        client_id VARCHAR(32) NOT NULL,
        app_id VARCHAR(32) NOT NULL,
        enterprise_id VARCHAR(32),
        enterprise_name VARCHAR(200),
        team_id VARCHAR(32),
        team_name VARCHAR(200),
        bot_token VARCHAR(200),
        bot_id VARCHAR(32),
        bot_user_id VARCHAR(32),
        bot_scopes VARCHAR(1000),
        bot_refresh_token VARCHAR(200),
        bot_token_expires_at TIMESTAMP WITHOUT TIME ZONE,
        is_enterprise_install BOOLEAN NOT NULL,
        installed_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        PRIMARY KEY (id)
    )
    """,
    "CREATE INDEX slack_bots_idx ON slack_bots (client_id, enterprise_id, team_id, installed_at)",
    """
    CREATE TABLE slack_installations (
        id SERIAL NOT NULL,
        client_id VARCHAR(32) NOT NULL,
        app_id VARCHAR(32) NOT NULL,
        enterprise_id VARCHAR(32),
        enterprise_name VARCHAR(200),
        enterprise_url VARCHAR(200),
        team_id VARCHAR(32),
        team_name VARCHAR(200),
        bot_token VARCHAR(200),
        bot_id VARCHAR(32),
        bot_user_id VARCHAR(32),
        bot_scopes VARCHAR(1000),
        bot_refresh_token VARCHAR(200),
        bot_token_expires_at TIMESTAMP WITHOUT TIME ZONE,
        user_id VARCHAR(32) NOT NULL,
        user_token VARCHAR(200),
        user_scopes VARCHAR(1000),
        user_refresh_token VARCHAR(200),
        user_token_expires_at TIMESTAMP WITHOUT TIME ZONE,
        incoming_webhook_url VARCHAR(200),
        incoming_webhook_channel VARCHAR(200),
        incoming_webhook_channel_id VARCHAR(200),
        incoming_webhook_configuration_url VARCHAR(200),
        is_enterprise_install BOOLEAN NOT NULL,
        token_type VARCHAR(32),
        installed_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        PRIMARY KEY (id)
    )
    """,
    "CREATE INDEX slack_installations_idx ON slack_installations "
    "(client_id, enterprise_id, team_id, user_id, installed_at)",
    """
    CREATE TABLE slack_oauth_states (
        id SERIAL NOT NULL,
        state VARCHAR(200) NOT NULL,
        expire_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
        PRIMARY KEY (id)
    )
    """,
]


# Version 2: installs in many workspaces. One row per workspace that installed the app through OAuth
# (its staff list; uninstalled_at once it left), and slack_sdk's installation and state tables.
MIGRATIONS[2] = [
    """
    CREATE TABLE workspaces (
        team_id text PRIMARY KEY,
        staff_user_ids text[] NOT NULL DEFAULT '{}',
        staff_usergroup text,
        installed_at timestamptz,
        uninstalled_at timestamptz
    )
    """,
    *_SLACK_OAUTH_TABLES,
]
# Version 3: a student's alert to the career center about a flagged invitation (bot.store.models.Alert).
MIGRATIONS[3] = "ALTER TABLE decisions ADD COLUMN alert jsonb"
# Version 4: settings of the data itself; the random key of pseudonyms and DM check ids (one row).
MIGRATIONS[4] = "CREATE TABLE invite_check_meta (name text PRIMARY KEY, value text NOT NULL)"
# Version 5: install links are looked up by their state and cleaned up once expired (bot.slack.oauth).
MIGRATIONS[5] = """
    CREATE INDEX slack_oauth_states_state ON slack_oauth_states (state);
    CREATE INDEX slack_oauth_states_expire_at ON slack_oauth_states (expire_at);
"""

# Version 6: what a flagged check keeps for scam clusters (bot.store.models.Flagged), whether the reading
# was shown to the student as sure, and things done once for all replicas (a cluster's alert, a week's
# digest to one staff member), each by name with when it was done (purged with the retention).
MIGRATIONS[6] = [
    "ALTER TABLE decisions ADD COLUMN flagged jsonb, ADD COLUMN intent_sure boolean",
    "CREATE TABLE invite_check_once (name text PRIMARY KEY, done_at timestamptz NOT NULL)",
    "CREATE INDEX invite_check_once_done ON invite_check_once (done_at)",
]
SCHEMA_VERSION = max(MIGRATIONS)


class StoreSchemaError(StoreError):
    """The database's schema is newer than this release, or not ours."""


def schema_version(conn: psycopg.Connection) -> int:
    """The version the database is at (0: empty)."""
    with conn.cursor(row_factory=tuple_row) as cur:
        exists = cur.execute("SELECT to_regclass('invite_check_schema') IS NOT NULL").fetchone()
        if not (exists and exists[0]):
            return 0
        version = cur.execute("SELECT max(version) FROM invite_check_schema").fetchone()
    return int(version[0] or 0) if version else 0


def migrate_schema(conn: psycopg.Connection, *, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the missing migrations, each in the same transaction as its version row; returns
    the versions applied. Replicas starting at once serialize on an advisory lock."""
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS invite_check_schema ("
            " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        current = schema_version(conn)
        if current > SCHEMA_VERSION:
            raise StoreSchemaError(
                f"the database is at schema version {current}, but this Invite Check only knows up to "
                f"{SCHEMA_VERSION}: it was upgraded by a newer release. Run that release (or restore a "
                "pg_dump taken before the upgrade)."
            )
        for version in range(current + 1, target + 1):
            step = MIGRATIONS[version]
            for statement in [step] if isinstance(step, str) else step:
                conn.execute(statement)
            conn.execute("INSERT INTO invite_check_schema (version) VALUES (%s)", (version,))
            applied.append(version)
    if applied:
        logger.info("database schema migrated to version %d", applied[-1])
    return applied


__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "StoreSchemaError", "migrate_schema", "schema_version"]
