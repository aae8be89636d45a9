"""Student-facing names for the analyzer's evidence fields (the vocabularies themselves: bot.coaching.vocab)."""

EVIDENCE_LABELS = {
    "custom_message": "personal note",
    "claims_prior_contact": "claims you've met",
    "intent": "purpose",
    "requester_name": "name",
}
