"""Scam reading beyond the exact words: unmasking disguises, and cues in the forms scams really take.

Scammers write around filters ("the green app", "W h a t s A p p", a number spelled out in words),
paraphrase ("cover your onboarding kit" for a fee) and write in the student's language. `unmask` turns
the disguises back into the plain words the rules know; `CUES` adds, per warning sign, the patterns of
the 2024-2026 scams in COACHING-FACTS.md (task scams, fake checks, fees, money mules, malware "coding
tests", visa offers) in English, Spanish and Portuguese. The learned model (scam_model.py) catches what
none of these spell out.
"""

from __future__ import annotations

import re

_SEP = r"[ .\-_*·•]"
# Single letters with separators between them: "w h a t s a p p", "t-e-l-e-g-r-a-m".
_SPACED = re.compile(rf"(?<![\w])(?:[a-z]{_SEP}{{1,2}}){{3,}}[a-z](?![\w])")
_APPS = (
    (
        re.compile(
            r"\b(?:wh[a@4]ts?\W{0,2}[a@4]?pp?|wh?[a@4]ts\W?[a@4]pp|wasap+|guasap|wsp|wpp|zap\s?zap|zap(?=\b)|"
            r"(?:the |a |o |el |la )?(?:green (?:chat )?app|app(?:licativo)? (?:verde|com (?:o )?[ií]cone verde)|"
            r"aplicativo verde|app with the green (?:icon|logo|bubble)))\b"
        ),
        " whatsapp ",
    ),
    (
        re.compile(
            r"\b(?:t[e3]l[e3]\W{0,2}gr[a@4]m|telegrama|tg(?=\b)|(?:the )?blue (?:chat )?app|app (?:azul|with the paper plane)|"
            r"paper[- ]plane (?:app|icon))\b"
        ),
        " telegram ",
    ),
    (re.compile(r"\bs[i1]g\W?n[a@4]l\b"), " signal "),
    (re.compile(r"\bwe\W?chat\b"), " wechat "),
)
_DIGITS = {
    **dict.fromkeys(("zero", "oh", "cero", "zéro"), "0"),
    **dict.fromkeys(("one", "uno", "um", "una", "un"), "1"),
    **dict.fromkeys(("two", "dos", "dois", "duas"), "2"),
    **dict.fromkeys(("three", "tres", "três"), "3"),
    **dict.fromkeys(("four", "cuatro", "quatro"), "4"),
    **dict.fromkeys(("five", "cinco"), "5"),
    **dict.fromkeys(("six", "seis", "meia"), "6"),
    **dict.fromkeys(("seven", "siete", "sete"), "7"),
    **dict.fromkeys(("eight", "ocho", "oito"), "8"),
    **dict.fromkeys(("nine", "nueve", "nove"), "9"),
}
_NUMBER_WORDS = re.compile(
    r"\b(?:"
    + "|".join(sorted(map(re.escape, _DIGITS), key=len, reverse=True))
    + r")(?:[\s,.\-]+(?:"
    + "|".join(sorted(map(re.escape, _DIGITS), key=len, reverse=True))
    + r")){6,}\b"
)


def _spell_digits(m: re.Match[str]) -> str:
    return " " + "".join(_DIGITS[w] for w in re.findall(r"[^\s,.\-]+", m.group(0))) + " "


def unspaced(low: str) -> str:
    """The lower-cased text with spaced-out letters joined ("w h a t s a p p")."""
    return _SPACED.sub(lambda m: re.sub(_SEP, "", m.group(0)), low)


_NICKNAMES = re.compile(
    r"\b(?:green|blue) (?:chat )?app\b|\bapp(?:licativo)? (?:verde|azul|com (?:o )?[ií]cone verde)\b|"
    r"\baplicativo verde\b|\bapp with the (?:green (?:icon|logo|bubble)|paper plane)\b|\bpaper[- ]plane (?:app|icon)\b"
)
_CHAT_APP = re.compile(r"\s*(?:whatsapp|telegram|signal|wechat)\s*")


def hides_app(low: str) -> bool:
    """A chat app named so that a filter would miss it: its letters spaced out ("W h a t s A p p"), symbols
    for letters ("wh@tsapp", "t3l3gram") or a colour or icon for its name ("the green app"). Classmates
    write the name, or its everyday short forms; only someone dodging LinkedIn's filters hides it."""
    if _NICKNAMES.search(low):
        return True
    if any(_CHAT_APP.fullmatch(re.sub(_SEP, "", m.group(0))) for m in _SPACED.finditer(low)):
        return True
    return any(_CHAT_APP.fullmatch(unmask(word)) for word in re.findall(r"[\w@]+", low) if not word.isalpha())


def unmask(low: str) -> str:
    """The lower-cased text with disguises undone: spaced-out letters joined, look-alike symbols in
    app names read as letters, chat apps named by nickname or colour named plainly, and phone numbers
    spelled out in words written as digits. Used for matching only; students see their own text."""
    text = unspaced(low)
    for rx, name in _APPS:
        text = rx.sub(name, text)
    return _NUMBER_WORDS.sub(_spell_digits, text)


_MONEY_WORD = r"(?:\$|usd|us\$|r\$|€|£|d[oó]lares|dollars|reais|euros|pesos|soles)"
# Each warning sign's further cues: paraphrases and the scam patterns of 2024-2026, in English, Spanish and
# Portuguese. One ordinary regex per sign, run on the unmasked text.
CUES: dict[str, re.Pattern[str]] = {
    "asks_for_money": re.compile(
        "|".join(
            (
                r"\b(?:lend|borrow|rent|use) (?:out )?(?:your|my) (?:bank )?(?:account|acct)\b|\b(?:buyers?|clients?|"
                r"customers?) (?:pay|send money) into your account\b|\baccept the funds\b|\bhandle the transfers\b|"
                r"\bpayment liaison\b|\b(?:us|u\.s\.|american|local) bank acc(?:oun)?t\b",
                r"\b(?:withdraw|retirar|sacar)\b[^.!?\n]{0,40}\b(?:pay|paying|deposit|pagar|depositar|poner|colocar|"
                r"tax|imposto|impuesto)|\bprofit tax\b|\b(?:negative|negativo) (?:balance|saldo)\b|\bsaldo negativo\b|"
                r"\baccount is negative\b|\b(?:vip|level|nivel|nível) ?\d\b",
                r"\b(?:compr\w+|pag\w+|mand\w+|envi\w+|buy|purchase)\b[^.!?\n]{0,30}\b(?:vales?|cart[oõ]es?|tarjetas?)"
                r"[- ]?(?:presente|de regalo)\b|\bgift ?cards?\b[^.!?\n]{0,40}"
                r"\b(?:activate|unlock|equipment|ativar|activar)",
                r"\b(?:funds|allowance|dinero|dinheiro|valor)\b[^.!?\n]{0,40}\b(?:by check|por cheque|cheque)\b|"
                r"\b(?:devolver|return|send back) (?:lo que sobra|o que sobr\w+|the extra|the rest)\b|\b(?:pay|paga|"
                r"pague|pagar(?:le)?) (?:the |o |al )?(?:supplier|vendor|fornecedor|proveedor)\b|\bsupplier payment\b|"
                r"\bpurchase only from our vendor\b|\bte digo a qui[eé]n pagarle\b",
                r"\b(?:monthly )?(?:membership|service charge|service fee|psicom[eé]trico|psychometric|exam fee)\b|"
                r"\b(?:se requiere|requires?|required) (?:el |o |a |the )?(?:pago|pagamento|payment|fee)\b|"
                r"\bcertificate course required\b|\btu aporte\b|\bplacement guarantee\b",
                r"\b(?:opt|h-?1b|f-1|i-983|status|unemployment (?:clock|days))\b[^.!?\n]{0,100}(?:service charge|"
                r"\bcharge\b|pricing|\bcover\b|cubres|impuestos|taxes|attorney package|lottery)|\bunemployment clock\b",
                r"\b(?:you|i|i'?d|i'?ll|candidates?|interns?|students?|new hires?|eu|yo|t[uú]|voc[eê])\b[^.!?\n]{0,30}"
                r"\b(?:have to|need to|must|tengo que|tenho que|hay que|precisa|debes|deve) (?:\w+ ){0,1}"
                r"(?:pay|cover|contribute|buy|purchase|deposit|pagar|abonar|comprar|depositar)\b",
                r"\b(?:contribute|pay) (?:to |for )?(?:their|your|his|her) own\b|\bfriends (?:and|&) family\b",
                r"\b(?:opt|cpt|h-?1b|i-983|stem opt|visa|visto|sponsor\w*|patroc[ií]n\w*)\b[^.!?\n]{0,100}"
                r"(?:\$\s?\d|usd|\bfees?\b|\bpay(?:able|ment)?\b|tuition|\bpackage\b|money back|reais|d[oó]lares|taxa|"
                r"tarifa|pagar|pague|service fee)",
                r"(?:\$|usd|r\$)\s?\d[\d,.]*\s?k?\b[^.!?\n]{0,40}\b(?:fee|training (?:fee|cost|course|kit)|materials?|"
                r"licen[cs]e|processing|"
                r"program|package|certification|voucher|registration|deposit|to (?:start|begin|unlock|claim|activate))",
                r"\b(?:pay|paying|pagar|pague)\b[^.!?\n]{0,15}['‘\"]?(?:processing|registration|admin|activation)",
                r"\b(?:move|moves|moving|route|routing|pass) (?:\w+ ){0,3}through (?:a |your |my |their )?(?:\w+ )?"
                r"(?:bank )?account\b|\bopen (?:a |an )?(?:new )?(?:bank )?account (?:for|in) (?:the company|us|them)\b|"
                r"\busing my name\b|\b(?:give|hand|send) (?:him|her|them) (?:the|your|my) (?:card|debit card|online login)\b",
                r"\bship\w*\b[^.!?\n]{0,40}\bto (?:me|you|your (?:home|place|address))\b[^.!?\n]{0,80}\b(?:mail|ship|send|"
                r"forward)\w* (?:them|it)\b|\b(?:receber e reenviar|recibir y reenviar|reenviar (?:encomendas|paquetes))\b",
                r"\b(?:cheque|valor|fondos)\b[^.!?\n]{0,60}\b(?:comprar|adquirir|kit|notebook|computador|port[aá]til|"
                r"fornecedor|proveedor|equipo|equipamento)\b",
                r"\b(?:procurement|logistics|purchasing|supply|equipment) partner\b|\bpartner (?:store|vendor|supplier)\b|"
                r"\bfornecedor (?:parceiro|deles|nosso)\b|\bproveedor (?:asociado|autorizado|de ellos)\b",
                r"\b(?:lucky|combo|premium) order\b|\btop up \$\s?\d",
                r"\bcover (?:the |your |a )?(?:cost|costs|fee|price|program|programme|kit|training)\b",
                r"\b(?:admin(?:istrative)?|processing|onboarding|activation|membership|enrol(?:l)?ment|certification|"
                r"training|insurance|verification|commitment|security|registration|starter|placement|"
                r"application) (?:contribution|deposit|charge|cost|voucher|payment|fee|kit|package)s?\b",
                r"\bone-time (?:contribution|payment|charge|fee|cost)\b|\bpay (?:upfront|up front|in advance|first)\b",
                r"\b(?:top[- ]?up|recharge|reload|deposit|recargar|recarga|depositar|deposite)\b[^.!?\n]{0,50}"
                r"\b(?:balance|account|saldo|tasks?|tareas?|tarefas?|level|nivel|nível|unlock|liberar|desbloquear)",
                r"\bunlock (?:the |your )?(?:next|premium|higher|vip|more)\b",
                r"\b(?:pagar|pague|paga|pagues|abonar|abone|abona|depositar|deposite|deposita|transferir|transfira|"
                r"cubres|cobrir|cubrir|mandar|enviar)\b[^.!?\n]{0,60}(?:tarifa|taxa|cuota|inscripci|inscri[cç]|"
                rf"matr[ií]cula|seguro|certifica|curso|treinamento|entrenamiento|capacita|kit|dep[oó]sito|{_MONEY_WORD}|"
                r"\d+ ?(?:mil|reais|d[oó]lares))",
                r"\b(?:taxa|tarifa|cuota|costo|custo|cargo)s? (?:de |do |da |del )?(?:inscri|cadastro|registro|matr[ií]cula|"
                r"administra|processamento|procesamiento|certifica|treinamento|capacita|material|equipamento|equipo)",
                r"\bpix\b",
                r"\b(?:receive|accept|process|handle|get)\w*\b[^.!?\n]{0,50}\b(?:payments?|transfers?|funds|deposits?|"
                r"money|parcels?|packages?|shipments?|orders?)\b[^.!?\n]{0,80}\b(?:forward|send (?:it|them|on)|"
                r"pass (?:it|them) on|transfer (?:it|them)|wire|re-?ship|repackag|relabel|convert|overseas|abroad)",
                r"\bre-?ship(?:ping|per|ment)?s?\b|\bpackage (?:inspector|forwarding|handling|handler|receiver)\b|"
                r"\bpayment processing (?:agent|assistant|partner)\b|\btransaction (?:assistant|agent)\b|"
                r"\bsend (?:it |the money |the rest )?by (?:wire|zelle|crypto|bitcoin)\b",
                r"\brecib(?:ir|es|e)\b[^.!?\n]{0,40}(?:paquetes|pagos|transferencias|dinero)[^.!?\n]{0,60}"
                r"(?:reenvi|envi|transfer)|\breceb(?:er|e|a)\b[^.!?\n]{0,40}(?:transfer[eê]ncias|pagamentos|"
                r"pacotes|dinheiro)[^.!?\n]{0,60}(?:repass|envi|transfer)|\brepasse\b",
                r"\b(?:your|their|own) (?:own )?(?:salary|payroll)\b[^.!?\n]{0,40}\b(?:cover|pay|through us)\b|"
                r"\bcover your own salary\b",
                r"\b(?:send|wire|transfer|pay)\b[^.!?\n]{0,30}\b(?:the rest|the difference|the balance|back the)\b",
                r"\b(?:check|cheque)\b[^.!?\n]{0,80}\b(?:laptop|equipment|gear|kit|vendor|supplier|partner store|"
                r"logistics partner|keep \$)",
                r"\b(?:buy|purchase|get|order)\b[^.!?\n]{0,40}\b(?:laptop|equipment|gear|workstation|kit)\b[^.!?\n]{0,80}"
                r"\b(?:refund|reimburs|paycheck|partner|vendor|supplier|store)",
            )
        )
    ),
    "asks_personal_info": re.compile(
        "|".join(
            (
                r"\b(?:confirm|verify|confirme|confirma|verifique|verifica)\w* (?:seus|sus|tus|your) (?:dados|datos|"
                r"details|data|student account|account)\b|\bread (?:the |it |that )?(?:code )?back\b|\b2fa\b|"
                r"\bc[oó]digo de verifica\w+\b",
                r"\b(?:university|school|student|portal|banking app|bank app|email) (?:login|username|password|"
                r"credentials)\b|\b(?:w-?2|tax return)s?\b|\byour (?:username|login|credentials)\b",
                r"\b(?:cpf|rg|dni|curp|rut|nif|nie|c[eé]dula|pasaporte|passaporte|ssn|sin number|itin)\b",
                r"\b(?:dados banc[aá]rios|datos bancarios|cuenta bancaria|conta banc[aá]ria|n[uú]mero de (?:cuenta|conta|"
                r"tarjeta|cart[aã]o)|fecha de nacimiento|data de nascimento|senha|contraseña|clave bancaria)\b",
                r"\b(?:selfie|photo|picture|foto)\b[^.!?\n]{0,30}\b(?:with|holding|con|segurando|sosteniendo)\b",
                r"\blog ?in(?:to)? (?:to )?(?:your )?(?:bank|banking|online banking)\b|\bbank login\b",
                r"\b(?:seed|recovery) phrase\b|\bprivate key\b|\bpayroll verification\b",
                r"\b(?:social security|tax) (?:card|number)\b|\bid (?:photo|scan|front and back)\b",
            )
        )
    ),
    "off_platform": re.compile(
        "|".join(
            (
                r"\bkik\b|\bskype\b|\bline (?:app|id|messenger)\b|\(the messaging app\)|\bqr code\b|\bby chat only\b|"
                r"\bchat only\b|\b(?:over|by|via) text\b|\bapp called ['‘\"]?\w+|\bblue circle\b|\bwhite arrow\b|"
                r"\bs[oó] conversa pelo\b|\bpasarme al grupo\b",
                r"\b(?:e-?mail|correo|mail) (?:do |da |de |from |at |on )?(?:hotmail|gmail|outlook|yahoo)\b|"
                r"\b(?:hotmail|gmail|outlook|yahoo) (?:address|account|e-?mail)\b|\bline id\b|\bdiscord dms?\b",
                r"\b(?:send|give|share) (?:me )?your (?:phone|cell|mobile|whatsapp) (?:number)?\b[^.!?\n]{0,40}"
                r"\b(?:text|call|whatsapp|chat)\b|\bphone number so (?:i|we) can text\b",
                r"\bimessage\b|\bline app\b|\bkakao\w*\b",
                r"\b(?:text|sms|message|dm|ping|call|whatsapp) (?:me|her|him|us)\b[^.!?\n]{0,30}\b(?:number|n[uú]mero)\b",
                r"\bmy (?:personal |private )?(?:gmail|hotmail|outlook|yahoo|proton\w*|icloud)\b|\bpersonal (?:gmail|mail|"
                r"inbox|address|account|e-?mail address)\b",
                r"\b(?:correo|e-?mail|gmail|mail) (?:personal|pessoal|particular)\b|\b(?:mi|meu) (?:gmail|hotmail|correo)\b",
                r"\b(?:me chama|chama no|fala comigo|escr[ií]beme|escreve(?:-me)?|m[aá]ndame|me manda|h[aá]blame|"
                r"manda(?:me)? mensagem)\b[^.!?\n]{0,30}\b(?:whatsapp|telegram|signal|n[uú]mero|celular)",
                r"\b(?:move|moving|continue|take|switch)\b[^.!?\n]{0,30}\b(?:chat|conversation|this|talk)\b[^.!?\n]{0,20}"
                r"\b(?:off linkedin|elsewhere|to (?:text|email|my (?:phone|cell)))",
                r"\bchat[- ]only interview\b|\binterview (?:by|over|via|on) (?:chat|text|whatsapp|telegram|signal)\b",
            )
        )
    ),
    "too_good_to_be_true": re.compile(
        "|".join(
            (
                r"\b(?:earn|gana|ganhe|make)\s+\$?\d[\d,.]*\s?(?:-|to|a)\s?\$?\d[\d,.]*\s?/\s?(?:day|d[ií]a|week|semana)\b|"
                r"\b(?:grab|complete|submit|completing) (?:\w+ )?(?:orders?|sets of orders|tasks?)\b|\bcombined order\b|"
                r"\bpedido combinado\b|\b(?:misiones|miss[oõ]es|missions?)\b|\bimpulsion\w* (?:pedidos|orders)\b|"
                r"\bpuntuar productos\b|\brating (?:apps|platform|products)\b|\b\d+[k+]*\+? (?:weekly|a week|por semana)\b",
                r"\$\s?\d+\+?\s?(?:for every|every|per|a|each|in)\s?\d*\s?(?:minutes?|mins?)\b|\binstant payouts?\b|"
                r"\bpayouts? per\b|\bper screenshot\b|\b(?:like|follow)s? ?(?:&|and) ?(?:subscribe|follow|share)\b",
                r"\b(?:review|reviewing|rating|ranking|rate)\b[^.!?\n]{0,20}\b(?:movies|films|hotels|apps|products|"
                r"restaurants)\b[^.!?\n]{0,60}\b(?:money|pay|paid|earn|bucks|\$)|\b(?:money|earn|bucks)\b[^.!?\n]{0,40}"
                r"\b(?:reviewing|rating|ranking) (?:movies|films|hotels|apps|products)\b",
                r"\bhired (?:within|in|after) (?:like )?(?:\d+|a few|twenty|ten|fifteen) (?:minutes|mins)\b|"
                r"\b(?:j[aá] fui|voc[eê] foi|fuiste|foste|has sido) (?:pr[eé]-?)?(?:aprovad|selecionad|seleccionad|"
                r"contratad)\w*",
                r"\bsin (?:experiencia|entrevista)\b|\bsem (?:experi[eê]ncia|entrevista)\b",
                rf"\b(?:ganhe|ganha|gana|ganar|ganhar|ganas|ganhos?)\b[^.!?\n]{{0,40}}(?:{_MONEY_WORD}|por d[ií]a|por dia|"
                r"por semana|por tarea|por tarefa)",
                r"\b(?:pago|pagamento|paga|pagan|pagam|comisi[oó]n|comiss[aã]o) (?:por|a cada|por cada) (?:tarea|tarefa|"
                r"like|curtida|video|v[ií]deo|rese[nñ]a|avalia[cç][aã]o|paquete|pacote|pedido|opera[cç][aã]o)",
                r"\b(?:curtir|curtidas|dar like|calificar|avaliar|avalia[cç][oõ]es|rese[nñ]as)\b[^.!?\n]{0,60}"
                r"(?:\bpag|\bganh|\bgan[ao]|\bcomis|r\$|\$)",
                r"\b(?:pays?|paid|earn\w*|commission\w*|get paid)\b[^.!?\n]{0,40}\b(?:per|for each|each|a) (?:task|like|"
                r"review|rating|video|parcel|package|order|click|listing|app)\b",
                r"\b(?:lik(?:e|ing)|rat(?:e|ing)|review(?:ing)?|optimi[sz]\w*|boost\w*|rank(?:ing)?)\b[^.!?\n]{0,50}"
                r"\b(?:videos?|posts?|products?|listings?|apps?|hotels?|restaurants?|items|orders)\b[^.!?\n]{0,60}"
                r"\b(?:pay|paid|earn|commission|credited|\$)",
                r"\bskipped the interview\b|\bwithout (?:further |an |any )?interviews?\b|\bno (?:further )?interviews? "
                r"(?:needed|required|necessary)\b|\b(?:selected|hired|approved|chosen)\b[^.!?\n]{0,30}\bwithout\b",
                r"\b(?:seleccionad[oa]|selecionad[oa]|contratad[oa]|aprobad[oa]|aprovad[oa])\b[^.!?\n]{0,40}"
                r"(?:sin|sem) (?:entrevista|experiencia|experi[eê]ncia)|\bquedaste seleccionad[oa]\b|\bfoi selecionad[oa]\b",
                r"\bguarantee[ds]? (?:job|placement|offer|interview|sponsorship|visa|opt|h-?1b|\d+x|returns?)\b|"
                r"\b(?:garantizad[oa]|garantid[oa]|garant[ií]a (?:de )?100|100% garant)",
                r"\bearnings? credited\b|\bcredited (?:instantly|daily|immediately)\b|\bdaily (?:payouts?|earnings)\b",
                r"\b\d+x\b[^.!?\n]{0,30}\b(?:return|guarantee|profit)|\bguaranteed \d+x\b",
            )
        )
    ),
    "crypto_investment": re.compile(
        "|".join(
            (
                r"\bpassive income\b|\bcopy (?:my )?trades\b|\barbitrage bot\b|\btrading (?:bot|profits?)\b|"
                r"\bdigital assets\b|\bday ?trade\b|\brenda extra\b|\bmanage your (?:first )?\$?\d+|\bteach (?:me|you) "
                r"trading\b|\bmoney working\b|\bthe bot\b",
                r"\b(?:cripto\w*|criptomoneda\w*|criptomoeda\w*|(?<!banca de )invers(?:i[oó]n|iones|ionista)|"
                r"(?<!banco de )investimento|"
                r"token (?:launch|presale|sale)|presale|liquidity (?:mining|pool)|staking|yield farming|airdrop)\b",
                r"\bconnect (?:your |my )?wallet\b|\b(?:web3|crypto|token) (?:pool|fund|opportunity)\b|\bpool (?:for|to) "
                r"invest\b|\bfinancial freedom\b|\blibertad financiera\b|\bliberdade financeira\b",
                r"\b(?:rendimiento|rendimento|retorno|lucro|ganancia|profit)s? (?:garantizad|garantid|diari|mensal|"
                r"semanal|daily|guaranteed)",
            )
        )
    ),
    "urgency": re.compile(
        "|".join(
            (
                r"\burgente\b|\bhoy mismo\b|\bsolo (?:por )?hoy\b|\bs[oó] (?:at[eé] )?hoje\b|\bat[eé] hoje\b|"
                r"\bhasta hoy\b|\b[uú]ltimas (?:vagas|plazas|vacantes)\b|\b(?:vagas|plazas|cupos) limitad[oa]s\b",
                r"\bantes del? (?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|fin de semana)\b|"
                r"\b(?:nas|en las) pr[oó]ximas \d+ horas\b|\bpreciso fechar hoje\b",
                r"\b(?:link|offer|spot|invite)\b[^.!?\n]{0,20}\bexpires?\b|\bbefore (?:monday|friday|tomorrow|tonight)\b"
                r"[^.!?\n]{0,40}\b(?:confirm|pay|secure|spot|start)|\bfilling fast\b",
            )
        )
    ),
    "suspicious_link": re.compile(
        "|".join(
            (
                r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)*[\w]+(?:-[\w]+){2,}\.(?:com|net|org|co|info|app|site|online|io)\b",
                r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)*(?:linkedln|lnkedin|linkdin|linked-in)[\w-]*\.[a-z]{2,}|"
                r"\b[\w]+-(?:coordenacao|coordinacion|bolsas|invites?|portal|update|descarga|app)\.[a-z]{2,}",
                r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)+(?:help|link|support|email|download|live|online|"
                r"site)(?:/\S*)?(?![\w.])|\.com?\.[a-z]{2}\.[a-z]{2,}\b",
                r"(?<![\w@.-])(?:https?://)?[\w]+-(?:[\w]+-)*(?:download|secure|verify|login|claim|portal|helpdesk|"
                r"help-desk|estagios|earlycareers|vagas|empleos)\.[a-z]{2,}",
                r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)*[\w]+-(?:careers?|jobs?|hiring|recruit\w*|hr|talent|payroll|"
                r"onboard\w*|staffing|supply\w*|offers?)\.[a-z]{2,}",
                r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)*(?:careers?|jobs?|hiring|hr|talent|payroll|onboard\w*)-[\w]+"
                r"\.[a-z]{2,}",
                r"(?<![\w@.-])(?:https?://)?(?:[\w-]+\.)*[a-z]+[0-9][a-z]+(?:-[\w]+)?\.(?:com|co|net|org|io)\b",
                r"@[\w-]+-(?:careers?|jobs?|hr|recruit\w*|talent|hiring)\.[a-z]{2,}",
            )
        )
    ),
    "install_or_run": re.compile(
        "|".join(
            (
                r"\b(?:our|their|own|custom|proprietary|propia|pr[oó]pria)\s+(?:interview\s+)?(?:app|tool|software|"
                r"platform|client|aplicativo)\b[^.!?\n]{0,80}\b(?:install|download|instal|baix|descarg)|"
                r"\b(?:instal|download|baix|descarg)\w*\b[^.!?\n]{0,60}\b(?:our|their|own|custom|propia|pr[oó]pria)\s+"
                r"(?:app|tool|software|aplicativo)\b",
                r"\b(?:allow all permissions|full access|acesso total|acceso total|enable content|enable macros|"
                r"as (?:an )?admin(?:istrator)?|como administrador|trust (?:the )?workspace)\b|\b(?:pegar|colar|"
                r"paste) (?:un |um |a )?comando\b|\bcomando en la terminal\b|\b(?:roda|rode|rodar|corre|ejecuta)\w* "
                r"(?:o |el |nosso |nuestro )?(?:repo|setup|projeto|proyecto|instalador)\w*",
                r"\bcurl\b[^|\n]{0,80}\|\s?(?:ba|z)?sh\b|\bpaste (?:the|this|a) command\b|\bopen (?:a|the|your) terminal\b|"
                r"\brun (?:it|this|them|the code|the project|the repo) (?:locally|on your (?:machine|computer|laptop|pc))\b",
                r"\b(?:install|download)\w*\b[^.!?\n]{0,50}\b(?:plug-?in|\.zip|zip (?:file|they|he|she)|installer|"
                r"updater)\b|\bgrant (?:it )?(?:screen|remote|full|admin) access\b",
                r"\b(?:atualiza\w*|actualiza\w*|instala\w*|baixa\w*|descarga\w*)\b[^.!?\n]{0,40}\b(?:driver|controlador|"
                r"plug-?in|atualizador|actualizador)\b|\b(?:atualizador|actualizador) de (?:driver|controlador)\b",
                r"\bnpm (?:i|install|run|start)\b|\byarn (?:install|start|dev)\b|\bnode [\w./-]+\.js\b|"
                r"\bpip install\b|\bpython3? [\w./-]+\.py\b|\b[\w-]+\.(?:exe|dmg|msi|apk|pkg|bat|scr)\b",
                r"\b(?:clone|pull|download|fork)\b[^.!?\n]{0,60}\b(?:repo|repository|project)\b[^.!?\n]{0,80}"
                r"\b(?:run|install|execute|start|build|npm|test)",
                r"\b(?:run|execute|launch)\b[^.!?\n]{0,20}\b(?:our|the|this|my|a|their)\b[^.!?\n]{0,20}\b(?:setup|install"
                r"\w*|script|code|project|repo|app|binary|tool)\b",
                r"\binstall (?:our|the|this|my|a|their)\b[^.!?\n]{0,30}\b(?:app|client|software|tool|sdk|driver|"
                r"plugin|extension|program)\b|\b(?:driver|codec|plugin|extension|camera|audio) update\b",
                r"\btrust the (?:workspace|folder|author|project)\b|\banydesk\b|\bteamviewer\b|"
                r"\bremote (?:access|desktop) (?:app|tool|software)\b",
                r"\b(?:clon[ea]r?|clona|descarga|descargar|baix[ea]r?|baixa)\b[^.!?\n]{0,50}\b(?:repo\w*|proyecto|projeto|"
                r"c[oó]digo)\b|\b(?:ejecuta|ejecutar|executa|execute|executar|rode|roda|rodar|corre|correr)\b[^.!?\n]{0,50}"
                r"\b(?:script|c[oó]digo|projeto|proyecto|localmente|npm)\b",
                r"\b(?:instala|instale|instalar)\b[^.!?\n]{0,40}\b(?:dependencias|depend[eê]ncias|app|aplicativo|"
                r"programa|extens[aã]o|extensi[oó]n|software)\b",
            )
        )
    ),
}


# A crypto or fintech company hiring (a role, an application through its careers page), with no talk of the
# student investing, depositing or earning returns: crypto is the employer's field, not the bait.
CRYPTO_EMPLOYER = re.compile(
    r"\b(?:hiring|contratando|contrata|careers? (?:page|site)|p[aá]gina de (?:carreiras|empleo)|job id|intern\w*|"
    r"pasant[ií]a|estagi\w+|analyst|analista|engineer\w*|developer|compliance|vaga|vacante)\b"
)
INVESTING = re.compile(
    r"\b(?:invest\w*|invert\w*|deposit\w*|returns?|profits?|earn\w*|mentor\w*|trading|trade|ganancias|lucro|"
    r"rendimento|rendimiento|wallet|bot|signals?|withdraw\w*)\b"
)


# Talk of a job or an interview: a move off LinkedIn around one is how task and fake-job scams begin.
JOB_TALK = re.compile(
    r"\b(?:job|jobs|interview\w*|hiring|hire|hired|recruit\w*|role|position|vacanc\w+|opportunit\w+|offer|salary|"
    r"vaga|vagas|trabajo|empleo|vacante|entrevista|proposta|oferta|emprego|trabalho|reclut\w*|recrut\w*|rrhh|hr)\b"
)


_DENIAL = re.compile(
    r"\b(?:no|not|never|without|zero|free of|sin|sem|nunca|nada de|ning[uú]n|nenhum|nenhuma)\s+(?:\w+\s+){0,2}$"
)


def denied(text: str, phrase: str) -> bool:
    """The sign is said not to be there: "there is no application fee", "we never ask you to pay"."""
    i = text.find(phrase)
    return i > 0 and _DENIAL.search(text, max(0, i - 30), i) is not None


def cues(unmasked: str) -> list[tuple[str, str]]:
    """(code, phrase) for each warning sign these cues find, first match per sign, in text order."""
    found = []
    for code, rx in CUES.items():
        m = rx.search(unmasked)
        if m:
            found.append((m.start(), code, m.group(0)))
    return [(code, phrase) for _, code, phrase in sorted(found)]
