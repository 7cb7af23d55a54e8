#!/usr/bin/env bash
# Install unionbot on a Debian or Ubuntu server, from a clone of the repository.
#
#   sudo git clone <your union's repository> /srv/unionbot/app
#   sudo /srv/unionbot/app/deploy/install.sh
#
# What it does (docs/deployment.md explains each step):
#   1. checks for Python 3.11 or newer; installs python3-venv, make and git with apt
#   2. creates the system user `unionbot` (home /srv/unionbot, no login shell)
#   3. creates /srv/unionbot/{data,backups,cache}, mode 0700, owned by that user
#   4. installs unionbot into /srv/unionbot/app/.venv (the code stays owned by root)
#   5. writes /srv/unionbot/.env (0600) with absolute paths and a new SECRET_KEY —
#      only if it does not exist: an existing .env is never touched
#   6. creates the database (unionbot db migrate) and takes a first backup
#   7. installs the systemd unit (deploy/unionbot.service) and /usr/local/bin/unionbot
# Run it again after `git pull` to upgrade: every step is safe to repeat.
#
# Options (for testing, or a different layout):
#   --prefix DIR   instead of /srv/unionbot      --user NAME   instead of unionbot
#   --no-apt       don't install packages        --no-user     don't create the user
#   --no-systemd   write the unit and the `unionbot` command into DIR instead of
#                  /etc/systemd/system and /usr/local/bin, and don't reload systemd
set -euo pipefail

PREFIX=/srv/unionbot
BOT_USER=unionbot
APT=1
MAKE_USER=1
SYSTEMD=1
PYTHON=${PYTHON:-python3}
APP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX=$2; shift 2 ;;
        --user) BOT_USER=$2; shift 2 ;;
        --no-apt) APT=0; shift ;;
        --no-user) MAKE_USER=0; shift ;;
        --no-systemd) SYSTEMD=0; shift ;;
        -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
PREFIX=$(realpath -m "$PREFIX")

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
as_bot() {  # run a command as the bot's user, in its home, with a private umask
    if [ "$(id -un)" = "$BOT_USER" ]; then
        (cd "$PREFIX" && umask 077 && MPLCONFIGDIR="$PREFIX/cache/matplotlib" "$@")
    else
        (cd "$PREFIX" && umask 077 && runuser -u "$BOT_USER" -- \
            env MPLCONFIGDIR="$PREFIX/cache/matplotlib" "$@")
    fi
}

if [ "$APT" = 1 ] || [ "$MAKE_USER" = 1 ] || [ "$SYSTEMD" = 1 ]; then
    [ "$(id -u)" = 0 ] || fail "run it as root: sudo $0 $*"
fi

say "1. packages and Python"
if [ "$APT" = 1 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv make git
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    fail "unionbot needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1).
Ubuntu 22.04 ships 3.10: use Ubuntu 24.04 or Debian 12, or install python3.11 and
python3.11-venv and run again with PYTHON=python3.11 (see docs/deployment.md)."
fi
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
    || fail "$PYTHON has no venv module: sudo apt-get install python3-venv (or python3.11-venv)"
echo "using $("$PYTHON" --version)"

say "2. the bot's user: $BOT_USER"
if [ "$MAKE_USER" = 1 ] && ! id "$BOT_USER" >/dev/null 2>&1; then
    useradd --system --home-dir "$PREFIX" --no-create-home --shell /usr/sbin/nologin \
        --user-group "$BOT_USER"
fi
id "$BOT_USER" >/dev/null 2>&1 || fail "there is no user $BOT_USER"
BOT_GROUP=$(id -gn "$BOT_USER")

say "3. folders in $PREFIX"
mkdir -p "$PREFIX"
chmod 0755 "$PREFIX"  # the code in app/ is readable; everything private is in 0700 folders
for folder in data backups cache cache/matplotlib; do
    mkdir -p "$PREFIX/$folder"
    chown "$BOT_USER:$BOT_GROUP" "$PREFIX/$folder"
    chmod 0700 "$PREFIX/$folder"
done

say "4. unionbot into $APP/.venv"
if [ ! -x "$APP/.venv/bin/python" ]; then
    "$PYTHON" -m venv "$APP/.venv"
fi
"$APP/.venv/bin/python" -m pip install --quiet --upgrade pip
"$APP/.venv/bin/python" -m pip install --quiet "$APP"
rm -rf "$APP/build"

say "5. settings: $PREFIX/.env"
if [ -e "$PREFIX/.env" ]; then
    echo "$PREFIX/.env exists: left as it is"
else
    secret=$("$APP/.venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))')
    (umask 077 && sed \
        -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret|" \
        -e "s|^DATABASE_PATH=.*|DATABASE_PATH=$PREFIX/data/unionbot.sqlite3|" \
        -e "s|^BACKUP_DIR=.*|BACKUP_DIR=$PREFIX/backups|" \
        "$APP/.env.example" > "$PREFIX/.env")
    chown "$BOT_USER:$BOT_GROUP" "$PREFIX/.env"
    chmod 0600 "$PREFIX/.env"
    echo "wrote $PREFIX/.env with a new SECRET_KEY (never change it once members are imported)"
fi

say "6. the database and a first backup"
as_bot "$APP/.venv/bin/unionbot" db migrate
if [ -z "$(ls -A "$PREFIX/backups")" ]; then
    as_bot "$APP/.venv/bin/unionbot" db backup "$PREFIX/backups/"
fi

say "7. the systemd unit and the unionbot command"
if [ "$SYSTEMD" = 1 ]; then
    UNIT=/etc/systemd/system/unionbot.service
    COMMAND=/usr/local/bin/unionbot
else
    UNIT=$PREFIX/unionbot.service
    mkdir -p "$PREFIX/bin"
    COMMAND=$PREFIX/bin/unionbot
fi
sed -e "s|/srv/unionbot|$PREFIX|g" \
    -e "s|^User=unionbot$|User=$BOT_USER|" -e "s|^Group=unionbot$|Group=$BOT_GROUP|" \
    "$APP/deploy/unionbot.service" > "$UNIT"
chmod 0644 "$UNIT"
cat > "$COMMAND" <<EOF
#!/bin/sh
# unionbot's command line, as the bot's user, in its home (where .env is).
cd "$PREFIX" || exit 1
if [ "\$(id -un)" = "$BOT_USER" ]; then
    MPLCONFIGDIR="$PREFIX/cache/matplotlib" exec "$APP/.venv/bin/unionbot" "\$@"
fi
exec sudo -u "$BOT_USER" MPLCONFIGDIR="$PREFIX/cache/matplotlib" "$APP/.venv/bin/unionbot" "\$@"
EOF
chmod 0755 "$COMMAND"
if [ "$SYSTEMD" = 1 ]; then
    systemctl daemon-reload
fi

say "done"
cat <<EOF
Next:
  1. sudo -u $BOT_USER nano $PREFIX/.env    # BOT_TOKEN, ADMIN_IDS, UNION_NAME
  2. sudo systemctl enable --now unionbot
  3. unionbot status                            # "OK: nothing needs attention"
EOF
