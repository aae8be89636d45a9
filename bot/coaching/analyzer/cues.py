"""Cue rules: is this a student's description or a paste, does the text claim past contact, red flags.

Rules, not learned, because these are about precision: a claimed meeting must survive "we haven't met",
and a scam warning must be explainable by the phrase that raised it. Every pattern runs on the
lower-cased clean text (see text.clean) and is an ordinary compiled regex.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _any(*parts: str) -> re.Pattern[str]:
    """One regex for a list of cue patterns."""
    return re.compile("|".join(f"(?:{p})" for p in parts))


def _rule(words: tuple[str, ...] = (), other: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One regex for a red flag's cues. `words` begin at a word boundary, written once in front of them
    all: Python's engine then rejects a mid-word position with one test instead of trying every cue
    there (a third of the time of the same cues each behind its own \\b). `other` cues start elsewhere
    (an amount, an e-mail address) and follow."""
    parts = [rf"\b(?:{'|'.join(words)})"] if words else []
    return re.compile("|".join(parts + [f"(?:{p})" for p in other]))


def _rx(*parts: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), flags)


SIGNOFF = (
    r"(?:best(?: regards| wishes)?|thanks(?: again| so much)?|thank you|many thanks|cheers|regards|"
    r"kind regards|warm regards|warmly|sincerely|all the best|talk soon|take care|thx|br)"
)

_DESC_CUES = _any(
    r"^(?:a|an|some|random|this (?:person|guy|girl|woman|man|recruiter|dude|lady)|got|received|no|blank|someone|"
    r"somebody|person|recruiter|guy|girl)\b"
    r"(?! of (?:you|your)\b)",
    r"\b(?:he|she|they|this (?:person|guy|girl|woman|man)|the (?:person|guy|sender|recruiter))"
    r"(?:'s| is| was)? (?:says|said|claims|claimed|wrote|writes|asked|asks|wants|wanted|keeps|messaged|sent|"
    r"offered|offering|mentioned|told me)\b",
    r"\b(?:no|without an?|didn't (?:include|add|write|leave) an?|with an?|blank|empty|the|just the) ?(?:default )?"
    r"(?:note|message|msg)\b(?! (?:me|you)\b)",
    r"\bjust the default\b|\bdefault (?:message|note|text|invite|invitation|request)\b|\bblank (?:invite|invitation|request)\b",
    r"\bnever met\b|\bi don't (?:remember|know|recognize)\b|\bhave no idea\b|\bnot sure (?:who|if|how)\b",
    r"\b(?:got|received|getting|get) (?:an? )?(?:linkedin )?(?:invite|invitation|request|connection request)\b",
    r"\b(?:sent|messaged|asked|dm'd|dmed|added|invited) me\b",
    r"\b(?:his|her|their) (?:profile|headline|note|message|bio|title)\b|\bheadline(?: says| is|:)",
    r"\bnote says\b|\bnamed \w",
    r"\b(?:says|said|claims|claimed) (?:that )?(?:we|i|he|she|they)\b",
    r"\b\d+(?:st|nd|rd|th)?\+? degree\b|\b\d+ mutual(?: connections)?,",
)
_PASTE_CUES = _rx(
    r"\byour\b|\byou(?:'re|'d|'ll|'ve)?\b(?! know\b)",
    r"^(?:hi|hello|hey|dear|hola|bonjour)\b",
    rf"\n{SIGNOFF}[,!]?\n",
)

# Custom note in a description.
_DESC_NOTE_STRONG = _any(
    r"\b(?:with|included|includes|sent|added|wrote|left) (?:a|an|this|the) (?:short |long |personal |custom |nice )?"
    r"(?:note|message|msg)\b",
    r"\b(?:note|message|msg) (?:says|said|saying|reads|read|about|asking|that|was|is)\b",
    r"\bwrote (?:that|me|to)\b|\b(?:he|she|they) wrote\b|\bsaid in (?:his|her|their|the) note\b|\bin (?:his|her|their|the) note\b",
    r"\bmessage(?:d)? me (?:with|about|saying|asking)\b|\breached out with\b",
)
_DESC_NOTE_NONE = _any(
    r"\bno (?:note|message|msg|text|personal(?:ized)? note)\b",
    r"\bwithout (?:a|any) (?:note|message)\b",
    r"\b(?:just|only) (?:the )?default\b|\bdefault (?:message|note|text|invite|invitation|request)\b",
    r"\bblank (?:invite|invitation|request)\b|\bempty (?:note|message|invite)\b",
    r"\b(?:didn'?t|did not|does not|doesn'?t) (?:include|add|write|leave|send|have|come with) (?:a|any) (?:note|message|msg)\b",
    r"\bno (?:personal(?:ized)? )?(?:note|message|msg|text)\b|\bwithout (?:a |any )?(?:note|message|msg)\b",
    r"\bjust (?:an? )?(?:invite|request|connection request)\b",
)
_DESC_NOTE_WEAK = _any(
    r"\b(?:says|said|saying|claims|claimed|asked|asking|asks|offering|offered|wants|wanted|told me|mentioned|"
    r"pitched|pitching|selling|promised|invited me)\b",
)

_CLAIM = _any(
    r"\b(?:great|nice|good|pleasure|lovely|awesome|wonderful|fun|glad|excellent|happy)(?: (?:to|that we got to|"
    r"i got to))? (?:meet|meeting|met|chatting|chat|talking|talk|speaking|speak|seeing|see|connecting|"
    r"catching up)(?: with)? you\b",
    r"\bwe (?:met|spoke|talked|chatted|connected|crossed paths|sat next to each other|worked together|"
    r"were introduced)\b",
    r"\bi met you\b|\bmet (?:you|me|u) (?:at|during|last|yesterday|on|in|earlier|briefly)\b",
    r"\b(?:i was|i'm|i am|we were) (?:your|ur) (?:lab |project |study |group )?(?:partner|classmate|teammate|roommate|"
    r"ta|tutor|neighbou?r|mentee|intern|coworker|colleague)\b",
    r"\b(?:it was|was) (?:nice|great|good|a pleasure|fun|lovely) (?:chatting|talking|speaking|meeting|to meet|"
    r"connecting|seeing)\b",
    r"\b(?:nice|great|good) (?:chatting|talking|speaking) (?:with you|to you|today|yesterday|earlier)\b",
    r"\b(?:after|following|from|per|since|re:?|about|enjoyed|loved|thanks for|thank you for) our (?:brief |quick |"
    r"short |great |recent |earlier |lovely )?(?:conversation|chat|call|talk|meeting|discussion|exchange|"
    r"interview|coffee)\b",
    r"\bfollowing up (?:on|from|after|about|regarding)\b|\bfollow(?:ing)?-up from\b",
    r"\b(?:i'm|i am|i was|we're|we are|we were|he's|she's|they're|he is|she is|he was|she was) (?:also )?in "
    r"(?:your|my|the same) [\w\s-]{0,30}?(?:class|section|lab|group|course|lecture|seminar|cohort|"
    r"team|club|recitation|tutorial|study group|discussion)\b",
    r"\bwe (?:took|take|are taking|were taking|had|have|were in|are in|both took) [^.!?\n]{0,40}"
    r"(?:together|class|course|section|lecture)\b",
    r"\b(?:took|taking) [^.!?\n]{0,30} (?:together|with you)\b",
    r"\b(?:we were|we're|we are|we used to be) (?:\w+ )?(?:classmates|teammates|lab ?mates|coworkers|"
    r"colleagues|roommates|neighbors|neighbours|co-workers)\b",
    r"\b(?:saw|heard|watched|seen|caught) (?:you|your) (?:present|presentation|speak|talk|demo|pitch|panel|"
    r"poster|keynote|session|lightning)\w*\b",
    r"\bsaw (?:you|u) (?:were |was )?(?:at|in|during)\b|\b(?:loved|enjoyed|liked|great|awesome|inspiring) your "
    r"(?:talk|presentation|keynote|panel|session|workshop|lecture|demo|pitch|question)\b|"
    r"\b(?:i|we) (?:talked|spoke|chatted|met)(?: (?:to|with))?(?: (?:him|her|them|you))? (?:at|during|after|"
    r"last|briefly|yesterday)\b|\b(?:stopping|stopped|coming|came) by (?:our|the|my) (?:booth|table|stand|office hours)\b",
    r"\bthanks (?:again )?for (?:stopping by|coming by|chatting|the chat|the great chat|the conversation|"
    r"visiting|your question|the thoughtful question|meeting)\b",
    r"\bas (?:promised|discussed|we discussed|mentioned earlier)\b|\bremember me\b|\bremember\?",
    r"\bfriend of (?:your|my|his|her) \w+|\b(?:your|my) (?:cousin|brother|sister|mom|dad|mother|father|"
    r"aunt|uncle|roommate)(?:'s)? (?:friend|coworker|colleague)\b",
    r"\bnos conocimos\b|\bconocernos\b|\bnous nous sommes rencontr|\bnous avons (?:échangé|discuté)|"
    r"\bd'avoir (?:échangé|discuté)|\bwir haben uns\b.{0,20}\bkennengelernt",
    r"\bin (?:your|our) (?:class|section|lecture|cohort|course)\b",
    # a call, an event the student attended, a shared seat or class, an interview
    r"\b(?:on|over) the phone\b|\b(?:our|the) (?:phone|zoom|video|teams) (?:call|chat|conversation|screen)\b",
    r"\b(?:thanks?|thank you)(?: so much| again)? for (?:attending|joining|coming to|visiting|taking the time|"
    r"your time)\b",
    r"\b(?:thanks?|thank you|great|nice|good|lovely|pleasure|enjoyed|fun)(?: so much| again)?(?: for)? "
    r"(?:connecting|chatting|speaking|talking|meeting|catching up)(?: with (?:me|us|you))? (?:at|during|after)\b",
    r"\b(?:chatted|talked|spoke|met|connected) (?:\w+ ){0,2}(?:at|during|after) (?:the|our|your|my|a|last|that)\b",
    r"\bsat (?:next to|beside|behind|near|across from|with) (?:you|u)\b",
    r"\b(?:thanks?|thank you|cheers|enjoyed|loved) (?:again )?(?:for )?(?:the|our) (?:\w+ )?(?:chat|conversation|talk|call) "
    r"(?:at|during|after|yesterday|earlier|last)\b",
    r"\b(?:great|good|excellent|interesting|thoughtful) question (?:at|during|in|after)\b",
    r"\b(?:from|in|of) (?:your|ur) (?:[\w-]+ ){0,3}(?:course|class|section|lecture|seminar|lab|tutorial|module|"
    r"workshop|recitation)\b",
    r"\binterviewed (?:with|me|you)\b|\bfor interviewing with\b",
    r"\bwe(?:'ve| have) (?:met|spoken|talked|chatted|worked together)\b",
)
_CLAIM_NEG = re.compile(
    r"\b(?:haven't|have not|never|didn't|did not|not|don't think(?: we)?|do not think(?: we)?|yet to|"
    r"not sure(?: if| whether)?(?: we)?|doubt) (?:\w+ )?$",
    _I,
)

# Referral: a named or implied third party passed the student's name along.
_REFERRAL = _any(
    r"\b(?:suggested|recommended|advised) (?:that )?(?:i|we|he|she|they|me to) (?:should )?(?:reach out|contact|connect|"
    r"get in touch|talk|speak|message|write|email|chat|ping)",
    r"\b(?:suggested|recommended) (?:i |that i )?(?:reach(?:ing)? out|contact(?:ing)?|connect(?:ing)?) (?:to |with )?you",
    r"\breferred (?:me|him|her|them) (?:to (?:you|him|her|me)|your way)\b|\b(?:was|were) referred (?:to you|by)\b",
    r"\bgave (?:me|him|her|them) (?:your|my) (?:name|contact|info|information|details|email|number|linkedin)\b",
    r"\bpass(?:ed)? (?:along|on) (?:your|my) (?:name|contact|info|information|details|profile)\b",
    r"\b(?:told|mentioned to) me (?:about you|that you|you)\b|\bmentioned (?:that )?you(?:'re|'d| are| were| have|"
    r"'ve| built| might| would| could| may| worked)\b",
    r"\basked me to (?:connect|reach out|contact|get in touch|message|talk)\b",
    r"\b(?<!\bi )(?<!\bas you )(?:said|says|told me|mentioned) (?:that )?you(?:'re| are|'d| were| would| might| could|"
    r" know| can| have|'ve)\b",
    r"\byour name came up\b|\b(?:he|she|they) (?:speaks|spoke) (?:highly|so highly|very highly) of you\b",
    r"\b(?:pointed|directed|sent) me (?:to you|your way|in your direction)\b",
    r"\b(?:our|a) mutual (?:friend|contact|colleague|acquaintance)\b",
    r"\b(?:he|she|they) (?:thought|said|says|suggested) (?:we|you two|the two of us) should (?:connect|talk|meet)\b",
    r"\bintroduced (?:me to you|us)\b",
    r"\bpass(?:ed|es)? (?:along )?your (?:name|contact|info|details|profile|email) (?:(?:along |on )?to me|along|on)\b"
    r"(?! to (?:the|our|a|my) )",
    r"\b(?:pointed|directed|sent|forwarded) me (?:to )?your (?:profile|page|work|name|way)\b",
    r"\b(?<!\bi )(?:said|says|suggested) (?:that )?(?:the two of us|you two|we two|we) should (?:connect|talk|meet|"
    r"chat|get in touch)\b",
)
_REFERRAL_NOT = re.compile(r"referral (?:link|bonus|code|program)|employee referral", _I)

_MONEY_ONE = r"(?:[$€£]\s?\d[\d,.]*\s?k?\+?|\d[\d,.]*\s?k?\+?\s?(?:\$|usd|dollars|eur|euros?|€|£))"
_MONEY_AMOUNT = rf"(?:{_MONEY_ONE}(?:\s?(?:-|–|to)\s?{_MONEY_ONE})?)"

RED_FLAG_RULES: dict[str, re.Pattern[str]] = {
    "asks_for_money": _rule(
        words=(
            r"(?:pay|send|wire|transfer|deposit|purchase|buy)\b[^.!?\n]{0,40}\b(?:fee|deposit|payment|"
            r"money|gift ?cards?|bitcoin|crypto|check|cheque|starter kit|registration|insurance)\b",
            r"(?:processing|registration|equipment|training|application|onboarding|refundable|upfront|"
            r"up-front|placement|admin(?:istration)?|visa|security|certification|starter kit|"
            r"background check) fees?\b",
            r"gift ?cards?\b|(?:zelle|venmo|cash ?app|western union|moneygram|wire transfer)\b",
            r"(?:buy|purchase|order) (?:a |an |the |your (?:own )?)?(?:[\w-]+ ){0,2}(?:laptop|macbook|"
            r"computer|equipment|software|starter kit|gift cards?)\b[^.!?\n]{0,60}\b(?:vendor|supplier|"
            r"store|reimburs\w*|refund\w*)",
            r"(?:fee|deposit|payment) (?:of |is )?(?:just |only )?[$€£]\s?\d",
            r"deposit (?:it|the check|the cheque|a check|a cheque)\b|send (?:back|the) (?:the )?(?:extra|"
            r"difference|remaining|rest|balance)\b|(?:send|mail|give|post) (?:you|me) a (?:check|"
            r"cheque)\b|send a (?:check|cheque)\b",
            rf"(?:buy|purchase|pay for)\b[^.!?\n]{{0,40}}{_MONEY_AMOUNT}",
            rf"pay (?:a |an |the )?(?:small |one-time )?{_MONEY_AMOUNT}",
        ),
    ),
    "asks_personal_info": _rule(
        words=(
            r"bank(?:ing)? (?:account )?(?:details|info|information|numbers?|login)\b|(?:routing|"
            r"account) numbers?\b",
            r"ssn\b|social security\b|social insurance number\b|national insurance number\b",
            r"passport\b|driver'?s'? licen[cs]e\b|(?:national|government|photo|state) id\b|id card\b|"
            r"(?:copy|photo|scan|picture) of your (?:id|identification)\b",
            r"date of birth\b|(?:dob|d\.o\.b)\b|birth ?date\b",
            r"(?:home|full|mailing|residential|physical|street) address\b|address,|your address\b",
            r"(?:bank(?:ing)?|account|online banking) (?:login|password|credentials|pin)\b|"
            r"your (?:password|pin|login details|login credentials|otp|verification code|2fa code)\b",
            r"(?:verify|confirm|validate|update|re-?enter) your (?:identity|account|details|information|"
            r"login|credentials|password)\b|tax id\b|credit card (?:number|details)\b",
        ),
    ),
    "off_platform": _rule(
        words=(
            r"whats ?app\b|telegram\b|wechat\b|kik\b|snapchat\b|viber\b|line app\b|t\.me/|wa\.me/",
            r"(?:on|via|over|through|use|download) signal\b|signal (?:app|me|number)\b|better on signal\b",
            r"(?:dm|message|contact|reach|text|add|find|follow|write|chat with|talk to) (?:me|us|"
            r"our \w+) (?:on|via|at|through) (?:instagram|ig|facebook|fb|messenger|discord|hangouts|"
            r"google chat|google hangouts|skype|kakao\w*)\b",
            r"text (?:me|us)\b|call (?:me|us) (?:at|on)\b|sms\b",
            r"(?:personal|private) (?:email|e-mail|mail|number|phone)\b|(?:email|e-mail|write to) (?:me|"
            r"us) (?:at|on)\b",
        ),
        other=(
            r"(?<![\w.+-])[\w.+-]{1,64}(?<=[\w.+-])@(?:gmail|googlemail|yahoo|ymail|outlook|hotmail|live|"
            r"aol|icloud|me|proton|protonmail|gmx|mail|yandex|zoho|qq|163)\.\w+",
        ),
    ),
    "too_good_to_be_true": _rule(
        words=(
            r"no (?:prior |previous )?(?:experience|interview|skills?|qualifications?|degree)s? (?:is |"
            r"are )?(?:needed|required|necessary)\b",
            r"without (?:an? |any )?(?:interview|experience)\b|no interview\b",
            r"you(?:'re| are| have been| were|'ve been) hired\b|hired (?:on the spot|immediately|"
            r"right away|without)\b|(?:i|i'm|i am|they|she|he) (?:was )?hired without\b",
            r"start (?:immediately|right away|today)\b|immediate start\b",
            r"congratulations[^.\n]{0,60}\b(?:selected|hired|chosen|approved|shortlisted)\b",
            r"unlimited (?:earning|income|earnings) (?:potential)?|uncapped (?:earnings|commission|"
            r"income)\b|easy money\b|get rich\b|make money (?:fast|from home|online|quickly)\b|"
            r"quick cash\b",
            rf"(?:withdraw|get back|receive|earn|make|turn it into)\s+{_MONEY_AMOUNT}\s*(?:in|within|after) \d+ (?:days?|"
            r"weeks?|hours?)\b",
            r"(?:grew|gained|returned|made|up|earned) (?:by )?\d+(?:\.\d+)?% (?:in|within|after|"
            r"over) (?:\d+|a|one|two|three|four|five|six|a few) (?:days?|weeks?|months?|hours?)\b",
            r"(?:you(?:'ve| have)|your (?:profile|resume|cv|application) (?:has|have)) been (?:selected|"
            r"chosen|hand-?picked|approved|accepted) for\b",
            r"(?:data entry|reship\w*|package (?:forwarding|handling)|mystery shopp\w+|product review\w*|"
            rf"liking posts|envelope stuffing)\b[^.!?\n]{{0,60}}{_MONEY_AMOUNT}",
            r"pre-?approved\b|doubles? (?:your|their|my) (?:money|investment|income|savings)\b",
            rf"(?:weekly|daily|monthly) (?:pay|salary|income|earnings)(?: of| is)? {_MONEY_AMOUNT}",
            r"guaranteed (?:returns?|profits?|income|earnings|job|placement|offer|interview)\b|"
            r"(?:returns?|profits?|income) guaranteed\b",
            r"(?:earn|earns|earning|make|makes|making|made|pays?|paying|salary(?: of| is)?|pay is|"
            rf"income of|role|position|job)\W{{0,3}}(?:\w+ ){{0,2}}\(?{_MONEY_AMOUNT}\s?(?:/|per |a |an |every |last |this |"
            r"in (?:a|one) )?\s?(?:week|weekly|wk|day|daily|month|monthly|mo)\b",
            r"\d+(?:-\d+)?% (?:returns?|profits?|roi|daily|weekly|monthly|(?:\w+ ){0,2}(?:per|a|every|"
            r"each) (?:day|week|month))\b|earn \d+(?:-\d+)?%",
        ),
        other=(
            rf"{_MONEY_AMOUNT}[^.!?\n]{{0,40}}\b(?:data entry|reship\w*|mystery shopp\w+|liking posts|product review\w*)\b",
            rf"{_MONEY_AMOUNT}\s?(?:/|per |an |a )\s?(?:hour|hr|h)\b",
        ),
    ),
    "crypto_investment": _rule(
        words=(
            r"(?:crypto(?:currency|currencies)?|bitcoin|btc|ethereum|eth|usdt|tether|nfts?|forex|"
            r"fx trading|binary options?|defi)\b",
            r"trading (?:signals?|bot|platform|strategy|account|group|mentor|academy)\b|(?:signals|"
            r"trading) group\b|day trad(?:ing|er)\b",
            r"invest(?:ment)? (?:opportunit\w+|plan|platform|scheme|returns?|club|group|program)\b|"
            r"invest (?:in|with) (?:us|me|our|this|bitcoin|crypto|gold|my(?! future| career| education|"
            r" growth| development| studies))\b",
            r"(?:real estate|stock|property|crypto) investing\b|investment webinar\b",
            r"(?:returns?|profits?|roi) of \d+|\d+% (?:returns?|profits?|roi)\b|double your (?:money|"
            r"investment)\b",
        ),
    ),
    "urgency": _rule(
        words=(
            r"urgent(?:ly)?\b|act (?:now|fast|quickly|immediately|today)\b|asap\b|hurry\b",
            r"(?:reply|respond|answer|decide|confirm|sign up|apply|register|pay)(?: back)? (?:fast|"
            r"quickly|asap|now|immediately|right away|today)\b",
            r"(?:reply|respond|answer|decide|confirm|sign up|"
            r"pay)\b[^.!?\n]{0,20}\b(?:with)?in (?:the next )?\d+ ?(?:hours?|hrs?|h|minutes?|mins?|"
            r"days?)\b",
            r"within (?:the next )?\d+ ?(?:hours?|hrs?|h|minutes?|mins?)\b",
            r"(?:only|just) \d+ (?:spots?|seats?|places?|positions?|slots?|openings?)(?: (?:left|"
            r"remaining|available))?\b",
            r"(?:spots?|seats?|places?|positions?|slots?|offer) (?:are |is )?(?:limited|"
            r"filling (?:up )?fast)\b|limited (?:spots?|seats?|slots?|time|positions?|offer|availability|"
            r"places?)\b",
            r"last chance\b|(?:today|tonight|this week|this weekend|48 hours|24 hours) only\b|"
            r"expires? (?:today|tonight|soon|in)\b|don'?t miss (?:out|this)\b|before it'?s too late\b|"
            r"now or never\b",
            r"will be (?:suspended|closed|deleted|terminated|locked|disabled|given to someone else|"
            r"restricted|limited|blocked|deactivated|removed)\b",
            r"(?:contact|reply|respond|call|message|text|apply|write|"
            r"send)\b[^!?\n]{0,80}?\b(?:immediately|right away|asap|urgently)\b",
            r"(?:for|to) (?:the )?first \d+ (?:people|students|applicants|customers|responses|persons|"
            r"who)\b",
            r"secure your (?:spot|seat|place|position)\b|first come,? first serve",
        ),
    ),
    "suspicious_link": _rule(
        words=(r"(?:tinyurl|bitly|shortened|short) link\b",),
    ),
}
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d().\- ]{8,}\d(?![\w/])")
_MONEY_RX = re.compile(_MONEY_AMOUNT, _I)
_HOURLY_AMOUNT = re.compile(r"(\d[\d,.]*)")
# Claims LABELS.md counts that the list above misses: shared connections given as the reason, a long gap.
_CLAIM_MORE = _any(
    r"\b(?:we|you and i) (?:have|share) (?:\d+|a few|several|many|some|lots of|a lot of|so many) "
    r"(?:mutual |shared )?(?:connections|friends|contacts)(?: in common)?\b",
    r"\b\d+ (?:mutual |shared )?connections in common\b|\bconnections in common\b",
    r"\b(?:through|via|from) (?:a|our|one of our|some|several) mutual (?:connections?|friends?|contacts?)\b",
    r"\bmutual (?:connections?|friends?) (?:suggested|recommended|mentioned|said)\b",
    r"\bit'?s been (?:a while|ages|too long|forever|so long)\b|\blong time no (?:see|talk)\b",
    r"\b(?:great|nice|good|fun) (?:chatting|talking|speaking|meeting)(?: with you)? (?:yesterday|today|earlier|"
    r"last (?:week|night|month))\b",
    r"\b(?:we(?:'re| are)?|you and i) both (?:know|are connected (?:to|with)|connected (?:to|with))\b|"
    r"\bwe(?:'re| are) both connected (?:to|with)\b|\bwe (?:may|might) know each other\b",
    r"\bmutual (?:connections?|contacts?|friends?|acquaintances?|relationships?)\b|\bconnections? in common\b|"
    r"\bwe share (?:\d+ |some |a few |several |many )?(?:mutual|common) (?:contacts|connections|friends)\b",
    r"\bwe'?d (?:met|spoken|talked|chatted|worked together)\b|\bhow have you been\b",
    r"\b(?:enjoyed|loved|liked|great|awesome|fantastic|inspiring|amazing|impressive|really enjoyed|thanks for) "
    r"your (?:[\w-]+ ){0,3}(?:talk|presentation|keynote|panel|session|workshop|webinar|lecture|demo|pitch|poster|"
    r"speech|question)s?\b",
    r"\b(?:great|awesome|amazing|fantastic|loved the) (?:pitch|talk|presentation|demo|poster|session|panel|keynote) "
    r"(?:at|during|on|yesterday|today|last)\b",
    r"\bin the audience (?:for|at|of|during)\b|\battended your\b|\b(?:at|in) the same (?:table|event|conference|"
    r"session|meetup|breakout room|workshop|panel|class|section)\b|\bsame (?:table|breakout room|booth|row) at\b",
    r"\bwe had [\w\s-]{1,30} together\b|\bwe (?:went|used to go) to (?:school|college|university|high school) together\b",
    r"\b(?:saw|heard|watched|attended|caught) your (?:talk|presentation|keynote|panel|session|workshop|webinar|"
    r"lecture|demo|pitch|poster)\b",
)
# In a student's description, the student knowing the sender is not a claim by itself (LABELS.md), but a
# note from someone they describe as an old classmate, TA or colleague speaks from that shared past.
_KNOWN_SENDER = re.compile(
    r"\b(?:my|our|an?|the) (?:old |former |ex-?|high school |college |uni |internship |lab |old high school )?"
    r"(?:classmate|class mate|lab partner|teammate|roommate|coworker|co-worker|colleague|manager|boss|supervisor|ta|"
    r"tutor|professor|prof|teacher|mentor|friend|buddy|cousin|neighbou?r|intern|internship buddy)s?\b"
    r"|\b(?:classmate|coworker|co-worker|colleague|teammate|friend) (?:from|at|in)\b"
    r"|\b(?:was|were|used to be) (?:my|our) \w+|\b(?:i|we) (?:was|were) on the \w+ team with\b"
    r"|\bwho (?:managed|taught|supervised|mentored) me\b|\bi (?:took|had) [^.!?\n]{1,40} with (?:her|him|them)\b"
    r"|\b(?:who|whom) i met\b"
)
# In a student's description, a claim only counts when it is the sender's ("he says we met").
_SENDER_SAYS = re.compile(
    r"\b(?:says|said|saying|claims?|claimed|claiming|wrote|writes|mentions?|mentioned|insists?|apparently|"
    r"according to|note|message|msg|told me|asked if|thinks|remember)\b"
)
_HIGH_HOURLY = re.compile(r"(?:/|per |an |a )\s?(?:hour|hr|h)$")
_PERIODIC = re.compile(r"(?:week|day|month|mo|wk)\w*$")
_PER = re.compile(r"(week|wk|day|daily|month|mo)", _I)


def description_cues(low: str) -> list[str]:
    return [m.group(0) for m in _DESC_CUES.finditer(low)]


def paste_cues(low: str) -> int:
    return len(_PASTE_CUES.findall(low))


def described_note(low: str) -> tuple[bool, str]:
    """Whether a description says the sender wrote a note, and the phrase that says so."""
    for rx, has in ((_DESC_NOTE_STRONG, True), (_DESC_NOTE_NONE, False), (_DESC_NOTE_WEAK, True)):
        m = rx.search(low)
        if m:
            return has, m.group(0)
    return False, ""


def _negated(text: str, start: int) -> bool:
    return _CLAIM_NEG.search(text[max(0, start - 25) : start]) is not None


def claim(text: str, described: bool = False) -> str | None:
    """The phrase by which the text claims past contact, unless negated ("we haven't met")."""
    found = sorted((*_CLAIM.finditer(text), *_CLAIM_MORE.finditer(text)), key=lambda m: m.start())
    for m in found:
        if _negated(text, m.start()):
            continue
        if described:
            line_start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
            if (
                not _SENDER_SAYS.search(text, line_start, m.start())
                and '"' not in text[line_start : m.start()]
            ):
                continue
        return m.group(0)
    return None


def known_sender(low: str) -> str | None:
    """A description's phrase saying the student knows the sender ("my old lab partner")."""
    m = _KNOWN_SENDER.search(low)
    return m.group(0) if m else None


def tie(text: str) -> str | None:
    """The phrase naming a go-between ("Dana suggested I reach out"): a referral and a claimed tie."""
    for m in _REFERRAL.finditer(text):
        if not _REFERRAL_NOT.search(text[max(0, m.start() - 15) : m.end() + 15]):
            return m.group(0)
    return None


def _big_pay(s: str) -> bool:
    """High pay for the period named: weekly >= 700, daily >= 200, monthly >= 5000."""
    m = re.search(r"(\d[\d,.]*)\s?(k)?", s, _I)
    per = _PER.findall(s)
    if not m or not per:
        return False
    try:
        v = float(m.group(1).replace(",", "").rstrip("."))
    except ValueError:
        return False
    if m.group(2):
        v *= 1000
    unit = per[-1].lower()
    if unit in ("day", "daily"):
        return v >= 200
    if unit in ("week", "wk"):
        return v >= 700
    return v >= 5000 or bool(re.search(r"\bearn|\bmade\b|\bmake", s, _I)) and v >= 1500


def _high_pay(s: str) -> bool:
    """A pay figure is a red flag only when it is high for its period (hourly >= 50)."""
    if _HIGH_HOURLY.search(s):
        amounts = _HOURLY_AMOUNT.findall(s)
        try:
            return bool(amounts) and float(amounts[0].replace(",", "").rstrip(".")) >= 50
        except ValueError:
            return False
    if _PERIODIC.search(s):
        return _big_pay(s)
    return True


# Links are judged one by one: first find what looks like a web address, then ask what kind it is.
_URLISH = re.compile(r"(?<![\w@.-])(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"]*)?")
_BAD_LINK = _any(
    r"^(?:https?://)?(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|cutt\.ly|rb\.gy|shorturl\.at|"
    r"tiny\.cc|rebrand\.ly|s\.id|v\.gd|shorte\.st|adf\.ly|bl\.ink|t\.ly|tiny\.one|qrco\.de)(?:/|$)",
    r"^https?://\d{1,3}(?:\.\d{1,3}){3}",
    r"^(?:https?://)?[\w.-]+\.(?:xyz|top|click|loan|work|tk|ml|ga|cf|gq|zip|mov|icu|buzz|rest|cam|monster|live|online|"
    r"site|club|ru|cn|su|win|bid|vip|lol|quest|sbs|cfd)(?:/|$)",
    r"^(?:https?://)?(?:[\w-]+\.)*[\w-]*(?:linkedin|linkdin|linkedln|lnkedin|paypal|amazon|microsoft)[\w-]*"
    r"\.(?!com(?:/|$))[a-z]{2,}",
    r"^(?:https?://)?(?:[\w-]+\.)*(?:[\w]*-(?:linkedin|paypal|amazon|microsoft)|(?:linkedin|paypal|amazon|microsoft)-)",
    r"^(?:https?://)?(?:[\w-]+\.)*xn--",
)


def _bad_link(low: str) -> re.Match[str] | None:
    for m in _URLISH.finditer(low):
        if _BAD_LINK.search(m.group(0)):
            return m
    return None


def red_flags(low: str) -> list[tuple[str, str]]:
    """(code, phrase) for each scam sign LinkedIn's safety guidance names, in the order they occur."""
    found: list[tuple[int, str, str]] = []
    for code, rx in RED_FLAG_RULES.items():
        ms = list(rx.finditer(low))
        if code == "off_platform" and (phone := _PHONE.search(low)):
            ms = sorted((*ms, phone), key=lambda x: x.start())
        if code == "suspicious_link" and (link := _bad_link(low)):
            ms = sorted((*ms, link), key=lambda x: x.start())
        for m in ms:
            if code == "too_good_to_be_true" and _MONEY_RX.search(m.group(0)) and not _high_pay(m.group(0)):
                continue
            found.append((m.start(), code, m.group(0)))
            break
    found.sort()
    return [(code, phrase) for _, code, phrase in found]


# Intent is learned (model.py). These few cues are features for it, not decisions: the sender's headline,
# a job seeker writing, "not about a role", a vendor's opener, a product on show, a wish to connect.
HEADLINE_CUES: dict[str, re.Pattern[str]] = {
    "recruiter": _rx(
        r"\brecruit\w*",
        r"\btalent\b",
        r"\bhiring\b",
        r"\bhr\b|\bhuman resources\b|\bpeople (?:partner|ops)\b",
        r"\bheadhunter\b",
        r"\bstaffing\b",
        r"\bcareers?\b.{0,20}\bat\b",
    ),
    "sales": _rx(
        r"\bi help\b|\bhelping\b",
        r"\b(?:coach|coaching|consultant for|agency|growth hacker|"
        r"lead gen|founder @)\b",
        r"\bdm me\b|\bpassive income\b|\b(?:crypto|forex|trader|investor|wealth|financial advisor|"
        r"insurance|real estate)\b",
        r"\$\d",
    ),
    "networking": _rx(r"\balum", r"\bclass of\b|\b'\d\d\b"),
}
NOT_A_ROLE = re.compile(
    r"\bnot (?:reaching out|writing|contacting you|messaging|here) (?:about|for|regarding|with) "
    r"(?:a |an )?(?:role|job|position|opening|recruit)",
    _I,
)
NOTE_OF_CONNECT = re.compile(
    r"\b(?:conn?ect|connet|conectar|network|touch|chat|coffee|get to know you)\b", _I
)
# The sender is the one looking for a job (asks the student for help or a referral): not a recruiter.
SEEKER = re.compile(
    r"\b(?:i am|i'm|im) (?:currently |actively )?(?:seeking|looking) (?:for )?(?:a |an )?(?:new )?(?:job|"
    r"internship|role|position|opportunit)\w*|\bseeking (?:for )?(?:a |an )?job\b|\b(?:can|could) you "
    r"(?:please )?refer me\b|\brefer me (?:please|for|to)\b|\b(?:i am|i'm) (?:a )?job seeker\b|"
    r"\bopen to work\b"
)


# Soft vendor openers the lists above miss ("I specialize in IT security for small businesses").
VENDOR = _any(
    r"\b(?:i|we) (?:specialize|specialise) in\b",
    r"\b(?:i|we) help (?:[\w'-]+ ){0,3}(?:businesses|teams|companies|brands|professionals|founders|leaders|clinics|"
    r"agencies|startups|firms|people|students|candidates|job seekers|executives|owners)\b",
    r"\b(?:i|we) work with (?:[\w'-]+ ){0,3}(?:vps?|heads?|leaders|founders|ctos?|ceos?|teams|companies|brands|businesses)\b",
    r"\bnot (?:a )?pitch(?:ing)?\b|\bno pitch\b|\b(?:15|20|30)[- ]?min(?:ute)?s?\b|\bsynerg\w+",
    r"\b(?:share|send) (?:some|a few) (?:insights|ideas|resources|case stud\w+)\b",
)


# A product or service shown to the reader: "a new tool I'd love to show you", "a quick demo".
PRODUCT = _any(
    r"\b(?:i'?d|i would|we'?d|we would) love to (?:show|demo|walk) you\b|\bshow you (?:how|what|our|the|a)\b",
    r"\b(?:new|our|my) (?:[\w-]+ )?(?:tool|product|platform|app|software|solution|service|offering|course|program)s?\b",
    r"\b(?:free )?(?:trial|demo|quote|consultation|audit)\b",
)


def intent_cues(note: str, headline: str) -> list[str]:
    """Rule features for the intent model: which cue groups the note and headline hit."""
    out = [f"hcue:{intent}" for intent, rx in HEADLINE_CUES.items() if headline and rx.search(headline)]
    for name, rx in (
        ("seeker", SEEKER),
        ("not_a_role", NOT_A_ROLE),
        ("vendor", VENDOR),
        ("product", PRODUCT),
        ("connect", NOTE_OF_CONNECT),
    ):
        if note and rx.search(note):
            out.append(name)
    return out


# A headline that states a purpose by itself (LABELS.md: "Recruiter", "Talent Acquisition", "We're hiring").
# A bare job title does not ("HR associate", "CEO", "Account Executive"): those stay unclear.
_HEADLINE_PURPOSE = {
    "recruiter": re.compile(
        r"\brecruit\w*|\btalent (?:acquisition|partner|sourc\w+|scout)|\bheadhunt\w*|\bhiring\b|"
        r"\bsourcer\b|\bstaffing\b|\brecrut\w+|\breclut\w+"
    ),
    "sales": re.compile(
        r"\bfinancial (?:advisor|adviser|planner|professional)|\bwealth (?:manager|advisor|adviser|"
        r"management)|\binsurance (?:agent|advisor|adviser|broker)|\brealtor\b|\breal estate agent|"
        r"\bmortgage (?:broker|advisor|adviser)|\bi help\b|\bhelping (?:[\w-]+ ){1,3}(?:grow|get|land|scale)\b|"
        r"\b(?:career|life|business|money|wealth) coach\b|\bresume writ\w+|\blead gen\w*|\bpassive income\b|"
        r"\bdm me\b|\bforex\b|\bcrypto\w*"
    ),
}


def headline_intent(headline: str) -> str | None:
    """A headline's stated purpose, for an invitation with no note of its own."""
    for intent, rx in _HEADLINE_PURPOSE.items():
        if rx.search(headline):
            return intent
    return None
