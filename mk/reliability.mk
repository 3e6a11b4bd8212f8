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

# --- fuzzing: libFuzzer targets for the parsers, the accumulator, the CSV reader ----
# clang with libFuzzer, ASan and UBSan (Debian: clang, libclang-rt-14-dev).
# Each target is built straight from the sources it tests; found inputs are
# kept in $(FUZZ_DIR)/corpus between runs, crashes in $(FUZZ_DIR).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_DIR     := $(OBJDIR)/fuzz
FUZZ_FLAGS   := -g -O1 -march=$(ARCH) -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all
FUZZ_TARGETS := fuzz_options fuzz_exact_acc fuzz_csv_check
FUZZ_BINS    := $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))

$(FUZZ_DIR)/fuzz_options: drivers/options.c kernels/series_kernels.c kernels/series_block.c \
                          kernels/series_plan.c
$(FUZZ_DIR)/fuzz_exact_acc: kernels/exact_acc.c
$(FUZZ_DIR)/fuzz_csv_check: drivers/csv_check.c drivers/report.c
$(FUZZ_BINS): $(FUZZ_DIR)/%: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_FLAGS) $(FUZZ_FLAGS) $^ -o $@ -lm

.PHONY: fuzz fuzz-smoke
fuzz: $(FUZZ_BINS)
	@tests/fuzz/run_fuzz $(FUZZ_SECONDS) $(FUZZ_DIR) $(FUZZ_BINS)

# In make test: the seeds replayed, then 10 s per target.
fuzz-smoke: $(FUZZ_BINS)
	@tests/fuzz/run_fuzz 10 $(FUZZ_DIR) $(FUZZ_BINS)
TEST_SUITES += fuzz-smoke
