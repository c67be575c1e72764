# Shared by scripts/test and scripts/demo: set up what a fresh Debian machine lacks.

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else return 1; fi
}

apt_install() {
    as_root true || return 1
    if [ -z "${NOTIFYD_APT_UPDATED:-}" ]; then
        apt-get update -qq >&2
        export NOTIFYD_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_venv() {
    if [ -x .venv/bin/python ]; then return; fi
    local py="${PYTHON:-python3}"
    if ! "$py" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        # Debian splits venv (and ensurepip) out of its python3 package.
        local ver; ver=$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt_install "python${ver}-venv" || apt_install python3-venv || {
            echo "notifyd: cannot create a virtualenv; run: sudo apt-get install -y python3-venv" >&2
            exit 1
        }
        "$py" -m venv .venv
    fi
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >&2
}

# ensure_debian_package COMMAND... PACKAGE: install PACKAGE unless every COMMAND is on PATH.
ensure_debian_package() {
    local package="${*: -1}" missing=""
    local cmds=("${@:1:$#-1}")
    for cmd in "${cmds[@]}"; do
        command -v "$cmd" >/dev/null 2>&1 || missing=1
    done
    [ -z "$missing" ] && return 0
    if ! apt_install "$package"; then
        echo "notifyd: $package is needed; run: sudo apt-get install -y $package" >&2
        if [ "${CI:-}" = true ]; then exit 1; fi
    fi
}
