"""The installed workspaces of an install in many workspaces (OAuth): one row each, on the decision
store's database (PostgreSQL only; see ``bot.store.base.WorkspaceStore``)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any


class PostgresWorkspaces:
    """The workspace rows; ``PostgresDecisionStore`` is one, and gives the pooled connections."""

    def _conn(self) -> AbstractContextManager[Any]:
        """A pooled connection with dict rows (``PostgresDecisionStore._conn``)."""
        raise NotImplementedError

    def workspace(self, team_id: str) -> dict[str, Any] | None:
        """One installed workspace's row (staff_user_ids, staff_usergroup, installed_at, uninstalled_at)."""
        with self._conn() as conn:
            row = conn.execute("SELECT * FROM workspaces WHERE team_id = %s", (team_id,)).fetchone()
        return None if row is None else dict(row)

    def workspaces(self) -> list[dict[str, Any]]:
        with self._conn() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM workspaces ORDER BY team_id").fetchall()]

    def workspace_installed(self, team_id: str, *, installer: str | None = None) -> dict[str, Any]:
        """Record an install. Only the workspace's first install makes the installer staff (and only
        when the operator set no list before it): anyone may reinstall, and an empty list can mean
        staff are a user group only."""
        first = [installer] if installer else []
        with self._conn() as conn:
            row = conn.execute(
                "INSERT INTO workspaces (team_id, staff_user_ids, installed_at) VALUES (%s, %s, now()) "
                "ON CONFLICT (team_id) DO UPDATE SET installed_at = now(), uninstalled_at = NULL, "
                " staff_user_ids = CASE WHEN workspaces.installed_at IS NULL"
                "  AND cardinality(workspaces.staff_user_ids) = 0"
                "  THEN EXCLUDED.staff_user_ids ELSE workspaces.staff_user_ids END "
                "RETURNING *",
                (team_id, first),
            ).fetchone()
        return dict(row)

    def workspace_uninstalled(self, team_id: str) -> None:
        with self._conn() as conn:
            conn.execute("UPDATE workspaces SET uninstalled_at = now() WHERE team_id = %s", (team_id,))

    def set_workspace_staff(
        self, team_id: str, *, user_ids: Iterable[str] | None = None, usergroup: str | None = ""
    ) -> dict[str, Any]:
        """Replace a workspace's staff list and/or user group (``usergroup=None`` clears it, ``""`` keeps it)."""
        with self._conn() as conn, conn.transaction():
            conn.execute("INSERT INTO workspaces (team_id) VALUES (%s) ON CONFLICT DO NOTHING", (team_id,))
            if user_ids is not None:
                conn.execute(
                    "UPDATE workspaces SET staff_user_ids = %s WHERE team_id = %s",
                    (sorted(set(user_ids)), team_id),
                )
            if usergroup != "":
                conn.execute(
                    "UPDATE workspaces SET staff_usergroup = %s WHERE team_id = %s", (usergroup, team_id)
                )
            return dict(conn.execute("SELECT * FROM workspaces WHERE team_id = %s", (team_id,)).fetchone())
