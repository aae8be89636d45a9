# syntax=docker/dockerfile:1
# Invite Check: one process, one data file on a volume.
#
#   docker build -t invite-check .
#   docker run -d --name invite-check --env-file .env -p 3000:3000 -v invite-check-data:/data invite-check
#
# tests/deploy/test_dockerfile.py checks this file's contract and runs its CMD with its ENV.

# Build stage: the app as a wheel (code only; dependencies come from requirements.lock below).
FROM python:3.11-slim AS wheel
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Dependencies in their own layer, exactly the versions `make test` ran (hashes checked): rebuilt when
# the lock file changes, not on every code edit. `make lock` regenerates it from pyproject.toml.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock && rm requirements.lock

# The app itself, installed like any package (non-editable), then the coaching content it reads.
RUN --mount=type=bind,from=wheel,source=/wheels,target=/wheels pip install --no-deps /wheels/*.whl
COPY prompts ./prompts

RUN useradd --create-home --uid 10001 invitecheck \
    && mkdir -p /data && chown invitecheck /data
USER invitecheck

ENV INVITE_CHECK_DB_PATH=/data/invite-check.json \
    INVITE_CHECK_PROMPTS_DIR=/app/prompts \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000

# HTTP mode answers GET /healthz; Socket Mode (SLACK_APP_TOKEN set) serves no HTTP, so it passes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, sys, urllib.request; sys.exit(0) if os.environ.get('SLACK_APP_TOKEN') else urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)" || exit 1

CMD ["python", "-m", "bot", "serve"]
