#!/usr/bin/env bash
# Runs one Thoth service for ./thoth up and starts it again whenever it dies (a crash,
# an OutOfMemoryError under -XX:+ExitOnOutOfMemoryError, kill -9), with a line in the
# service's log and a count in RESTARTS_FILE. Only a service that ./thoth up has seen
# UP (ARMED_FILE exists) is restarted: one that fails at start-up is reported by up.
# ./thoth down stops this supervisor first (SIGTERM: it exits and leaves the service
# alone), then the service.
#
# TMPDIR is the service's own temporary directory (its -Djava.io.tmpdir), emptied before
# every start: ONNX Runtime unpacks its native libraries into a new directory there on
# each start and leaves it behind (16 MB when the JVM was killed), so a laptop that runs
# Thoth for years would otherwise fill /tmp with them.
#
#   supervise.sh SERVICE PIDFILE LOG ARMED_FILE RESTARTS_FILE TMPDIR -- command args...
set -u

svc=$1 pidfile=$2 log=$3 armed=$4 restarts_file=$5 tmp=$6
shift 6
[[ ${1:-} == -- ]] && shift

stopping=0
trap 'stopping=1' TERM INT HUP
delay=1
max_delay=${THOTH_RESTART_MAX_DELAY:-30}

while :; do
	started=$SECONDS
	# Nothing else uses it: the service's previous run has ended.
	rm -rf "$tmp" && mkdir -p "$tmp"
	"$@" </dev/null >>"$log" 2>&1 &
	child=$!
	echo "$child" >"$pidfile.tmp" && mv -f "$pidfile.tmp" "$pidfile"
	status=0
	# wait returns early when a signal arrives; the child may still be running.
	while :; do
		wait "$child"
		status=$?
		((stopping)) && exit 0
		kill -0 "$child" 2>/dev/null || break
	done
	[[ -f $armed ]] || exit 0
	restarts=$(($(cat "$restarts_file" 2>/dev/null || echo 0) + 1))
	echo "$restarts" >"$restarts_file"
	# A service that ran a while before it died starts again at once.
	((SECONDS - started > 60)) && delay=1
	printf '\n==== %s: ./thoth restarts %s: pid %s exited with status %s (restart %d, in %d s) ====\n' \
		"$(date '+%F %T')" "$svc" "$child" "$status" "$restarts" "$delay" >>"$log"
	sleep "$delay" &
	wait $!
	((stopping)) && exit 0
	delay=$((delay * 2 > max_delay ? max_delay : delay * 2))
done
