"""What staff see of "why are they reaching out" is what students confirmed, next to the analyzer's
reading, each named for what it is: summary, App Home and export, over signed HTTP."""

from __future__ import annotations

import json
from datetime import timedelta

import payloads as p
import pytest
from staff_seed import ANA, BEN, CAL, NOW, rec
from test_staff_home_http import dump, open_home
from test_staff_summary_http import export_from_summary, summary_for, uploaded_csv

ANSWERS = {"note": "personal", "met": "no", "value": "no"}


async def seed_disagreement(store) -> None:
    """Three invitations the analyzer read as a recruiter's; two students found them to be sales pitches."""
    for rid, user, reason in (
        ("why-1", ANA, "opportunity"),
        ("why-2", BEN, "selling"),
        ("why-3", CAL, "selling"),
    ):
        await store.upsert(
            rec(
                rid,
                at=NOW - timedelta(days=2),
                user=user,
                intent="recruiter",
                recommendation="ignore",
                answers={**ANSWERS, "reason": reason},
            )
        )


async def test_the_summary_counts_the_students_answers_and_labels_the_analyzers_reading(bot_http, fake_slack):
    await seed_disagreement(bot_http.store)
    _, call = await summary_for(bot_http, fake_slack)
    text = json.dumps(call.body)
    assert "as students confirmed it (3 of 3 checks)" in text
    assert "Selling something: *2*" in text and "Recruiter, employer or client: *1*" in text
    assert "the analyzer's readings shown as sure (3 of 3 checks)" in text and "Recruiter: *3*" in text


@pytest.mark.settings(invite_check_staff_view="named")
async def test_the_staff_home_shows_each_students_answer_beside_the_analyzers(bot_http, fake_slack):
    await seed_disagreement(bot_http.store)
    home = dump(await open_home(bot_http, fake_slack, p.STAFF))
    assert "as students confirmed it (3 of 3 checks)" in home
    assert "student says selling something (text suggested recruiter)" in home


@pytest.mark.settings(invite_check_staff_view="named")
async def test_the_export_carries_both_readings_in_their_own_columns(bot_http, fake_slack):
    await seed_disagreement(bot_http.store)
    await export_from_summary(bot_http, fake_slack)
    _, rows = uploaded_csv(fake_slack)
    by_id = {r["id"]: r for r in rows}
    assert by_id["why-2"]["intent"] == "recruiter" and by_id["why-2"]["answer_reason"] == "selling"
