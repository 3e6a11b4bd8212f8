# mk/sweep.mk - scaling sweeps, their plots, and the tests of those scripts.
#
#   make sweep              strong and weak sweeps into results/<host>-<stamp>-<mode>.csv
#   make sweep MODE=weak    one mode only (also: make sweep-strong, make sweep-weak)
#   make plot               results/scaling-<mode>.png and .txt from the newest measured CSV of
#                           each mode (told by its simulated column, never by its name)
#   make sweep-test         the scripts' tests (part of make test)
# SWEEP_ARGS adds options to scripts/sweep (see scripts/sweep --help), e.g.
# SWEEP_ARGS="--threads 1,2,4 --oversubscribe".  The defaults suit a 2-core
# machine: runs under a second, a sweep of minutes (a core's rate: docs/performance.md).

SWEEP_TERMS_STRONG ?= 6e9
SWEEP_TERMS_WEAK   ?= 3e9
SWEEP_REPEAT       ?= 11
SWEEP_ARGS         ?=
SWEEP_STAMP        := $(shell hostname)-$(shell date +%Y%m%d-%H%M%S)
SWEEP_MODES         = $(or $(MODE),strong weak)

.PHONY: sweep sweep-strong sweep-weak plot sweep-test

sweep: $(BINDIR)/maclaurin_omp $(BINDIR)/maclaurin_mpi
	@for mode in $(SWEEP_MODES); do \
	    terms=$(SWEEP_TERMS_STRONG); [ $$mode = weak ] && terms=$(SWEEP_TERMS_WEAK); \
	    scripts/sweep --bin-dir $(BINDIR) --mode $$mode --terms $$terms --repeat $(SWEEP_REPEAT) \
	        --out results/$(SWEEP_STAMP)-$$mode.csv $(SWEEP_ARGS) || exit $$?; \
	done

sweep-strong sweep-weak:
	@$(MAKE) --no-print-directory sweep MODE=$(@:sweep-%=%)

# The analysis picks the files: the newest whose rows are all measured
# (simulated = 0) and of the mode, whatever their names.
PICK = bash -c 'PROG=plot LIB=scripts/lib && . scripts/lib/analysis.sh && analysis pick "$$@"' pick

plot:
	@for mode in $(SWEEP_MODES); do \
	    csv=$$($(PICK) measured $$mode results/*.csv | head -n 1); \
	    [ -n "$$csv" ] || { echo "plot: no measured $$mode-scaling CSV in results/ (make sweep first)" >&2; exit 1; }; \
	    scripts/plot_scaling "$$csv" -o results/scaling-$$mode.png && \
	    scripts/scaling_table "$$csv" | tee results/scaling-$$mode.txt || exit $$?; \
	done

sweep-test: $(BINDIR)/maclaurin_omp $(BINDIR)/maclaurin_mpi
	@tests/scripts/run_script_tests

TEST_SUITES += sweep-test
