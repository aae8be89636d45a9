"""Student-facing names for the analyzer's evidence fields (the vocabularies themselves: bot.coaching.vocab)."""

from bot.coaching.vocab import INTENT_LABELS

NOT_SURE = "not sure from the text: you decide"


def purpose_label(intent: str, sure: bool) -> str:
    """What the walkthrough says about the purpose: the analyzer's reading only when it is confident,
    so a weak guess never reads like advice."""
    return INTENT_LABELS.get(intent, "not clear") if sure else NOT_SURE


EVIDENCE_LABELS = {
    "custom_message": "personal note",
    "claims_prior_contact": "claims you've met",
    "intent": "purpose",
    "requester_name": "name",
}
