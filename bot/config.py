"""One validated Settings object, so a bad value stops start-up with the variable's name."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration from the environment and `.env` (see `.env.example`)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: str | None = Field(None, description="Bot token (xoxb-...). Without it, `make run` works in the terminal.")
    slack_signing_secret: str | None = Field(None, description="Signing secret; needed for HTTP mode.")
    slack_app_token: str | None = Field(None, description="App-level token (xapp-...); when set, the bot uses Socket Mode.")
    slack_api_url: str = Field("https://slack.com/api/", description="Slack Web API base URL (tests point it at a fake).")
    port: int = Field(3000, ge=1, le=65535, description="HTTP port for `/slack/events` and `/healthz`.")
    invite_check_db_path: Path = Field(Path("data/invite-check.json"), description="The TinyDB data file.")
    invite_check_staff_user_ids: Annotated[frozenset[str], NoDecode] = Field(
        frozenset(), description="Comma-separated Slack user IDs of career-center staff."
    )
    invite_check_staff_usergroup: str | None = Field(
        None, description="Optional Slack user group ID whose members are staff."
    )
    invite_check_retention_days: int = Field(365, ge=1, description="Records older than this are purged daily.")
    invite_check_store_invite_text: bool = Field(
        False, description="Also store the invitation text and requester name (off: keep the least that serves staff)."
    )
    invite_check_prompts_dir: Path = Field(Path(__file__).resolve().parent.parent / "prompts",
                                           description="Folder of the coaching content.")
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

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return v if v.endswith("/") else v + "/"

    @field_validator("slack_bot_token", "slack_signing_secret", "slack_app_token", "invite_check_staff_usergroup",
                     mode="before")
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
        return "terminal"


class ConfigError(Exception):
    """Start-up configuration problem, phrased for the operator."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = str(err["loc"][0]).upper() if err["loc"] else "configuration"
            lines.append(f"  {name}: {err['msg']}")
        raise ConfigError("Invalid configuration:\n" + "\n".join(lines)) from None
