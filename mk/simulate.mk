# mk/simulate.mk - strong and weak scaling to 4,096 ranks, simulated with SimGrid SMPI.
#
#   make simulate           the strong sweeps (1 .. 4096 ranks, exact and plain) on
#                           platforms/*.xml into results/simulated-<platform>.csv,
#                           resuming what is already there
#   make simulate MODE=weak the weak sweeps (results/simulated-<platform>-weak.csv)
#   make simulate-validate  the real maclaurin_mpi on 1 and 2 ranks against the
#                           simulated one (results/validation-{measured,simulated}.csv)
#   make simulate-slowed    a quarter of the hosts at half speed, 16 .. 4096 ranks,
#                           3e11 and 3e12 terms, 1 and 16 ranks a node, on both
#                           platforms, each configuration with its balanced twin
#                           (results/simulated-<platform>[.16-core].slowed.csv;
#                           about an hour of one core, make -j2 runs two at once):
#                           a table
# make figures then redraws the committed figures from them (results/figures.ini:
# scaling-simulated.png, simulated-slowed.png).
#   make simulate-test      a 64-rank simulation, bit for bit against the real
#                           build (part of make test)
# SIMULATE_REPEAT (default 3: the predictions are deterministic, every
# repetition the same) sets the repetitions; SIMULATE_SPEED the simulated
# core's terms/s (default: measured here at the start, scripts/simulate
# --host-speed); SIMULATE_ARGS adds options to
# scripts/simulate (scripts/simulate --help), e.g. SIMULATE_ARGS="--platform
# infiniband-hdr --ranks 1,64,4096".  A full strong sweep takes minutes
# (wall times: results/LOG.md).  Needs SimGrid's SMPI (Debian: libsimgrid-dev, which scripts/setup
# installs for these targets).
#
# The SMPI build: maclaurin_mpi from the same sources, compiled by smpicc into
# $(SMPI_DIR), its own OBJDIR.  What differs from the real build is here:
#   SMPI_CFLAGS  -DMACLAURIN_SIMULATED=1: runtime/simulation.h, the one
#                place in the code that differs: each rank charges its host
#                for its terms, names its simulated host and counts its
#                cores, and accepts SMPI's thread level; its rows say
#                simulated=1 and the platform's name (io/report.c)
#   no OpenMP    as maclaurin_serial: one thread a rank, on a core of its
#                simulated host (DRIVER_MAX_THREADS=1 refuses -t 2).  SMPI runs
#                every rank in one OS thread, and there libgomp's parallel
#                regions cost milliseconds now and then at 4,096 ranks, which
#                the slowest rank's time (the program's) then shows.
# The run-time SMPI settings are in one place too: smpirun_options in
# analysis/maclaurin_analysis/simulation.py (scripts/analysis smpirun-options NP).

SMPI_CC      ?= smpicc
SMPI_CFLAGS  := -DMACLAURIN_SIMULATED=1
SMPI_DIR     := $(OBJDIR)/smpi
SMPI_BIN     := $(SMPI_DIR)/maclaurin_mpi
SMPI_OBJS    := $(patsubst %.c,$(SMPI_DIR)/%.o,$(KERNEL_SRC) $(DRIVER_SRC) runtime/comm_mpi.c)
SIMULATE_REPEAT ?= 3
SIMULATE_ARGS   ?=

.PHONY: simulate simulate-validate simulate-slowed simulate-test simulate-setup

$(SMPI_DIR)/%.o: %.c Makefile
	@mkdir -p $(@D)
	$(SMPI_CC) $(BASE_FLAGS) -Wno-unknown-pragmas $(CFLAGS) $(SMPI_CFLAGS) $(DEPFLAGS) \
	    -DMACLAURIN_BUILD_FLAGS='"$(strip $(CFLAGS) $(SMPI_CFLAGS))"' \
	    $(DRIVER_FACTS) -c $< -o $@
$(SMPI_DIR)/programs/maclaurin.o: DRIVER_FACTS = -DDRIVER_NAME='"maclaurin_mpi"' -DDRIVER_MAX_THREADS=1
$(SMPI_DIR)/kernels/series_block.o: BASE_FLAGS += $(call KERNEL_FLAGS,$(SMPI_CC))
$(SMPI_BIN): $(SMPI_OBJS) $(GIT_REV_O)
	$(SMPI_CC) $(CFLAGS) $(LDFLAGS) $^ -o $@ -lm

## simulate-setup (internal): checks SimGrid's SMPI for the simulate targets
simulate-setup:
	$(call needs,simulate,libsimgrid-dev)

SIMULATE_SPEED  ?= measure

## simulate (study): strong sweeps to thousands of simulated ranks under SimGrid SMPI on platforms/*.xml (MODE=weak: the weak ones), resuming what results/ has [needs: cc]
simulate: simulate-setup
	@$(MAKE) --no-print-directory $(SMPI_BIN) $(BINDIR)/maclaurin_serial
	@scripts/simulate --bin $(SMPI_BIN) --mode $(or $(MODE),strong) --repeat $(SIMULATE_REPEAT) --resume \
	    --host-speed $(SIMULATE_SPEED) $(SIMULATE_ARGS)

## simulate-validate (study): the real maclaurin_mpi on one and two ranks against the simulated one [needs: all]
simulate-validate: simulate-setup
	@$(MAKE) --no-print-directory $(SMPI_BIN) $(BINDIR)/maclaurin_mpi $(BINDIR)/maclaurin_serial
	@scripts/simulate --bin $(SMPI_BIN) --validate --repeat $(SIMULATE_REPEAT) --resume \
	    --host-speed $(SIMULATE_SPEED) $(SIMULATE_ARGS)

# The hand-out with slow hosts (docs/design.md, "The tree across nodes"):
# every 4th host at half speed, exact only, and its balanced twin (no host
# slowed, exact and plain) into the same CSV; one repetition and no warm-up,
# since the predictions are deterministic.  One CSV a platform and layout
# (PLATFORM.CORES), each its own target, so that make -j2 runs two at once.
SLOWED_SIZES := 3e11:16,32,64,128,256,512,1024,2048,4096 3e12:16,64,256,1024,4096
SLOWED_RUNS  := ethernet-10g.1 ethernet-10g.16 infiniband-hdr.1 infiniband-hdr.16
slowed_csv    = results/simulated-$(basename $(1))$(if $(filter .1,$(suffix $(1))),,$(suffix $(1))-core).slowed.csv
.PHONY: $(addprefix simulate-slowed-,$(SLOWED_RUNS))
## simulate-slowed (study): a quarter of the simulated hosts at half speed against their balanced twins, both platforms, 1 and 16 ranks a node, and its table [needs: cc]
simulate-slowed: $(addprefix simulate-slowed-,$(SLOWED_RUNS))
	@scripts/analysis slowed $(foreach r,$(SLOWED_RUNS),$(call slowed_csv,$(r)))
$(addprefix simulate-slowed-,$(SLOWED_RUNS)): simulate-slowed-%: simulate-setup
	@$(MAKE) --no-print-directory $(SMPI_BIN) $(BINDIR)/maclaurin_serial
	@for size in $(SLOWED_SIZES); do \
	    set -- --bin $(SMPI_BIN) --platform $(basename $*) --cores-per-node $(subst .,,$(suffix $*)) \
	        --terms $${size%%:*} --ranks $${size#*:} --repeat 1 --warmup 0 --host-speed $(SIMULATE_SPEED) \
	        --out $(call slowed_csv,$*) --resume $(SIMULATE_ARGS); \
	    scripts/simulate "$$@" --slow-hosts 4:0.5 --reduction exact && \
	        scripts/simulate "$$@" --reduction exact,plain || exit 1; \
	done

## simulate-test (test): a small simulation, bit for bit against the real build, predictions and platforms checked [needs: all]
simulate-test: simulate-setup
	@$(MAKE) --no-print-directory $(BUILD_JOBS) $(SMPI_BIN) $(BINDIR)/maclaurin_mpi
	@tests/simulate/run_simulate_tests

TEST_SUITES += simulate-test
# Its predictions are simulated, its one measured rate is checked within a
# factor of 3, and it makes no namespace node or link: it runs in make
# test's third lane (the Makefile's TEST_APART).
TEST_APART += simulate-test
