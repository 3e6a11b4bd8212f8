# mk/sweep.mk - scaling sweeps, their plots, and the tests of those scripts.
#
#   make sweep              strong and weak sweeps into results/<host>-<stamp>-<mode>.csv
#   make sweep MODE=weak    one mode only (also: make sweep-strong, make sweep-weak)
#   make plot               the sweep just made (make sweep names its files in
#                           $(OBJDIR)/last-sweep), or CSV="A.csv B.csv": each into
#                           <its name>.png and .txt beside it; never a committed
#                           figure (make figures redraws those, results/figures.ini)
#   make sweep-test         the scripts' tests (part of make test)
# SWEEP_ARGS adds options to scripts/sweep (see scripts/sweep --help), e.g.
# SWEEP_ARGS="--threads 1,2,4 --oversubscribe".  The defaults suit a 2-core
# machine: runs under a second, a sweep of minutes (a core's rate: docs/performance.md).
# SWEEP_REPEAT rounds: every configuration once a round, in a shuffled order.

SWEEP_TERMS_STRONG ?= 3e10
SWEEP_TERMS_WEAK   ?= 1.5e10
SWEEP_REPEAT       ?= 11
SWEEP_ARGS         ?=
SWEEP_STAMP        := $(shell hostname)-$(shell date +%Y%m%d-%H%M%S)
SWEEP_MODES         = $(or $(MODE),strong weak)
LAST_SWEEP         := $(OBJDIR)/last-sweep

.PHONY: sweep sweep-strong sweep-weak plot sweep-test

## sweep (study): strong and weak scaling sweeps (MODE= one of them) into results/<host>-<stamp>-<mode>.csv; SWEEP_ARGS= adds options [needs: all]
sweep: $(BINDIR)/maclaurin_omp $(BINDIR)/maclaurin_mpi
	@mkdir -p $(OBJDIR) && : >$(LAST_SWEEP) && for mode in $(SWEEP_MODES); do \
	    terms=$(SWEEP_TERMS_STRONG); [ $$mode = weak ] && terms=$(SWEEP_TERMS_WEAK); \
	    out=results/$(SWEEP_STAMP)-$$mode.csv; \
	    scripts/sweep --bin-dir $(BINDIR) --mode $$mode --terms $$terms --repeat $(SWEEP_REPEAT) \
	        --out $$out $(SWEEP_ARGS) || exit $$?; \
	    echo $$out >>$(LAST_SWEEP); \
	done

## sweep-strong (study): make sweep MODE=strong
## sweep-weak (study): make sweep MODE=weak
sweep-strong sweep-weak:
	@$(MAKE) --no-print-directory sweep MODE=$(@:sweep-%=%)

# Never by glob or by age: the files make sweep names, or those given.
## plot (study): the figure and table of the sweep just made, or of CSV="A.csv B.csv", beside each file [needs: python3-numpy python3-matplotlib]
plot:
	@csvs="$(or $(CSV),$$(cat $(LAST_SWEEP) 2>/dev/null))"; \
	[ -n "$$csvs" ] || { echo "plot: no sweep to draw (make sweep first, or make plot CSV=results/FILE.csv)" >&2; exit 1; }; \
	for csv in $$csvs; do \
	    out=$${csv%.csv}; \
	    for f in $$out.png $$out.txt; do \
	        if [ "$(FORCE)" != 1 ] && git ls-files --error-unmatch $$f >/dev/null 2>&1; then \
	            echo "plot: $$f is committed: make figures redraws it (FORCE=1 overwrites)" >&2; exit 1; fi; \
	    done; \
	    scripts/plot_scaling $$csv -o $$out.png && scripts/scaling_table $$csv | tee $$out.txt || exit $$?; \
	done

## sweep-test (test): the tests of the sweep, bench, analysis and install scripts and of make help [needs: all]
sweep-test: $(BINDIR)/maclaurin_omp $(BINDIR)/maclaurin_mpi
	@tests/scripts/run_script_tests

TEST_SUITES += sweep-test
