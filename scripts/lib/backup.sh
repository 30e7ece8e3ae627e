# shellcheck shell=bash disable=SC2034
# What scripts/backup and scripts/restore share: where each store is, how to reach
# it (the local run of ./thoth up, or a Compose stack), and the PostgreSQL tools.
# Needs scripts/lib/common.sh and scripts/lib/pg.sh. Source, don't run. (SC2034: the
# settings below are read by the scripts that source this file.)
#
# Secrets never reach a command line or a log: the database password goes through a
# mode-600 PGPASSFILE, the Redis password through REDISCLI_AUTH.

BACKUP_FILES_POSTGRES=postgres.dump
BACKUP_FILES_WORKSPACE=workspace.tar.gz
BACKUP_FILES_CHROMADB=chromadb.tar.gz
BACKUP_FILES_REDIS=redis.rdb

# Compose mode: COMPOSE_FILE set by --compose. Host folders of the stack's volumes,
# under the data root the compose files use.
COMPOSE_FILE=""
DATA_ROOT=${THOTH_DATA_ROOT:-/opt/thoth}
COMPOSE_WORKSPACE_VOLUME=${THOTH_BACKUP_WORKSPACE_VOLUME:-$DATA_ROOT/workspace}
COMPOSE_CHROMADB_VOLUME=${THOTH_BACKUP_CHROMADB_VOLUME:-$DATA_ROOT/chromadb}
COMPOSE_REDIS_VOLUME=${THOTH_BACKUP_REDIS_VOLUME:-$DATA_ROOT/redis}
# The workspace path as the services in the containers see it (stored in the database).
COMPOSE_SERVICE_WORKSPACE=${THOTH_BACKUP_SERVICE_WORKSPACE:-/workspace}
# The Thoth services that write to the stores (stopped before a restore).
COMPOSE_THOTH_SERVICES="thoth-api thoth-mcp thoth-discovery thoth-agent thoth-pdf-monitor thoth-gateway"

PRIVATE_TMP=""  # mode-700 scratch folder, removed on exit
EMBEDDED_STARTED=0

backup_cleanup() {
	if ((EMBEDDED_STARTED)); then
		thoth_pg_stop "$EMBEDDED_BIN" "$EMBEDDED_USER" "$EMBEDDED_DATA" 20 || true
		EMBEDDED_STARTED=0
		thoth_say "stopped the embedded PostgreSQL again"
	fi
	if [[ -n $PRIVATE_TMP ]]; then
		rm -rf "$PRIVATE_TMP"
		PRIVATE_TMP=""
	fi
}

make_private_tmp() {
	PRIVATE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/thoth-backup.XXXXXX")
	chmod 700 "$PRIVATE_TMP"
}

need_tool() { # NAME WHY
	command -v "$1" >/dev/null 2>&1 || thoth_die "$1 is not installed; it is needed $2"
}

# The value of VAR, or the content of the file VAR_FILE names (both set is an error).
secret_value() {
	local var=$1 file_var=${1}_FILE value file
	value=${!var:-}
	file=${!file_var:-}
	if [[ -n $value && -n $file ]]; then
		thoth_die "set $var or $file_var, not both"
	fi
	if [[ -n $file ]]; then
		[[ -r $file && -f $file ]] || thoth_die "$file_var: cannot read secret file $file"
		value=$(<"$file")
	fi
	printf '%s' "$value"
}

# A JSON string literal for VALUE.
json_string() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\n'/\\n}
	s=${s//$'\r'/\\r}
	s=${s//$'\t'/\\t}
	printf '"%s"' "$s"
}

# ---------------------------------------------------------------- compose

dc() {
	"${DOCKER_COMPOSE[@]}" -f "$COMPOSE_FILE" "$@"
}

DOCKER_COMPOSE=()
compose_init() {
	[[ -f $COMPOSE_FILE ]] || thoth_die "compose file $COMPOSE_FILE not found"
	if command -v docker-compose >/dev/null 2>&1; then
		DOCKER_COMPOSE=(docker-compose)
	elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
		DOCKER_COMPOSE=(docker compose)
	else
		thoth_die "--compose needs docker-compose (or the docker compose plugin), which is not installed"
	fi
	docker version >/dev/null 2>&1 || thoth_die "--compose: the Docker engine does not answer (docker version failed); start it first"
}

# True when the stack declares SERVICE (grep reads everything: no SIGPIPE under pipefail).
compose_has_service() {
	dc config --services | grep -x "$1" >/dev/null
}

# psql inside the postgres container, as the image's superuser over the local socket.
compose_psql() { # SQL
	# shellcheck disable=SC2016 # expanded inside the container
	dc exec -T postgres sh -c 'exec psql -X -q -A -t -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" -c "$1"' psql "$1"
}

# ---------------------------------------------------------------- local PostgreSQL

# Sets PGHOST, PGPORT, PGDATABASE, PGUSER (exported) and writes the password to a
# PGPASSFILE, from THOTH_DATABASE_URL/USER/PASSWORD(_FILE), or from the embedded
# database of ./thoth up (started for the time of the run when it is stopped).
EMBEDDED_BIN=""
EMBEDDED_USER=""
EMBEDDED_DATA=""
DB_DESCRIPTION=""
local_db_connect() {
	local url=${THOTH_DATABASE_URL:-} password user rest userinfo hostport query
	if [[ -z $url ]]; then
		embedded_db_connect
		return 0
	fi
	rest=${url#jdbc:}
	case $rest in
	postgresql://* | postgres://*) rest=${rest#*://} ;;
	*) thoth_die "THOTH_DATABASE_URL must be jdbc:postgresql://host:port/db or postgres://host:port/db" ;;
	esac
	query=""
	if [[ $rest == *\?* ]]; then
		query=${rest#*\?}
		rest=${rest%%\?*}
	fi
	userinfo=""
	if [[ $rest == *@* ]]; then
		userinfo=${rest%%@*}
		rest=${rest#*@}
	fi
	hostport=${rest%%/*}
	hostport=${hostport%%,*}
	PGDATABASE=${rest#*/}
	[[ $rest == */* && -n $PGDATABASE ]] || PGDATABASE=thoth
	PGHOST=${hostport%%:*}
	PGPORT=${hostport#"$PGHOST"}
	PGPORT=${PGPORT#:}
	PGHOST=${PGHOST:-localhost}
	PGPORT=${PGPORT:-5432}
	user=${THOTH_DATABASE_USER:-}
	password=$(secret_value THOTH_DATABASE_PASSWORD)
	if [[ -n $userinfo ]]; then
		[[ -n $user ]] || user=${userinfo%%:*}
		[[ -n $password || $userinfo != *:* ]] || password=${userinfo#*:}
	fi
	if [[ $query =~ (^|&)sslmode=([a-z-]+) ]]; then
		export PGSSLMODE=${BASH_REMATCH[2]}
	fi
	PGUSER=${user:-thoth}
	export PGHOST PGPORT PGDATABASE PGUSER
	write_pgpass "$password"
	DB_DESCRIPTION="$PGUSER@$PGHOST:$PGPORT/$PGDATABASE"
}

write_pgpass() {
	local password=$1
	export PGPASSFILE=$PRIVATE_TMP/pgpass
	: >"$PGPASSFILE"
	chmod 600 "$PGPASSFILE"
	if [[ -n $password ]]; then
		password=${password//\\/\\\\}
		password=${password//:/\\:}
		printf '*:*:*:*:%s\n' "$password" >"$PGPASSFILE"
	fi
	export PGCONNECT_TIMEOUT=10
}

# The embedded database, laid out as ./thoth keeps it in THOTH_STATE_DIR.
embedded_db_connect() {
	local state home pid port
	state=$(thoth_abspath "${THOTH_STATE_DIR:-$ROOT/.thoth}")
	state=${state%/}
	home=$state
	[[ -s $state/postgres-home ]] && home=$(<"$state/postgres-home")
	EMBEDDED_DATA=$home/postgres
	local log=$state/logs/postgres.log
	[[ $home != "$state" ]] && log=$home/postgres.log
	if [[ ! -f $EMBEDDED_DATA/PG_VERSION || ! -s $state/db-password ]]; then
		thoth_die "no embedded database in $state (THOTH_STATE_DIR): run ./thoth up once to create it, or set THOTH_DATABASE_URL"
	fi
	pid=$(thoth_pg_pid "$EMBEDDED_DATA")
	if [[ -n $pid ]]; then
		port=$(thoth_pg_running_port "$EMBEDDED_DATA")
	else
		port=${THOTH_EMBEDDED_DB_PORT:-54320}
		thoth_port_in_use "$port" &&
			thoth_die "the embedded database is stopped and its port $port is taken by another process; set THOTH_EMBEDDED_DB_PORT"
		EMBEDDED_BIN=""
		[[ -f $state/postgres-bin ]] && EMBEDDED_BIN=$(<"$state/postgres-bin")
		[[ -x $EMBEDDED_BIN/pg_ctl ]] || EMBEDDED_BIN=$(thoth_pg_machine_bin)
		[[ -n $EMBEDDED_BIN ]] || thoth_die "pg_ctl is not installed; it is needed to start the embedded database"
		EMBEDDED_USER=""
		[[ $(id -u) -eq 0 ]] && EMBEDDED_USER=$(stat -c %U "$EMBEDDED_DATA")
		thoth_say "The embedded database is stopped: starting it on 127.0.0.1:$port for this run"
		thoth_pg_start "$EMBEDDED_BIN" "$EMBEDDED_USER" "$EMBEDDED_DATA" "$port" "$log"
		EMBEDDED_STARTED=1
	fi
	export PGHOST=127.0.0.1 PGPORT=$port PGDATABASE=thoth PGUSER=thoth
	write_pgpass "$(<"$state/db-password")"
	DB_DESCRIPTION="embedded ($EMBEDDED_DATA, port $port)"
}

local_psql() { # SQL
	need_tool psql "to talk to PostgreSQL (apt-get install postgresql-client)"
	psql -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}

# Major version of the server we are connected to.
server_major() {
	local num
	if [[ -n $COMPOSE_FILE ]]; then
		num=$(compose_psql 'show server_version_num') || thoth_die "cannot query PostgreSQL in the postgres service"
	else
		num=$(local_psql 'show server_version_num' 2>"$PRIVATE_TMP/psql.err") ||
			thoth_die "cannot connect to PostgreSQL at $DB_DESCRIPTION: $(head -n3 "$PRIVATE_TMP/psql.err")"
	fi
	num=${num//[!0-9]/}
	printf '%s\n' $((num / 10000))
}

# A PostgreSQL client program (pg_dump, pg_restore) of the server's major version.
pg_tool() { # NAME MAJOR
	local name=$1 major=$2 dir candidate found=""
	for dir in "$EMBEDDED_BIN" "/usr/lib/postgresql/$major/bin" "$(dirname "$(command -v "$name" 2>/dev/null || echo /nonexistent/x)")"; do
		candidate=$dir/$name
		[[ -n $dir && -x $candidate ]] || continue
		if [[ $("$candidate" --version 2>/dev/null) =~ \ ([0-9]+)(\.[0-9]+)* ]]; then
			if [[ ${BASH_REMATCH[1]} == "$major" ]]; then
				printf '%s\n' "$candidate"
				return 0
			fi
			found+=" $candidate (version ${BASH_REMATCH[1]})"
		fi
	done
	thoth_die "$name for PostgreSQL $major is missing (the server is version $major; found:${found:- none}); install postgresql-client-$major or put its bin directory first on PATH"
}

# Other sessions on the Thoth database: the services, when they are running.
other_db_sessions() {
	local sql="select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'"
	if [[ -n $COMPOSE_FILE ]]; then
		compose_psql "$sql"
	else
		local_psql "$sql"
	fi
}

run_sql() { # SQL
	if [[ -n $COMPOSE_FILE ]]; then
		compose_psql "$1"
	else
		local_psql "$1"
	fi
}

# ---------------------------------------------------------------- library state

# Work the PDF monitor has in hand (queued or running jobs); 0 before the schema exists.
active_jobs() {
	run_sql "select case when to_regclass('public.ingest_jobs') is null then 0 else (select count(*) from ingest_jobs where status in ('QUEUED', 'RUNNING')) end" 2>/dev/null || echo '?'
}

# A digest of what ties the database to the files: papers, their files, notes and jobs.
library_fingerprint() {
	run_sql "select case when to_regclass('public.papers') is null then 'empty' else
  (select count(*) || ':' || coalesce(md5(string_agg(id::text || ':' || status || ':' || coalesce(file_path, '') || ':' || coalesce(note_path, '') || ':' || updated_at::text, ',' order by id)), '') from papers)
  || '/' || (select count(*) || ':' || coalesce(max(updated_at)::text, '') from ingest_jobs) end" 2>/dev/null || echo '?'
}

# ---------------------------------------------------------------- Redis (local)

# Sets REDIS_ARGS (host, port, db, TLS) and REDISCLI_AUTH from THOTH_REDIS_URL and
# REDIS_PASSWORD(_FILE).
REDIS_ARGS=()
local_redis_connect() {
	local url=$THOTH_REDIS_URL rest userinfo="" hostport host port db="" password
	need_tool redis-cli "for Redis (apt-get install redis-tools)"
	REDIS_ARGS=()
	case $url in
	redis://*) rest=${url#redis://} ;;
	rediss://*)
		rest=${url#rediss://}
		REDIS_ARGS+=(--tls)
		;;
	*) thoth_die "THOTH_REDIS_URL must be redis://host:port or rediss://host:port" ;;
	esac
	if [[ $rest == *@* ]]; then
		userinfo=${rest%%@*}
		rest=${rest#*@}
	fi
	hostport=${rest%%/*}
	[[ $rest == */* ]] && db=${rest#*/}
	host=${hostport%%:*}
	port=${hostport#"$host"}
	port=${port#:}
	REDIS_ARGS+=(-h "${host:-localhost}" -p "${port:-6379}")
	[[ -n $db ]] && REDIS_ARGS+=(-n "$db")
	password=$(secret_value REDIS_PASSWORD)
	if [[ -z $password && $userinfo == *:* ]]; then
		password=${userinfo#*:}
	fi
	if [[ -n $password ]]; then
		export REDISCLI_AUTH=$password
	fi
	if [[ $userinfo == *:* && -n ${userinfo%%:*} ]]; then
		REDIS_ARGS+=(--user "${userinfo%%:*}")
	fi
}

local_redis_answers() {
	[[ $(redis-cli "${REDIS_ARGS[@]}" --no-auth-warning ping 2>/dev/null) == PONG ]]
}

# A SQL string literal for VALUE.
sql_literal() {
	printf "'%s'" "${1//\'/\'\'}"
}
