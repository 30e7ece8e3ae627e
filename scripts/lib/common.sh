# shellcheck shell=bash
# Small helpers shared by ./thoth and scripts/test-services. Source, don't run.

# Output never aborts a script (a closed pipe must not stop a cleanup half-way).
thoth_say() { printf '%s\n' "$*" 2>/dev/null || true; }
thoth_warn() { printf 'thoth: %s\n' "$*" >&2 2>/dev/null || true; }
thoth_die() {
	printf 'thoth: %s\n' "$*" >&2
	exit 1
}

# Prints 2*N random hex characters (N random bytes).
thoth_random_hex() {
	local bytes=${1:-32}
	od -An -N"$bytes" -tx1 /dev/urandom | tr -d ' \n'
}

# Writes VALUE (no trailing newline) to FILE with mode 600, unless FILE exists.
thoth_write_secret_once() {
	local file=$1 value=$2
	[[ -s $file ]] && return 0
	(
		umask 077
		printf '%s' "$value" >"$file.tmp.$$"
	)
	chmod 600 "$file.tmp.$$"
	mv -f "$file.tmp.$$" "$file"
}

# Absolute form of a path (need not exist), relative to the current directory.
thoth_abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$PWD/${1#./}" ;;
	esac
}

# True when something listens on TCP PORT (any local address).
thoth_port_in_use() {
	local port=$1
	if command -v ss >/dev/null 2>&1; then
		[[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]] && return 0
	fi
	# Fallback (and double check for listeners ss cannot see): try to connect.
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# The command line of PID with NULs turned into spaces; empty if gone.
thoth_cmdline() {
	local pid=$1
	[[ $pid =~ ^[0-9]+$ ]] || return 0
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true
}

# True when PID is alive and its command line contains every PATTERN given.
thoth_pid_matches() {
	local pid=$1 cmd pattern
	shift
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	cmd=$(thoth_cmdline "$pid")
	[[ -n $cmd ]] || return 1
	for pattern in "$@"; do
		[[ $cmd == *"$pattern"* ]] || return 1
	done
	return 0
}

# Reads the first line of a pid file (empty if missing).
thoth_read_pid() {
	local file=$1 pid=""
	if [[ -f $file ]]; then
		read -r pid <"$file" || true
	fi
	printf '%s' "$pid"
}

# Sends SIGTERM to every PID given, waits up to TIMEOUT seconds for all of them
# to exit, then SIGKILLs the rest. Callers verify ownership before.
thoth_terminate() {
	local timeout=$1 pid waited=0 alive
	shift
	[[ $# -gt 0 ]] || return 0
	kill -TERM "$@" 2>/dev/null || true
	while ((waited < timeout * 4)); do
		alive=0
		for pid in "$@"; do
			kill -0 "$pid" 2>/dev/null && alive=1
		done
		((alive)) || return 0
		sleep 0.25
		waited=$((waited + 1))
	done
	for pid in "$@"; do
		if kill -0 "$pid" 2>/dev/null; then
			thoth_warn "pid $pid did not stop within ${timeout}s; sending SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
}

# Waits up to 5 s for FILE to exist and be non-empty.
thoth_wait_for_file() {
	local file=$1 waited=0
	while [[ ! -s $file ]] && ((waited < 100)); do
		sleep 0.05
		waited=$((waited + 1))
	done
	[[ -s $file ]]
}

# Starts a command detached from the terminal (own session, stdin /dev/null,
# output appended to LOG) and writes its pid (the pid of the exec'd command) to
# PIDFILE. Usage: thoth_spawn PIDFILE LOG cmd args...
thoth_spawn() {
	local pidfile=$1 log=$2
	shift 2
	rm -f "$pidfile"
	# shellcheck disable=SC2016 # $$ and $1 are for the inner shell
	setsid bash -c 'echo $$ >"$1.tmp" && mv -f "$1.tmp" "$1"; shift; exec nohup "$@"' thoth-spawn "$pidfile" "$@" \
		</dev/null >>"$log" 2>&1 &
	thoth_wait_for_file "$pidfile"
}
