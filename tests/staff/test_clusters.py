"""Scam clusters (bot.staff.clusters): flagged checks of real invitation texts, read by the real
analyzer, kept the way a flagged check keeps them (flagged_details), then grouped."""

from __future__ import annotations

from datetime import timedelta

from digest_seed import CRYPTO, GLOBEX, GLOBEX_AGAIN, SAME_PHONE_OTHER_NAME
from staff_seed import ANA, BEN, CAL, NOW, rec

from bot.coaching.analyzer import analyze
from bot.staff.clusters import campus_warning, contact_keys, find_clusters, flagged_details, fold
from bot.store import Alert


def check(rid: str, text: str, *, user: str, days_ago: float, team: str | None = None):
    """A flagged check as the Slack layer stores it: the analyzer's sender, headline and evidence."""
    signals = analyze(text)
    assert signals.red_flags, "the fixture must be a flagged invitation"
    extra = {"team": team} if team else {}
    return rec(
        rid,
        at=NOW - timedelta(days=days_ago),
        user=user,
        flags=signals.red_flags,
        recommendation="ignore",
        answers={},  # the safety card asks no questions
        flagged=flagged_details(
            signals.requester_name, signals.headline, [(e.field, e.phrase) for e in signals.evidence]
        ),
        **extra,
    )


def test_two_students_with_invitations_from_one_sender_make_one_cluster():
    records = [
        check("a1", GLOBEX, user=ANA, days_ago=5),
        check("b1", GLOBEX_AGAIN, user=BEN, days_ago=1),
        check("c1", CRYPTO, user=CAL, days_ago=2),  # another scam, one student: no cluster
    ]
    (cluster,) = find_clusters(records)
    assert cluster.senders == ("Jane Doe",) and cluster.shared_sender
    assert cluster.headline == "Talent Acquisition at Globex Remote"
    assert cluster.evidence == ("+1 (555) 201-7788",)
    assert (cluster.students, cluster.checks) == (2, 2)
    assert cluster.record_ids == ("a1", "b1")
    assert (cluster.first, cluster.last) == (NOW - timedelta(days=5), NOW - timedelta(days=1))
    assert cluster.formed_at == cluster.last
    assert "off_platform" in cluster.signs


def test_two_different_senders_make_no_cluster():
    assert (
        find_clusters([check("a1", GLOBEX, user=ANA, days_ago=3), check("b1", CRYPTO, user=BEN, days_ago=2)])
        == []
    )


def test_the_same_student_twice_is_no_cluster():
    records = [check("a1", GLOBEX, user=ANA, days_ago=3), check("a2", GLOBEX_AGAIN, user=ANA, days_ago=1)]
    assert find_clusters(records) == []


def test_checks_more_than_fourteen_days_apart_are_not_linked():
    apart = [check("a1", GLOBEX, user=ANA, days_ago=16), check("b1", GLOBEX_AGAIN, user=BEN, days_ago=1)]
    assert find_clusters(apart) == []
    within = [check("a1", GLOBEX, user=ANA, days_ago=14), check("b1", GLOBEX_AGAIN, user=BEN, days_ago=1)]
    assert len(find_clusters(within)) == 1


def test_a_shared_phone_number_links_senders_with_different_names():
    records = [
        check("a1", GLOBEX, user=ANA, days_ago=4),
        check("b1", SAME_PHONE_OTHER_NAME, user=BEN, days_ago=2),
    ]
    (cluster,) = find_clusters(records)
    assert set(cluster.senders) == {"Jane Doe", "Lucy Brown"} and not cluster.shared_sender
    assert cluster.evidence == ("+1 (555) 201-7788",)  # as the first student pasted it
    assert cluster.students == 2


def test_names_match_across_case_spacing_and_look_alike_letters_and_are_shown_as_written():
    lookalike = GLOBEX_AGAIN.replace("Jane Doe", "J\u0430ne  DOE")  # a Cyrillic "а"
    records = [check("a1", GLOBEX, user=ANA, days_ago=4), check("b1", lookalike, user=BEN, days_ago=2)]
    (cluster,) = find_clusters(records)
    assert cluster.senders == ("Jane Doe",)
    assert fold("J\u0430ne  DOE") == fold("jane doe")


def test_one_name_with_two_different_headlines_is_two_people():
    other_jane = GLOBEX_AGAIN.replace("Talent Acquisition at Globex Remote", "Biology student at Ohio State")
    other_jane = other_jane.replace("+1 (555) 201-7788", "+1 (555) 909-1234")
    records = [check("a1", GLOBEX, user=ANA, days_ago=4), check("b1", other_jane, user=BEN, days_ago=2)]
    assert find_clusters(records) == []


def test_links_on_a_shortener_match_only_as_the_same_link():
    base = "Sam Lee\nRecruiter\nUrgent: claim your $500 signing bonus today at {link} before it expires!"
    one = check("a1", base.format(link="bit.ly/3AbCd"), user=ANA, days_ago=3)
    other = check("b1", base.format(link="bit.ly/9ZzYy").replace("Sam Lee", "Ann Cole"), user=BEN, days_ago=2)
    again = check("c1", base.format(link="bit.ly/3AbCd").replace("Sam Lee", "Bo Park"), user=CAL, days_ago=1)
    assert [c.record_ids for c in find_clusters([one, other])] == []
    (cluster,) = find_clusters([one, other, again])
    assert cluster.record_ids == ("a1", "c1") and cluster.evidence == ("bit.ly/3AbCd",)


def test_a_website_is_shared_evidence_whatever_the_page():
    assert ("site:globex-jobs.top", "https://globex-jobs.top/apply") in contact_keys(
        "https://globex-jobs.top/apply"
    )
    assert ("site:globex-jobs.top", "hr@globex-jobs.top") in contact_keys("hr@globex-jobs.top")
    assert not [k for k, _ in contact_keys("jane.doe@gmail.com") if k.startswith("site:")]


def test_workspaces_are_never_mixed():
    records = [
        check("a1", GLOBEX, user=ANA, days_ago=3),
        check("b1", GLOBEX_AGAIN, user=BEN, days_ago=2, team="T0OTHER"),
    ]
    assert find_clusters(records) == []


def test_a_check_from_before_flagged_details_were_kept_matches_through_its_alert():
    new = check("b1", GLOBEX_AGAIN, user=BEN, days_ago=1)
    old = rec(
        "a1",
        at=NOW - timedelta(days=3),
        user=ANA,
        flags=("off_platform",),
        alert=Alert(at=NOW - timedelta(days=3), sender="Jane Doe", evidence=["+15552017788"]),
    )
    (cluster,) = find_clusters([old, new])
    assert cluster.record_ids == ("a1", "b1") and cluster.shared_sender


def test_the_campus_warning_names_the_sender_quotes_the_evidence_and_says_what_to_do():
    (cluster,) = find_clusters(
        [check("a1", GLOBEX, user=ANA, days_ago=5), check("b1", GLOBEX_AGAIN, user=BEN, days_ago=1)]
    )
    text = campus_warning(cluster)
    assert "“Jane Doe” (Talent Acquisition at Globex Remote)" in text
    assert "+1 (555) 201-7788" in text
    for advice in ("Don't reply", "Don't pay", "Report the profile on LinkedIn", "Tell the career center"):
        assert advice in text
    assert ANA not in text and BEN not in text
