# tests/tally.sh - one suite's counts, added to the run's tally.  Sourced by
# every harness (through tests/lib.sh, or directly); make check and make
# test set MACLAURIN_TALLY to a fresh file and print the sum of its lines
# last (tests/tally_total).  The file is taken when this is sourced, so a
# suite that then clears its environment (the Slurm suites unset every
# MACLAURIN_* variable) still adds its counts.
#
# tally_record PASSED FAILED SKIPPED: one line in $MACLAURIN_TALLY, if set.
TALLY_FILE=${MACLAURIN_TALLY:-}
tally_record() {
    [ -z "$TALLY_FILE" ] || echo "$1 $2 $3" >>"$TALLY_FILE"
}
