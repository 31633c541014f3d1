# Shared settings of the lvyue_ops scripts; sourced, not run.
# Every setting can be overridden from the environment.
# shellcheck shell=bash

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP_SRC="$REPO/apps/lvyue_ops"

: "${LVYUE_BENCH_USER:=frappe}"
if [ "$(id -u)" != 0 ]; then
	LVYUE_BENCH_USER=$(id -un)
fi
BENCH_HOME=$(getent passwd "$LVYUE_BENCH_USER" | cut -d: -f6 || true)
: "${BENCH_HOME:=/home/$LVYUE_BENCH_USER}"

: "${LVYUE_BENCH_DIR:=$BENCH_HOME/lvyue-bench}"
: "${LVYUE_SITE:=lvyue.localhost}"
: "${LVYUE_TEST_SITE:=test.lvyue.localhost}"
: "${LVYUE_PORT:=8000}"
: "${LVYUE_ADMIN_PASSWORD:=admin}"
: "${LVYUE_DEMO_PASSWORD:=lvyue-demo}"
: "${LVYUE_PYTHON:=/usr/bin/python3.11}"
: "${LVYUE_FRAPPE_BRANCH:=version-15}"
: "${LVYUE_FRAPPE_URL:=https://github.com/frappe/frappe}"
: "${LVYUE_ERPNEXT_URL:=https://github.com/frappe/erpnext}"
: "${LVYUE_PAYMENTS_URL:=https://github.com/frappe/payments}"
# MariaDB: the root account is only used to create a dedicated admin account that
# bench can use without a prompt (root here has an empty password).
: "${LVYUE_DB_HOST:=127.0.0.1}"
: "${LVYUE_DB_PORT:=3306}"
: "${LVYUE_DB_ROOT_USER:=root}"
: "${LVYUE_DB_ROOT_PASSWORD:=}"
: "${LVYUE_DB_ADMIN_USER:=lvyue_admin}"
: "${LVYUE_DB_ADMIN_PASSWORD:=lvyue_admin}"
: "${LVYUE_REDIS_URL:=redis://127.0.0.1:6379}"

CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
BENCH_CLI_VENV="$BENCH_HOME/.lvyue-bench-cli"
BENCH_BIN="$BENCH_CLI_VENV/bin/bench"

log() { printf '\033[1;34m[lvyue]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[lvyue] %s\033[0m\n' "$*" >&2; exit 1; }

# Run a command as the bench user, with a clean environment.
as_bench() {
	local envs=(HOME="$BENCH_HOME" USER="$LVYUE_BENCH_USER" LANG=C.UTF-8 LC_ALL=C.UTF-8
		PATH="$BENCH_CLI_VENV/bin:$BENCH_HOME/.local/bin:/usr/local/bin:/usr/bin:/bin"
		LVYUE_SITE="$LVYUE_SITE" LVYUE_TEST_SITE="$LVYUE_TEST_SITE" LVYUE_BENCH_DIR="$LVYUE_BENCH_DIR"
		LVYUE_DEMO_PASSWORD="$LVYUE_DEMO_PASSWORD" CI="${CI:-}" LVYUE_SCREENSHOTS="${LVYUE_SCREENSHOTS:-}"
		LVYUE_MISSING_TRANSLATIONS="${LVYUE_MISSING_TRANSLATIONS:-}"
		# use the system's CA bundle (uv and node otherwise carry their own)
		SSL_CERT_FILE="$CA_BUNDLE" UV_SYSTEM_CERTS=1 NODE_EXTRA_CA_CERTS="$CA_BUNDLE"
		REQUESTS_CA_BUNDLE="$CA_BUNDLE" PIP_CERT="$CA_BUNDLE")
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$LVYUE_BENCH_USER" -- env -i "${envs[@]}" "$@"
	else
		env "${envs[@]}" "$@"
	fi
}

# Run a command as the bench user inside the bench folder.
in_bench() { as_bench bash -c 'cd "$0" && exec "$@"' "$LVYUE_BENCH_DIR" "$@"; }

# bench, with its progress bars folded to their last state (they redraw with carriage returns).
bench_cmd() { in_bench "$BENCH_BIN" "$@" 2>&1 | sed -u 's/.*\r//'; }

site_exists() { [ -f "$LVYUE_BENCH_DIR/sites/$1/site_config.json" ]; }

# Copy the working tree's app into the bench (the bench never points into the checkout,
# which the bench user may not be able to read).
sync_app() {
	local dest="$LVYUE_BENCH_DIR/apps/lvyue_ops"
	if [ -L "$dest" ]; then rm -f "$dest"; fi
	mkdir -p "$dest"
	# the built assets (public/dist, made by `bench build`) are kept: a sync never leaves desk without them
	rsync -a --delete --delete-excluded --filter 'P /lvyue_ops/public/dist/' --exclude '__pycache__' \
		--exclude '*.pyc' --exclude '.pytest_cache' --exclude 'node_modules' "$APP_SRC/" "$dest/"
	if [ "$(id -u)" = 0 ]; then chown -R "$LVYUE_BENCH_USER:" "$dest"; fi
	# Editable install: later syncs only copy files. Re-run so changed dependencies land.
	in_bench uv pip install --quiet --python env/bin/python -e "apps/lvyue_ops[test]"
	if ! grep -qx lvyue_ops "$LVYUE_BENCH_DIR/sites/apps.txt"; then
		printf '\nlvyue_ops' >>"$LVYUE_BENCH_DIR/sites/apps.txt"
		sed -i '/^$/d' "$LVYUE_BENCH_DIR/sites/apps.txt"
	fi
}

# A new site with ERPNext and lvyue_ops (about a minute), replacing any site of that name; other
# apps to install instead: new_site SITE erpnext payments
new_site() {
	local site=$1 apps=("${@:2}") args=()
	[ ${#apps[@]} -gt 0 ] || apps=(erpnext lvyue_ops)
	for app in "${apps[@]}"; do args+=(--install-app "$app"); done
	log "Creating site $site with ${apps[*]} (about a minute)"
	bench_cmd new-site "$site" --force --db-root-username "$LVYUE_DB_ADMIN_USER" \
		--db-root-password "$LVYUE_DB_ADMIN_PASSWORD" --admin-password "$LVYUE_ADMIN_PASSWORD" \
		"${args[@]}"
}
