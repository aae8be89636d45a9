"""Run existing HTTP scenario tests again with the app on PostgreSQL (`@pytest.mark.postgres`).

    from postgres_scenarios import on_postgres
    test_x_on_postgres = on_postgres(test_x)

The wrapper keeps the original's fixtures and marks (parametrize, settings) and adds the postgres
mark, so bot_http runs on a fresh schema of the session's server instead of the TinyDB file.
"""

from __future__ import annotations

import functools

import pytest


def on_postgres(test):
    @functools.wraps(test)
    async def run(*args, **kwargs):
        return await test(*args, **kwargs)

    run.__name__ = run.__qualname__ = f"{test.__name__.lstrip('_')}_on_postgres"
    return pytest.mark.postgres(run)
