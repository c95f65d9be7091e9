#!/usr/bin/env bash
# scripts/pg.sh: a private local PostgreSQL (15 or newer) with pgvector, for Pilothouse dev and tests.
#
# Sourced (this is how ./dev uses it):
#   . scripts/pg.sh
#   pg_ensure_binaries && pg_ensure_pgvector || exit 1
#   pg_start "$PWD/.data/pg" 55432 || exit 1     # exports DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD
#   pg_stop  "$PWD/.data/pg"
#   pg_start_test || exit 1; trap pg_stop_test EXIT   # throwaway cluster on a free port
#
# Executed:
#   scripts/pg.sh setup            install the server binaries and pgvector if missing (needs root)
#   scripts/pg.sh start run|test   start the cluster; prints `export DATABASE_...=...` lines on stdout
#   scripts/pg.sh stop  run|test   stop it (the test cluster is also deleted)
#   scripts/pg.sh status
#
# Optional settings (environment):
#   PG_BIN              directory holding postgres, initdb, pg_ctl, psql and pg_config
#   PG_PORT             port of the `run` cluster (default 55432)
#   PG_DEBIAN_MIRROR    Debian archive to fetch pgvector's source from (default: read from apt's sources)
#   PG_PGVECTOR_SUITE   Debian suite whose pgvector source is built (default: trixie)
#
# Progress goes to stderr as `[pg] ...` lines; stdout is kept for data (exports, status).
# Functions return non-zero on failure and never exit, so sourcing this file is safe.

PG_PROJECT_DIR=${PG_PROJECT_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
PG_APP_DB=pilothouse
PG_APP_USER=pilothouse
PG_APP_PASSWORD=pilothouse
# PostgreSQL refuses to run as root; this user runs the server when we are root.
PG_SERVER_USER_DEFAULT=postgres

_pg_log() { printf '[pg] %s\n' "$*" >&2; }
_pg_err() { printf '[pg] ERROR: %s\n' "$*" >&2; }
_pg_is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------- binaries

# Sets PG_BIN and PG_MAJOR from the first complete PostgreSQL >= 15 install found.
_pg_find_bin() {
	local d v candidates=()
	if [[ -n ${PG_BIN:-} ]]; then
		candidates=("$PG_BIN")
	else
		# Debian/Ubuntu layout: prefer 15 (what production runs), else the newest >= 15.
		candidates=(/usr/lib/postgresql/15/bin)
		while IFS= read -r d; do candidates+=("$d"); done < <(
			find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -t/ -k5,5nr)
		# Anything else on PATH (Homebrew, Postgres.app, source builds).
		if command -v pg_config >/dev/null 2>&1; then candidates+=("$(pg_config --bindir 2>/dev/null)"); fi
	fi
	for d in "${candidates[@]}"; do
		[[ -x $d/postgres && -x $d/initdb && -x $d/pg_ctl && -x $d/psql && -x $d/pg_config ]] || continue
		v=$("$d/pg_config" --version 2>/dev/null | awk '{print $2}')
		v=${v%%.*}
		v=${v%%[!0-9]*}
		if [[ -z $v ]] || ((v < 15)); then continue; fi
		PG_BIN=$d
		PG_MAJOR=$v
		return 0
	done
	return 1
}

_pg_apt_log=${TMPDIR:-/tmp}/pilothouse-apt.log

# `apt-get update` for the system, at most once per shell: needed before any install.
_pg_apt_update_once() {
	[[ -n ${_PG_APT_UPDATED:-} ]] && return 0
	_pg_log "apt-get update"
	if ! apt-get update >>"$_pg_apt_log" 2>&1; then
		# Some unrelated source failing must not stop us; the install below will tell.
		_pg_log "apt-get update reported errors (see $_pg_apt_log); going on"
	fi
	_PG_APT_UPDATED=1
}

_pg_apt_has() { apt-cache show "$1" >/dev/null 2>&1; }

_pg_apt_install() {
	_pg_apt_update_once
	_pg_log "apt-get install $*"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >>"$_pg_apt_log" 2>&1; then
		_pg_err "apt-get install $* failed; last lines of $_pg_apt_log:"
		tail -n 15 "$_pg_apt_log" >&2
		return 1
	fi
}

pg_ensure_binaries() {
	_pg_find_bin && return 0
	if [[ -n ${PG_BIN:-} ]]; then
		_pg_err "PG_BIN=$PG_BIN does not hold a PostgreSQL 15+ install (postgres, initdb, pg_ctl, psql, pg_config)."
		return 1
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		_pg_err "PostgreSQL 15+ server binaries not found. Install PostgreSQL 15 or newer together with the"
		_pg_err "pgvector extension (then PG_BIN=<its bin dir> if it is not on PATH), or set DATABASE_URL,"
		_pg_err "DATABASE_USER and DATABASE_PASSWORD to use an existing database that has pgvector."
		return 1
	fi
	if ! _pg_is_root; then
		_pg_err "PostgreSQL 15+ server binaries not found. Run as root: apt-get install postgresql-15"
		_pg_err "(or: sudo $PG_PROJECT_DIR/scripts/pg.sh setup), or set DATABASE_URL to an existing database."
		return 1
	fi
	_pg_log "PostgreSQL server not found; installing it"
	_pg_apt_update_once
	if _pg_apt_has postgresql-15; then
		_pg_apt_install postgresql-15 || return 1
	else
		# Not bookworm: take the distribution's own default version.
		_pg_apt_install postgresql || return 1
	fi
	_pg_find_bin && return 0
	_pg_err "installed PostgreSQL but found no server binaries of version 15 or newer; set PG_BIN."
	return 1
}

# ---------------------------------------------------------------- pgvector

_pg_have_pgvector() {
	local share lib
	share=$("$PG_BIN/pg_config" --sharedir) && lib=$("$PG_BIN/pg_config" --pkglibdir) || return 1
	[[ -f $share/extension/vector.control ]] && compgen -G "$lib/vector.*" >/dev/null
}

# Prints candidate Debian archive URIs, one a line, read from this machine's apt sources:
# those serving this release's codename (so not third-party repos), else any URI ending in /debian.
_pg_debian_mirrors() {
	if [[ -n ${PG_DEBIAN_MIRROR:-} ]]; then
		printf '%s\n' "$PG_DEBIAN_MIRROR"
		return 0
	fi
	local codename pairs
	codename=$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-}")
	pairs=$(
		{
			# One-line format: deb [options] URI SUITE COMPONENT...
			cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
				awk '{ sub(/#.*/, ""); gsub(/\[[^]]*\]/, "") }
				     ($1 == "deb" || $1 == "deb-src") && NF >= 3 { print $3 "\t" $2 }'
			# deb822 format (*.sources): paragraphs of "Key: value" lines, values may continue
			# on indented lines; Enabled: no switches a paragraph off.
			cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
				awk 'function flush(   i, j, nu, ns, u, s) {
				       if (types ~ /(^| )deb(-src)?( |$)/ && tolower(enabled) != "no") {
				         nu = split(uris, u, " "); ns = split(suites, s, " ")
				         for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print s[j] "\t" u[i]
				       }
				       types = uris = suites = key = ""; enabled = "yes"
				     }
				     BEGIN { enabled = "yes" }
				     /^[ \t]*#/ { next }
				     /^[ \t]*$/ { flush(); next }
				     /^[ \t]/ { if (key == "uris") uris = uris " " $0; else if (key == "suites") suites = suites " " $0; next }
				     { key = tolower($0); sub(/:.*/, "", key); val = $0; sub(/^[^:]*:[ \t]*/, "", val)
				       if (key == "types") types = val; else if (key == "uris") uris = val
				       else if (key == "suites") suites = val; else if (key == "enabled") enabled = val }
				     END { flush() }'
		} | awk -F'\t' '$2 !~ /^cdrom:/'
	)
	{
		if [[ -n $codename ]]; then awk -F'\t' -v cn="$codename" '$1 == cn { print $2 }' <<<"$pairs"; fi
		awk -F'\t' '$2 ~ /\/debian\/?$/ { print $2 }' <<<"$pairs"
	} | sed 's:/*$::' | awk 'NF && !seen[$0]++'
}

# Builds and installs pgvector from Debian's source package. Debian's source carries a patch
# that drops -march=native, so the result runs on any x86-64/arm64 machine.
_pg_build_pgvector() {
	local deps=() mirrors suite=${PG_PGVECTOR_SUITE:-trixie} start=$SECONDS
	# Debian's client package already ships pgxs.mk; the server headers are what is missing.
	[[ -f $("$PG_BIN/pg_config" --pgxs 2>/dev/null) && -f $("$PG_BIN/pg_config" --includedir-server 2>/dev/null)/postgres.h ]] ||
		deps+=("postgresql-server-dev-$PG_MAJOR")
	command -v dpkg-source >/dev/null 2>&1 || deps+=(dpkg-dev)
	{ command -v make && command -v gcc; } >/dev/null 2>&1 || deps+=(build-essential)
	if ((${#deps[@]})); then
		_pg_log "installing build dependencies: ${deps[*]}"
		_pg_apt_install "${deps[@]}" || return 1
		_pg_log "build dependencies installed in $((SECONDS - start))s"
		start=$SECONDS
	fi
	mirrors=$(_pg_debian_mirrors)
	if [[ -z $mirrors ]]; then
		_pg_err "found no Debian archive in /etc/apt/sources.list or /etc/apt/sources.list.d/;"
		_pg_err "set PG_DEBIAN_MIRROR to the URI of a Debian archive, or install pgvector for PostgreSQL $PG_MAJOR yourself."
		return 1
	fi
	_pg_log "building pgvector from Debian's '$suite' source package (mirror: $(head -n1 <<<"$mirrors"))"
	# A subshell, so its EXIT trap (removing the temp dir) does not replace the caller's traps.
	(
		tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgvector-build.XXXXXX") || exit 1
		trap 'rm -rf "$tmp"' EXIT
		log=$tmp/build.log
		fail() {
			_pg_err "$1; last lines of the log:"
			tail -n 20 "$log" >&2
			exit 1
		}
		# A private apt state: the system's sources, lists and cache stay untouched; only the
		# deb-src line below is used. Keys come from the system's trusted.gpg.d as usual.
		mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial" "$tmp/apt/sources.list.d"
		while IFS= read -r m; do printf 'deb-src %s %s main\n' "$m" "$suite"; done <<<"$mirrors" >"$tmp/apt/sources.list"
		apt_opts=(
			-o "Dir::State=$tmp/apt" -o "Dir::State::Lists=$tmp/apt/lists"
			-o "Dir::State::status=/var/lib/dpkg/status" -o "Dir::Cache=$tmp/apt/cache"
			-o "Dir::Etc::SourceList=$tmp/apt/sources.list" -o "Dir::Etc::SourceParts=$tmp/apt/sources.list.d"
			# As root apt drops to user _apt for downloads, which cannot write into our 0700 temp dir.
			-o "APT::Sandbox::User=root"
		)
		# Its exit code is ignored: one of several mirrors failing is fine if another one serves.
		apt-get "${apt_opts[@]}" update >>"$log" 2>&1
		(cd "$tmp" && apt-get "${apt_opts[@]}" source --download-only pgvector) >>"$log" 2>&1 ||
			fail "could not download pgvector's source from the '$suite' suite"
		dsc=$(compgen -G "$tmp/pgvector_*.dsc" | head -n1)
		[[ -n $dsc ]] || fail "apt-get source left no .dsc file"
		dpkg-source -x "$dsc" "$tmp/src" >>"$log" 2>&1 || fail "dpkg-source -x $dsc failed"
		make -C "$tmp/src" -j"$(nproc 2>/dev/null || echo 2)" PG_CONFIG="$PG_BIN/pg_config" >>"$log" 2>&1 ||
			fail "building pgvector failed"
		make -C "$tmp/src" install PG_CONFIG="$PG_BIN/pg_config" >>"$log" 2>&1 || fail "installing pgvector failed"
	) || return 1
	if ! _pg_have_pgvector; then
		_pg_err "pgvector was built but vector.control is still missing from $("$PG_BIN/pg_config" --sharedir)/extension"
		return 1
	fi
	_pg_log "pgvector $(_pg_pgvector_version) fetched, built and installed in $((SECONDS - start))s"
}

_pg_pgvector_version() {
	sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" "$("$PG_BIN/pg_config" --sharedir)/extension/vector.control" 2>/dev/null
}

pg_ensure_pgvector() {
	_pg_find_bin || pg_ensure_binaries || return 1
	_pg_have_pgvector && return 0
	local pkg=postgresql-$PG_MAJOR-pgvector
	if ! _pg_is_root || ! command -v apt-get >/dev/null 2>&1; then
		_pg_err "the pgvector extension is not installed for PostgreSQL $PG_MAJOR ($PG_BIN)."
		if command -v apt-get >/dev/null 2>&1; then
			_pg_err "Run as root: $PG_PROJECT_DIR/scripts/pg.sh setup   (installs $pkg or builds it from Debian's source)"
		else
			_pg_err "Install pgvector for that PostgreSQL (see pgvector's README), or set DATABASE_URL to a database that has it."
		fi
		return 1
	fi
	# A packaged build, where this machine's apt sources have one (PGDG, newer Debian, Ubuntu):
	# quicker than building. Bookworm's own archive has none, so we usually build.
	if _pg_apt_has "$pkg"; then
		_pg_apt_install "$pkg" && _pg_have_pgvector && return 0
		_pg_log "installing $pkg did not provide pgvector; building it instead"
	fi
	_pg_build_pgvector
}

# ---------------------------------------------------------------- clusters

# The OS user that runs the server of a data directory: ourselves unless we are root; as root,
# the directory's owner if that is not root, else postgres.
_pg_server_user() {
	local owner
	if ! _pg_is_root; then
		id -un
		return
	fi
	if [[ -d $1 ]] && owner=$(stat -c %U "$1" 2>/dev/null) && [[ $owner != root && $owner != UNKNOWN ]]; then
		printf '%s\n' "$owner"
	else
		printf '%s\n' "$PG_SERVER_USER_DEFAULT"
	fi
}

# Runs a command as user $1 (from /, which every user can enter: initdb and pg_ctl chdir back
# to the cwd and complain when they cannot).
_pg_as() {
	local user=$1
	shift
	if [[ $user == "$(id -un)" ]]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		(cd / && runuser -u "$user" -- "$@")
	else
		(cd / && su -s /bin/bash "$user" -c "$(printf '%q ' "$@")")
	fi
}

_pg_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

_pg_free_port() {
	local p
	for ((p = ${1:-55433}; p < ${1:-55433} + 200; p++)); do
		_pg_port_busy "$p" || {
			printf '%s\n' "$p"
			return 0
		}
	done
	_pg_err "no free port found from ${1:-55433} up"
	return 1
}

# The unix socket lives in the data dir (0700, so only the server user and root reach it, which
# is what makes local trust auth safe). Socket paths are limited to ~107 bytes; for a deep data
# dir fall back to a fixed private dir under /tmp derived from the data dir's path.
_pg_socket_dir() {
	if ((${#1} <= 80)); then
		printf '%s\n' "$1"
	else
		printf '/tmp/pilothouse-pg-%s\n' "$(printf '%s' "$1" | cksum | cut -d' ' -f1)"
	fi
}

_pg_running() { _pg_as "$2" "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

_pg_psql() {
	# $1 socket dir, $2 port, rest: psql arguments. Superuser over the unix socket (trust).
	local sock=$1 port=$2
	shift 2
	# client_min_messages: no "already exists, skipping" notices on every start.
	PGOPTIONS='-c client_min_messages=warning' "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres "$@"
}

_pg_initdb() {
	local datadir=$1 user=$2 out
	mkdir -p "$datadir" && chmod 700 "$datadir" || return 1
	if _pg_is_root; then chown "$user:$(id -gn "$user")" "$datadir" || return 1; fi
	if ! _pg_as "$user" test -w "$datadir"; then
		_pg_err "user $user cannot reach $datadir: a parent directory is not searchable by it (chmod o+x the parents, or use another data dir)"
		return 1
	fi
	_pg_log "initdb $datadir (PostgreSQL $PG_MAJOR, run as $user)"
	# Trust over the unix socket (0700 dir, see above); passwords over TCP, as the app connects.
	# No locale: C collation, identical on every machine, and no dependency on generated locales.
	if ! out=$(_pg_as "$user" "$PG_BIN/initdb" -D "$datadir" -U postgres -E UTF8 --no-locale \
		--auth-local=trust --auth-host=scram-sha-256 --no-instructions 2>&1); then
		printf '%s\n' "$out" >&2
		_pg_err "initdb failed for $datadir"
		return 1
	fi
	# Our per-start settings live in a file of their own, rewritten at every start.
	printf "\ninclude_if_exists = 'pilothouse.conf'\n" >>"$datadir/postgresql.conf"
}

# pg_start DATADIR PORT [fast]: initdb if needed, start (or reuse a running server), create the
# role/db/extension, export DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD.
# "fast" (throwaway clusters) turns off fsync. Returns 2 when PORT is taken by something else.
pg_start() {
	local datadir=${1:-} port=${2:-55432} fast=${3:-} user sock v
	if [[ -z $datadir ]]; then
		_pg_err "usage: pg_start DATADIR [PORT] [fast]"
		return 1
	fi
	[[ $datadir == /* ]] || datadir=$PWD/$datadir
	_pg_find_bin || pg_ensure_binaries || return 1
	_pg_have_pgvector || pg_ensure_pgvector || return 1
	mkdir -p "$(dirname "$datadir")" || return 1
	# Keep the data out of git without touching the repo's .gitignore.
	if [[ $(dirname "$datadir") == "$PG_PROJECT_DIR/.data" && ! -e $PG_PROJECT_DIR/.data/.gitignore ]]; then
		printf '*\n' >"$PG_PROJECT_DIR/.data/.gitignore"
	fi
	user=$(_pg_server_user "$datadir")
	if _pg_is_root && ! id "$user" >/dev/null 2>&1; then
		_pg_log "creating system user $user to run the server (PostgreSQL refuses to run as root)"
		useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /bin/sh "$user" || return 1
	fi

	if [[ -f $datadir/PG_VERSION ]]; then
		v=$(<"$datadir/PG_VERSION")
		if [[ $v != "$PG_MAJOR" ]]; then
			_pg_err "$datadir holds a PostgreSQL $v cluster but the binaries are $PG_MAJOR ($PG_BIN)."
			_pg_err "Delete that directory (its data is lost) or set PG_BIN to a PostgreSQL $v bin dir."
			return 1
		fi
	elif [[ -d $datadir && -n $(ls -A "$datadir" 2>/dev/null) ]]; then
		_pg_err "$datadir exists but is not a PostgreSQL data directory; move it away."
		return 1
	else
		_pg_initdb "$datadir" "$user" || return 1
	fi

	if _pg_running "$datadir" "$user"; then
		# Line 4 of postmaster.pid is the port the server really listens on.
		v=$(sed -n 4p "$datadir/postmaster.pid" 2>/dev/null)
		if [[ -n $v && $v != "$port" ]]; then
			_pg_log "already running on port $v (not $port); using it"
			port=$v
		else
			_pg_log "already running: $datadir, port $port"
		fi
	else
		if _pg_port_busy "$port"; then
			_pg_err "port $port on 127.0.0.1 is taken by another program; stop it or pick another port (PG_PORT=...)."
			return 2
		fi
		sock=$(_pg_socket_dir "$datadir")
		if [[ $sock != "$datadir" ]]; then
			mkdir -p "$sock" && chmod 700 "$sock" || return 1
			if _pg_is_root; then chown "$user" "$sock" || return 1; fi
		fi
		{
			echo "# Written by scripts/pg.sh at every start: change the script, not this file."
			echo "listen_addresses = '127.0.0.1'"
			echo "port = $port"
			echo "unix_socket_directories = '$sock'"
			if [[ $fast == fast ]]; then
				echo "# Throwaway test cluster: durability buys nothing here, speed does."
				echo "fsync = off"
				echo "synchronous_commit = off"
				echo "full_page_writes = off"
			fi
		} >"$datadir/pilothouse.conf" || return 1
		if _pg_is_root; then chown "$user" "$datadir/pilothouse.conf"; fi
		_pg_log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$port (data: $datadir)"
		if ! _pg_as "$user" "$PG_BIN/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 start >/dev/null 2>&1; then
			_pg_err "PostgreSQL did not start; last lines of $datadir/server.log:"
			tail -n 20 "$datadir/server.log" >&2 2>/dev/null
			return 1
		fi
	fi
	sock=$(sed -n 5p "$datadir/postmaster.pid" 2>/dev/null)
	[[ -n $sock ]] || sock=$(_pg_socket_dir "$datadir")

	# Role and database owned by it; the extension is created here as superuser so that the
	# app's own `CREATE EXTENSION IF NOT EXISTS vector` migration is a no-op for a non-superuser.
	if ! _pg_psql "$sock" "$port" -d postgres -v app_user="$PG_APP_USER" -v app_pw="$PG_APP_PASSWORD" \
		-v app_db="$PG_APP_DB" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'app_user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user')\gexec
ALTER ROLE :"app_user" WITH LOGIN PASSWORD :'app_pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'app_db', :'app_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'app_db')\gexec
SQL
	then
		_pg_err "could not create role/database $PG_APP_USER/$PG_APP_DB (server log: $datadir/server.log)"
		return 1
	fi
	if ! _pg_psql "$sock" "$port" -d "$PG_APP_DB" -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null; then
		_pg_err "CREATE EXTENSION vector failed: is pgvector installed for $PG_BIN? Run: $PG_PROJECT_DIR/scripts/pg.sh setup (as root)"
		return 1
	fi

	export DATABASE_URL="jdbc:postgresql://127.0.0.1:$port/$PG_APP_DB"
	export DATABASE_USER=$PG_APP_USER
	export DATABASE_PASSWORD=$PG_APP_PASSWORD
	_pg_log "ready: $DATABASE_URL (user $DATABASE_USER; log $datadir/server.log)"
}

# pg_stop DATADIR: fast shutdown (rolls back open transactions, disconnects clients).
pg_stop() {
	local datadir=${1:-} user
	if [[ -z $datadir ]]; then
		_pg_err "usage: pg_stop DATADIR"
		return 1
	fi
	[[ $datadir == /* ]] || datadir=$PWD/$datadir
	if [[ ! -f $datadir/PG_VERSION ]]; then
		_pg_log "no cluster at $datadir"
		return 0
	fi
	_pg_find_bin || pg_ensure_binaries || return 1
	user=$(_pg_server_user "$datadir")
	if ! _pg_running "$datadir" "$user"; then
		_pg_log "not running: $datadir"
		return 0
	fi
	if ! _pg_as "$user" "$PG_BIN/pg_ctl" -D "$datadir" -m fast -w -t 60 stop >/dev/null 2>&1; then
		_pg_err "pg_ctl stop failed for $datadir (server log: $datadir/server.log)"
		return 1
	fi
	_pg_log "stopped: $datadir"
}

# Removes a throwaway cluster: stop, then delete its data (and its socket dir if out of tree).
_pg_discard() {
	local sock
	pg_stop "$1" >/dev/null 2>&1
	sock=$(_pg_socket_dir "$1")
	[[ $sock != "$1" ]] && rm -rf "$sock"
	rm -rf "$1"
}

# Throwaway clusters of test runs that were killed before they could clean up.
_pg_sweep_stale_tests() {
	local d pid
	for d in "$PG_PROJECT_DIR"/.data/pg-test-*; do
		[[ -d $d ]] || continue
		pid=${d##*-}
		[[ $pid =~ ^[0-9]+$ ]] || continue
		ps -p "$pid" >/dev/null 2>&1 && continue
		_pg_log "removing stale test cluster $d"
		_pg_discard "$d"
	done
}

# pg_start_test [DATADIR]: a fresh throwaway cluster on the first free port from 55433, default
# data dir $PG_PROJECT_DIR/.data/pg-test-<pid of this shell>. Sets PG_TEST_DATADIR. The caller
# owns the cleanup: `trap pg_stop_test EXIT` (we do not set traps in the caller's shell).
pg_start_test() {
	local port=55433 tries rc
	_pg_sweep_stale_tests
	PG_TEST_DATADIR=${1:-$PG_PROJECT_DIR/.data/pg-test-$$}
	_pg_discard "$PG_TEST_DATADIR"
	for tries in 1 2 3 4 5; do
		port=$(_pg_free_port "$port") || return 1
		pg_start "$PG_TEST_DATADIR" "$port" fast
		rc=$?
		# 2: someone took the port between our check and the start; try the next one.
		[[ $rc -eq 2 ]] || return "$rc"
		port=$((port + 1))
		_pg_log "retrying on another port (try $tries)"
	done
	return 1
}

# pg_create_db DATADIR NAME: a fresh database NAME (dropped first if it exists), owned by the app
# role and with pgvector, in the running cluster at DATADIR; prints its JDBC URL.
pg_create_db() {
	local datadir=$1 name=$2 port sock
	port=$(sed -n 4p "$datadir/postmaster.pid" 2>/dev/null) sock=$(sed -n 5p "$datadir/postmaster.pid" 2>/dev/null)
	if [[ -z $port || -z $sock ]]; then
		_pg_err "no running cluster at $datadir"
		return 1
	fi
	_pg_psql "$sock" "$port" -d postgres -v db="$name" -v app_user="$PG_APP_USER" >/dev/null <<'SQL' || return 1
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db')\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'app_user')\gexec
SQL
	_pg_psql "$sock" "$port" -d "$name" -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null || return 1
	printf 'jdbc:postgresql://127.0.0.1:%s/%s\n' "$port" "$name"
}

pg_stop_test() {
	[[ -n ${PG_TEST_DATADIR:-} ]] || return 0
	_pg_discard "$PG_TEST_DATADIR"
	_pg_log "removed test cluster $PG_TEST_DATADIR"
}

pg_status() {
	local d user port
	if ! _pg_find_bin; then
		echo "binaries: PostgreSQL 15+ not found"
		return 1
	fi
	echo "binaries: $PG_BIN ($("$PG_BIN/pg_config" --version))"
	if _pg_have_pgvector; then echo "pgvector: $(_pg_pgvector_version)"; else echo "pgvector: not installed"; fi
	for d in "$PG_PROJECT_DIR"/.data/pg "$PG_PROJECT_DIR"/.data/pg-test*; do
		[[ -f $d/PG_VERSION ]] || continue
		user=$(_pg_server_user "$d")
		if _pg_running "$d" "$user"; then
			port=$(sed -n 4p "$d/postmaster.pid" 2>/dev/null)
			echo "cluster $d: running on 127.0.0.1:$port (jdbc:postgresql://127.0.0.1:$port/$PG_APP_DB)"
		else
			echo "cluster $d: stopped"
		fi
	done
}

# ---------------------------------------------------------------- command line

_pg_print_exports() {
	printf 'export DATABASE_URL=%q\nexport DATABASE_USER=%q\nexport DATABASE_PASSWORD=%q\n' \
		"$DATABASE_URL" "$DATABASE_USER" "$DATABASE_PASSWORD"
}

_pg_main() {
	local usage="usage: $0 setup | start run|test | stop run|test | status"
	case "${1:-}:${2:-}" in
	setup:*) pg_ensure_binaries && pg_ensure_pgvector && _pg_log "PostgreSQL $PG_MAJOR with pgvector $(_pg_pgvector_version) is ready" ;;
	start:run) pg_ensure_binaries && pg_ensure_pgvector &&
		pg_start "$PG_PROJECT_DIR/.data/pg" "${PG_PORT:-55432}" && _pg_print_exports ;;
	# A fixed throwaway dir (this process exits at once, so no pid in the name); recreated each time.
	start:test) pg_ensure_binaries && pg_ensure_pgvector &&
		pg_start_test "$PG_PROJECT_DIR/.data/pg-test" && _pg_print_exports ;;
	stop:run) pg_stop "$PG_PROJECT_DIR/.data/pg" ;;
	stop:test)
		PG_TEST_DATADIR=$PG_PROJECT_DIR/.data/pg-test pg_stop_test
		_pg_sweep_stale_tests
		;;
	status:*) pg_status ;;
	*)
		echo "$usage" >&2
		return 2
		;;
	esac
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	set -uo pipefail
	_pg_main "$@"
	exit $?
fi
