# shellcheck shell=bash
# Shared by the benchmarks in bench/: the real test servers, on the defaults.

# Starts scripts/test-services unless THOTH_TEST_* already point at running ones (then
# stops them on exit if this call started them), and leaves out every optional backing
# service, since the benchmarks measure the defaults: no ChromaDB, no Redis, no model.
thoth_bench_test_services() {
	local root=$1 env_file
	if [[ -z ${THOTH_TEST_POSTGRES_URL:-} ]]; then
		env_file=$("$root/scripts/test-services" env)
		if [[ ! -f $env_file ]]; then
			# shellcheck disable=SC2064 # the root is fixed now, on purpose
			trap "\"$root/scripts/test-services\" stop >/dev/null 2>&1 || true" EXIT
		fi
		"$root/scripts/test-services" start >/dev/null
		# shellcheck disable=SC1090
		source "$env_file"
	fi
	unset THOTH_CHROMADB_URL THOTH_REDIS_URL THOTH_LLM_PROVIDER THOTH_TEST_CONTAINERS
}
