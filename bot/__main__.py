"""Command line: `python -m bot [serve|demo|analyze|summary|digest|export|store|workspace]`.

With no sub-command it does what `make run` promises: Socket Mode or HTTP when Slack
tokens are configured, the terminal walkthrough when they are not.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from bot.coaching.content import Content
    from bot.store import DecisionStore


def _content(settings: Settings) -> Content:
    from bot.coaching.content import load_content

    return load_content(settings.invite_check_prompts_dir)


def cmd_analyze_images(paths: list[str]) -> int:
    """One JSON per screenshot: the usual fields plus `text` (what was read) and `cut_off`."""
    from bot.coaching.analyzer import analyze, to_contract
    from bot.screenshot import ScreenshotError
    from bot.screenshot.ocr import make_engine, read_image

    engine = make_engine(threads=-1)  # one image at a time here: onnxruntime may use every core
    failed = False
    for path in paths:
        try:
            read = read_image(engine, Path(path).read_bytes())
        except (OSError, ScreenshotError) as exc:
            code = exc.code if isinstance(exc, ScreenshotError) else "unreadable_file"
            print(json.dumps({"image": path, "error": code}), flush=True)
            failed = True
            continue
        out = {"image": path, **to_contract(analyze(read.text)), "text": read.text, "cut_off": read.cut_off}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 1 if failed else 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from bot.coaching.analyzer import analyze, to_contract

    if args.image:
        return cmd_analyze_images(args.image)
    if args.jsonl:
        for n, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"] if isinstance(item, dict) else None
                if not isinstance(text, str):
                    raise ValueError("expected an object with a string 'text'")
            except (ValueError, KeyError) as exc:
                print(json.dumps({"line": n, "error": f'not a {{"text": ...}} object: {exc}'}), flush=True)
                continue
            print(json.dumps(to_contract(analyze(text)), ensure_ascii=False))
        return 0
    text = sys.stdin.read()
    print(json.dumps(to_contract(analyze(text)), ensure_ascii=False, indent=2))
    return 0


def cmd_demo(settings: Settings) -> int:
    from bot.store import open_configured
    from bot.terminal import Terminal

    return Terminal(
        _content(settings),
        lambda: open_configured(settings),
        store_invite_text=settings.invite_check_store_invite_text,
    ).run()


def _open_for_reading(settings: Settings) -> DecisionStore:
    """The configured store, read-only: PostgreSQL with DATABASE_URL; else the data file read without the
    lock and without writing anything (works beside a running bot, on a backup copy and on a read-only
    disk, and never folds the journal into the snapshot); a memory store when there is no file yet."""
    from bot.store import MemoryDecisionStore, open_configured, open_read_only

    if settings.database_url:
        return open_configured(settings)
    path = Path(settings.invite_check_db_path)
    if not path.exists() and not path.with_name(path.name + ".journal").exists():
        return MemoryDecisionStore()
    return open_read_only(path)


def cmd_summary(settings: Settings, args: argparse.Namespace) -> int:
    from bot.coaching.vocab import REASON_STEP
    from bot.staff.summary import format_text, period_start, summarize

    now = datetime.now(UTC)
    with _open_for_reading(settings) as store:  # counted in SQL on PostgreSQL
        counts = store.counts(team_id=args.team, since=period_start(now, args.days), step=REASON_STEP)
    print(format_text(summarize(counts, now=now, days=args.days)))
    return 0


def cmd_digest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.staff import privacy
    from bot.staff.digest import build_digest, digest_text, records_since

    now = datetime.now(UTC)
    view = settings.invite_check_staff_view
    with _open_for_reading(settings) as store:
        records = list(store.iter_records(team_id=args.team, since=records_since(now, args.days)))
        # Pseudonyms need the data's key; a file the bot never opened has none, and then no records.
        key = store.pseudonym_key() if view == privacy.PSEUDONYMOUS and records else None
        digest = build_digest(records, now, args.days, team_id=args.team, view=view, key=key)
    print(digest_text(digest))
    return 0


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from bot.staff import privacy
    from bot.staff.export import write_csv

    now = datetime.now(UTC)
    since = now - timedelta(days=args.days) if args.days else None
    view = settings.invite_check_staff_view
    with _open_for_reading(settings) as store:
        key = store.pseudonym_key() if view == privacy.PSEUDONYMOUS else None  # the App Home's key
        with open(args.csv, "w", newline="", encoding="utf-8") as fh:
            records = store.iter_records(team_id=args.team, since=since, newest_first=False)
            n = write_csv(fh, records, now=now, days=args.days, view=view, key=key)
    print(f"Wrote {n} record(s) to {args.csv}")
    return 0


def cmd_workspace(settings: Settings, args: argparse.Namespace) -> int:
    """Installs in many workspaces: list them, or set one workspace's career-center staff."""
    if not settings.database_url:
        print("Workspaces are kept in PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    from bot.store.postgres import PostgresDecisionStore

    with PostgresDecisionStore(
        settings.database_url, max_size=1, timeout=settings.invite_check_db_timeout
    ) as db:
        if args.workspace_command == "staff":
            users = None if args.users is None else [u.strip() for u in args.users.split(",") if u.strip()]
            bad = [u for u in users or () if not u.isalnum() or not u[0].isalpha()]
            if bad:
                print(f"not Slack user IDs: {', '.join(bad)} (expected e.g. U012ABCDEF)", file=sys.stderr)
                return 2
            group = None if args.no_usergroup else (args.usergroup or "")
            db.set_workspace_staff(args.team, user_ids=users, usergroup=group)
        if args.workspace_command == "staff":
            row = db.workspace(args.team)
            rows = [row] if row is not None else []
        else:
            rows = db.workspaces()
    for row in rows:
        state = "uninstalled" if row["uninstalled_at"] else "installed"
        print(
            f"{row['team_id']}  {state}  staff: {', '.join(row['staff_user_ids']) or '(none)'}"
            f"  user group: {row['staff_usergroup'] or '(none)'}"
        )
    return 0


def cmd_store(settings: Settings, args: argparse.Namespace) -> int:
    if args.action == "migrate":
        from bot.store.migrate_file import MigrationMismatch, MigrationRefused, migrate_file

        if not args.source:
            print("usage: python -m bot store migrate --from PATH", file=sys.stderr)
            return 2
        if not settings.database_url:
            print(
                "Set DATABASE_URL (postgresql://...) to the database to copy the file into.", file=sys.stderr
            )
            return 2
        try:
            migrate_file(Path(args.source), settings.database_url)
        except (FileNotFoundError, MigrationMismatch, MigrationRefused) as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    from bot.store import doctor

    path = Path(args.db or settings.invite_check_db_path)
    if args.action == "check":
        healthy, report = doctor.check(path)
        print(report)
        return 0 if healthy else 1
    print(doctor.repair(path))
    return 0


def cmd_serve(settings: Settings) -> int:
    from bot.coaching.analyzer import analyze
    from bot.slack.server import serve

    # The analyzer's models (intent, scam, language) load on first use, about a second: pay it at start,
    # not on the first student's invitation.
    analyze("Hi, I'd like to connect about the data analyst role at your company.")
    return serve(settings)


def missing_tokens(settings: Settings) -> str:
    """Which token `serve` lacks, by name, for the mode the ones present point to."""
    has = {
        "SLACK_BOT_TOKEN": bool(settings.slack_bot_token),
        "SLACK_APP_TOKEN": bool(settings.slack_app_token),
        "SLACK_SIGNING_SECRET": bool(settings.slack_signing_secret),
    }
    if has["SLACK_APP_TOKEN"]:
        wanted = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]
        mode = "Socket Mode"
    elif has["SLACK_SIGNING_SECRET"]:
        wanted = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
        mode = "HTTP"
    elif has["SLACK_BOT_TOKEN"]:
        return (
            "SLACK_BOT_TOKEN is set, but serving needs one more: SLACK_APP_TOKEN (Socket Mode) or"
            ' SLACK_SIGNING_SECRET (HTTP). Set it in .env; README.md, "Connect Slack", has the steps.'
        )
    else:
        return (
            "No Slack tokens configured: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or "
            "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) in .env. See README.md."
        )
    lacking = [name for name in wanted if not has[name]]
    return f'{mode} needs {" and ".join(lacking)}: set it in .env. README.md, "Connect Slack", has the steps.'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="connect to Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT)")
    sub.add_parser("demo", help="the coaching walkthrough in this terminal")
    p = sub.add_parser("analyze", help="analyze one invitation from stdin and print JSON")
    p.add_argument("--jsonl", action="store_true", help='read one {"text": ...} object per line')
    p.add_argument("--image", nargs="+", metavar="FILE", help="read screenshots instead: one JSON per image")
    p = sub.add_parser("summary", help="print the staff summary")
    p.add_argument("--days", type=int, default=30, help="period in days (0 = all time; default 30)")
    p.add_argument("--team", help="one workspace only (Slack team ID; default: every workspace)")
    p = sub.add_parser(
        "digest", help="print the staff digest: scam clusters, who needs help, the week's figures"
    )
    p.add_argument("--days", type=int, default=7, help="period in days (default 7, the weekly digest)")
    p.add_argument("--team", help="one workspace only (Slack team ID; default: every workspace)")
    p = sub.add_parser("export", help="write the period's records as CSV")
    p.add_argument("--csv", required=True, help="output file")
    p.add_argument("--days", type=int, default=0, help="period in days (0 = all time, the default)")
    p.add_argument("--team", help="one workspace only (Slack team ID; default: every workspace)")
    p = sub.add_parser("store", help="check or repair the data file (check changes nothing), or migrate it")
    p.add_argument(
        "action",
        choices=("check", "repair", "migrate"),
        help="check: report what is readable; repair (bot stopped): keep every readable entry; "
        "migrate: copy a data file into PostgreSQL (DATABASE_URL), verified",
    )
    p.add_argument("--db", help="data file to check or repair (default: INVITE_CHECK_DB_PATH)")
    p.add_argument("--from", dest="source", help="migrate: the data file, e.g. data/invite-check.json")
    p = sub.add_parser("workspace", help="installs in many workspaces: list them, set a workspace's staff")
    ws_sub = p.add_subparsers(dest="workspace_command")
    ws_sub.add_parser("list", help="every workspace that installed the app, with its staff")
    w = ws_sub.add_parser("staff", help="set one workspace's career-center staff")
    w.add_argument("team", help="the workspace's Slack team ID (T...)")
    w.add_argument("--users", help="comma-separated staff user IDs (replaces the list)")
    w.add_argument("--usergroup", help="a user group ID whose members are staff")
    w.add_argument("--no-usergroup", action="store_true", help="remove the user group")
    args = parser.parse_args(argv)

    if args.command == "analyze":  # needs no configuration at all
        return cmd_analyze(args)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    from bot import logs

    logs.configure(settings.log_level)  # key=value lines on stderr; slack_sdk/slack_bolt never below INFO
    if getattr(args, "days", None) == 0:
        args.days = None
    try:
        if args.command == "demo" or (args.command is None and settings.mode == "terminal"):
            return cmd_demo(settings)
        if args.command in ("serve", None):
            if settings.mode == "terminal":
                print(missing_tokens(settings), file=sys.stderr)
                return 2
            return cmd_serve(settings)
        if args.command == "summary":
            return cmd_summary(settings, args)
        if args.command == "digest":
            if not args.days or args.days < 0:
                print("digest: --days must be 1 or more", file=sys.stderr)
                return 2
            return cmd_digest(settings, args)
        if args.command == "export":
            return cmd_export(settings, args)
        if args.command == "store":
            return cmd_store(settings, args)
        if args.command == "workspace":
            return cmd_workspace(settings, args)
    except Exception as exc:  # a friendly last line for operators; details at debug level
        from bot.coaching.content import ContentError
        from bot.store import StoreError

        if isinstance(exc, ContentError | StoreError):  # says which file and what to do
            print(exc, file=sys.stderr)
            return 2
        raise
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
