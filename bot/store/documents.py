"""What the embedded stores keep: a record as a compact document (and back), and the checks on the
preferences and settings documents, which PostgreSQL applies too.

A document holds ``datetime`` objects (the file store writes them as ISO-8601 UTC strings), omits
``None`` fields and shares repeated strings, which keeps 50,000 records small in memory.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from bot.store.models import Alert, DecisionRecord, Flagged, Followup, Signals, as_utc, migrate, utc_iso

TABLE = "decisions"
PREFS_TABLE = "prefs"  # per-student preferences: {"team_id", "user_id", "values": {name: scalar}}
PREF_NAME_MAX = 40
PREF_TEXT_MAX = 200
DELETED_AT = "deleted_at"  # preference: when the student last deleted their data (epoch seconds)
# Settings of the data itself, one document: {"pseudonym_key": "<64 hex digits>"}, and the things done
# once for the data (see claim_once): {"once:<name>": <epoch seconds when done>}.
META_TABLE = "meta"
PSEUDONYM_KEY = "pseudonym_key"
ONCE = "once:"
ONCE_NAME_MAX = 200
_KEY_RX = re.compile(r"[0-9a-f]{64}")

# Free text and unique ids are not worth interning; everything else (team/user ids, option
# ids, intents, outcomes) repeats across thousands of records.
_UNSHARED = frozenset({"id", "invite_text", "requester_name", "about"})
_intern = sys.intern


def _encode_default(value: object) -> str:
    if isinstance(value, datetime):
        return utc_iso(value)
    raise TypeError(f"cannot store {type(value).__name__} in the database")


# A document (or a journal line) as compact JSON, its datetimes as fixed-width UTC strings.
dumps = json.JSONEncoder(separators=(",", ":"), default=_encode_default).encode


def _compact(values: Mapping[str, Any], stamps: dict[datetime, datetime]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue  # every nullable field defaults to None, so omitting it is lossless
        if isinstance(value, datetime):
            value = stamps.setdefault(value, value)  # created/updated/decided often coincide
        elif isinstance(value, str):
            if key not in _UNSHARED:
                value = _intern(value)
        elif isinstance(value, dict):
            value = _compact(value, stamps)
        elif isinstance(value, list):
            value = tuple(_intern(v) if isinstance(v, str) else v for v in value)
        out[_intern(key)] = value
    return out


def to_doc(record: DecisionRecord) -> dict[str, Any]:
    """Record -> stored document, as compact as possible.

    Omitting None fields and sharing repeated strings and timestamps is what keeps 50,000
    records near 1.4 KB each instead of 2.3 KB for naively parsed JSON.
    """
    return _compact(record.model_dump(), {})


def to_record(doc: Mapping[str, Any]) -> DecisionRecord:
    """Stored document -> record without re-validation (documents come only from to_doc).

    ``model_validate`` costs ~9 us per record on a small VM, so a 50,000-record staff
    summary would spend 0.45 s re-checking data validated on the way in; pydantic's public
    ``model_construct`` skips that. Spelled out field by field; the tests check it returns
    what ``model_validate`` returns, and the import-time check below fails if a model gains
    a field this does not know about. Mutable parts are copied so a caller editing its
    record can never change the store.
    """
    s = doc["signals"]
    signals = Signals.model_construct(
        intent=s["intent"],
        custom_message=s["custom_message"],
        claims_prior_contact=s["claims_prior_contact"],
        red_flags=list(s.get("red_flags", ())),
        intent_sure=s.get("intent_sure"),
    )
    f = doc.get("followup")
    if f is None:
        f = _EMPTY
    followup = Followup.model_construct(
        remind_at=f.get("remind_at"),
        reminder_sent_at=f.get("reminder_sent_at"),
        outcome=f.get("outcome"),
        outcome_at=f.get("outcome_at"),
        snoozes=f.get("snoozes", 0),
        about=f.get("about"),
    )
    return DecisionRecord.model_construct(
        id=doc["id"],
        schema_version=doc["schema_version"],
        created_at=doc["created_at"],
        updated_at=doc["updated_at"],
        team_id=doc["team_id"],
        user_id=doc["user_id"],
        source=doc.get("source", "slack"),
        answers=dict(doc["answers"]),
        signals=signals,
        recommendation=doc["recommendation"],
        decision=doc.get("decision"),
        decided_at=doc.get("decided_at"),
        followup=followup,
        requester_name=doc.get("requester_name"),
        invite_text=doc.get("invite_text"),
        alert=Alert.model_validate(doc["alert"]) if doc.get("alert") else None,
        flagged=Flagged.model_validate(doc["flagged"]) if doc.get("flagged") else None,
    )


_EMPTY: Mapping[str, Any] = {}
_KNOWN_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    Signals: ("intent", "custom_message", "claims_prior_contact", "red_flags", "intent_sure"),
    Followup: ("remind_at", "reminder_sent_at", "outcome", "outcome_at", "snoozes", "about"),
    DecisionRecord: (
        "id", "schema_version", "created_at", "updated_at", "team_id", "user_id", "source",
        "answers", "signals", "recommendation", "decision", "decided_at", "followup",
        "requester_name", "invite_text", "alert", "flagged",
    ),
}  # fmt: skip
for _model, _names in _KNOWN_FIELDS.items():
    if tuple(_model.model_fields) != _names:
        raise ImportError(f"bot.store.documents.to_record is out of date with {_model.__name__}'s fields")


def coerce_record(record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord:
    """Re-validate: attribute assignment on a pydantic model is not validated, and the
    store's read path trusts what it wrote."""
    if isinstance(record, DecisionRecord):
        return DecisionRecord.model_validate(record.model_dump(warnings=False))
    return DecisionRecord.model_validate(migrate(dict(record)))


def check_pref_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Preference values are a flat map of short names to JSON scalars (None: unset)."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if not isinstance(name, str) or not name or len(name) > PREF_NAME_MAX:
            raise ValueError(f"invalid preference name {name!r}")
        if value is not None and not isinstance(value, bool | int | float | str):
            raise ValueError(f"preference {name!r}: {type(value).__name__} is not a JSON scalar")
        if isinstance(value, str) and len(value) > PREF_TEXT_MAX:
            raise ValueError(f"preference {name!r}: text longer than {PREF_TEXT_MAX} characters")
        out[name] = value
    return out


def check_prefs_doc(raw: Any) -> dict[str, Any]:
    """A stored preferences document, validated (journal replay and snapshot loading)."""
    if not isinstance(raw, dict) or set(raw) != {"team_id", "user_id", "values"}:
        raise ValueError("a preferences document needs exactly team_id, user_id and values")
    if not isinstance(raw["team_id"], str) or not isinstance(raw["user_id"], str):
        raise ValueError("preferences team_id and user_id must be strings")
    if not isinstance(raw["values"], dict):
        raise ValueError("preferences values must be an object")
    values = {k: v for k, v in check_pref_values(raw["values"]).items() if v is not None}
    return {"team_id": raw["team_id"], "user_id": raw["user_id"], "values": values}


def retained_prefs(values: Mapping[str, Any], cutoff: datetime) -> dict[str, Any]:
    """What the retention purge keeps of the preferences of a student with no record left: only a
    deletion time after ``cutoff`` (a checklist started before it must not store itself; one started
    before ``cutoff`` is refused anyway)."""
    deleted_at = values.get(DELETED_AT)
    fresh = (
        isinstance(deleted_at, int | float)
        and not isinstance(deleted_at, bool)
        and deleted_at >= as_utc(cutoff).timestamp()
    )
    return {DELETED_AT: deleted_at} if fresh else {}


def check_meta_doc(raw: Any) -> dict[str, Any]:
    """The stored settings document (or a journal line's change to it: None removes a name), validated
    (journal replay and snapshot loading)."""
    if not isinstance(raw, dict):
        raise ValueError("a settings document is an object")
    for name, value in raw.items():
        if name == PSEUDONYM_KEY:
            if value is not None and not (isinstance(value, str) and _KEY_RX.fullmatch(value)):
                raise ValueError(f"{PSEUDONYM_KEY} must be 64 hexadecimal digits")
        elif isinstance(name, str) and name.startswith(ONCE) and len(name) <= len(ONCE) + ONCE_NAME_MAX:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                raise ValueError(f"{name}: when it was done must be a number")
        else:
            raise ValueError(f"a settings document holds only {PSEUDONYM_KEY} and {ONCE}<name> entries")
    return dict(raw)
