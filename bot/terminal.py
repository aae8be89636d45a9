"""The coaching walkthrough in a terminal: `make run` without Slack tokens, and piped stdin for tests."""

from __future__ import annotations

import sys
import textwrap
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TextIO

from bot.coaching import checklist
from bot.coaching.advice import Reading, advise
from bot.coaching.analyzer import MAX_CHARS, RED_FLAG_LABELS, Analysis, analyze
from bot.coaching.content import Content
from bot.coaching.intake import student_text
from bot.coaching.labels import EVIDENCE_LABELS, purpose_label
from bot.store import DecisionStore

SLACK_HINT = (
    "To use Invite Check in Slack: create the app from app_manifest.yml (api.slack.com/apps, "
    "Create New App, From a manifest), put SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env, and run "
    '`make run` again. README.md, "Connect Slack", has the steps.'
)


class _Quit(Exception):
    pass


class Terminal:
    def __init__(
        self,
        content: Content,
        store_factory: Callable[[], AbstractContextManager[DecisionStore]] | None,
        *,
        store_invite_text: bool = False,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        width: int = 88,
    ) -> None:
        self.content = content
        self.store_factory = store_factory
        self.store_invite_text = store_invite_text
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.width = width
        self.my_name: str | None = None  # asked once a run (ask_names)
        self.interest: str | None = None

    # -- small I/O helpers -------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        for para in text.split("\n"):
            lines = textwrap.wrap(para, self.width, initial_indent=indent, subsequent_indent=indent) or [""]
            print("\n".join(lines), file=self.stdout)

    def ask(self, prompt: str) -> str:
        print(prompt, end="", file=self.stdout, flush=True)
        line = self.stdin.readline()
        if not line:
            raise _Quit
        return line.strip()

    def read_invitation(self, first: bool = True) -> str | None:
        """One pasted invitation, blank lines and all: it ends at a line holding a single "." or at two
        empty lines in a row. None at the end of input (Ctrl-D) or, after the first, an empty paste."""
        if first:
            self.say(
                "Paste the invitation (or describe it in a sentence). Blank lines are fine: finish with a"
                " line holding just a . (or press Enter twice)."
            )
        else:
            self.say(
                "\nAnother invitation? Paste it the same way, or press Enter twice (or Ctrl-D) to finish."
            )
        lines: list[str] = []
        blank = 0
        while True:
            line = self.stdin.readline()
            if not line:
                if not any(x.strip() for x in lines):
                    return None
                break
            text = line.rstrip("\r\n")
            if text.strip() == ".":
                break
            blank = blank + 1 if not text.strip() else 0
            if blank >= 2 or (blank == 1 and not any(x.strip() for x in lines) and not first):
                break
            lines.append(text)
            if sum(len(x) for x in lines) > 200_000:
                break
        pasted = "\n".join(lines).strip()
        return pasted if pasted or first else None

    # -- the walkthrough ---------------------------------------------------
    def run(self) -> int:
        self.say(
            "Invite Check: a minute's coaching on a LinkedIn invitation from someone you don't recognise.\n"
        )
        checked = 0
        try:
            while True:
                text = self.read_invitation(first=checked == 0)
                if text is None:
                    break
                self._check(text)
                checked += 1
        except (_Quit, KeyboardInterrupt):
            self.say("\nStopped." + (" Nothing was recorded." if not checked else ""))
        if not checked:
            self.say("Nothing was recorded.")
        self.say("\n" + SLACK_HINT)
        return 0

    def _check(self, text: str) -> None:
        text = student_text(text)
        if not text:
            self.say("No invitation given, so we'll go through the questions without any hints.")
        signals = analyze(text)
        self.show_signals(signals)
        suggested = checklist.suggest_answers(self.content, signals)
        answers: dict[str, str] = {}
        if signals.scam and not self.knows_sender():
            scam = True
        else:
            scam = False
            if signals.scam:
                self.say(self.content.safety.known.note.replace("*", ""))
                suggested["met"] = "yes"
            answers = self.ask_steps(suggested)
            self.ask_names()
        advice = advise(
            self.content,
            answers,
            red_flags=signals.red_flags,
            scam=scam,
            reading=Reading(
                requester_name=signals.requester_name,
                intent=signals.intent,
                language=signals.language,
                details=signals.details.as_dict(),
                asks_referral=signals.asks_referral,
                offers_referral=signals.referral == "offers",
                proposes_chat=signals.proposes_chat,
                note_says_met=signals.custom_message and signals.claims_prior_contact,
            ),
            my_name=self.my_name,
            interest=self.interest,
        )
        self.show_advice(advice)
        decision = self.ask_decision()
        if decision is None:
            self.say("Nothing recorded.")
        else:
            self.record(text, signals, answers, advice.recommendation, decision)

    def ask_names(self) -> None:
        """The student's name and field, asked once a run: they sign and shape every draft."""
        if self.my_name is not None:
            return
        self.say("")
        self.my_name = self.ask("Your name, to sign the message (Enter to skip): ")[:80]
        self.interest = self.ask("Your field or goal, e.g. 'data science' (Enter to skip): ")[:80]

    def show_signals(self, s: Analysis) -> None:
        self.say("\nWhat I noticed")
        if s.truncated:
            self.say(f"- Your paste was long, so I only read the first {MAX_CHARS:,} characters.")
        who = s.requester_name or "someone (I couldn't find a name)"
        self.say(f"- From: {who}")
        self.say(
            f"- Personal note: {'yes' if s.custom_message else 'no, only LinkedIn default text or none'}"
        )
        self.say(f"- Claims you've met or share a contact: {'yes' if s.claims_prior_contact else 'no'}")
        self.say(f"- Looks like: {purpose_label(s.intent, s.intent_sure)}")
        for code in s.red_flags:
            self.say(f"- WARNING: {RED_FLAG_LABELS.get(code, code)}")
        if s.evidence:
            self.say("- Because of:")
        for ev in s.evidence[:6]:
            label = EVIDENCE_LABELS.get(ev.field, ev.field.split(":")[-1].replace("_", " "))
            self.say(f'{label}: "{ev.phrase}"', indent="    ")
        self.say("These are only hints: you confirm every answer.")

    def ask_steps(self, suggested: dict[str, str]) -> dict[str, str]:
        answers: dict[str, str] = {}
        while True:
            pos = checklist.position(self.content, answers)
            if pos.done:
                return answers
            step = pos.step
            assert step is not None
            self.say(f"\nStep {pos.number} of {pos.total}: {step.question}")
            self.say(step.help, indent="  ")
            for jog in checklist.joggers(self.content, answers):
                self.say(f"  * {jog}")
            for i, opt in enumerate(step.options, 1):
                mark = "  (suggested)" if suggested.get(step.id) == opt.id else ""
                self.say(f"  {i}. {opt.label}{mark}")
            default = suggested.get(step.id)
            hint = " [Enter = suggested]" if default else ""
            reply = self.ask(f"Your answer (number; b = back, s = start over, q = quit){hint}: ").lower()
            if reply in ("q", "quit"):
                raise _Quit
            if reply in ("b", "back"):
                answers = checklist.back(answers)
                continue
            if reply in ("s", "start over"):
                answers = checklist.start_over()
                continue
            choice = None
            if not reply and default:
                choice = default
            elif reply.isdigit() and 1 <= int(reply) <= len(step.options):
                choice = step.options[int(reply) - 1].id
            elif step.option(reply):
                choice = reply
            if choice is None:
                self.say(f"  Please type a number from 1 to {len(step.options)}, or b, s or q.")
                continue
            answers = checklist.answer(self.content, answers, step.id, choice)

    def knows_sender(self) -> bool:
        """A flagged invitation: the student may say they know the sender, and get the questions."""
        self.say("\nThis invitation shows warning signs of a scam.")
        reply = self.ask(
            f"Press Enter for my advice, or type k if {self.content.safety.known.button.lower()}: "
        )
        return reply.strip().lower() in ("k", "known")

    def show_advice(self, advice) -> None:
        self.say("\n" + "=" * min(self.width, 60))
        self.say(f"My recommendation: {advice.title.upper()}")
        self.say(advice.summary)
        self.say("\nWhy:")
        for r in advice.reasons:
            self.say(f"- {r}")
        safety = self.content.safety
        for code in advice.red_flags:
            line = safety.signs.get(code) if advice.safety else None
            self.say(f"- WARNING: {(line or RED_FLAG_LABELS.get(code, code)).replace('*', '')}")
        if advice.safety:
            self.say(f"\n{safety.dont.title}:")
            for item in safety.dont.items:
                self.say(f"- {item}")
            self.say(f"\n{safety.linkedin.title}: " + safety.linkedin.text.replace("*", ""))
            self.say(f"\n{safety.after.title}:")
            for item in safety.after.items:
                self.say(f"- {item.replace('*', '')}")
            self.say(safety.after.if_lost.replace("*", ""))
        self.say("\nWhat to do: " + advice.action.replace("*", ""))
        if advice.spam_action:
            self.say(advice.spam_action.replace("*", ""))
        if advice.message:
            self.say(f"\n{advice.draft_label}, ready to send:\n")
            for line in advice.message.splitlines():
                print(f"    {line}", file=self.stdout)
        self.say("=" * min(self.width, 60))

    def ask_decision(self) -> str | None:
        labels = self.content.templates.decisions
        keys = list(labels)
        self.say("\nWhat did you do? (so you, and your career center, can see how it went)")
        for i, key in enumerate(keys, 1):
            self.say(f"  {i}. {labels[key]}")
        while True:
            reply = self.ask("Your choice (number, Enter to skip): ")
            if not reply:
                return None
            if reply.isdigit() and 1 <= int(reply) <= len(keys):
                return keys[int(reply) - 1]
            self.say(f"  Please type a number from 1 to {len(keys)}, or press Enter to skip.")

    def record(
        self, text: str, signals: Analysis, answers: dict[str, str], recommendation: str, decision: str
    ) -> None:
        from bot.store import DecisionRecord
        from bot.store import Signals as StoredSignals

        if self.store_factory is None:
            return
        now = datetime.now(UTC)
        record = DecisionRecord(
            id=uuid.uuid4().hex,
            created_at=now,
            updated_at=now,
            team_id="local",
            user_id="terminal",
            source="terminal",
            answers=answers,
            signals=StoredSignals.of(signals),
            recommendation=recommendation,
            decision=decision,
            decided_at=now,
            requester_name=signals.requester_name if self.store_invite_text else None,
            invite_text=text[:MAX_CHARS] if self.store_invite_text else None,
        )
        with self.store_factory() as store:
            store.upsert(record)
        self.say("Recorded. `.venv/bin/python -m bot summary` shows the totals.")
