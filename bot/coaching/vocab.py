"""Every vocabulary of the product, defined once: intents, recommendations, decisions, outcomes.

The codes are what the store, the button values, the CSV export and `python -m bot analyze` carry;
the labels are how people read them. Everything else (the analyzer, the decision table in
prompts/, the staff summary, the follow-ups, the Block Kit builders) imports from here.
"""

from __future__ import annotations

from typing import Literal

# -- what the invitation is for (the analyzer's `intent`) ------------------------------------------
Intent = Literal["recruiter", "referral", "collaboration", "networking", "sales", "unclear"]
INTENTS: tuple[Intent, ...] = ("recruiter", "referral", "collaboration", "networking", "sales", "unclear")
INTENT_LABELS = {  # in a sentence, to the student
    "recruiter": "a recruiter or potential employer",
    "referral": "a referral or an introduction",
    "collaboration": "a collaboration or mentoring idea",
    "networking": "peer or alumni networking",
    "sales": "a sales pitch",
    "unclear": "not clear from the text",
}
# -- why the student thinks they are reaching out (their confirmed answer to the checklist's "reason" step;
# the option ids of prompts/checklist.toml, which staff keep when they edit the labels) ----------------
REASON_STEP = "reason"
REASON_NAMES = {  # as a column, to staff
    "forgot": "Met before, forgot", "opportunity": "Recruiter, employer or client",
    "referral": "Referred by someone they know", "asks_referral": "Asks them for a referral",
    "collaboration": "Collaboration or mentoring",
    "networking": "Networking", "selling": "Selling something", "unsure": "Not sure",
}  # fmt: skip
INTENT_NAMES = {  # as a column, to staff
    "recruiter": "Recruiter", "referral": "Referral", "collaboration": "Collaboration",
    "networking": "Networking", "sales": "Sales pitch", "unclear": "Unclear",
}  # fmt: skip

# -- warning signs of a scam (the analyzer's `red_flags`) ---------------------------------------------
RED_FLAG_LABELS: dict[str, str] = {
    "asks_for_money": "Asks for money, fees, gift cards or bank details",
    "asks_personal_info": "Asks for personal information (ID, SSN, date of birth, logins)",
    "off_platform": "Wants to move off LinkedIn (WhatsApp, Telegram, text, personal email)",
    "too_good_to_be_true": "Offer sounds too good to be true",
    "crypto_investment": "Crypto, forex or investment offer",
    "urgency": "Pressure to act fast",
    "suspicious_link": "Shortened or suspicious link",
    "install_or_run": "Asks you to install or run something",
}

# -- what the checklist recommends --------------------------------------------------------------------
RECOMMENDATIONS = ("accept", "reply_first", "meet_first", "ignore")
UNSAFE_RECOMMENDATIONS = frozenset(
    {"accept", "reply_first", "meet_first"}
)  # never for a scam: each keeps them talking
PENDING = "pending"  # the recommendation of a check whose checklist isn't finished
RECOMMENDATION_LABELS = {
    "accept": "Accept",
    "reply_first": "Reply first",
    "meet_first": "Meet first",
    "ignore": "Ignore",
    PENDING: "Checklist not finished",
}
RECOMMENDATION_EMOJI = {
    "accept": ":white_check_mark:",
    "reply_first": ":speech_balloon:",
    "meet_first": ":coffee:",
    "ignore": ":no_entry_sign:",
}

# -- what the student did --------------------------------------------------------------------------------
DECISIONS = ("accepted", "replied_first", "suggested_meeting", "ignored", "later")
DECISION_LABELS = {
    "accepted": "Accepted",
    "replied_first": "Replied first",
    "suggested_meeting": "Suggested meeting",
    "ignored": "Ignored",
    "later": "Deciding later",
}
FOLLOWS = {
    "accept": "accepted",
    "reply_first": "replied_first",
    "meet_first": "suggested_meeting",
    "ignore": "ignored",
}  # recommendation -> the decision that follows it
OFFER_DECISIONS = frozenset({"replied_first", "suggested_meeting"})  # decisions whose answer is the verdict

# -- what came of it (the "did they reply?" follow-up) ------------------------------------------------
OUTCOMES = ("explained", "pitched", "no_reply")
OUTCOME_LABELS = {
    "explained": "Replied and explained",
    "pitched": "Replied with a pitch",
    "no_reply": "No reply",
}
