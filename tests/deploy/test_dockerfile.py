"""The Docker image's contract, checked without a Docker engine.

The Dockerfile is parsed and its promises checked (slim base pinned by digest, dependencies in a layer
of their own, the wheel built from locked tools only, the system libraries OpenCV loads, non-root user,
data on a volume, a health check on /healthz, `python -m bot serve`); the wheel stage's own command
builds the wheel here with no package index; then the image's command runs here with the image's
environment, in a directory laid out as the image is: the package importable from a "site-packages"
copy (no source tree around it, as after a non-editable install), WORKDIR holding only what the
Dockerfile copies there, and the volume a temporary directory.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import signal
import socket
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from aiohttp import ClientError, ClientSession
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
START_TIMEOUT = 30.0


def instructions(text: str) -> list[tuple[int, str, str]]:
    """(stage number, INSTRUCTION, arguments) for every instruction, continuation lines joined."""
    out: list[tuple[int, str, str]] = []
    stage = -1
    pending = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        full = (pending + stripped).strip()
        pending = ""
        keyword, _, args = full.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        out.append((stage, keyword, args.strip()))
    return out


INSTRUCTIONS = instructions(DOCKERFILE.read_text(encoding="utf-8"))
FINAL_STAGE = max(s for s, _, _ in INSTRUCTIONS)
DIGEST = re.compile(r"[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}")


def stage_bases() -> list[tuple[str, str | None]]:
    """(what each stage starts FROM, the stage's own name) in order."""
    out = []
    for _, keyword, args in INSTRUCTIONS:
        if keyword == "FROM":
            words = [w for w in args.split() if not w.startswith("--")]
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            out.append((words[0], name))
    return out


def stage(number: int) -> list[tuple[str, str]]:
    """A stage's instructions, after those of the earlier stage it is built FROM (if any)."""
    base, _ = stage_bases()[number]
    names = {name: n for n, (_, name) in enumerate(stage_bases()[:number]) if name}
    inherited = stage(names[base]) if base in names else []
    return inherited + [(k, a) for s, k, a in INSTRUCTIONS if s == number]


FINAL = stage(FINAL_STAGE)
STAGE_NUMBER = {name: n for n, (_, name) in enumerate(stage_bases()) if name}


def final(keyword: str) -> list[str]:
    return [a for k, a in FINAL if k == keyword]


def env() -> dict[str, str]:
    """The final image's ENV (KEY=VALUE pairs, quotes removed)."""
    values: dict[str, str] = {}
    for args in final("ENV"):
        for pair in shlex.split(args):
            key, _, value = pair.partition("=")
            values[key] = value
    return values


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
    return value


# -- the contract ---------------------------------------------------------------------------------
def test_base_image_is_slim_python_matching_requires_python():
    base = final("FROM")[0].split()[0]
    match = re.fullmatch(r"python:(\d+)\.(\d+)-slim@sha256:[0-9a-f]{64}", base)
    assert match, f"final stage should use an official slim Python image, pinned by digest, not {base}"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11" and (int(match[1]), int(match[2])) >= (3, 11)


def test_every_image_the_build_pulls_is_pinned_by_digest():
    """A tag moves when its publisher pushes; the digest names one image. Every FROM that is not an
    earlier stage carries one, and no `# syntax=` line pulls a frontend image by tag."""
    stages = [name for _, name in stage_bases() if name]
    pulled = [base for base, _ in stage_bases() if base not in stages]
    assert pulled and all(DIGEST.fullmatch(image) for image in pulled), pulled
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if re.match(r"#\s*syntax\s*=", line):
            assert DIGEST.search(line), line


def test_opencv_finds_the_system_libraries_it_loads():
    """rapidocr-onnxruntime pulls in opencv-python (not the headless build), which loads libGL and GLib:
    python:3.11-slim has neither, so the image installs them, without recommends, lists removed."""
    assert "opencv-python" in _pins("requirements.lock")
    (install,) = [a for k, a in FINAL if k == "RUN" and "apt-get install" in a]
    packages = install.split("apt-get install", 1)[1].split("&&", 1)[0].split()
    assert {"libgl1", "libglib2.0-0"} <= set(packages) and "--no-install-recommends" in packages
    assert "apt-get update" in install and "rm -rf /var/lib/apt/lists/*" in install


def _dockerignore_rule(pattern: str) -> tuple[bool, re.Pattern[str]]:
    """(re-include?, the path pattern) of one .dockerignore line, as Docker reads it: relative to the
    context root, `*` and `?` within one path segment, `**` across segments."""
    negate, glob = pattern.startswith("!"), pattern.lstrip("!").strip("/")
    out, i = "", 0
    while i < len(glob):
        for token, regex in (("**/", "(?:.*/)?"), ("**", ".*"), ("*", "[^/]*"), ("?", "[^/]")):
            if glob.startswith(token, i):
                out, i = out + regex, i + len(token)
                break
        else:
            out, i = out + re.escape(glob[i]), i + 1
    return negate, re.compile(out)


def left_out_of_build_context(path: str) -> bool:
    """Whether .dockerignore keeps `path` out of `docker build .`: the last rule matching the path or
    one of its folders decides."""
    rules = [
        _dockerignore_rule(line.strip())
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    excluded = False
    for negate, rule in rules:
        if any(rule.fullmatch(prefix) for prefix in prefixes):
            excluded = not negate
    return excluded


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".env.production",
        "data/invite-check.json",
        "data/invite-check.json.journal",
        ".venv/bin/python",
        ".git",
        "bot/coaching/__pycache__/vocab.cpython-311.pyc",
        ".pytest_cache/v/cache/lastfailed",
        ".mypy_cache/3.11/bot/app.data.json",
        "tests/data/corpus/corpus.jsonl",
    ],
)
def test_secrets_data_and_local_environments_stay_out_of_the_build_context(path):
    assert left_out_of_build_context(path)


def test_everything_the_dockerfile_copies_is_in_the_build_context():
    sources = [s for _, k, a in INSTRUCTIONS if k == "COPY" and "--from" not in a for s in a.split()[:-1]]
    assert {"requirements.lock", "pyproject.toml", "README.md", "bot", "prompts"} <= set(sources)
    for source in sources:
        files = [ROOT / source] if (ROOT / source).is_file() else (ROOT / source).rglob("*")
        for file in files:
            relative = file.relative_to(ROOT).as_posix()
            if file.is_file() and "__pycache__" not in relative:
                assert not left_out_of_build_context(relative), relative


def test_dependencies_are_installed_in_a_layer_that_only_the_lock_file_invalidates():
    first_install = next(i for i, (k, a) in enumerate(FINAL) if k == "RUN" and "pip install" in a)
    copies_before = [a for k, a in FINAL[:first_install] if k in ("COPY", "ADD")]
    assert copies_before == ["requirements.lock ./"], (
        "only the lock file may be copied before the dependency layer"
    )
    assert "--require-hashes -r requirements.lock" in FINAL[first_install][1]
    app_install = next(a for k, a in FINAL[first_install + 1 :] if k == "RUN" and "pip install" in a)
    assert "--no-deps" in app_install and " -e " not in app_install, "the app is installed as a package"


def _pins(lock: str) -> dict[str, str]:
    """name -> version of every requirement in a pip-style lock file (hash lines skipped)."""
    pins = {}
    for line in (ROOT / lock).read_text().splitlines():
        if match := re.match(r"([A-Za-z0-9_.-]+)==([^\s;\\]+)", line):
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def test_the_image_runs_the_versions_make_test_tested():
    """requirements.lock (the image) is requirements-dev.lock (make run/test) without the dev tools:
    every pin agrees, every project dependency is pinned, and each pin carries hashes."""
    image, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert image and all(dev.get(name) == version for name, version in image.items()), (image, dev)
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in wanted["dependencies"]:
        assert re.match(r"[A-Za-z0-9_.-]+", requirement)[0].lower() in image, requirement
    for requirement in [r for extra in wanted["optional-dependencies"].values() for r in extra]:
        assert re.match(r"[A-Za-z0-9_.-]+", requirement)[0].lower() in dev, requirement
    for lock in ("requirements.lock", "requirements-dev.lock"):
        entries = re.split(r"\n(?=[^\s#])", (ROOT / lock).read_text())  # one per requirement
        unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
        assert not unhashed, (lock, unhashed)


def test_the_wheel_is_built_with_the_locked_build_backend_only():
    """The wheel stage installs requirements.lock (setuptools and wheel among it, hashes checked) before
    it builds, and builds without isolation: no unpinned setuptools is fetched for the build."""
    build = stage(STAGE_NUMBER["wheel"])
    at = next(i for i, (k, a) in enumerate(build) if k == "RUN" and "pip wheel" in a)
    command = build[at][1].split()
    assert "--no-build-isolation" in command and "--no-deps" in command, command
    assert any("pip install --require-hashes -r requirements.lock" in a for k, a in build[:at] if k == "RUN")
    locked = _pins("requirements.lock")
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    for requirement in [Requirement(r) for r in [*backend, "wheel"]]:
        assert requirement.specifier.contains(locked[requirement.name], prereleases=False), requirement


async def test_the_wheel_stage_builds_the_wheel_with_no_package_index(tmp_path):
    """The wheel stage's own command, run on what that stage copies, with no index to fetch from: it builds
    with the build backend already installed, and the wheel carries the analyzer's models."""
    own = [(k, a) for s, k, a in INSTRUCTIONS if s == STAGE_NUMBER["wheel"]]
    src, wheels = tmp_path / "src", tmp_path / "wheels"
    src.mkdir()
    for args in [a for k, a in own if k == "COPY"]:
        *sources, dest = args.split()
        for source in sources:
            target = src / source if dest in ("./", ".") else src / dest
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copyfile(ROOT / source, target)
    (command,) = [a for k, a in own if k == "RUN" and "pip wheel" in a]
    assert command.startswith("pip wheel ")
    argv = [sys.executable, "-m", *shlex.split(command.replace("/wheels", str(wheels)))]
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull}
    code, out, err = await run(argv, cwd=src, env=offline)
    assert code == 0, (out + err)[-3000:]
    (wheel,) = wheels.glob("invite_check-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    assert {"bot/coaching/analyzer/scam_model.json", "bot/coaching/analyzer/intent_model.json"} <= inside


def test_make_installs_from_the_dev_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements-dev.lock" in makefile
    assert re.search(r"^lock:", makefile, re.M) and "--generate-hashes" in makefile


def test_runs_as_a_non_root_user_created_in_the_image():
    users = final("USER")
    assert users and users[-1] not in ("root", "0", "0:0"), "the image must not run as root"
    user = users[-1].split(":")[0]
    assert any(re.search(rf"useradd\b.*\b{re.escape(user)}\b", a) for a in final("RUN"))
    last_user = max(i for i, (k, _) in enumerate(FINAL) if k == "USER")
    assert all(i > last_user for i, (k, _) in enumerate(FINAL) if k == "CMD")


def test_data_file_lives_on_the_volume_owned_by_the_app_user():
    volumes = [
        v for args in final("VOLUME") for v in (json.loads(args) if args.startswith("[") else args.split())
    ]
    assert "/data" in volumes
    assert env()["INVITE_CHECK_DB_PATH"].startswith("/data/")
    user = final("USER")[-1].split(":")[0]
    assert any(re.search(rf"chown\s+{user}\S*\s+/data", a) for a in final("RUN"))


def test_prompts_are_where_the_environment_says():
    workdir = final("WORKDIR")[-1]
    assert "prompts ./prompts" in final("COPY")
    assert env()["INVITE_CHECK_PROMPTS_DIR"] == f"{workdir.rstrip('/')}/prompts"


def test_serves_http_on_port_with_healthcheck_on_healthz_and_cmd_is_serve():
    assert exec_form(final("CMD")[-1]) == ["python", "-m", "bot", "serve"]
    assert final("EXPOSE") == [env()["PORT"]]
    (check,) = final("HEALTHCHECK")
    assert "/healthz" in check and "PORT" in check and check.split("CMD", 1)[0].strip()


# -- the image's command and environment, run for real ----------------------------------------------
def is_file(path: Path) -> bool:
    return path.is_file()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def image_layout(tmp_path: Path) -> dict[str, Path]:
    """site-packages with the package only; WORKDIR with what the Dockerfile copies; the volume."""
    site, app, data = tmp_path / "site-packages", tmp_path / "app", tmp_path / "data"
    shutil.copytree(ROOT / "bot", site / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    app.mkdir()
    for args in final("COPY"):  # COPY <source> <dest relative to WORKDIR>, as the final stage does
        source, dest = args.split()
        if source == "requirements.lock":
            continue  # removed again once the dependencies are installed
        target = app / source if dest in ("./", ".") else app / dest
        if (ROOT / source).is_dir():
            shutil.copytree(ROOT / source, target)
        else:
            shutil.copyfile(ROOT / source, target)
    data.mkdir()
    return {"site": site, "app": app, "data": data}


def image_env(layout: dict[str, Path], **extra: str) -> dict[str, str]:
    """The image's ENV with /app and /data mapped onto the temporary layout, plus `extra`."""
    workdir = final("WORKDIR")[-1].rstrip("/")
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "INVITE_CHECK_")) and k not in ("PORT", "LOG_LEVEL", "PYTHONPATH")
    }
    for key, value in env().items():
        if value.startswith(workdir + "/"):
            value = str(layout["app"]) + value[len(workdir) :]
        elif value.startswith("/data/"):
            value = str(layout["data"]) + value[len("/data") :]
        base[key] = value
    base["PYTHONPATH"] = str(layout["site"])
    base.update(extra)
    return base


async def run(argv: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *argv, cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode(), err.decode()


def image_cmd() -> list[str]:
    cmd = exec_form(final("CMD")[-1])
    assert cmd[0] == "python"
    return [sys.executable, *cmd[1:]]


async def test_image_command_serves_healthz_and_stops_cleanly_on_sigterm(tmp_path, fake_slack):
    layout = image_layout(tmp_path)
    port = free_port()
    environment = image_env(
        layout,
        PORT=str(port),
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="test-secret",
        SLACK_API_URL=fake_slack.api_url,
    )

    code, where, _ = await run(
        [sys.executable, "-c", "import bot; print(bot.__file__)"], cwd=layout["app"], env=environment
    )
    assert code == 0 and Path(where.strip()).is_relative_to(layout["site"]), (
        "must not run from the source tree"
    )

    proc = await asyncio.create_subprocess_exec(
        *image_cmd(),
        cwd=layout["app"],
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        status = None
        async with ClientSession() as session:
            deadline = asyncio.get_running_loop().time() + START_TIMEOUT
            while status != 200 and asyncio.get_running_loop().time() < deadline and proc.returncode is None:
                try:
                    async with session.get(f"http://127.0.0.1:{port}/healthz") as res:
                        status = res.status
                except ClientError:
                    await asyncio.sleep(0.1)
        assert status == 200, f"GET /healthz never answered 200 (process exit {proc.returncode})"

        # The HEALTHCHECK instruction's own command, as Docker would run it.
        check = final("HEALTHCHECK")[0].split("CMD", 1)[1].strip()
        check = re.sub(r"^python\b", shlex.quote(sys.executable), check)
        code, _, err = await run(["/bin/sh", "-c", check], cwd=layout["app"], env=environment)
        assert code == 0, err
        broken = await run(
            ["/bin/sh", "-c", check], cwd=layout["app"], env={**environment, "PORT": str(free_port())}
        )
        assert broken[0] != 0, "the health check must fail when nothing answers"

        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, err.decode()[-3000:]
    db = Path(environment["INVITE_CHECK_DB_PATH"])
    assert db.is_relative_to(layout["data"]) and is_file(db), "the data file belongs on the volume"


async def test_prompts_are_found_in_the_working_directory_without_the_variable(tmp_path):
    layout = image_layout(tmp_path)
    environment = image_env(layout)
    del environment["INVITE_CHECK_PROMPTS_DIR"]
    code, out, err = await run(
        [
            sys.executable,
            "-c",
            "from bot.config import Settings; "
            "from bot.coaching.content import load_content; "
            "s = Settings(); print(s.invite_check_prompts_dir); load_content(s.invite_check_prompts_dir)",
        ],
        cwd=layout["app"],
        env=environment,
    )
    assert code == 0, err
    assert Path(out.strip()) == layout["app"] / "prompts"


@pytest.mark.parametrize("where", ["unset", "wrong"])
async def test_missing_prompts_stop_start_up_naming_the_variable(tmp_path, where):
    layout = image_layout(tmp_path)
    environment = image_env(layout, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="test-secret")
    if where == "unset":
        del environment["INVITE_CHECK_PROMPTS_DIR"]
    else:
        environment["INVITE_CHECK_PROMPTS_DIR"] = str(tmp_path / "nowhere")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = await run(image_cmd(), cwd=empty, env=environment)
    assert code == 2
    assert "INVITE_CHECK_PROMPTS_DIR" in err and "Traceback" not in err


def test_every_data_file_the_code_loads_is_declared_as_package_data():
    """The image installs a wheel built from bot/ alone (no git, no source tree), which carries only the
    Python files unless pyproject.toml declares the rest: the analyzer's models must be declared."""
    import fnmatch

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    data = [p for p in (ROOT / "bot").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")]
    assert any(p.name == "scam_model.json" for p in data) and any(p.name == "intent_model.json" for p in data)
    for path in data:
        package = ".".join(path.parent.relative_to(ROOT).parts)
        patterns = declared.get(package, [])
        assert any(fnmatch.fnmatch(path.name, pat) for pat in patterns), f"{path} is not in package-data"
