#!/usr/bin/env bash
# Creates or refreshes .venv and installs everything unknot needs, system packages included.
# Called by `make run` and `make test`; safe to run again (it skips what is already done).
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf 'unknot setup: %s\n' "$*" >&2; }

# --- System packages: ALSA headers (to build simpleaudio), espeak-ng (spoken cues),
# tmux (the tests drive the full-screen player through it), chromium (the browser tests drive
# the remote's page in it), dbus-daemon (dbus-run-session: the desktop tests' session bus) and
# playerctl (to press media keys at a session by hand). ---
missing=()
[ -e /usr/include/alsa/asoundlib.h ] || missing+=(libasound2-dev)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus-daemon)
command -v playerctl >/dev/null 2>&1 || missing+=(playerctl)
if [ ${#missing[@]} -gt 0 ]; then
    apt=""
    if command -v apt-get >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            apt="apt-get"
        elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            apt="sudo -n apt-get"
        fi
    fi
    if [ -n "$apt" ]; then
        say "installing ${missing[*]} with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        if ! { $apt update -qq && $apt install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/unknot-apt.log 2>&1; then
            say "apt-get could not install ${missing[*]} (see /tmp/unknot-apt.log)."
        fi
    else
        say "cannot install ${missing[*]} (needs apt-get as root or passwordless sudo)."
        say "unknot still works: cues use the terminal bell and voice is off."
    fi
fi

# --- The virtual environment. ---
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "creating .venv"
    rm -rf .venv
    python3 -m venv .venv || { say "python3 -m venv failed: install python3-venv (3.11 or newer)"; exit 1; }
fi

stamp=".venv/.unknot-installed"
want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing unknot and its tools into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    if ! .venv/bin/python -m pip install -q -e '.[dev]' >/tmp/unknot-pip.log 2>&1; then
        grep -v '^WARNING: Location' /tmp/unknot-pip.log | tail -n 30 >&2
        say "pip install failed (full log: /tmp/unknot-pip.log)"
        exit 1
    fi
    # simpleaudio needs a C compiler and the ALSA headers; without them the bell is used.
    if ! .venv/bin/python -m pip install -q -e '.[audio]' >/tmp/unknot-simpleaudio.log 2>&1; then
        say "simpleaudio could not be built (see /tmp/unknot-simpleaudio.log): cues will use the terminal bell."
    fi
    echo "$want" > "$stamp"
fi

# unknot's own bytecode, compiled now as installing a wheel would: the editable install leaves it
# to the first start, and where PYTHONDONTWRITEBYTECODE is set every start would compile all of
# it again (about 35 ms before the first frame). Up to date, this takes a few milliseconds.
.venv/bin/python -m compileall -q app/unknot >/dev/null 2>&1 || say "could not compile app/unknot/ ahead (starts compile it as they go)"
exit 0
