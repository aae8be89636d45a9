# Invite Check: one process, one data file on a volume.
#
#   docker build -t invite-check .
#   docker run -d --name invite-check --env-file .env -p 127.0.0.1:3000:3000 -v invite-check-data:/data invite-check
#
# tests/deploy/test_dockerfile.py checks this file's contract and runs its CMD with its ENV.
# Base images are pinned by digest (the tag only says what the digest is); docs/docker.md says how to
# refresh them. No `# syntax=` line: Docker's built-in BuildKit frontend (Docker 23 and newer) reads
# this file, so no frontend image is pulled by tag either.

# The runtime: system libraries, then the dependencies, exactly the versions `make test` ran (hashes
# checked), in their own layer: rebuilt when the lock file changes, not on every code edit. `make lock`
# regenerates it from pyproject.toml; it also pins the build backend the wheel stage uses.
FROM python:3.11-slim@sha256:45037981b62b34b44602584fccbc4d884d5f7dc92c7ee86bb38a698a79fe1e51 AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# The screenshot reader's OpenCV (opencv-python, pulled in by rapidocr-onnxruntime) loads libGL and GLib.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock && rm requirements.lock

# The app as a wheel (code and the analyzer's models), built with the locked setuptools and wheel above:
# no build isolation, so pip fetches nothing unpinned to build it.
FROM runtime AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip wheel --no-build-isolation --no-deps --wheel-dir /wheels .

FROM runtime
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
