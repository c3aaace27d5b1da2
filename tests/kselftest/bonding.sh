#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kselftest/bonding: the kernel's own bonding selftests
# (tools/testing/selftests/drivers/net/bonding, extracted by
# tests/kselftest/extract from Debian's linux-source-6.12), each run with
# bonding.ko and then with nbond.ko loaded with kind=bond, in this one VM
# (what `make kselftest` boots). Prints a table of both drivers' results
# and fails if a test that bonding.ko passes does not pass with nbond.
#
# A test exits 0 (pass), 4 (skip, kselftest's KSFT_SKIP) or anything else
# (fail); one that runs out of its time is killed and counted as a
# timeout. NBOND_KSELFTEST_TIMEOUT sets that time (default 900 s, the
# tests' own "settings" say 1200 on hardware); NBOND_KSELFTEST_ONLY, a
# space-separated list of test names, runs only those.

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"

require_nbond
modprobe -n -q bonding || fail "bonding.ko is not available"

readonly SRC=${NBOND_TOP:?}/build/kselftest/selftests
readonly TIMEOUT=${NBOND_KSELFTEST_TIMEOUT:-900}
[[ -d $SRC/drivers/net/bonding ]] ||
	fail "no $SRC/drivers/net/bonding: run tests/kselftest/extract"

# The tests write next to themselves at times: run a copy on the tmpfs.
WORK=$(mktemp -d /tmp/kselftest.XXXXXX)
on_exit "rm -rf '$WORK'"
cp -a "$SRC" "$WORK/"
readonly DIR=$WORK/selftests/drivers/net/bonding

# TEST_PROGS of the selftests' Makefile, in its order.
test_programs() {
	sed -n '/^TEST_PROGS/,/^$/p' "$DIR/Makefile" |
		grep -oE '[A-Za-z0-9_.-]+\.sh'
}

use_driver() {
	case $1 in
	bonding.ko)
		[[ -d /sys/module/nbond ]] && rmmod nbond
		[[ -d /sys/module/bonding ]] || modprobe bonding max_bonds=0
		;;
	nbond)
		[[ -d /sys/module/bonding ]] && rmmod bonding
		[[ -d /sys/module/nbond ]] || insmod "$NBOND_KO" kind=bond
		;;
	esac
}

restore_nbond() {
	[[ -d /sys/module/bonding ]] && rmmod bonding
	[[ -d /sys/module/nbond ]] && rmmod nbond
	insmod "$NBOND_KO"
}
on_exit restore_nbond

# run_test DRIVER TEST: prints "pass|skip|fail|timeout SECONDS".
run_test() {
	local driver=$1 test=$2 log start rc=0 verdict
	log=$RESULTS_DIR/$driver-${test%.sh}.log
	use_driver "$driver"
	start=$(now_ms)
	(cd "$DIR" && timeout --kill-after=10 "$TIMEOUT" "./$test") \
		>"$log" 2>&1 </dev/null || rc=$?
	ip -all netns delete 2>/dev/null || true
	case $rc in
	0) verdict=pass ;;
	4) verdict=skip ;;
	124|137) verdict=timeout ;;
	*) verdict=fail ;;
	esac
	echo "$verdict $(( ($(now_ms) - start + 500) / 1000 ))"
}

declare -A RESULT
mapfile -t TESTS < <(test_programs)
[[ ${#TESTS[@]} -gt 0 ]] || fail "no TEST_PROGS in $DIR/Makefile"
if [[ -n ${NBOND_KSELFTEST_ONLY:-} ]]; then
	read -r -a TESTS <<< "$NBOND_KSELFTEST_ONLY"
fi

for test in "${TESTS[@]}"; do
	[[ -x $DIR/$test ]] || chmod +x "$DIR/$test"
	for driver in bonding.ko nbond; do
		RESULT[$driver/$test]=$(run_test "$driver" "$test")
		echo "$test with $driver: ${RESULT[$driver/$test]% *}" \
			"(${RESULT[$driver/$test]#* } s)"
	done
done

step "the kernel's bonding selftests ($(uname -r)), bonding.ko and nbond"
printf '  %-36s %-16s %-16s\n' test bonding.ko nbond | tee "$RESULTS_DIR/table.txt"
regressions=0
for test in "${TESTS[@]}"; do
	ref=${RESULT[bonding.ko/$test]}
	got=${RESULT[nbond/$test]}
	printf '  %-36s %-16s %-16s\n' "$test" "${ref% *} (${ref#* } s)" \
		"${got% *} (${got#* } s)" | tee -a "$RESULTS_DIR/table.txt"
	if [[ ${ref% *} == pass && ${got% *} != pass ]]; then
		regressions=$((regressions + 1))
	fi
done
echo "logs: $RESULTS_DIR/<driver>-<test>.log"
assert_eq "tests bonding.ko passes and nbond does not" "$regressions" 0
