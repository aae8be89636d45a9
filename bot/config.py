"""One validated Settings object, so a bad value stops start-up with the variable's name."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.coaching.content import PROMPTS_ENV, default_prompts_dir

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Settings(BaseSettings):
    """Configuration from the environment and `.env` (see `.env.example`)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: str | None = Field(
        None, description="Bot token (xoxb-...). Without it, `make run` works in the terminal."
    )
    slack_signing_secret: str | None = Field(None, description="Signing secret; needed for HTTP mode.")
    slack_app_token: str | None = Field(
        None, description="App-level token (xapp-...); when set, the bot uses Socket Mode."
    )
    slack_client_id: str | None = Field(
        None,
        description="OAuth client ID: with the secret, the state secret and `DATABASE_URL`, the app installs "
        "in many workspaces (`/slack/install`) instead of using `SLACK_BOT_TOKEN`.",
    )
    slack_client_secret: str | None = Field(None, description="OAuth client secret (Basic Information).")
    slack_state_secret: str | None = Field(
        None,
        description="A long random string that signs the OAuth `state` of install links.",
    )
    slack_api_url: str = Field(
        "https://slack.com/api/", description="Slack Web API base URL (tests point it at a fake)."
    )
    port: int = Field(3000, ge=1, le=65535, description="HTTP port for `/slack/events` and `/healthz`.")
    invite_check_db_path: Path = Field(
        Path("data/invite-check.json"),
        description="The data file (TinyDB JSON); `<file>.journal` and `<file>.lock` sit beside it.",
    )
    database_url: str | None = Field(
        None,
        description="`postgresql://user:password@host/db`: the shared store for several replicas "
        "(and workspaces); unset = the TinyDB file.",
    )
    invite_check_db_pool_size: int = Field(
        8,
        ge=1,
        le=100,
        description="PostgreSQL connections per process (with `DATABASE_URL`).",
    )
    invite_check_db_timeout: float = Field(
        5.0,
        gt=0,
        le=300,
        description="Seconds any one PostgreSQL call may take: connecting, waiting for a pooled connection,"
        " each statement (the server cancels it) and the call as the app waits for it. Past it a student is"
        " told to try again in a few minutes, and `/healthz` answers 503.",
    )
    invite_check_staff_user_ids: Annotated[frozenset[str], NoDecode] = Field(
        frozenset(), description="Comma-separated Slack user IDs of career-center staff."
    )
    invite_check_staff_usergroup: str | None = Field(
        None, description="Optional Slack user group ID whose members are staff."
    )
    invite_check_retention_days: int = Field(
        365, ge=1, description="Records older than this many days are purged at start-up and daily."
    )
    invite_check_store_invite_text: bool = Field(
        False,
        description="Also store the invitation text and requester name (off: keep the least that serves staff).",
    )
    invite_check_staff_view: Literal["named", "pseudonymous", "totals"] = Field(
        "pseudonymous",
        description="What staff see of each student in the App Home and the CSV export: `named` (Slack name"
        " and user ID), `pseudonymous` (a stable pseudonym, never the name) or `totals` (figures"
        " only). The summary never names anyone; students are told which applies.",
    )
    invite_check_prompts_dir: Path = Field(
        default_factory=default_prompts_dir,
        validate_default=True,
        description="Folder of the coaching content (`checklist.toml`, `decisions.toml`, `templates.toml`).",
        json_schema_extra={"doc_default": "`prompts/` of the source tree, else `./prompts`"},
    )
    invite_check_digest_weekday: str | None = Field(
        "monday",
        description="The day each staff member gets the weekly digest by DM (`monday` ... `sunday`, in"
        " their own Slack time zone); empty: no digest DMs.",
    )
    invite_check_digest_hour: int = Field(
        8,
        ge=0,
        le=23,
        description="The hour (0-23, each staff member's Slack time zone) from which that day's digest goes"
        " out; a bot started later that week sends it then.",
    )
    log_level: str = Field("INFO", description="Python log level.")

    @field_validator("invite_check_staff_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, v: object) -> object:
        if isinstance(v, str):
            ids = [p.strip() for p in v.split(",") if p.strip()]
            bad = [i for i in ids if not i.isalnum() or not i[0].isalpha()]
            if bad:
                raise ValueError(f"not Slack user IDs: {', '.join(bad)} (expected e.g. U012ABCDEF)")
            return frozenset(ids)
        return v

    @field_validator("invite_check_prompts_dir")
    @classmethod
    def _prompts_found(cls, v: Path) -> Path:
        if not v.is_dir():
            raise ValueError(
                f"no coaching content folder at {v}: set {PROMPTS_ENV} to the folder that holds "
                "checklist.toml, decisions.toml and templates.toml (the repository's prompts/)"
            )
        return v

    @field_validator("invite_check_digest_weekday")
    @classmethod
    def _day_name(cls, v: str | None) -> str | None:
        if v is None:
            return None
        day = v.strip().lower()
        if day not in WEEKDAYS:
            raise ValueError(f"a day name ({', '.join(WEEKDAYS)}), or empty for no digest DMs")
        return day

    @property
    def digest_weekday(self) -> int | None:
        """The digest's day as Monday = 0 ... Sunday = 6 (None: no digest DMs)."""
        day = self.invite_check_digest_weekday
        return WEEKDAYS.index(day) if day else None

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return v if v.endswith("/") else v + "/"

    @model_validator(mode="after")
    def _oauth_complete(self) -> Settings:
        given = [
            n for n in ("slack_client_id", "slack_client_secret", "slack_state_secret") if getattr(self, n)
        ]
        if given and len(given) < 3:
            missing = {"slack_client_id", "slack_client_secret", "slack_state_secret"} - set(given)
            raise ValueError(
                f"installs in many workspaces need {', '.join(sorted(n.upper() for n in missing))} "
                f"as well as {', '.join(n.upper() for n in given)}"
            )
        if given and not self.database_url:
            raise ValueError(
                "installs in many workspaces (SLACK_CLIENT_ID) keep their tokens in PostgreSQL: "
                "set DATABASE_URL"
            )
        if given and not self.slack_signing_secret:
            raise ValueError("installs in many workspaces run in HTTP mode: set SLACK_SIGNING_SECRET")
        if given and self.slack_state_secret and len(self.slack_state_secret) < 16:
            raise ValueError("SLACK_STATE_SECRET should be at least 16 random characters")
        return self

    @property
    def oauth(self) -> bool:
        """Installs in many workspaces (OAuth) rather than one bot token."""
        return bool(self.slack_client_id and self.slack_client_secret and self.slack_state_secret)

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("postgresql://", "postgres://")):
            raise ValueError(
                "must be a postgresql://user:password@host:port/database URL (or unset for the file)"
            )
        return v

    @field_validator(
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
        "invite_check_staff_usergroup",
        "invite_check_digest_weekday",
        "database_url",
        "slack_client_id",
        "slack_client_secret",
        "slack_state_secret",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith("xox"):
            raise ValueError("should start with xoxb- (the Bot User OAuth Token)")
        return v

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith("xapp-"):
            raise ValueError("should start with xapp- (an app-level token with connections:write)")
        return v

    @property
    def mode(self) -> str:
        """`socket`, `http` or `terminal`, picked from the tokens present (DESIGN.md contract)."""
        if self.slack_bot_token and self.slack_app_token:
            return "socket"
        if self.slack_bot_token and self.slack_signing_secret:
            return "http"
        if self.oauth:
            return "http"  # tokens come from the installations
        return "terminal"


class ConfigError(Exception):
    """Start-up configuration problem, phrased for the operator."""


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = str(err["loc"][0]).upper() if err["loc"] else "configuration"
            if not err["loc"]:  # a check across several settings: the message names them
                lines.append(f"  {err['msg'].removeprefix('Value error, ')}")
                continue
            lines.append(f"  {name}: {err['msg']}")
        raise ConfigError("Invalid configuration:\n" + "\n".join(lines)) from None


# --- the README's configuration reference, generated from Settings ------------------------------
README_START, README_END = "<!-- config:start -->", "<!-- config:end -->"


def _doc_default(field) -> str:
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    if "doc_default" in extra:
        return str(extra["doc_default"])
    value = field.default
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, frozenset | set | list | tuple) and not value:
        return "(none)"
    return f"`{value}`"


def config_reference() -> str:
    """A Markdown table of every setting: environment variable, default, description."""
    rows = ["| environment variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        description = (field.description or "").replace("|", "\\|")
        rows.append(f"| `{name.upper()}` | {_doc_default(field)} | {description} |")
    return "\n".join(rows) + "\n"


def readme_with_reference(readme: str) -> str:
    """`readme` with the text between the config markers replaced by config_reference()."""
    head, sep, rest = readme.partition(README_START)
    _, sep2, tail = rest.partition(README_END)
    if not sep or not sep2:
        raise ValueError(f"README has no {README_START} ... {README_END} markers")
    return f"{head}{README_START}\n{config_reference()}{README_END}{tail}"


if __name__ == "__main__":  # python -m bot.config [--update-readme]
    import sys

    if sys.argv[1:] == ["--update-readme"]:
        readme = Path(__file__).resolve().parent.parent / "README.md"
        readme.write_text(readme_with_reference(readme.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated the configuration reference in {readme}")
    else:
        print(config_reference(), end="")
