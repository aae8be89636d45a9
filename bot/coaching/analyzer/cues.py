"""Cue rules: is this a student's description or a paste, does the text claim past contact, red flags.

Rules, not learned, because these are about precision: a claimed meeting must survive "we haven't met",
and a scam warning must be explainable by the phrase that raised it. Every pattern runs on the
lower-cased clean text (see text.clean) and is an ordinary compiled regex.
"""

from __future__ import annotations

import re

from bot.coaching.analyzer.paste import SIGNOFF
from bot.coaching.analyzer.stock import STOCK

_I = re.IGNORECASE


def _any(*parts: str, flags: int = 0) -> re.Pattern[str]:
    """One regex for a list of cue patterns, tried in order at each place."""
    return re.compile("|".join(f"(?:{p})" for p in parts), flags)


def _at_word(*cues: str) -> str:
    """Cues that begin at a word boundary, as one pattern."""
    return rf"\b(?:{'|'.join(cues)})"


def _words(*cues: str) -> re.Pattern[str]:
    """One regex for a list of cues that each begin at a word boundary."""
    return re.compile(_at_word(*cues))


_DESC_CUES = _any(
    r"^(?:a|an|some|random|this (?:person|guy|girl|woman|man|recruiter|dude|lady)|got|received|no|"
    r"blank|someone|somebody|person|recruiter|guy|girl)\b(?! of (?:you|your)\b)",
    _at_word(
        r"(?:he|she|they|this (?:person|guy|girl|woman|man)|the (?:person|guy|sender|recruiter))(?:'s|"
        r" is| was)? (?:says|said|claims|claimed|wrote|writes|asked|asks|wants|wanted|keeps|messaged|"
        r"sent|offered|offering|mentioned|told me|tells me|say|tell me|want|ask)\b",
        r"offer(?:ed|s|ing) (?:me|to (?:refer|help|mentor|introduce|hire) me)\b",
        r"me (?:agreg[oó]|adicionou)\b|me (?:mand[oó]|envi[oó]|mandou|enviou) (?:una? |um |uma )?(?:solicitud|"
        r"invitaci[oó]n|convite|pedido)\b|me (?:pidi[oó]|pediu) que (?:la|lo|a|o) (?:refiera|recomiende|indique)\b",
        r"(?:no|without an?|didn't (?:include|add|write|leave) an?|with an?|blank|empty|the|"
        r"just the) ?(?:default )?(?:note|message|msg)\b(?! (?:me|you)\b)",
        r"just the default\b|default (?:message|note|text|invite|invitation|request)\b|"
        r"blank (?:invite|invitation|request)\b",
        r"never met\b|i don't (?:remember|know|recognize)\b|have no idea\b|not sure (?:who|if|how)\b",
        r"(?:got|received|getting|get) (?:an? )?(?:linkedin )?(?:invite|invitation|request|"
        r"connection request)\b",
        r"(?:sent|messaged|asked|dm'd|dmed|added|invited) me\b",
        r"(?:his|her|their) (?:profile|headline|note|message|bio|title)\b|headline(?: says| is|:)",
        r"note says\b|named \w",
        r"(?:only|just) the (?:usual|standard|generic|default|same old)\b|(?:the )?usual (?:stock |default |generic |"
        r"linkedin )?(?:thing|text|line|message|note|one|stuff)\b",
        r"(?:with|only|just|says|said|saying|wrote|usual|standard|default|generic) ['\"]",
        r"(?:says|said|claims|claimed) (?:that )?(?:we|i|he|she|they)\b",
        r"\d+(?:st|nd|rd|th)?\+? degree\b|\d+ mutual(?: connections)?,",
    ),
)
_PASTE_CUES = _any(
    r"\byour\b|\byou(?:'re|'d|'ll|'ve)?\b(?! know\b)",
    r"^(?:hi|hello|hey|dear|hola|bonjour)\b",
    rf"\n{SIGNOFF}[,!]?\n",
)

# Custom note in a description.
_DESC_NOTE_STRONG = _words(
    r"(?:with|included|includes|sent|added|wrote|left) (?:a|an|this|the) (?:short |long |"
    r"personal |custom |nice )?(?:note|message|msg)\b",
    r"(?:note|message|msg) (?:says|said|saying|reads|read|about|asking|that|was|is)\b",
    r"wrote (?:that|me|to)\b|(?:he|she|they) wrote\b|said in (?:his|her|their|the) note\b|"
    r"in (?:his|her|their|the) note\b",
    r"message(?:d)? me (?:with|about|saying|asking)\b|reached out with\b",
)
_DESC_NOTE_NONE = _words(
    r"no (?:note|message|msg|text|personal(?:ized)? note)\b",
    r"without (?:a|any) (?:note|message)\b",
    r"(?:just|only) (?:the )?default\b|default (?:message|note|text|invite|invitation|request)\b",
    r"blank (?:invite|invitation|request)\b|empty (?:note|message|invite)\b",
    r"(?:didn'?t|did not|does not|doesn'?t) (?:include|add|write|leave|send|have|come with) (?:a|"
    r"any) (?:note|message|msg)\b",
    r"no (?:personal(?:ized)? )?(?:note|message|msg|text)\b|without (?:a |any )?(?:note|message|"
    r"msg)\b",
    r"just (?:an? )?(?:invite|request|connection request)\b",
    r"nothing else\b|no other (?:text|words|message)\b",
)
_DESC_NOTE_WEAK = _words(
    r"(?:says|said|saying|claims|claimed|asked|asking|asks|offering|offered|wants|wanted|told me|"
    r"mentioned|pitched|pitching|selling|promised|invited me)\b",
    r"(?:he|she|they) (?:say|tell me|tells me|want|ask)\b",
    r"(?:dice|dijo|disse|diz|pregunt[oó]|perguntou|pidi[oó]|pediu|ofrece|ofreci[oó]|oferece|ofereceu) (?:que|se|si)?\b",
)

_CLAIM = _words(
    r"(?:great|nice|good|pleasure|lovely|awesome|wonderful|fun|glad|excellent|happy)(?: (?:to|"
    r"that we got to|i got to))? (?:meet|meeting|met|chatting|chat|talking|talk|speaking|speak|"
    r"seeing|see|connecting|catching up)(?: with)? you\b",
    r"we (?:met|spoke|talked|chatted|connected|crossed paths|sat next to each other|"
    r"worked together|were introduced)\b",
    r"i met you\b|met (?:you|me|u) (?:at|during|last|yesterday|on|in|earlier|briefly)\b",
    r"(?:i was|i'm|i am|we were) (?:your|ur) (?:lab |project |study |group )?(?:partner|classmate|"
    r"teammate|roommate|ta|tutor|neighbou?r|mentee|intern|coworker|colleague)\b",
    r"(?:it was|was) (?:nice|great|good|a pleasure|fun|lovely) (?:chatting|talking|speaking|"
    r"meeting|to meet|connecting|seeing)\b",
    r"(?:nice|great|good) (?:chatting|talking|speaking) (?:with you|to you|today|yesterday|"
    r"earlier)\b",
    r"(?:after|following|from|per|since|re:?|about|enjoyed|loved|thanks for|"
    r"thank you for) our (?:brief |quick |short |great |recent |earlier |lovely )?(?:conversation|"
    r"chat|call|talk|meeting|discussion|exchange|interview|coffee)\b",
    r"following up (?:on|from|after|about|regarding)\b|follow(?:ing)?-up from\b",
    r"(?:i'm|i am|i was|we're|we are|we were|he's|she's|they're|he is|she is|he was|"
    r"she was) (?:also )?in (?:your|my|the same) [\w\s-]{0,30}?(?:class|section|lab|group|course|"
    r"lecture|seminar|cohort|team|club|recitation|tutorial|study group|discussion)\b",
    r"we (?:took|take|are taking|were taking|had|have|were in|are in|"
    r"both took) [^.!?\n]{0,40}(?:together|class|course|section|lecture)\b",
    r"(?:took|taking) [^.!?\n]{0,30} (?:together|with you)\b",
    r"(?:we were|we're|we are|we used to be) (?:\w+ )?(?:classmates|teammates|lab ?mates|"
    r"coworkers|colleagues|roommates|neighbors|neighbours|co-workers)\b",
    r"(?:saw|heard|watched|seen|caught) (?:you|your) (?:present|presentation|speak|talk|demo|"
    r"pitch|panel|poster|keynote|session|lightning)\w*\b",
    r"saw (?:you|u) (?:were |was )?(?:at|in|during)\b|(?:loved|enjoyed|liked|great|awesome|"
    r"inspiring) your (?:talk|presentation|keynote|panel|session|workshop|lecture|demo|pitch|"
    r"question)\b|(?:i|we) (?:talked|spoke|chatted|met)(?: (?:to|with))?(?: (?:him|her|them|"
    r"you))? (?:at|during|after|last|briefly|yesterday)\b|(?:stopping|stopped|coming|"
    r"came) by (?:our|the|my) (?:booth|table|stand|office hours)\b",
    r"thanks (?:again )?for (?:stopping by|coming by|chatting|the chat|the great chat|"
    r"the conversation|visiting|your question|the thoughtful question|meeting)\b",
    r"as (?:promised|discussed|we discussed|mentioned earlier)\b|remember me\b|remember\?",
    r"friend of (?:your|my|his|her) \w+|(?:your|my) (?:cousin|brother|sister|mom|dad|mother|"
    r"father|aunt|uncle|roommate)(?:'s)? (?:friend|coworker|colleague)\b",
    r"nos conocimos\b|conocernos\b|nous nous sommes rencontr|nous avons (?:échangé|discuté)|"
    r"d'avoir (?:échangé|discuté)|wir haben uns\b.{0,20}\bkennengelernt",
    r"in (?:your|our) (?:class|section|lecture|cohort|course)\b",
    r"(?:on|over) the phone\b|(?:our|the) (?:phone|zoom|video|teams) (?:call|chat|conversation|"
    r"screen)\b",
    r"(?:thanks?|thank you)(?: so much| again)? for (?:attending|joining|coming to|visiting|"
    r"taking the time|your time)\b",
    r"(?:thanks?|thank you|great|nice|good|lovely|pleasure|enjoyed|fun)(?: so much|"
    r" again)?(?: for)? (?:connecting|chatting|speaking|talking|meeting|"
    r"catching up)(?: with (?:me|us|you))? (?:at|during|after)\b",
    r"(?:chatted|talked|spoke|met|connected) (?:\w+ ){0,2}(?:at|during|after) (?:the|our|your|my|"
    r"a|last|that)\b",
    r"sat (?:next to|beside|behind|near|across from|with) (?:you|u)\b",
    r"(?:thanks?|thank you|cheers|enjoyed|loved) (?:again )?(?:for )?(?:the|our) (?:\w+ )?(?:chat|"
    r"conversation|talk|call) (?:at|during|after|yesterday|earlier|last)\b",
    r"(?:great|good|excellent|interesting|thoughtful) question (?:at|during|in|after)\b",
    r"(?:from|in|of) (?:your|ur) (?:[\w-]+ ){0,3}(?:course|class|section|lecture|seminar|lab|"
    r"tutorial|module|workshop|recitation)\b",
    r"interviewed (?:with|me|you)\b|for interviewing with\b",
    r"we(?:'ve| have) (?:met|spoken|talked|chatted|worked together)\b",
)
_CLAIM_NEG = re.compile(
    r"\b(?:haven't|have not|never|didn't|did not|not|don't think(?: we)?|do not think(?: we)?|yet to|"
    r"not sure(?: if| whether)?(?: we)?|doubt) (?:\w+ )?$",
    _I,
)

# Referral: a named or implied third party passed the student's name along.
_REFERRAL = _words(
    r"(?:suggested|recommended|advised) (?:that )?(?:i|we|he|she|they|"
    r"me to) (?:should )?(?:reach out|contact|connect|get in touch|talk|speak|message|write|email|"
    r"chat|ping)",
    r"(?:suggested|recommended) (?:i |that i )?(?:reach(?:ing)? out|contact(?:ing)?|"
    r"connect(?:ing)?) (?:to |with )?you",
    r"referred (?:me|him|her|them) (?:to (?:you|him|her|me)|your way)\b|(?:was|"
    r"were) referred (?:to you|by)\b",
    r"gave (?:me|him|her|them) (?:your|my) (?:name|contact|info|information|details|email|number|"
    r"linkedin)\b",
    r"pass(?:ed)? (?:along|on) (?:your|my) (?:name|contact|info|information|details|profile)\b",
    r"(?:told|mentioned to) me (?:about you|that you|you)\b|mentioned (?:that )?you(?:'re|'d| are|"
    r" were| have|'ve| built| might| would| could| may| worked)\b",
    r"asked me to (?:connect|reach out|contact|get in touch|message|talk)\b",
    r"(?<!\bi )(?<!\bas you )(?:said|says|told me|mentioned) (?:that )?you(?:'re| are|'d| were|"
    r" would| might| could| know| can| have|'ve)\b",
    r"your name came up\b|(?:he|she|they) (?:speaks|spoke) (?:highly|so highly|"
    r"very highly) of you\b",
    r"(?:pointed|directed|sent) me (?:to you|your way|in your direction)\b",
    r"(?:our|a) mutual (?:friend|contact|colleague|acquaintance)\b",
    r"(?:he|she|they) (?:thought|said|says|suggested) (?:we|you two|"
    r"the two of us) should (?:connect|talk|meet)\b",
    r"introduced (?:me to you|us)\b",
    r"pass(?:ed|es)? (?:along )?your (?:name|contact|info|details|profile|email) (?:(?:along |"
    r"on )?to me|along|on)\b(?! to (?:the|our|a|my) )",
    r"(?:pointed|directed|sent|forwarded) me (?:to )?your (?:profile|page|work|name|way)\b",
    r"(?<!\bi )(?:said|says|suggested) (?:that )?(?:the two of us|you two|we two|"
    r"we) should (?:connect|talk|meet|chat|get in touch)\b",
    r"(?<!\bi )(?:said|says|told me) (?:that )?i should (?:connect|reach out|talk|get in touch|contact|message)\b",
    r"(?:told|asked) (?:him|her|them|me) to (?:connect|reach out|get in touch) with (?:me|you)\b",
    r"(?:me )?(?:sugiri[oó]|recomend[oó]|sugeriu|recomendou|indicou) (?:que )?(?:eu |yo )?(?:te |le )?"
    r"(?:contactara|escribiera|buscara|procurasse|contatasse|escrevesse|te procurasse)",
)
_REFERRAL_NOT = re.compile(r"referral (?:link|bonus|code|program)|employee referral", _I)

_MONEY_ONE = r"(?:[$€£]\s?\d[\d,.]*\s?k?\+?|\d[\d,.]*\s?k?\+?\s?(?:\$|usd|dollars|eur|euros?|€|£))"
_MONEY_AMOUNT = rf"(?:{_MONEY_ONE}(?:\s?(?:-|–|to)\s?{_MONEY_ONE})?)"

# Per warning sign, its cues: words, then cues that start elsewhere (an amount, an e-mail address).
RED_FLAG_RULES: dict[str, re.Pattern[str]] = {
    "asks_for_money": _words(
        r"(?:pay|send|wire|transfer|deposit|purchase|buy)\b[^.!?\n]{0,40}\b(?:fee|deposit|payment|"
        r"money|gift ?cards?|bitcoin|crypto|check|cheque|starter kit|registration|insurance)\b",
        r"(?:processing|registration|equipment|training|application(?! fees? (?:is|are) waived)|onboarding|refundable|upfront|"
        r"up-front|placement|admin(?:istration)?|visa|security|certification|starter kit|"
        r"background check) fees?\b",
        r"(?:buy|purchase|send|pay (?:with|in|by|using)|get me|load)\b[^.!?\n]{0,30}\bgift ?cards?\b|"
        r"gift ?cards?\b[^.!?\n]{0,30}\b(?:codes?|numbers?|pins?|scratch)\b",
        r"(?:zelle|venmo|cash ?app|western union|moneygram|wire transfer)\b",
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
    "asks_personal_info": _words(
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
    "off_platform": _any(
        _at_word(
            r"whats ?app\b|telegram\b|wechat\b|kik\b|snapchat\b|viber\b|line app\b|t\.me/|wa\.me/",
            r"(?:on|via|over|through|use|download) signal\b|signal (?:app|me|number)\b|better on signal\b",
            r"(?:dm|message|contact|reach|text|add|find|follow|write|chat with|talk to) (?:me|us|"
            r"our \w+) (?:on|via|at|through) (?:instagram|ig|facebook|fb|messenger|discord|hangouts|"
            r"google chat|google hangouts|skype|kakao\w*)\b",
            r"text (?:me|us)\b|call (?:me|us) (?:at|on)\b|sms\b",
            r"(?:personal|private) (?:email|e-mail|mail|number|phone)\b|(?:email|e-mail|write to) (?:me|"
            r"us) (?:at|on)\b",
        ),
        r"(?<![\w.+-])[\w.+-]{1,64}(?<=[\w.+-])@(?:gmail|googlemail|yahoo|ymail|outlook|hotmail|live|"
        r"aol|icloud|me|proton|protonmail|gmx|mail|yandex|zoho|qq|163)\.\w+",
    ),
    "too_good_to_be_true": _any(
        _at_word(
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
        rf"{_MONEY_AMOUNT}[^.!?\n]{{0,40}}\b(?:data entry|reship\w*|mystery shopp\w+|liking posts|product review\w*)\b",
        rf"{_MONEY_AMOUNT}\s?(?:/|per |an |a )\s?(?:hour|hr|h)\b",
    ),
    "crypto_investment": _words(
        r"(?:crypto(?:currency|currencies)?|bitcoin|btc|ethereum|usdt|tether|nfts?|forex|"
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
    "urgency": _words(
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
    "suspicious_link": _words(r"(?:tinyurl|bitly|shortened|short) link\b"),
}
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d().\- ]{8,}\d(?![\w/])")
_MONEY_RX = re.compile(_MONEY_AMOUNT, _I)
_HOURLY_AMOUNT = re.compile(r"(\d[\d,.]*)")
# Claims LABELS.md counts that the list above misses: shared connections given as the reason, a long gap.
_CLAIM_MORE = _words(
    r"(?:we|you and i) (?:have|share) (?:\d+|a few|several|many|some|lots of|a lot of|"
    r"so many) (?:mutual |shared )?(?:connections|friends|contacts)(?: in common)?\b",
    r"\d+ (?:mutual |shared )?connections in common\b|connections in common\b",
    r"(?:through|via|from) (?:a|our|one of our|some|several) mutual (?:connections?|friends?|"
    r"contacts?)\b",
    r"mutual (?:connections?|friends?) (?:suggested|recommended|mentioned|said)\b",
    r"it'?s been (?:a while|ages|too long|forever|so long)\b|long time no (?:see|talk)\b",
    r"(?:great|nice|good|fun) (?:chatting|talking|speaking|meeting)(?: with you)? (?:yesterday|"
    r"today|earlier|last (?:week|night|month))\b",
    r"(?:we(?:'re| are)?|you and i) both (?:know|are connected (?:to|with)|connected (?:to|"
    r"with))\b|we(?:'re| are) both connected (?:to|with)\b|we (?:may|might) know each other\b",
    r"mutual (?:connections?|contacts?|friends?|acquaintances?|relationships?)\b|"
    r"connections? in common\b|we share (?:\d+ |some |a few |several |many )?(?:mutual|"
    r"common) (?:contacts|connections|friends)\b",
    r"we'?d (?:met|spoken|talked|chatted|worked together)\b|how have you been\b",
    r"(?:enjoyed|loved|liked|great|awesome|fantastic|inspiring|amazing|impressive|really enjoyed|"
    r"thanks for) your (?:[\w-]+ ){0,3}(?:talk|presentation|keynote|panel|session|workshop|"
    r"webinar|lecture|demo|pitch|poster|speech|question)s?\b",
    r"(?:great|awesome|amazing|fantastic|loved the) (?:pitch|talk|presentation|demo|poster|"
    r"session|panel|keynote) (?:at|during|on|yesterday|today|last)\b",
    r"in the audience (?:for|at|of|during)\b|attended your\b|(?:at|in) the same (?:table|event|"
    r"conference|session|meetup|breakout room|workshop|panel|class|section)\b|same (?:table|"
    r"breakout room|booth|row) at\b",
    r"we had [\w\s-]{1,30} together\b|we (?:went|used to go) to (?:school|college|university|"
    r"high school) together\b",
    r"(?:saw|heard|watched|attended|caught) your (?:talk|presentation|keynote|panel|session|"
    r"workshop|webinar|lecture|demo|pitch|poster)\b",
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
    r"|\b(?:who|whom) i met\b|\b(?:i|we) went to (?:hs|high school|school|college|uni) (?:with|together)\b"
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


def _reported_notes(low: str) -> list[str]:
    """The passages a description quotes, except a quoted headline, title or name."""
    return [
        q
        for m in _QUOTED.finditer(low)
        if len(q := (m.group(1) or m.group(2)).strip()) >= 2
        and not _QUOTED_NOT_NOTE_BEFORE.search(low, max(0, m.start() - 30), m.start())
        and not _QUOTED_NOT_NOTE_AFTER.match(low, m.end())
    ]


_NOT_NOTE = r"(?:headline|title|profile|bio|name|company|job|role|position)"
_QUOTED_NOT_NOTE_BEFORE = re.compile(rf"\b{_NOT_NOTE}\b[^.!?\n]{{0,15}}$")
_SAYS_NOT_NOTE = re.compile(rf"\b{_NOT_NOTE} $")  # "his headline says ..." reports the headline
_QUOTED_NOT_NOTE_AFTER = re.compile(
    rf"[^.!?\n]{{0,6}}\b(?:per|from|in|on|as) (?:his|her|their|the) {_NOT_NOTE}\b"
)


def described_note(low: str) -> tuple[bool, str]:
    """Whether a description says the sender wrote a note, and the phrase that says so. A quoted note that
    is LinkedIn's own text ("only the usual 'join your network'") is no note; other quoted words are."""
    notes = _reported_notes(low)
    stock_quote = next((q for q in notes if STOCK.search(q)), None)
    if stock_quote:
        return False, stock_quote
    for rx, has in ((_DESC_NOTE_STRONG, True), (_DESC_NOTE_NONE, False)):
        m = rx.search(low)
        if m:
            return has, m.group(0)
    if notes:
        return True, notes[0]
    for m in _DESC_NOTE_WEAK.finditer(low):
        if not _SAYS_NOT_NOTE.search(low, max(0, m.start() - 20), m.start()):
            return True, m.group(0)
    return False, ""


# A description that names the sender as a recruiter: intent recruiter by itself (LABELS.md).
_DESCRIBED_RECRUITER = re.compile(
    r"\b(?<!not )(?:a|an|the|some|this|one|random|from a|by a|una?|uma?) (?:[\w-]+ ){0,2}?(?:recruiter|headhunter|head hunter|"
    r"talent (?:acquisition|partner|scout)|hiring manager|recruiting (?:manager|lead|coordinator|partner)|reclutador[a]?|"
    r"recrutador[a]?|cazatalentos|headhunting \w+)s?\b"
)


def described_recruiter(low: str) -> str | None:
    """The phrase by which a description says the sender recruits ("a headhunter added me")."""
    m = _DESCRIBED_RECRUITER.search(low)
    return m.group(0) if m else None


# A note that states no purpose: a greeting's "let's connect" and nothing else (LABELS.md: unclear alone).
BARE_CONNECT = re.compile(
    r"(?:(?:i'?d|i would|i'?m|i am|would) (?:(?:really |very )?(?:like|love)|be (?:happy|glad)|happy|glad|keen) to |"
    r"let'?s |lets |(?:happy|glad|great|nice|excited) to |looking forward to |please |can we |shall we |"
    r"(?:it )?would be (?:great|nice|good|lovely|awesome) to )?"
    r"(?:connect|connecting|get connected|stay connected|be connected|link up)(?: with you| here)?(?: on linkedin)?"
    r"[\W_]*(?:(?:thanks?|thank you|cheers)[\W_]*)?"
)


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
                and not any(q.start() <= m.start() < q.end() for q in _QUOTED.finditer(text))
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


# Intent is learned (model.py). These cues are features for it, not decisions: the sender's headline, a job
# seeker writing, "not about a role", a vendor's opener, a product on show, a wish to connect, a role offered,
# a project proposed, and what a student's description says of the sender.
HEADLINE_CUES: dict[str, re.Pattern[str]] = {
    "recruiter": _any(
        r"\brecruit\w*|\brecrut\w+|\breclut\w+",
        r"\btalent\b|\btalento\b",
        r"\bhiring\b|\bsourcer\b",
        r"\bhr\b|\bhuman resources\b|\bpeople (?:partner|ops)\b|\brrhh\b|\brh\b",
        r"\bheadhunt\w*",
        r"\bstaffing\b",
        r"\bcareers?\b.{0,20}\bat\b",
    ),
    "sales": _any(
        r"\bi help\b|\bhelping\b",
        r"\b(?:coach|coaching|consultant for|agency|growth hacker|"
        r"lead gen|founder @)\b",
        r"\bdm me\b|\bpassive income\b|\b(?:crypto|forex|trader|investor|wealth|financial advisor|"
        r"insurance|real estate)\b",
        r"\$\d",
    ),
    "seller": _any(
        r"\bsales\b|\bvendas\b|\bventas\b|\baccount (?:executive|manager)\b|\b(?:sdr|bdr|ae)\b",
        r"\bbusiness development\b|\bpartnerships?\b|\bcustomer success\b|\bgrowth\b",
    ),
    "founder": _any(r"\b(?:co-?)?founder\b|\bfundador\w*|\bceo\b|\bowner\b|\bentrepreneur\b"),
    "student": _any(
        r"\bstudent\b|\bundergrad\w*|\bestudiante\b|\bestudante\b|\bintern\b|\bcandidate\b|\bclass of\b",
        r"\bseeking\b|\bopen to work\b|\blooking for\b|\baspiring\b",
    ),
    "academic": _any(r"\bprofessor\b|\bprof\b|\bresearch\w*|\bph\.?d\b|\blab\b|\bpostdoc\b|\blecturer\b"),
    "networking": _any(r"\balum", r"\bclass of\b|\b'\d\d\b"),
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


# The student's own request for a message, not an invitation: "I already accepted Dana's request, help me
# write a thank-you".
STUDENT_REQUEST = re.compile(
    r"\b(?:i(?:'ve| have)?|i just|ya|j[aá]) (?:already |just |ya |j[aá] )?(?:accepted|connected with|added|"
    r"replied to|answered|acept[eé]|aceitei|respond[ií]|respondi)\b"
    r"(?! (?:a|an|the|my|our|their|this)? ?(?:new |full-time |part-time |summer |dream )?(?:role|job|offer|position|"
    r"internship|challenge|opportunity|post)\b)"
)
REQUEST_WORDS = re.compile(
    r"\b(?:help|write|draft|thank[- ]?you|what (?:should|do|can) i (?:say|write|send)|how (?:do|should) i "
    r"(?:reply|respond|thank)|mensaje|mensagem|escribir|escrever|agradecer|ay[uú]dame|me ajuda)\b"
)
_REQUEST_NAME = re.compile(
    r"(?:accepted|connected with|added|replied to|answered|acept[eé]|aceitei)\s+(?:the request (?:from|of) )?"
    r"([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:'s|’s)?"
)


def student_request(text: str) -> tuple[str, str | None] | None:
    """("accepted" | "replied", the sender's name or None) when the text is the student asking for a message
    after they already acted, not an invitation to read."""
    low = text.lower()
    m = STUDENT_REQUEST.search(low)
    if not m or not REQUEST_WORDS.search(low):
        return None
    kind = "replied" if re.search(r"replied|answered|respond", m.group(0)) else "accepted"
    name = _REQUEST_NAME.search(text)
    return kind, name.group(1) if name else None


# The direction of a referral. In the sender's note "me" is the sender: "could you refer me" asks the student
# to vouch for them, "I can refer you" offers to vouch for the student. In the student's description "me" is
# the student, so the same words point the other way ("she offered to refer me", "he wants me to refer him").
_NOTE_ASKS_REFERRAL = re.compile(
    r"\b(?:(?:can|could|would|will) you (?:please |kindly )?(?:refer|recommend) me\b|refer me\b|"
    r"(?:open|willing|able|happy) to (?:refer|recommend)(?:ring)? me\b|(?:mind|consider) (?:referring|recommending) me\b|"
    r"(?:ask(?:ing)?|request(?:ing)?|hoping for|looking for) (?:you )?(?:for )?(?:a |an )?(?:employee )?referral\b|"
    r"(?:a|an|your) referral (?:for|to) (?:the|a|an|this|that|your)\b|help (?:me )?with a referral\b|referring me\b|"
    r"(?:me )?(?:puedes|podr[ií]as|podes) (?:referir|recomendar)me|me (?:puedes|podr[ií]as|podes) (?:referir|recomendar)\b|"
    r"referirme\b|(?:pode|poderia|podes) me indicar|me indicar para)"
)
_NOTE_OFFERS_REFERRAL = re.compile(
    r"\b(?:(?:i|we)(?:'d| would| can| could| will|'ll| am happy to| am glad to|'m happy to|'m glad to)? "
    r"(?:be (?:happy|glad) to |gladly |happily |also )?(?:refer|recommend) you\b|"
    r"(?:happy|glad|willing) to (?:refer|recommend) you\b|refer you (?:for|to|internally)\b|"
    r"(?:i|we) (?:can|could|will|'ll|would be happy to) (?:put in|submit|give you) (?:a )?referral\b|"
    r"(?:i|we) (?:can|could|will|'ll) (?:pass|forward|send) your (?:resume|cv|profile|name) (?:along|on|to)\b|"
    r"(?:i|we) (?:can|could|will|'ll) put your name forward\b|"
    r"(?:i|we|ill)(?:'ll| will| can| could)? (?:pass|send|forward) (?:your|ur) (?:name|resume|cv|profile) (?:along|on)\b|"
    r"put in a (?:good )?word for (?:you|u)\b|"
    r"(?:te|le) (?:puedo|podr[ií]a) (?:referir|recomendar)|puedo referirte|posso (?:te )?indicar(?:-te| voc[eê])?\b)"
)
_DESC_ASKS_REFERRAL = re.compile(
    r"\b(?:(?:wants?|wanted|asks?|asked|asking|hopes?|hoping|begging) (?:me )?(?:to refer|to recommend|for a referral|"
    r"if i (?:can|could|would) refer)|refer (?:him|her|them)\b|(?:a|for my) referral (?:for|to) (?:him|her|them)\b|"
    r"(?:request(?:ed|s|ing)?|looking|hoping|searching) (?:me )?for (?:a |an )?(?:employee )?referral\b|"
    r"(?:quiere|pidi[oó]|pide) que (?:lo|la) (?:refiera|recomiende)|(?:quer|pediu) que eu (?:o|a) indique)"
)
_DESC_OFFERS_REFERRAL = re.compile(
    r"\b(?:(?:offer(?:s|ed|ing)?|can|could|will|would|wants? to|says? (?:he|she|they) (?:can|could|will)) (?:to )?"
    r"(?:refer|recommend) me\b|offer(?:s|ed|ing)? (?:me )?a referral\b|"
    r"(?:he|she|they|him|her|them)(?:'d|'ll| would| will| can| could| to)? (?:refer|recommend) me\b|"
    r"put in a (?:good )?word for me\b|pass (?:my|me) (?:name|resume|cv) (?:along|on)\b|"
    r"(?:me )?(?:ofreci[oó]|ofrece) (?:referirme|recomendarme)|(?:ofereceu|oferece) (?:me )?indicar)"
)


def referral_direction(text: str, described: bool) -> str | None:
    """ "asks" when the sender asks the student for a referral, "offers" when the sender offers one, None when
    the text speaks of neither. `text` is the note (a paste) or the whole description, lower-cased."""
    readings = [(text, False)]
    if described:  # the sender's words quoted in a description read as a note
        readings = [(q, False) for q in quoted(text)] + [(text, True)]
    for part, about_sender in readings:
        asks, offers = (
            (_DESC_ASKS_REFERRAL, _DESC_OFFERS_REFERRAL)
            if about_sender
            else (_NOTE_ASKS_REFERRAL, _NOTE_OFFERS_REFERRAL)
        )
        found = [(m.start(), d) for d, rx in (("asks", asks), ("offers", offers)) if (m := rx.search(part))]
        if found:
            return min(found)[1]
    return None


# Words in quotes: an opening quote not inside a word, a closing one not followed by a letter
# ("don't" is not a quote).
_QUOTED = re.compile(r"(?<!\w)(?:\"([^\"\n]+)\"|'((?:[^'\n]|(?<=\w)'(?=\w))+)')(?!\w)")


def unquoted(text: str) -> str:
    """The text with its quoted passages blanked out."""
    return _QUOTED.sub(" ", text)


def quoted(text: str) -> list[str]:
    """The quoted passages of a text, in order: in a description, what the student says the note said."""
    return [q for m in _QUOTED.finditer(text) if len(q := (m.group(1) or m.group(2)).strip()) >= 2]


# Soft vendor openers the lists above miss ("I specialize in IT security for small businesses").
VENDOR = _words(
    r"(?:i|we) (?:specialize|specialise) in\b",
    r"(?:i|we) help (?:[\w'-]+ ){0,3}(?:businesses|teams|companies|brands|professionals|founders|"
    r"leaders|clinics|agencies|startups|firms|people|students|candidates|job seekers|executives|"
    r"owners)\b",
    r"(?:i|we) work with (?:[\w'-]+ ){0,3}(?:vps?|heads?|leaders|founders|ctos?|ceos?|teams|"
    r"companies|brands|businesses)\b",
    r"not (?:a )?pitch(?:ing)?\b|no pitch\b|(?:15|20|30)[- ]?min(?:ute)?s?\b|synerg\w+",
    r"(?:share|send) (?:some|a few) (?:insights|ideas|resources|case stud\w+)\b",
    r"(?:somos|soy|sou) (?:una?|uma?) (?:agencia|ag[eê]ncia|consultor\w*|empresa de)\b|nuestros servicios\b|"
    r"nossos servi[cç]os\b|portaf?olio\b|portf[oó]lio\b|cotizaci[oó]n\b|or[cç]amento\b|"
    r"(?:ayudo|ayudamos|ajudo|ajudamos) a (?:empresas|marcas|negocios|neg[oó]cios|profesionales|profissionais)\b",
)


# A product or service shown to the reader: "a new tool I'd love to show you", "a quick demo".
PRODUCT = _words(
    r"(?:i'?d|i would|we'?d|we would) love to (?:show|demo|walk) you\b|show you (?:how|what|our|"
    r"the|a)\b",
    r"(?:new|our|my) (?:[\w-]+ )?(?:tool|product|platform|app|software|solution|service|offering|"
    r"course|program)s?\b",
    r"(?:free )?(?:trial|demo|quote|consultation|audit)\b",
)


# A role offered to the reader, in English, Spanish or Portuguese: "we're hiring", "una vacante de prácticas",
# "temos vagas de estágio", "el equipo de reclutamiento".
JOB_OFFER = _words(
    r"(?:we(?:'re| are)|i(?:'m| am)|my team is|our team is|(?:she|he)(?:'s| is)) (?:currently |actively )?"
    r"(?:hiring|recruiting|looking for (?:a |an )?(?:new )?(?:candidates?|talent|interns?|engineers?|analysts?))\b",
    r"(?:open|opening for|opportunity for|a role for|position for) (?:a |an |the )?(?:\w+ ){0,2}(?:role|position|"
    r"internship|intern|analyst|engineer|developer)s?\b|(?:role|position|job|internship) (?:for|with) you\b",
    r"(?:job|role|position|internship) (?:offer|opportunity|opening)s?\b|(?:offer|have) (?:you |u )?(?:a |an )?(?:job|role|"
    r"position|internship)\b|offer (?:me|you|u) (?:a |an )?job\b",
    r"(?:talent|recruiting|recruitment|hiring|campus|university) (?:team|partner|acquisition)\b",
    r"(?:i'?m|i am|i work as|this is|we are|we're) (?:a |an |the )?(?:[\w-]+ ){0,2}(?:recruiters?|headhunters?|sourcers?|"
    r"hiring managers?|talent (?:acquisition|partner)\w*)\b|hiring (?:[\w-]+ ){0,3}(?:interns?|engineers?|analysts?|"
    r"developers?|designers?|new grads?|graduates|students)\b",
    r"vacantes?\b|pr[aá]cticas\b|pasant[ií]as?\b|becari[oa]s?\b|reclut\w+|proceso de selecci[oó]n\b|"
    r"(?:equipo|[aá]rea) de (?:talento|rrhh|recursos humanos|selecci[oó]n)\b|oferta (?:de empleo|laboral)\b|"
    r"estamos (?:contratando|buscando)\b|buscamos (?:un|una|perfiles|talento|candidat\w+)\b",
    r"vagas?\b|est[aá]gio\b|estagi[aá]ri[oa]s?\b|recrut\w+|processo seletivo\b|trainee\b|"
    r"(?:time|equipe|[aá]rea) de (?:talentos?|rh|recursos humanos|recrutamento|aquisi[cç][aã]o)\b|"
    r"(?:oportunidade|proposta) de (?:emprego|trabalho)\b",
)
# Working on something together, in English, Spanish or Portuguese.
PROJECT = _words(
    r"collaborat\w*|colab\w*|collab\b|co-?author\w*|co-?host\w*|co-?found\w*|team up\b|work together\b|partner (?:up|with)\b|"
    r"join (?:my|our) (?:project|study|research|team for|startup|hackathon|podcast)\b|study group\b|"
    r"user study\b|(?:research|survey|side) project\b|(?:be|come) on (?:my|our) (?:podcast|show|panel)\b|"
    r"(?:mentor|mentoring|mentorship)\b",
    r"colabor\w+|coautor\w*|cofundador\w*|socio t[eé]cnico\b|proyecto (?:juntos|conjunto)\b|"
    r"trabajar juntos\b|trabalhar juntos\b|parceria\b|projeto (?:juntos|em conjunto)\b|s[oó]cio\b|mentor[ií]a\b",
)


# A description saying the sender sells something: "some guy selling SEO services", "wants me to buy his course".
DESCRIBED_SELLER = _words(
    r"sell(?:s|ing|er)?\b|pitch(?:es|ing|ed)?\b|promot(?:es|ing|ed)\b|(?:buy|purchase|pay for|sign up for|join) "
    r"(?:his|her|their) \w+|invest (?:in|with) (?:his|her|their|him|her|them)\b|financial advis[oe]r\b|"
    r"insurance\b|mlm\b|pyramid\b|(?:coaching|course) package\b|be my own boss\b|"
    r"vend(?:e|en|iendo|endo)\b|(?:quiere|quer) (?:venderme|me vender)\b",
)


def intent_cues(note: str, headline: str, described: bool = False) -> list[str]:
    """Rule features for the intent model: which cue groups the note and headline hit, which way a referral
    goes, and what a description says of the sender (someone the student knows, a recruiter)."""
    out = [f"hcue:{intent}" for intent, rx in HEADLINE_CUES.items() if headline and rx.search(headline)]
    for name, rx in (
        ("seeker", SEEKER),
        ("not_a_role", NOT_A_ROLE),
        ("vendor", VENDOR),
        ("product", PRODUCT),
        ("connect", NOTE_OF_CONNECT),
        ("job", JOB_OFFER),
        ("project", PROJECT),
    ):
        if note and rx.search(note):
            out.append(name)
    direction = referral_direction(note, described) if note else None
    if direction:
        out.append(f"ref:{direction}")
    if described and note:
        out += ["known"] if known_sender(note) else []
        out += ["desc_recruiter"] if described_recruiter(note) else []
        out += ["desc_seller"] if DESCRIBED_SELLER.search(note) else []
    return out


# A headline that states a purpose by itself (LABELS.md: "Recruiter", "Talent Acquisition", "We're hiring").
# A bare job title does not ("HR associate", "CEO", "Account Executive"): those stay unclear.
_RECRUITING_HEADLINE = re.compile(
    r"\brecruit\w*|\btalent (?:acquisition|partner|sourc\w+|scout)|\bheadhunt\w*|\bhiring\b|"
    r"\bsourcer\b|\bstaffing\b|\brecrut\w+|\breclut\w+"
)


def headline_intent(headline: str) -> str | None:
    """A headline's stated purpose, for an invitation with no note of its own. Only a recruiting
    headline states one (LABELS.md): a seller's or founder's headline over stock text says who they
    are, not why they wrote."""
    return "recruiter" if _RECRUITING_HEADLINE.search(headline) else None


# Signs that are enough on their own: each asks the student to give something (money, identity, a
# login, control of their computer) or leads to a platform the sender controls.
_STRONG = frozenset(
    {"asks_for_money", "asks_personal_info", "crypto_investment", "suspicious_link", "install_or_run"}
)


def is_scam(
    signs: tuple[tuple[str, str], ...],
    intent: str,
    job_talk: bool = False,
    crypto_employer: bool = False,
    hidden_app: bool = False,
) -> bool:
    """Warning signs strong enough to skip the questions: one strong sign, two weaker ones, a move off
    LinkedIn to a chat app whose name is disguised (`hidden_app`), or a move off LinkedIn or an offer too
    good to be true around a job (the opening of task and fake-job scams). Pressure alone, a classmate's
    "text me" or a recruiter's office number is shown as a warning but asks the questions."""
    found = {code for code, _ in signs}
    if crypto_employer and found == {"crypto_investment"}:
        return False  # a crypto company hiring, with no talk of the student investing
    if found & _STRONG or len(found) >= 2 or (hidden_app and "off_platform" in found):
        return True
    if found == {"off_platform"} and all(_PHONE.fullmatch(phrase) for _, phrase in signs):
        return False
    return bool(found & {"off_platform", "too_good_to_be_true"}) and (
        intent in ("recruiter", "sales") or (job_talk and intent == "unclear")
    )


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z][\w.]{2,30}")
_WEB = re.compile(r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/[^\s<>\"]*)?", re.I)


def contact_points(text: str) -> list[str]:
    """Phone numbers, e-mail addresses, handles and links in the text, as written: what a flagged
    invitation wants the student to use, and what staff need to warn others."""
    found: list[tuple[int, str]] = []
    for rx in (_PHONE, _EMAIL, _HANDLE, _WEB):
        for m in rx.finditer(text):
            if not any(start <= m.start() < start + len(seen) for start, seen in found):
                found.append((m.start(), m.group(0).rstrip(".,;:!?)")))
    return [phrase for _, phrase in sorted(found)][:4]


# The sender proposes a conversation: "would you be up for a 20-minute chat", "happy to hop on a call",
# "grab a coffee sometime?". A reply then says yes and finds a time instead of asking what they want.
_PROPOSES_CHAT = re.compile(
    r"\b(?:(?:would|could|will|can|shall) (?:you|we) (?:be (?:up|open|free|available) for|like|want|have time for|"
    r"have \w+ (?:minutes|mins) for|do|set up|schedule|grab|hop on|jump on|find time for)|are you (?:up|open|free|"
    r"available) for|(?:happy|glad|keen|love|like) to (?:set up|schedule|have|do|hop on|jump on|grab|find time for)|"
    r"let'?s (?:set up|schedule|have|do|hop on|jump on|grab|find time for)|up for|open to)"
    r"(?: (?:a|an|some|quick|short|brief|virtual|informal|\d+[- ]?(?:minute|min)s?|\w+-minute)){0,4}"
    r" (?:chat|call|coffee|coffee chat|zoom|meeting|conversation|video call|phone call)\b"
    r"|\b(?:want|like|love|happy|glad|free) to (?:chat|grab (?:a )?coffee)\b"
    r"|\b(?:te gustar[ií]a|podr[ií]amos|quer(?:e|es)?|poder[ií]amos|topas|gostaria de)"
    r"(?: \w+){0,3} (?:una? |um |uma )?(?:\w+ )?(?:llamada|charla|caf[eé]|conversa|liga[cç][aã]o|videollamada|"
    r"reuni[oó]n|reuni[aã]o)\b"
)


def proposes_chat(text: str) -> str | None:
    """The phrase in which the sender proposes a call, a chat or a coffee (`text` lower-cased)."""
    m = _PROPOSES_CHAT.search(text)
    return m.group(0) if m else None
