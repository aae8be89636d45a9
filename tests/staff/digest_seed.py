"""Invitation texts for the cluster tests, and a large, realistic history for the digest at scale (tests/cli/test_cli_digest.py and
benchmarks/bench_digest.py): half a year of checks, about one in seven flagged, a few scam
campaigns (one sender and one contact point each, six days long, the newest in the last week)
reaching many students, some alerts.

Check times sit on the half hour, so a period boundary a few minutes later in a subprocess never
moves a check from one period to the other.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from bot.store import Alert, DecisionRecord, Flagged, Followup, Signals

# Invitations as students paste them: two from one scam sender, one from another, and a third name
# pushing the first one's number.
GLOBEX = """Jane Doe
Talent Acquisition at Globex Remote
Hi! We have a remote data-entry job paying $900/week, no experience needed. Text me on WhatsApp
+1 (555) 201-7788 to start today."""

GLOBEX_AGAIN = """Jane Doe
Talent Acquisition at Globex Remote
Hello, you were selected for a paid remote role ($850 a week), no interview needed. Message me on
WhatsApp at +1 (555) 201-7788 and we start this week."""

CRYPTO = """Mark Stone
Portfolio Manager | Digital Assets
Hi dear, I help students grow their savings with crypto trading, 30% returns in 2 weeks guaranteed.
Contact me on Telegram @markstone_fx to join."""

SAME_PHONE_OTHER_NAME = """Lucy Brown
HR Assistant at Initech Staffing
Congratulations, you have been shortlisted! Pay the $45 onboarding fee and text us on WhatsApp
+1 555 201 7788 to receive your start kit."""


CAMPAIGNS = [
    (f"Recruiter {name}", f"Talent lead at {company}", f"+1 (555) 30{i:1d}-{1000 + i * 7:04d}")
    for i, (name, company) in enumerate(
        [("Dana Vance", "Apex Remote"), ("Lee Carter", "Blue Harbor"), ("Mia Stone", "Crest Pay")]
        + [("Omar Haddad", "Delta Crypto"), ("Ivy Brooks", "Echo Jobs"), ("Raj Mehta", "Fjord Labs")]
    )
]
FLAGS = ["off_platform", "too_good_to_be_true", "asks_for_money", "crypto_investment", "urgency"]
DECISIONS = ["accepted", "replied_first", "suggested_meeting", "ignored", "later", None]
REASONS = ["forgot", "opportunity", "referral", "networking", "selling", "unsure"]


def many_records(
    n: int, now: datetime, *, seed: int = 20, days: int = 180, teams: int = 2
) -> list[DecisionRecord]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        at = now - timedelta(hours=rng.randint(0, days * 24 - 1), minutes=30)
        team = f"T{rng.randint(1, teams)}"
        user = f"U{rng.randint(1, 1500):05d}"
        flagged = rng.random() < 0.15
        details = alert = None
        flags: list[str] = []
        if flagged:
            flags = rng.sample(FLAGS, rng.randint(1, 2))
            if rng.random() < 0.3:  # a campaign: one sender and number for many students within 6 days
                k = rng.randrange(len(CAMPAIGNS))
                sender, headline, phone = CAMPAIGNS[k]
                at = now - timedelta(days=30 * k, hours=rng.randint(0, 6 * 24 - 1), minutes=30)
            else:
                sender, headline, phone = f"Sender {i}", f"Headline {i}", f"+44 20 7{i:07d}"
            details = Flagged(sender=sender, headline=headline, evidence=["text me on WhatsApp", phone])
            if rng.random() < 0.1:
                alert = Alert(
                    at=at + timedelta(minutes=5),
                    named=rng.random() < 0.5,
                    flags=flags,
                    sender=sender,
                    headline=headline,
                    evidence=details.evidence,
                )
        decision = rng.choice(DECISIONS)
        out.append(
            DecisionRecord(
                id=f"dg{i:08d}",
                created_at=at,
                updated_at=at,
                team_id=team,
                user_id=user,
                answers={"reason": rng.choice(REASONS)} if rng.random() < 0.6 else {},
                signals=Signals(
                    intent=rng.choice(["recruiter", "networking", "sales", "unclear"]),
                    custom_message=rng.random() < 0.4,
                    claims_prior_contact=False,
                    red_flags=flags,
                    intent_sure=rng.random() < 0.7,
                ),
                recommendation="ignore" if flagged else rng.choice(["accept", "reply_first", "meet_first"]),
                decision=decision,
                decided_at=at + timedelta(minutes=3) if decision else None,
                followup=Followup(),
                alert=alert,
                flagged=details,
            )
        )
    return out
