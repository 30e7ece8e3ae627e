#!/usr/bin/env bash
# The public image's start-up contract: first start initialises $PGDATA with
# POSTGRES_USER / POSTGRES_PASSWORD (or _FILE) / POSTGRES_DB, then runs postgres.
set -euo pipefail

file_env() {
	local var=$1 file_var=${1}_FILE default=${2:-}
	if [[ -n ${!var:-} && -n ${!file_var:-} ]]; then
		echo "error: both $var and $file_var are set" >&2
		exit 1
	fi
	local value=$default
	if [[ -n ${!var:-} ]]; then value=${!var}; elif [[ -n ${!file_var:-} ]]; then value=$(<"${!file_var}"); fi
	export "$var"="$value"
	unset "$file_var"
}

if [[ ${1:-} == postgres ]]; then
	# As root, before dropping to postgres: secret files may be readable by root only.
	file_env POSTGRES_PASSWORD
	file_env POSTGRES_USER postgres
	file_env POSTGRES_DB "$POSTGRES_USER"
fi

if [[ ${1:-} == postgres && $(id -u) == 0 ]]; then
	install -d -o postgres -g postgres -m 700 "$PGDATA"
	install -d -o postgres -g postgres /var/run/postgresql
	exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [[ ${1:-} == postgres && ! -s $PGDATA/PG_VERSION ]]; then
	[[ -n $POSTGRES_PASSWORD ]] || {
		echo "error: POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) is required" >&2
		exit 1
	}
	pwfile=$(mktemp)
	printf '%s' "$POSTGRES_PASSWORD" >"$pwfile"
	initdb -D "$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
	rm -f "$pwfile"
	printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
	if [[ $POSTGRES_DB != postgres ]]; then
		postgres --single -D "$PGDATA" -j postgres <<<"CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" >/dev/null
	fi
	echo "database initialised in $PGDATA"
fi

if [[ ${1:-} == postgres ]]; then
	shift
	unset POSTGRES_PASSWORD
	exec postgres -c listen_addresses='*' "$@"
fi
exec "$@"
