"""Student-facing names for analyzer signals, shared by the terminal and Slack renderings."""

INTENT_LABELS = {
    "recruiter": "a recruiter or potential employer",
    "referral": "a referral from someone you know",
    "collaboration": "a collaboration or mentoring idea",
    "networking": "peer or alumni networking",
    "sales": "a sales pitch",
    "unclear": "not clear from the text",
}

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
