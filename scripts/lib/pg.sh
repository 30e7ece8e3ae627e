# shellcheck shell=bash
# Running a private PostgreSQL cluster (used by ./thoth for the embedded
# database and by scripts/test-services). Needs scripts/lib/common.sh.
#
# initdb refuses to run as root, so as root every PostgreSQL program runs as
# the `postgres` user (or a system user `thoth-db` created on demand), and the
# data directory belongs to that user.

# The bin directory of the machine's newest PostgreSQL (pg_ctl, initdb,
# postgres), or nothing.
thoth_pg_machine_bin() {
	local dir best=""
	for dir in /usr/lib/postgresql/*/bin; do
		[[ -x $dir/pg_ctl && -x $dir/initdb && -x $dir/postgres ]] || continue
		best+="$dir"$'\n'
	done
	if [[ -n $best ]]; then
		printf '%s' "$best" | sort -V | tail -n1
		return 0
	fi
	if command -v pg_ctl >/dev/null 2>&1; then
		dir=$(dirname "$(command -v pg_ctl)")
		[[ -x $dir/initdb && -x $dir/postgres ]] && printf '%s\n' "$dir"
	fi
	return 0
}

# The user that runs the server: empty (the current user) unless we are root.
thoth_pg_user() {
	if [[ $(id -u) -ne 0 ]]; then
		return 0
	fi
	if id -u postgres >/dev/null 2>&1; then
		printf 'postgres\n'
		return 0
	fi
	if ! id -u thoth-db >/dev/null 2>&1; then
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin thoth-db >&2 ||
			thoth_die "could not create the system user thoth-db to run PostgreSQL (initdb refuses root)"
	fi
	printf 'thoth-db\n'
}

# Runs a command as USER (or as ourselves when USER is empty), from /.
thoth_pg_as() {
	local user=$1
	shift
	if [[ -n $user ]]; then
		(cd / && runuser -u "$user" -- "$@")
	else
		(cd / && "$@")
	fi
}

# Makes DATA (mode 700, owned by USER) and checks USER can reach it.
thoth_pg_prepare_dir() {
	local user=$1 data=$2 hint=$3
	[[ $data != *"'"* ]] || thoth_die "the PostgreSQL data directory path must not contain a single quote: $data"
	mkdir -p "$(dirname "$data")"
	if [[ -n $user ]]; then
		install -d -m 700 -o "$user" "$data"
		chown -R "$user" "$data"
		if ! thoth_pg_as "$user" test -x "$data" -a -w "$data"; then
			thoth_die "PostgreSQL must run as the user '$user' (initdb refuses root), but '$user' cannot reach $data: a parent directory is not searchable by other users. $hint"
		fi
	else
		install -d -m 700 "$data"
	fi
}

# Creates FILE writable by USER (for pg_ctl -l).
thoth_pg_prepare_log() {
	local user=$1 file=$2 hint=$3
	mkdir -p "$(dirname "$file")"
	: >>"$file"
	if [[ -n $user ]]; then
		chown "$user" "$file"
		if ! thoth_pg_as "$user" test -w "$file"; then
			thoth_die "PostgreSQL must run as the user '$user' (initdb refuses root), but '$user' cannot reach $file: a parent directory is not searchable by other users. $hint"
		fi
	fi
}

# Pid of the postmaster running on DATA, if it is alive and really ours.
thoth_pg_pid() {
	local data=$1 pid=""
	[[ -f $data/postmaster.pid ]] || return 0
	read -r pid <"$data/postmaster.pid" || true
	if thoth_pid_matches "$pid" "$data"; then
		printf '%s\n' "$pid"
	fi
}

# Port of the postmaster running on DATA (4th line of postmaster.pid).
thoth_pg_running_port() {
	local data=$1
	sed -n '4p' "$data/postmaster.pid" 2>/dev/null || true
}

# initdb DATA with SUPERUSER as the bootstrap superuser, then runs SQL (one
# statement a line) in single-user mode. LOG receives the output.
thoth_pg_initdb() {
	local bin=$1 user=$2 data=$3 superuser=$4 sql=$5 log=$6
	if ! thoth_pg_as "$user" "$bin/initdb" -D "$data" -U "$superuser" -E UTF8 --locale=C \
		--auth-local=trust --auth-host=scram-sha-256 >>"$log" 2>&1; then
		tail -n 20 "$log" >&2
		thoth_die "initdb failed for $data (log: $log)"
	fi
	thoth_pg_single "$bin" "$user" "$data" "$sql" "$log"
}

# Runs SQL statements (one a line) in single-user mode on a stopped cluster.
thoth_pg_single() {
	local bin=$1 user=$2 data=$3 sql=$4 log=$5 out
	out=$(printf '%s\n' "$sql" | thoth_pg_as "$user" "$bin/postgres" --single -D "$data" postgres 2>&1) || true
	# Never write the SQL (it holds passwords) to the log, only the server's answer.
	printf '%s\n' "$out" | grep -v 'PASSWORD' >>"$log" || true
	if grep -E '(ERROR|FATAL|PANIC):' <<<"$out" | grep -vq 'already exists'; then
		grep -E '(ERROR|FATAL|PANIC):' <<<"$out" | grep -v 'PASSWORD' >&2 || true
		thoth_die "setting up the PostgreSQL cluster in $data failed (log: $log)"
	fi
}

# Starts the cluster on 127.0.0.1:PORT; the unix socket lives in DATA.
thoth_pg_start() { # BIN USER DATA PORT LOG [EXTRA-SERVER-OPTIONS]
	local bin=$1 user=$2 data=$3 port=$4 log=$5 extra=${6:-} sockdir=$3
	# A unix socket path is limited to 107 bytes; without room, TCP only.
	if ((${#data} > 90)); then
		sockdir=""
	fi
	if ! thoth_pg_as "$user" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$sockdir' $extra" start >/dev/null 2>&1; then
		tail -n 20 "$log" >&2
		thoth_die "PostgreSQL did not start on port $port (data: $data, log: $log)"
	fi
}

# Stops the cluster on DATA (fast shutdown; SIGKILL after TIMEOUT seconds).
thoth_pg_stop() {
	local bin=$1 user=$2 data=$3 timeout=${4:-20} pid
	pid=$(thoth_pg_pid "$data")
	[[ -n $pid ]] || return 0
	if [[ -x $bin/pg_ctl ]] &&
		thoth_pg_as "$user" "$bin/pg_ctl" -D "$data" -m fast -w -t "$timeout" stop >/dev/null 2>&1; then
		return 0
	fi
	# pg_ctl missing or too slow: fast shutdown by signal, then SIGKILL.
	pid=$(thoth_pg_pid "$data")
	[[ -n $pid ]] || return 0
	kill -INT "$pid" 2>/dev/null || true
	thoth_terminate "$timeout" "$pid"
}
