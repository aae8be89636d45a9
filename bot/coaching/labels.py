"""Student-facing names for analyzer signals, shared by the terminal and Slack renderings."""

INTENT_LABELS = {
    "recruiter": "a recruiter or potential employer",
    "referral": "a referral from someone you know",
    "collaboration": "a collaboration or mentoring idea",
    "networking": "peer or alumni networking",
    "sales": "a sales pitch",
    "unclear": "not clear from the text",
}

EVIDENCE_LABELS = {
    "custom_message": "personal note",
    "claims_prior_contact": "claims you've met",
    "intent": "purpose",
    "requester_name": "name",
}
