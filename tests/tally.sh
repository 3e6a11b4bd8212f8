# tests/tally.sh - one suite's counts, added to the run's tally.  Sourced by
# every harness; make check and make test set MACLAURIN_TALLY to a fresh
# file and print the sum of its lines last (tests/tally_total).
#
# tally_record PASSED FAILED SKIPPED: one line in $MACLAURIN_TALLY, if set.
tally_record() {
    [ -z "${MACLAURIN_TALLY:-}" ] || echo "$1 $2 $3" >>"$MACLAURIN_TALLY"
}
