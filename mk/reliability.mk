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

# --- the limits: N near 2^63-1, more workers than blocks, N = 1 -----------------
UNIT_TESTS += test_limits
UNIT_BINS  += $(OBJDIR)/tests/test_limits
unit-test: $(OBJDIR)/tests/test_limits

# --- faults, signals, results files, valgrind ------------------------------------
.PHONY: reliability-test
## reliability-test (test): faults under MPI, signals, concurrent and killed CSV writers, the limits, valgrind (skipped without it)
reliability-test: all
	@tests/reliability/run_reliability_tests
TEST_SUITES += reliability-test

# --- make sanitize: the suites again, on an AddressSanitizer + UBSan build -------
# -O2, not the -O1 sanitizers usually get: at -O1 GCC does not vectorise the
# kernel and the suites take ten times as long; the checks are the same.
# The suites take the programs from $MACLAURIN_BIN; one that does can add
# itself to SAN_SUITES.  Open MPI's own unfreed memory is suppressed by
# tests/reliability/lsan.supp (which says why); nothing else is.
SAN_DIR    := build/asan
SAN_CFLAGS := -O2 -g -march=$(ARCH) -fno-omit-frame-pointer \
              -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
SAN_SUITES := unit-test cli-test mpi-test reliability-test
SAN_ENV    := MACLAURIN_BIN=$(SAN_DIR) MACLAURIN_SANITIZED=1 \
              ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
              LSAN_OPTIONS=suppressions=$(CURDIR)/tests/reliability/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0 \
              UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
SAN_MAKE   := $(MAKE) --no-print-directory OBJDIR=$(SAN_DIR) BINDIR=$(SAN_DIR) \
              CFLAGS="$(SAN_CFLAGS)" LDFLAGS="-fsanitize=address,undefined,float-cast-overflow"

.PHONY: sanitize
## sanitize (test): the suites in SAN_SUITES again, on an AddressSanitizer and UBSan build in build/asan
sanitize:
	@$(SAN_MAKE) $(BUILD_JOBS) all
	@$(SAN_ENV) $(SAN_MAKE) -k $(SAN_SUITES)
TEST_SUITES += sanitize

# --- fuzzing: libFuzzer targets for the parsers, the accumulator, the CSV reader ----
# clang with libFuzzer, ASan and UBSan (Debian: clang, libclang-rt-dev).
# Each target is built straight from the sources it tests; found inputs are
# kept in $(FUZZ_DIR)/corpus between runs, crashes in $(FUZZ_DIR).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_DIR     := $(OBJDIR)/fuzz
FUZZ_FLAGS   := -g -O1 -march=$(ARCH) -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all
FUZZ_TARGETS := fuzz_options fuzz_exact_acc fuzz_csv_check
FUZZ_BINS    := $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))

$(FUZZ_DIR)/fuzz_options: io/options.c io/csv_tags.c kernels/series_kernels.c kernels/series_block.c \
                          kernels/series_plan.c
$(FUZZ_DIR)/fuzz_exact_acc: kernels/exact_acc.c
$(FUZZ_DIR)/fuzz_csv_check: io/csv_check.c io/csv_fields.c io/csv_tags.c io/report.c runtime/machine.c \
                            $(OBJDIR)/git_rev.c
$(FUZZ_BINS): $(FUZZ_DIR)/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(wildcard kernels/*.h runtime/*.h io/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_FLAGS) $(FUZZ_FLAGS) $(filter %.c,$^) -o $@ -lm

.PHONY: fuzz fuzz-smoke fuzz-needs
## fuzz-needs (internal): checks clang with libFuzzer for fuzz and fuzz-smoke
fuzz-needs:
	$(call needs,fuzz,clang)
## fuzz (test): each libFuzzer target (options, exact accumulator, CSV reader) for FUZZ_SECONDS; found inputs kept for the next run
fuzz: fuzz-needs
	@$(MAKE) --no-print-directory $(BUILD_JOBS) $(FUZZ_BINS)
	@tests/fuzz/run_fuzz $(FUZZ_SECONDS) $(FUZZ_DIR) $(FUZZ_BINS)

# In make test: the seeds replayed, then 10 s per target.
## fuzz-smoke (test): the fuzzers' seeds replayed, then a short run of each target
fuzz-smoke: fuzz-needs
	@$(MAKE) --no-print-directory $(BUILD_JOBS) $(FUZZ_BINS)
	@tests/fuzz/run_fuzz 10 $(FUZZ_DIR) $(FUZZ_BINS)
TEST_SUITES += fuzz-smoke
# Each target runs for its seconds whatever the load, nothing in it is
# timed and it shares nothing with the namespace and Slurm suites: in make
# test's third lane (the Makefile's TEST_APART).
TEST_APART += fuzz-smoke
