"""Render the screenshot set: invitations written for it, drawn with HTML/CSS that imitates three places a
student meets them (the phone app's invitation list, the web invitation manager, the invitation e-mail),
light and dark, phone and desktop sizes, some JPEG-compressed and some cropped.

    python tests/data/screenshots/render.py     # needs `chromium` on PATH; rewrites images + truth.jsonl

Only generating needs Chromium; the tests read the committed images. The texts are written here, not taken
from the corpus's frozen test split. truth.jsonl holds, per image, the text a paste would give for what the
picture shows (`text`), its parts (name, headline, mutual, note as shown) and hand labels (`expect`) of the
whole invitation: a cut-off note may hide what a label rests on ("bank details" below "...see more").
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
TRUTH = HERE / "truth.jsonl"
STUDENT = "Maya Chen"
CUT_AT = 150  # characters of a note the phone list shows before "...see more"


@dataclass(frozen=True)
class Invite:
    key: str
    name: str
    headline: str
    note: str
    mutual: str = ""
    degree: str = "2nd"
    when: str = "2h"
    intent: str = "networking"
    red_flags: tuple[str, ...] = ()
    claims: bool = False


INVITES = [
    Invite(
        "sebastian",
        "Sebastián Ortega",
        "Data Engineer at Nordlicht Analytics",
        "Hi Maya, your talk on streaming pipelines at the PyData meetup was the clearest explanation I "
        "have heard. I am building something similar at work and would love to stay in touch.",
        mutual="Lucas Ferreira and 4 other mutual connections",
        claims=True,
    ),
    Invite(
        "linnea",
        "Linnea Bergström",
        "Talent Acquisition Partner at Vireo Health",
        "Hello! We are hiring junior backend developers for our Stockholm office and your profile looks "
        "like a strong fit. Open to a short call next week?",
        mutual="3 mutual connections",
        intent="recruiter",
    ),
    Invite(
        "yasmine",
        "Yasmine Idrissi",
        "Computer Science Student at Université de Lyon",
        "Hi! We sit together in the Tuesday machine learning study group. Would be great to connect and "
        "compare notes before the exam.",
        mutual="12 mutual connections",
        degree="2nd",
        claims=True,
    ),
    Invite(
        "daniel",
        "Daniel Whitaker",
        "Senior Software Engineer at Brightpath",
        "",
        mutual="Priya Raman is a mutual connection",
        intent="unclear",
    ),
    Invite(
        "amelia",
        "Amelia Grant",
        "Investment Advisor | Crypto Portfolio Manager",
        "Hello dear, I help people grow their savings with a guaranteed 40% monthly return on bitcoin "
        "trading. Text me on WhatsApp at +1 555 0142 to start today, only 5 spots left!",
        degree="3rd+",
        intent="sales",
        red_flags=("crypto_investment", "off_platform", "too_good_to_be_true", "urgency"),
    ),
    Invite(
        "kevin",
        "Kevin Marsh",
        "HR Manager at Global Talent Solutions",
        "Congratulations! You have been selected for a remote data entry position paying $45/hour. No "
        "interview needed. Please send your full name, home address and bank details to start onboarding.",
        degree="3rd+",
        intent="recruiter",
        red_flags=("asks_personal_info", "too_good_to_be_true"),
    ),
    Invite(
        "priya",
        "Priya Raman",
        "Data Analyst at Lumen Bank",
        "Hi Maya, I noticed you interned at Lumen Bank last summer. I am applying for the analyst "
        "internship there. Would you be open to referring me or sharing a few tips?",
        mutual="Tomás Silva and 2 other mutual connections",
        intent="referral",
    ),
    Invite(
        "marco",
        "Marco Bellini",
        "Founder at GrowthLoop Coaching",
        "Hi! I help early-career professionals build a personal brand that recruiters notice. Do you "
        "have 15 minutes this week for a quick chat about our coaching package?",
        degree="3rd+",
        intent="sales",
    ),
    Invite(
        "chloe",
        "Chloé Martin",
        "PhD Candidate in Robotics at ETH Zürich",
        "Hi! I am organising a student hackathon on assistive robotics in March and I am looking for "
        "co-organisers. Your gesture control project caught my eye. Interested in teaming up?",
        mutual="6 mutual connections",
        intent="collaboration",
    ),
    Invite(
        "oluwaseun",
        "Oluwaseun Adeyemi",
        "Product Manager at Kite Payments",
        "Hello Maya, I came across your post about moving from biology into product work and it "
        "resonated with me, since I made the same switch four years ago. If it helps, I am happy to "
        "share what worked for me and what I would do differently. No agenda, just paying it forward.",
        mutual="8 mutual connections",
    ),
    Invite(
        "jose",
        "José Álvarez Ruiz",
        "Ingeniero de Datos en Marea Labs",
        "Hola Maya, vi tu publicación sobre prácticas en ingeniería de datos y me gustaría conectar "
        "para aprender de tu experiencia.",
        mutual="2 mutual connections",
    ),
    Invite(
        "hannah",
        "Hannah O'Brien",
        "University Recruiter at Finch & Co",
        "Hi Maya, great meeting you at the Spring Career Fair yesterday! As promised, here is my request. "
        "Feel free to reach out about our summer internships.",
        mutual="Ava Thompson and 9 other mutual connections",
        intent="recruiter",
        claims=True,
    ),
    Invite(
        "isabel",
        "Isabel Llorente",
        "Operations Lead at Tidewater Logistics",
        "Hi, we met at the alumni mixer last Thursday. I'd love to hear more about your capstone project "
        "on port scheduling.",
        mutual="5 mutual connections",
        claims=True,
    ),
    Invite(
        "ryan",
        "Ryan Cole",
        "Career Coach",
        "Hi, I reviewed your profile and found 3 mistakes that are costing you interviews. Get the free "
        "report at bit.ly/fix-cv-now before it expires tonight.",
        degree="3rd+",
        intent="sales",
        red_flags=("suspicious_link", "urgency"),
    ),
    Invite(
        "meilin",
        "Mei Lin Tan",
        "Marketing Director at Acme Shoes",
        "I'd like to join your LinkedIn network.",
        mutual="1 mutual connection",
        intent="unclear",
    ),
]
BY_KEY = {i.key: i for i in INVITES}


@dataclass(frozen=True)
class Shot:
    invite: str
    layout: str  # "mobile" | "web" | "email"
    theme: str = "light"
    jpeg: int = 0  # JPEG quality, 0 = PNG
    crop: tuple[float, float, float, float] | None = None  # left, top, right, bottom as fractions
    scale: int = 0  # device scale factor (default per layout)


SHOTS = [
    Shot("sebastian", "mobile"),
    Shot("linnea", "mobile", jpeg=80),
    Shot("yasmine", "mobile"),
    Shot("amelia", "mobile"),
    Shot("priya", "mobile", crop=(0, 0.08, 1, 0.55)),
    Shot("oluwaseun", "mobile"),
    Shot("hannah", "mobile", jpeg=70),
    Shot("isabel", "mobile"),
    Shot("daniel", "mobile", scale=2),
    Shot("kevin", "mobile", "dark"),
    Shot("marco", "mobile", "dark", jpeg=75),
    Shot("chloe", "mobile", "dark"),
    Shot("jose", "mobile", "dark", scale=2),
    Shot("ryan", "mobile", "dark", crop=(0, 0.1, 1, 0.5)),
    Shot("yasmine", "mobile", "dark", jpeg=85),
    Shot("linnea", "web"),
    Shot("priya", "web", jpeg=75),
    Shot("hannah", "web", crop=(0.2, 0.05, 0.8, 0.7)),
    Shot("amelia", "web"),
    Shot("meilin", "web", crop=(0.2, 0.1, 0.8, 0.6), scale=2),
    Shot("sebastian", "web", "dark"),
    Shot("chloe", "web", "dark", jpeg=80),
    Shot("isabel", "web", "dark", crop=(0.2, 0.05, 0.8, 0.7)),
    Shot("daniel", "email"),
    Shot("kevin", "email", jpeg=75),
    Shot("marco", "email"),
    Shot("oluwaseun", "email", crop=(0.15, 0, 0.85, 0.9)),
    Shot("jose", "email", scale=3),
    Shot("ryan", "email", jpeg=80),
    Shot("hannah", "email", "dark"),
]


def shown_note(inv: Invite, layout: str) -> tuple[str, bool]:
    """The note as the layout shows it, and whether it is cut off."""
    if layout == "mobile" and len(inv.note) > CUT_AT:
        cut = inv.note[:CUT_AT].rsplit(" ", 1)[0].rstrip(",.")
        return cut, True
    return inv.note, False


def truth_text(inv: Invite, layout: str) -> str:
    """What a careful paste of the visible invitation gives: name, headline, mutual line, the note."""
    note, _ = shown_note(inv, layout)
    lines = [inv.name, inv.headline]
    if inv.mutual:
        lines.append(inv.mutual)
    if note:
        lines.append(note)
    return "\n".join(lines)


e = html.escape

CSS_COMMON = """
* { box-sizing: border-box; margin: 0; padding: 0; }
body { font-family: %(font)s; background: var(--bg); color: var(--fg); }
.avatar { border-radius: 50%%; background: var(--avatar); flex: none; }
.muted { color: var(--muted); }
.btn { border-radius: 999px; padding: 6px 16px; font-weight: 600; border: 1.5px solid var(--muted);
       color: var(--muted); background: transparent; }
.btn.primary { border-color: var(--accent); color: var(--accent); }
"""
THEMES = {
    "light": "--bg:#f3f2ef;--card:#ffffff;--fg:#1d1d1d;--muted:#666666;--accent:#0a66c2;--avatar:#c9d3dd;"
    "--line:#e0dfdc;--bubble:#f3f2ef",
    "dark": "--bg:#000000;--card:#1b1f23;--fg:#e9e9e9;--muted:#a8a8a8;--accent:#71b7fb;--avatar:#38434f;"
    "--line:#38434f;--bubble:#293138",
}


def page(body: str, css: str, theme: str, font: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>:root{{{THEMES[theme]}}}"
        f"{CSS_COMMON % {'font': font}}{css}</style></head><body>{body}</body></html>"
    )


MOBILE_CSS = """
.status { display:flex; justify-content:space-between; padding:14px 28px 6px; font-weight:600; font-size:16px; }
.top { display:flex; align-items:center; gap:12px; padding:8px 16px; background:var(--card); }
.search { flex:1; background:var(--bubble); border-radius:4px; padding:8px 12px; font-size:15px; }
.title { display:flex; justify-content:space-between; padding:16px; background:var(--card); margin-top:8px;
         font-size:17px; font-weight:600; border-bottom:1px solid var(--line); }
.card { background:var(--card); padding:14px 16px; border-bottom:1px solid var(--line); }
.row { display:flex; gap:12px; }
.who { flex:1; }
.name { font-size:17px; font-weight:600; }
.head { font-size:14px; margin-top:2px; line-height:1.35; }
.meta { font-size:13px; margin-top:4px; }
.note { background:var(--bubble); border-radius:8px; padding:10px 12px; margin-top:10px; font-size:15px;
        line-height:1.4; }
.more { font-weight:600; color:var(--muted); }
.acts { display:flex; gap:12px; justify-content:flex-end; margin-top:12px; font-size:15px; }
.other { opacity:.9; }
.tabs { position:fixed; bottom:0; left:0; right:0; display:flex; justify-content:space-around;
        background:var(--card); border-top:1px solid var(--line); padding:8px 0 26px; font-size:11px; }
.tabs div { text-align:center; } .tabs i { display:block; width:24px; height:24px; margin:0 auto 4px;
        border-radius:5px; background:var(--muted); opacity:.6; }
"""


def mobile(inv: Invite, theme: str) -> str:
    note, cut = shown_note(inv, "mobile")
    note_html = ""
    if note:
        more = " <span class='more'>...see more</span>" if cut else ""
        note_html = f"<div class='note'>{e(note)}{more}</div>"
    mutual = f"<div class='meta muted'>{e(inv.mutual)}</div>" if inv.mutual else ""
    body = f"""
<div class='status'><span>9:41</span><span>5G &nbsp;87%</span></div>
<div class='top'><div class='avatar' style='width:32px;height:32px'></div><div class='search muted'>Search</div></div>
<div class='title'><span>Invitations (2)</span><span class='muted'>Manage</span></div>
<div class='card'>
  <div class='row'><div class='avatar' style='width:56px;height:56px'></div>
    <div class='who'><div class='name'>{e(inv.name)} <span class='muted' style='font-weight:400;font-size:14px'>· {inv.degree}</span></div>
      <div class='head muted'>{e(inv.headline)}</div>{mutual}
      <div class='meta muted'>{inv.when}</div></div></div>
  {note_html}
  <div class='acts'><span class='btn'>Ignore</span><span class='btn primary'>Accept</span></div>
</div>
<div class='title' style='margin-top:8px'><span>People you may know from Riverside College</span><span class='muted'>See all</span></div>
<div class='tabs'><div><i></i>Home</div><div><i></i>My Network</div><div><i></i>Post</div>
<div><i></i>Notifications</div><div><i></i>Jobs</div></div>
"""
    return page(body, MOBILE_CSS, theme, "'DejaVu Sans', sans-serif")


WEB_CSS = """
.nav { display:flex; align-items:center; gap:28px; padding:6px 24px; background:var(--card);
       border-bottom:1px solid var(--line); font-size:12px; }
.nav .search { width:260px; background:var(--bubble); border-radius:4px; padding:8px 12px; font-size:14px; }
.nav .item { text-align:center; } .nav i { display:block; width:22px; height:22px; margin:0 auto 2px;
       background:var(--muted); opacity:.5; border-radius:4px; }
.wrap { display:flex; gap:24px; justify-content:center; padding:24px; }
.side { width:225px; background:var(--card); border-radius:8px; padding:16px; font-size:14px; height:fit-content; }
.side div { display:flex; justify-content:space-between; padding:6px 0; }
.main { width:576px; background:var(--card); border-radius:8px; }
.tabsr { display:flex; gap:24px; padding:14px 16px 0; border-bottom:1px solid var(--line); font-size:15px;
         font-weight:600; }
.tabsr span { padding-bottom:10px; } .tabsr .on { color:var(--accent); border-bottom:2px solid var(--accent); }
.inv { display:flex; gap:12px; padding:16px; border-bottom:1px solid var(--line); }
.who { flex:1; } .name { font-size:16px; font-weight:600; } .head { font-size:14px; margin-top:2px; }
.meta { font-size:12px; margin-top:4px; }
.note { margin-top:10px; border:1px solid var(--line); border-radius:8px; padding:10px 12px; font-size:14px;
        line-height:1.45; }
.acts { display:flex; gap:8px; align-items:flex-start; font-size:15px; }
.rail { width:300px; font-size:12px; line-height:2; height:fit-content; }
.rail .ad { background:var(--card); border-radius:8px; padding:16px; font-size:14px; margin-bottom:16px; line-height:1.4; }
"""


def web(inv: Invite, theme: str) -> str:
    note, _ = shown_note(inv, "web")
    note_html = f"<div class='note'>{e(note)}</div>" if note else ""
    mutual = f"<div class='meta muted'>{e(inv.mutual)}</div>" if inv.mutual else ""
    body = f"""
<div class='nav'><div class='avatar' style='width:34px;height:34px;border-radius:4px'></div>
<div class='search muted'>Search</div><div style='flex:1'></div>
<div class='item'><i></i>Home</div><div class='item'><i></i>My Network</div><div class='item'><i></i>Jobs</div>
<div class='item'><i></i>Messaging</div><div class='item'><i></i>Notifications</div><div class='item'><i></i>Me</div></div>
<div class='wrap'>
 <div class='side'><b style='display:block;margin-bottom:8px'>Manage my network</b>
  <div><span>Connections</span><span>312</span></div><div><span>Following &amp; followers</span><span></span></div>
  <div><span>Groups</span><span>4</span></div><div><span>Events</span><span>2</span></div>
  <div><span>Newsletters</span><span>6</span></div></div>
 <div class='main'>
  <div style='padding:16px 16px 0;font-size:18px;font-weight:600'>Manage invitations</div>
  <div class='tabsr'><span class='on'>Received</span><span class='muted'>Sent</span></div>
  <div class='inv'><div class='avatar' style='width:72px;height:72px'></div>
   <div class='who'><div class='name'>{e(inv.name)}</div><div class='head muted'>{e(inv.headline)}</div>
    {mutual}<div class='meta muted'>{inv.when} ago</div>{note_html}</div>
   <div class='acts'><span class='btn'>Ignore</span><span class='btn primary'>Accept</span></div></div>
  <div style='padding:14px;text-align:center;font-weight:600' class='muted'>Show all</div>
 </div>
 <div class='rail'><div class='ad'><span class='muted' style='font-size:12px'>Ad</span><br>Grow your career with
 short courses from Northfield Institute. Enroll now</div>
 <span class='muted'>About &nbsp; Accessibility &nbsp; Help Center<br>Privacy &amp; Terms &nbsp; Ad Choices
 &nbsp; Advertising<br>Business Services &nbsp; Get the app &nbsp; More</span></div>
</div>
"""
    return page(body, WEB_CSS, theme, "'Liberation Sans', sans-serif")


EMAIL_CSS = """
.client { display:flex; min-height:100vh; }
.folders { width:200px; padding:20px; font-size:14px; line-height:2.2; background:var(--bg); }
.mail { flex:1; background:var(--card); padding:24px 32px; }
.subj { font-size:22px; margin-bottom:14px; }
.from { display:flex; gap:12px; font-size:14px; margin-bottom:24px; }
.body { max-width:560px; margin:0 auto; border:1px solid var(--line); border-radius:6px; padding:24px; }
.name { font-size:20px; font-weight:700; margin-top:12px; } .head { font-size:15px; margin-top:4px; }
.meta { font-size:13px; margin-top:6px; }
.note { margin-top:16px; font-size:15px; line-height:1.5; padding:12px 14px; border-left:3px solid var(--line); }
.acts { display:flex; gap:10px; margin-top:20px; font-size:15px; }
.acts .primary { background:var(--accent); color:var(--card); }
.foot { font-size:12px; margin-top:28px; line-height:1.6; }
"""


def email(inv: Invite, theme: str, narrow: bool) -> str:
    note, _ = shown_note(inv, "email")
    note_html = f"<div class='note'>{e(note)}</div>" if note else ""
    mutual = f"<div class='meta muted'>{e(inv.mutual)}</div>" if inv.mutual else ""
    folders = (
        ""
        if narrow
        else "<div class='folders'><b>Inbox</b> 3<br>Starred<br>Snoozed<br>Sent<br>Drafts<br>More</div>"
    )
    body = f"""
<div class='client'>{folders}<div class='mail'>
 <div class='subj'>{e(inv.name)} wants to connect</div>
 <div class='from'><div class='avatar' style='width:40px;height:40px'></div><div>
  <b>{e(inv.name)} via LinkedIn</b> <span class='muted'>&lt;invitations@linkedin.com&gt;</span><br>
  <span class='muted'>to me &nbsp; 10:24 AM (2 hours ago)</span></div></div>
 <div class='body'>
  <div class='avatar' style='width:64px;height:64px'></div>
  <div class='name'>{e(inv.name)}</div><div class='head muted'>{e(inv.headline)}</div>{mutual}
  {note_html}
  <div class='acts'><span class='btn primary'>Accept</span><span class='btn'>View profile</span></div>
  <div class='foot muted'>You are receiving Invitation emails. Unsubscribe<br>
  This email was intended for {e(STUDENT)} (Student at Riverside College). Learn why we included this.<br>
  &copy; 2026 LinkedIn Corporation</div>
 </div></div></div>
"""
    return page(body, EMAIL_CSS, theme, "'Liberation Sans', sans-serif")


SIZES = {"mobile": (390, 844, 3), "web": (1366, 768, 1), "email": (1280, 800, 1)}


def render(shot: Shot, chromium: str, tmp: Path) -> Image.Image:
    inv = BY_KEY[shot.invite]
    w, h, scale = SIZES[shot.layout]
    narrow = shot.layout == "email" and shot.scale == 3
    if narrow:
        w, h = 390, 844
    scale = shot.scale or scale
    doc = (
        mobile(inv, shot.theme)
        if shot.layout == "mobile"
        else web(inv, shot.theme)
        if shot.layout == "web"
        else email(inv, shot.theme, narrow)
    )
    src, out = tmp / "page.html", tmp / "shot.png"
    src.write_text(doc, encoding="utf-8")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--force-device-scale-factor={scale}",
            f"--window-size={w},{h}",
            f"--screenshot={out}",
            src.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    img = Image.open(out).convert("RGB")
    if shot.crop:
        left, top, right, bottom = shot.crop
        img = img.crop(
            (int(left * img.width), int(top * img.height), int(right * img.width), int(bottom * img.height))
        )
    return img


def save(img: Image.Image, shot: Shot, path_stem: Path) -> Path:
    if shot.jpeg:
        path = path_stem.with_suffix(".jpg")
        img.save(path, "JPEG", quality=shot.jpeg)
    else:  # a palette keeps flat UI pictures small in git; the text's anti-aliasing survives 256 colours
        path = path_stem.with_suffix(".png")
        img.quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    return path


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (apt-get install -y chromium)", file=sys.stderr)
        return 2
    IMAGES.mkdir(exist_ok=True)
    for old in IMAGES.iterdir():
        old.unlink()
    rows = []
    with tempfile.TemporaryDirectory() as t:
        for n, shot in enumerate(SHOTS, 1):
            inv = BY_KEY[shot.invite]
            stem = f"{n:02d}-{shot.layout}-{shot.theme}-{shot.invite}"
            path = save(render(shot, chromium, Path(t)), shot, IMAGES / stem)
            note, cut = shown_note(inv, shot.layout)
            rows.append(
                {
                    "image": f"images/{path.name}",
                    "layout": shot.layout,
                    "theme": shot.theme,
                    "phone": shot.layout == "mobile" or (shot.layout == "email" and shot.scale == 3),
                    "jpeg": bool(shot.jpeg),
                    "cropped": shot.crop is not None,
                    "text": truth_text(inv, shot.layout),
                    "name": inv.name,
                    "headline": inv.headline,
                    "mutual": inv.mutual,
                    "note": note,
                    "cut_off": cut,
                    "expect": {
                        "custom_message": bool(inv.note) and inv.key != "meilin",
                        "claims_prior_contact": inv.claims,
                        "intent": inv.intent,
                        "requester_name": inv.name,
                        "red_flags": sorted(inv.red_flags),
                    },
                }
            )
            print(path.name, path.stat().st_size // 1024, "KB", file=sys.stderr)
    with open(TRUTH, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
