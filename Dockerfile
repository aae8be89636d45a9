# Invite Check: one process, one data file on a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Dependencies first, in their own cached layer.
COPY pyproject.toml README.md ./
RUN mkdir bot && touch bot/__init__.py && pip install . && rm -rf bot

COPY bot ./bot
COPY prompts ./prompts
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 invitecheck \
    && mkdir -p /data && chown invitecheck /data

USER invitecheck
ENV INVITE_CHECK_DB_PATH=/data/invite-check.json \
    INVITE_CHECK_PROMPTS_DIR=/app/prompts \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD python -c "import os,urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\",\"3000\")}/healthz', timeout=2)" || exit 1
CMD ["python", "-m", "bot", "serve"]
