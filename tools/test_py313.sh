#!/usr/bin/env bash
# `make test-py313`: runs `make check` (the checks of `make test`) on Python 3.13, the Python of
# Debian 13 ("trixie"), where simpleaudio needs PYTHONMALLOC=malloc to survive each sound.
#
# The first run builds a minimal Debian 13 root with debootstrap in .cache/py313/root; later runs
# reuse it, and reuse the venv inside it while pyproject.toml is unchanged. Each run copies this
# checkout into the root and runs the checks there under chroot, with /proc, /dev, /dev/shm and
# /dev/pts mounted for the run and unmounted afterwards, whatever the outcome.
#
# The root takes its package sources, apt's download settings, certificates, pip configuration and
# name resolution from this machine (/etc/apt, /etc/ssl/certs, /etc/pip.conf, /etc/resolv.conf), so
# it needs nothing beyond the package mirrors this machine already uses.
#
# It needs root. Where the root cannot be built, it says so in one line and fails, or exits 0 when
# UNKNOT_SKIP_PY313=1 is set.
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE=trixie
WANT_PYTHON=3.13
# The compiler, Python headers and ALSA headers build simpleaudio; espeak-ng speaks cues; tmux
# drives the player in the tests; e2fsprogs (chattr) and mount serve the hostile-home tests;
# chromium is the browser the remote's page is tested in; dbus-daemon gives the desktop tests
# their session bus (dbus-run-session) and playerctl presses media keys by hand.
PACKAGES=(python3 python3-venv python3-dev gcc libc6-dev make libasound2-dev espeak-ng tmux
    e2fsprogs mount chromium dbus-daemon playerctl)

cache="$PWD/.cache/py313"
root="$cache/root"
src=/src/unknot      # inside the root
venv=/opt/unknot-venv # inside the root

say() { printf 'test-py313: %s\n' "$*" >&2; }
cannot() {
    if [ "${UNKNOT_SKIP_PY313:-}" = 1 ]; then
        say "skipped: cannot build the Debian 13 root here: $*"
        exit 0
    fi
    say "cannot build the Debian 13 root here: $* (UNKNOT_SKIP_PY313=1 skips this check)"
    exit 1
}

# ----- mounts, and taking them down again -----

mounts_under() { # mount points at or below $1, deepest first
    awk -v top="$1" '{ gsub(/\\040/, " ", $5) } $5 == top || index($5, top "/") == 1 { print $5 }' \
        /proc/self/mountinfo | sort -r
}

stop_processes_in() { # anything still running inside the root (a tmux server a test left, say)
    local dir="$1" proc pid sig
    for sig in TERM KILL; do
        for proc in /proc/[0-9]*; do
            pid="${proc#/proc/}"
            if [ "$(readlink "$proc/root" 2>/dev/null)" = "$dir" ]; then
                kill "-$sig" "$pid" 2>/dev/null || true
            fi
        done
        if [ "$sig" = TERM ]; then sleep 0.5; fi
    done
    return 0
}

take_down() { # stop what runs in root $1, then unmount everything below it
    local dir="$1" point
    stop_processes_in "$dir"
    while read -r point; do
        [ -n "$point" ] || continue
        umount "$point" 2>/dev/null || umount -l "$point" || say "could not unmount $point"
    done < <(mounts_under "$dir")
}

# Removes a root, never crossing into a mount (a bound /dev must never be emptied).
remove_root() {
    take_down "$1"
    if [ -n "$(mounts_under "$1")" ]; then
        say "$1 still has mounts below it; not removing it"
        exit 1
    fi
    rm -rf --one-file-system "$1"
}

mount_in() { # mount the kernel file systems the checks need into root $1
    local dir="$1"
    mount -t proc proc "$dir/proc" &&
        mount --bind /dev "$dir/dev" &&
        mount --bind /dev/pts "$dir/dev/pts" &&
        mount -t tmpfs -o mode=1777,nosuid,nodev shm "$dir/dev/shm"
}

active_root=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$active_root" ]; then
        take_down "$active_root"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# In the root, with a clean environment: only the locale, proxy and pip settings pass through.
in_root() {
    local dir="$1" name
    shift
    local env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)
    while IFS= read -r name; do
        env+=("$name=${!name}")
    done < <(compgen -e | grep -E '^(PIP_[A-Z_]+|CI|https?_proxy|no_proxy)$' -i || true)
    chroot "$dir" /usr/bin/env -i "${env[@]}" "$@"
}

# ----- what this machine is configured with -----

host_sources() { # "uri suite component" of this machine's Debian sources, its release's only
    local codename
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    [ -n "$codename" ] || return 0
    local format='$(TARGET_OF) $(REPO_URI) $(RELEASE) $(COMPONENT)'
    apt-get indextargets --no-release-info --format "$format" 2>/dev/null |
        awk -v c="$codename" -v s="$SUITE" '
            $1 == "deb" && ($3 == c || index($3, c "-") == 1) {
                print $2, s substr($3, length(c) + 1), $4
            }' | sort -u
}

# Writes the root's apt sources and the settings it shares with this machine. Run on each use,
# so the root follows the machine's configuration.
configure_root() {
    local dir="$1" lines="$2" file
    rm -f "$dir/etc/apt/sources.list"
    # One stanza per mirror: its suites and components, as this machine has them.
    awk '{ suites[$1] = suites[$1] " " $2; comps[$1] = comps[$1] " " $3 }
        END {
            for (uri in suites) {
                print "Types: deb"
                print "URIs: " uri
                print "Suites:" uniq(suites[uri])
                print "Components:" uniq(comps[uri])
                print ""
            }
        }
        function uniq(list,   n, i, seen, out, w) {
            n = split(list, w, " "); out = ""
            for (i = 1; i <= n; i++) if (!(w[i] in seen)) { seen[w[i]] = 1; out = out " " w[i] }
            return out
        }' <<<"$lines" >"$dir/etc/apt/sources.list.d/debian.sources"
    # apt's download settings (proxies, date checks) and mirror logins, as configured here; not
    # the files that hook this machine's programs into apt.
    for file in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
        [ -f "$file" ] || continue
        if grep -qi '^[[:space:]]*Acquire' "$file" && ! grep -q Invoke "$file"; then
            cp "$file" "$dir/etc/apt/apt.conf.d/host-$(basename "$file")"
        fi
    done
    if [ -d /etc/apt/auth.conf.d ]; then
        mkdir -p "$dir/etc/apt/auth.conf.d"
        cp -a /etc/apt/auth.conf.d/. "$dir/etc/apt/auth.conf.d/"
    fi
    # Certificates (which may include a local authority), pip's configuration, name resolution.
    rm -rf --one-file-system "$dir/etc/ssl/certs"
    mkdir -p "$dir/etc/ssl"
    cp -rL /etc/ssl/certs "$dir/etc/ssl/certs" 2>/dev/null || true
    [ -s "$dir/etc/ssl/certs/ca-certificates.crt" ] || {
        say "could not copy /etc/ssl/certs/ca-certificates.crt into the root"
        exit 1
    }
    rm -f "$dir/etc/pip.conf"
    if [ -f /etc/pip.conf ]; then cp /etc/pip.conf "$dir/etc/pip.conf"; fi
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    cp -L /etc/hosts "$dir/etc/hosts" 2>/dev/null || true
}

install_packages() { # into root $1, logging to $2
    in_root "$1" apt-get update -q >"$2" 2>&1 &&
        in_root "$1" apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >>"$2" 2>&1 &&
        in_root "$1" apt-get clean # the downloaded packages: 210 MB nothing reads again
}

build_root() {
    local lines="$1" mirror new="$cache/root.new" log="$cache/build.log" started=$SECONDS
    mirror="$(awk -v s="$SUITE" '$2 == s { print $1; exit }' <<<"$lines")"
    [ -n "$mirror" ] || cannot "no Debian mirror for this machine's release found in /etc/apt"
    say "building a Debian 13 root in $root (once; see README for time and size); log: $log"
    if [ -e "$new" ]; then remove_root "$new"; fi
    active_root="$new" # from here on, whatever happens, nothing stays mounted in it
    if ! debootstrap --variant=minbase "$SUITE" "$new" "$mirror" >"$log" 2>&1; then
        tail -n 15 "$log" >&2
        cannot "debootstrap $SUITE from $mirror failed (log: $log)"
    fi
    printf '#!/bin/sh\nexit 101\n' >"$new/usr/sbin/policy-rc.d" # start no services
    chmod +x "$new/usr/sbin/policy-rc.d"
    configure_root "$new" "$lines"
    mount_in "$new" || cannot "cannot mount /proc and /dev into the root"
    if ! install_packages "$new" "$log"; then
        tail -n 15 "$log" >&2
        say "installing ${PACKAGES[*]} in the root failed (log: $log)"
        exit 1
    fi
    printf '%s\n' "${PACKAGES[@]}" >"$new/.unknot-packages"
    take_down "$new"
    active_root=""
    mv "$new" "$root" # only a finished root is ever reused
    say "built the root in $((SECONDS - started))s: $(du -sh "$root" | cut -f1)"
}

# ----- the run -----

[ "$(id -u)" = 0 ] || cannot "it needs root (debootstrap, chroot, mount)"
for tool in chroot mount umount flock; do
    command -v "$tool" >/dev/null 2>&1 || cannot "$tool is missing"
done
mkdir -p "$cache"
exec 9>"$cache/lock"
flock 9 # one run at a time per checkout: they share the root

lines="$(host_sources)"
[ -n "$lines" ] || cannot "no Debian package sources found in /etc/apt"

if [ ! -x "$root/usr/bin/python3" ]; then
    if ! command -v debootstrap >/dev/null 2>&1; then
        say "installing debootstrap with apt-get"
        { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; } \
            >"$cache/apt-debootstrap.log" 2>&1 ||
            cannot "debootstrap is missing and apt-get could not install it" \
                "(see $cache/apt-debootstrap.log)"
    fi
    build_root "$lines"
fi

take_down "$root" # what a run killed outright may have left
configure_root "$root" "$lines"
active_root="$root"
mount_in "$root" || cannot "cannot mount /proc and /dev into the root"

# The package list grew since the root was built: add what is new.
if [ "$(printf '%s\n' "${PACKAGES[@]}")" != "$(cat "$root/.unknot-packages" 2>/dev/null)" ]; then
    say "installing ${PACKAGES[*]} in the root"
    install_packages "$root" "$cache/packages.log" || {
        tail -n 15 "$cache/packages.log" >&2
        say "apt-get in the root failed (log: $cache/packages.log)"
        exit 1
    }
    printf '%s\n' "${PACKAGES[@]}" >"$root/.unknot-packages"
fi

version="$(in_root "$root" python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
[ "$version" = "$WANT_PYTHON" ] || {
    say "the root's python3 is $version, not $WANT_PYTHON"
    exit 1
}

# A fresh copy of the checkout; the tools' caches survive from the last run.
mkdir -p "$root$src"
find "$root$src" -mindepth 1 -maxdepth 1 ! -name .mypy_cache ! -name .ruff_cache \
    -exec rm -rf --one-file-system {} +
tar -C "$PWD" --exclude=./.git --exclude=./.venv --exclude=./.cache --exclude=__pycache__ \
    --exclude=./.mypy_cache --exclude=./.ruff_cache --exclude=./.pytest_cache \
    --exclude=./.hypothesis -cf - . | tar -C "$root$src" -xf -
# The articles the own-words test reads lie beside the checkout (../shared/seeds): the same there.
rm -rf --one-file-system "$root/src/shared"
if [ -d ../shared/seeds ]; then
    mkdir -p "$root/src/shared"
    cp -r ../shared/seeds "$root/src/shared/seeds"
fi

# The venv, made again when pyproject.toml or the root's Python changed. simpleaudio must build:
# without it the audio tests would be skipped, and they are what this run is for.
want="$(cat pyproject.toml "$root/usr/bin/python$WANT_PYTHON" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$root$venv/.unknot-installed" 2>/dev/null)" != "$want" ]; then
    say "installing unknot with its dev and audio extras into $venv (Python $version, in the root)"
    started=$SECONDS
    rm -rf --one-file-system "$root$venv"
    if ! in_root "$root" sh -c "python3 -m venv $venv &&
        $venv/bin/python -m pip install -q -e '$src[dev,audio]'" >"$cache/pip.log" 2>&1; then
        grep -v '^WARNING: Location' "$cache/pip.log" | tail -n 30 >&2
        say "pip install failed (log: $cache/pip.log)"
        exit 1
    fi
    echo "$want" >"$root$venv/.unknot-installed"
    say "installed in $((SECONDS - started))s"
fi
in_root "$root" "$venv/bin/python" -c 'import simpleaudio' || {
    say "simpleaudio does not import in the root's venv"
    exit 1
}

checks=$SECONDS
say "running make check on Python $(in_root "$root" "$venv/bin/python" -V 2>&1 | cut -d' ' -f2)"
status=0
# -rfEs adds to the failures summary every skipped test and why, so a skip that should not
# happen is seen.
in_root "$root" sh -c "cd $src && PYTEST_ADDOPTS=-rfEs make check BIN=$venv/bin" || status=$?
if [ "$status" = 0 ]; then
    say "passed on Python $version in ${SECONDS}s (the checks $((SECONDS - checks))s)"
else
    say "failed on Python $version (status $status) after ${SECONDS}s"
fi
exit "$status"
