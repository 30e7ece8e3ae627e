# shellcheck shell=bash
# Finds a Java 25+ JDK for Thoth. Source this file, then call thoth_require_java:
# it exports JAVA_HOME (for ./mvnw and the services) or prints one message and
# returns 1.
#   source scripts/lib/java.sh && thoth_require_java || exit 1

THOTH_JAVA_MIN_MAJOR=${THOTH_JAVA_MIN_MAJOR:-25}

# JVM options for a service on a laptop: a small serial heap and the C1 compiler keep
# six services near 250 MB each and start them fast (bench/results/startup.md). A JVM
# that runs out of memory exits (and ./thoth restarts it) rather than lingering broken.
# THOTH_JAVA_OPTS replaces them.
# shellcheck disable=SC2034 # used by ./thoth and bench/startup.sh
THOTH_DEFAULT_JAVA_OPTS="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx128m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
# The API holds the search index's vectors and its caches: its heap grows with the
# library (README, "Memory"). It starts at 32 MB and grows as it is needed: the JVM's
# first heap is a 64th of the machine's memory, more than the bound on 24 GB, so the
# whole heap was committed at start (idle 332 MB resident from the jar, 295 from 32 MB;
# with the AOT cache 349 and 335). The 128 MB services gained nothing measurable.
# shellcheck disable=SC2034
THOTH_API_DEFAULT_JAVA_OPTS="${THOTH_DEFAULT_JAVA_OPTS/-Xmx128m/-Xms32m -Xmx256m}"
# For a large library (THOTH_API_JAVA_OPTS="$THOTH_API_SEARCH_JAVA_OPTS"): the optimising
# compiler and Lucene's SIMD code (the incubating Vector API, which needs C2) make a search
# several times cheaper, for about 125 MB more resident memory and a slower start
# (bench/results/search-latency.md is measured with these, bench/results/startup.md
# without). A code cache of 64 MB filled under search load and asked for full collections
# of about 200 ms each; it is reserved address space, used only as code is compiled.
# shellcheck disable=SC2034
THOTH_API_SEARCH_JAVA_OPTS="--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmx256m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=128m -Xss512k -XX:+ExitOnOutOfMemoryError"
# The PDF monitor parses PDFs and runs the embedding model: a larger heap and the
# optimising compiler pay for themselves there. Its heap starts at 32 MB too (idle 403 MB
# resident from the jar, 324 from 32 MB; with the AOT cache 401 and 355).
# shellcheck disable=SC2034
THOTH_PDF_MONITOR_DEFAULT_JAVA_OPTS="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms32m -Xmx512m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError"

# Major version of the java binary given (e.g. 25), or nothing.
thoth_java_major() {
	local java=$1 line version
	[[ -x $java ]] || return 0
	line=$("$java" -version 2>&1 | grep -m1 -E 'version "' || true)
	version=${line#*version \"}
	version=${version%%\"*}
	version=${version#1.} # 1.8 -> 8
	version=${version%%[!0-9]*}
	printf '%s' "$version"
}

# True when DIR is a JDK (has java and javac) of the wanted major version or newer.
thoth_is_good_jdk() {
	local dir=$1 major
	[[ -n $dir && -x $dir/bin/java && -x $dir/bin/javac ]] || return 1
	major=$(thoth_java_major "$dir/bin/java")
	[[ -n $major ]] && ((major >= THOTH_JAVA_MIN_MAJOR))
}

# Prints the home of the first suitable JDK: JAVA_HOME, else /usr/lib/jvm/*.
thoth_find_java_home() {
	local candidate
	if [[ -n ${JAVA_HOME:-} ]] && thoth_is_good_jdk "$JAVA_HOME"; then
		printf '%s\n' "$JAVA_HOME"
		return 0
	fi
	for candidate in /usr/lib/jvm/*/; do
		candidate=${candidate%/}
		[[ -L $candidate ]] && continue # aliases such as default-java point at a real one
		if thoth_is_good_jdk "$candidate"; then
			printf '%s\n' "$candidate"
			return 0
		fi
	done
	return 1
}

thoth_require_java() {
	local home
	if ! home=$(thoth_find_java_home); then
		printf 'Thoth needs a Java %s JDK; none found in JAVA_HOME (%s) or /usr/lib/jvm. Install Temurin %s and set JAVA_HOME.\n' \
			"$THOTH_JAVA_MIN_MAJOR" "${JAVA_HOME:-unset}" "$THOTH_JAVA_MIN_MAJOR" >&2
		return 1
	fi
	JAVA_HOME=$home
	export JAVA_HOME
}
