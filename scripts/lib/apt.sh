#!/usr/bin/env bash
# Installs Debian packages for the scripts that need them (test-services, container-engine).
# The mirror and the dpkg lock fail now and then on a busy CI machine, and a machine may list
# a source it cannot reach (apt-get update then fails for that one source although Debian's
# lists arrived): each try updates the lists, goes on to the install whatever the update
# said, and a failed install waits 15 s, then 45 s, and tries again. On the last failure the
# log's tail is shown, so a broken mirror names itself in the CI log. A machine image whose
# dpkg run was interrupted refuses every install until `dpkg --configure -a` finishes it
# (the CI machines come so), so each try does that first; with nothing pending it is a no-op.
#
#   thoth_apt_install LOG package...
thoth_apt_install() {
	local log=$1 attempt delay=15
	shift
	export DEBIAN_FRONTEND=noninteractive
	for attempt in 1 2 3; do
		{
			echo "---- apt-get, try $attempt: $*"
			dpkg --configure -a || echo "---- dpkg --configure -a failed"
			apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 update ||
				echo "---- apt-get update failed; installing from the lists there are"
			apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 install -y --no-install-recommends "$@"
		} >>"$log" 2>&1 && return 0
		((attempt < 3)) || break
		echo "apt-get install $* failed (try $attempt of 3); again in ${delay} s" >&2
		sleep "$delay"
		delay=$((delay * 3))
	done
	tail -n 25 "$log" >&2
	return 1
}
