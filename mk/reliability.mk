# mk/reliability.mk - sanitizers, fuzzing, fault injection, crash-safe results.
#
#   make reliability-test    faults under MPI, signals, concurrent and killed
#                            CSV writers, limits, valgrind (in make test)
#   make sanitize            every suite again on an ASan+UBSan build (in make test)
#   make fuzz FUZZ_SECONDS=N each libFuzzer target for N seconds (default 30)
#   make fuzz-smoke          seeds replayed, then 10 s per target (in make test)
#
# UNIT_BINS is fixed (:=) before this file is read, so the limits test is
# added to it and to unit-test's prerequisites here.

# --- maclaurin_csvcheck: is a results file well-formed? ------------------------
CSVCHECK_SRC := drivers/maclaurin_csvcheck.c drivers/csv_check.c drivers/report.c
$(BINDIR)/maclaurin_csvcheck: $(patsubst %.c,$(OBJDIR)/serial/%.o,$(CSVCHECK_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) $^ -o $@ -lm
all: $(BINDIR)/maclaurin_csvcheck
CLEAN_EXTRA += $(BINDIR)/maclaurin_csvcheck

# --- the limits: N near 2^63-1, more workers than blocks, N = 1 -----------------
UNIT_TESTS += test_limits
UNIT_BINS  += $(OBJDIR)/tests/test_limits
unit-test: $(OBJDIR)/tests/test_limits

# --- faults, signals, results files, valgrind ------------------------------------
.PHONY: reliability-test
reliability-test: all
	@tests/reliability/run_reliability_tests
TEST_SUITES += reliability-test
