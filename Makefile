# maclaurin - a verified, vectorised series kernel; serial, OpenMP and MPI drivers.
#
# User options (set on the command line or in the environment):
#   CC        C compiler for the serial and OpenMP drivers (default: cc)
#   MPICC     MPI compiler wrapper (default: mpicc)
#   MPI=mpich MPICH instead of Open MPI: MPICC=mpicc.mpich, OBJDIR and BINDIR build/mpich/
#   ARCH      the -march target (default: native).  Building on a login node
#             for other compute nodes: make ARCH=x86-64-v3 (AVX2),
#             ARCH=x86-64-v4 (AVX-512), ARCH=znver4, ...
#   CFLAGS    optimisation and target (default: -O3 -march=$(ARCH))
#   LDFLAGS   extra link flags
#   WERROR=1  treat warnings as errors (CI does)
#   OBJDIR, BINDIR  where objects and programs go (default build/ and .): the
#             benchmark builds a second, AVX2-only copy in build/avx2-tuned
#
# -ffp-contract=off is not optional: a fused multiply-add would change the
# kernel's roundings and break the bit-for-bit agreement between the vector
# kernel and its scalar definition.  Do not add -ffast-math.

# MPI=mpich: its own wrapper and its own directories, so that objects
# compiled against one library's mpi.h are never linked into the other's
# program (the wrapper's identity is also a prerequisite of every MPI object:
# see MPI_ID below).
MPI     ?= openmpi
ifeq ($(MPI),mpich)
MPICC   ?= mpicc.mpich
OBJDIR  ?= build/mpich
BINDIR  ?= build/mpich
else ifneq ($(MPI),openmpi)
$(error MPI=$(MPI): use MPI=openmpi (the default) or MPI=mpich)
endif
MPICC   ?= mpicc
OBJDIR  ?= build
BINDIR  ?= .
# ARCH is remembered in $(OBJDIR)/arch: `make ARCH=x86-64-v4`, then `make
# install` or `make check`, keeps building for the nodes, not for the login
# node's own CPU.  make ARCH=native (or make clean) goes back.
ARCH_FILE := $(OBJDIR)/arch
ifeq ($(origin ARCH),undefined)
ARCH := $(or $(shell cat $(ARCH_FILE) 2>/dev/null),native)
ifneq ($(ARCH),native)
$(info make: ARCH=$(ARCH), remembered from the last build in $(OBJDIR)/ (make ARCH=native to change))
endif
endif
CFLAGS  ?= -O3 -march=$(ARCH)
LDFLAGS ?=

# The builds that suites make for themselves (AArch64 flavours, the
# sanitized and SMPI builds, ...) compile on every CPU this machine has:
# they are most of make test's compiling, and nothing times them.
BUILD_JOBS := -j$(shell nproc 2>/dev/null || echo 1)

WARNINGS   := -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror)
BASE_FLAGS := -std=gnu11 -ffp-contract=off -Ikernels -Iruntime -Iio $(WARNINGS)
BUILD_FACTS = -DMACLAURIN_BUILD_FLAGS='"$(strip $(CFLAGS))"'
DEPFLAGS   := -MMD -MP

# Where a change goes (docs/design.md): kernels/ computes and nothing else;
# runtime/ shares the work (communication, the hand-out of blocks, the
# shared counter, placement, the simulated platform); io/ talks to the user
# and to files (options, report, CSV, the peak cache, the version);
# programs/ holds one file per program.
KERNEL_SRC  := kernels/series_plan.c kernels/series_block.c kernels/series_kernels.c \
               kernels/series_sum.c kernels/exact_acc.c kernels/reference.c
RUNTIME_SRC := runtime/decomposition.c runtime/coordinator.c runtime/group_coordinator.c runtime/node_pool.c \
               runtime/shared_region.c runtime/placement.c runtime/machine.c
IO_SRC      := io/options.c io/csv_tags.c io/report.c io/csv_sink.c io/peak_cache.c
DRIVER_SRC  := programs/maclaurin.c $(RUNTIME_SRC) $(IO_SRC)
PEAK_SRC    := programs/maclaurin_peak.c kernels/fma_peak.c io/peak_cache.c
CSVCHECK_SRC := programs/maclaurin_csvcheck.c io/csv_check.c io/csv_fields.c io/csv_tags.c io/report.c \
                runtime/machine.c
PROGRAMS    := maclaurin_serial maclaurin_omp maclaurin_mpi maclaurin_peak maclaurin_csvcheck

objects = $(patsubst %.c,$(OBJDIR)/$(1)/%.o,$(KERNEL_SRC) $(DRIVER_SRC) $(2))
MPI_ID  := $(OBJDIR)/mpi/mpicc.id
FLAGS_ID := $(OBJDIR)/flags.id

.PHONY: all programs run test check unit-test cli-test mpi-test cluster-test clean bench bench-mpi

# What each target uses, checked first by scripts/setup: on Debian as root
# it installs what is missing; anywhere else it names each missing tool and
# what provides it (Debian, RHEL, Spack, module load), and stops.  A target
# never asks for a tool it does not use (docs/install.md lists them).
CMOCKA_USER_LIBS = $(if $(filter command line environment%,$(origin CMOCKA_LIBS)),$(CMOCKA_LIBS))
needs = @CC='$(CC)' MPICC='$(MPICC)' MPI='$(MPI)' CMOCKA_LIBS='$(CMOCKA_USER_LIBS)' \
        scripts/setup --for $(1) $(2)
NEEDS_BUILD := cc mpi

## all (build): the five programs, built for this machine's CPU (ARCH=, CC=, MPICC=, MPI=mpich change that)
all:
	$(call needs,all,$(NEEDS_BUILD))
	@$(MAKE) --no-print-directory programs
## programs (internal): the programs, without first checking what the build needs; make all runs it
programs: $(addprefix $(BINDIR)/,$(PROGRAMS))
ifeq ($(MPI),mpich)
	@echo "make: built with MPICH in $(BINDIR)/; run it with mpiexec.mpich -n 2 $(BINDIR)/maclaurin_mpi"
endif

# --- the three drivers ---------------------------------------------------------
# One source, programs/maclaurin.c, makes the three: its name and thread
# limit are given to it alone; the code it calls is told the name at run time.
$(OBJDIR)/serial/programs/maclaurin.o: DRIVER_FACTS = -DDRIVER_NAME='"maclaurin_serial"' -DDRIVER_MAX_THREADS=1
$(OBJDIR)/omp/programs/maclaurin.o: DRIVER_FACTS = -DDRIVER_NAME='"maclaurin_omp"' -DDRIVER_MAX_THREADS=4096
$(OBJDIR)/mpi/programs/maclaurin.o: DRIVER_FACTS = -DDRIVER_NAME='"maclaurin_mpi"' -DDRIVER_MAX_THREADS=4096
# Every object also depends on this Makefile, which decides its flags (the
# kernel's below): an object built under other flags is rebuilt.
$(OBJDIR)/serial/%.o: %.c Makefile $(FLAGS_ID)
	@mkdir -p $(@D)
	$(CC) $(BASE_FLAGS) -Wno-unknown-pragmas $(CFLAGS) $(DEPFLAGS) $(BUILD_FACTS) \
	    $(DRIVER_FACTS) -c $< -o $@
$(OBJDIR)/omp/%.o: %.c Makefile $(FLAGS_ID)
	@mkdir -p $(@D)
	$(CC) $(BASE_FLAGS) $(CFLAGS) -fopenmp $(DEPFLAGS) $(BUILD_FACTS) \
	    $(DRIVER_FACTS) -c $< -o $@
$(OBJDIR)/mpi/%.o: %.c Makefile $(MPI_ID) $(FLAGS_ID)
	@mkdir -p $(@D)
	$(MPICC) $(BASE_FLAGS) $(CFLAGS) -fopenmp $(DEPFLAGS) $(BUILD_FACTS) \
	    $(DRIVER_FACTS) -c $< -o $@

# The sources' revision, for the programs' rows and --version: rewritten on
# every make, replaced only when it changed, so a binary never carries a
# stale one and nothing relinks without cause.  Written to a name of its own
# (the shell's pid) and renamed: make test runs two makes at once.  MACLAURIN_GIT_REV names it
# for a copy without .git.
# results/ is data, not code: rows written there do not make a build dirty.
GIT_DIRTY  = $(shell git status --porcelain --untracked-files=no -- . ':(exclude)results' 2>/dev/null | head -c 1)
GIT_REV    = $(or $(MACLAURIN_GIT_REV),$(addsuffix $(if $(GIT_DIRTY),-dirty),$(shell git describe --always --abbrev=12 2>/dev/null)),unknown)
GIT_REV_O := $(OBJDIR)/git_rev.o
$(OBJDIR)/git_rev.c: FORCE
	@mkdir -p $(@D)
	@new=$@.$$$$.new; echo 'const char maclaurin_git_rev[] = "$(GIT_REV)";' >$$new && \
	    if cmp -s $$new $@; then rm -f $$new; else mv $$new $@; fi
$(GIT_REV_O): $(OBJDIR)/git_rev.c $(FLAGS_ID)
	$(CC) $(CFLAGS) -c $< -o $@
.PHONY: FORCE

# The compilers and flags the objects in $(OBJDIR) were compiled with,
# rewritten like git_rev.c: `make ARCH=x86-64-v3` after a native build (or
# any other CC, CFLAGS or WERROR) recompiles everything, instead of
# finding the objects up to date and linking a build for the wrong CPU.
# The ARCH is kept beside it (ARCH_FILE, above).
$(FLAGS_ID): FORCE
	@mkdir -p $(@D)
	@echo '$(ARCH)' >$(ARCH_FILE)
	@new=$@.$$$$.new; echo '$(CC) | $(MPICC) | $(CFLAGS) | $(WARNINGS)' >$$new && \
	    if cmp -s $$new $@; then rm -f $$new; else mv $$new $@; fi

# Which MPI the objects in $(OBJDIR)/mpi were compiled for: the wrapper and
# what it runs (its compiler, include and library paths), rewritten like
# git_rev.c.  A different MPICC, or mpicc switched to another library by
# update-alternatives, recompiles every MPI object instead of linking the
# old library's objects with the new one.  (MPI_ID is set above the rules.)
$(MPI_ID): FORCE
	@mkdir -p $(@D)
	@new=$@.$$$$.new; { echo '$(MPICC)'; $(MPICC) -show 2>/dev/null || $(MPICC) --version 2>/dev/null; } >$$new && \
	    if cmp -s $$new $@; then rm -f $$new; else mv $$new $@; fi

$(BINDIR)/maclaurin_serial: $(call objects,serial,runtime/comm_single.c) $(GIT_REV_O)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ -o $@ -lm
$(BINDIR)/maclaurin_omp: $(call objects,omp,runtime/comm_single.c) $(GIT_REV_O)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fopenmp $(LDFLAGS) $^ -o $@ -lm
$(BINDIR)/maclaurin_mpi: $(call objects,mpi,runtime/comm_mpi.c) $(GIT_REV_O)
	@mkdir -p $(@D)
	$(MPICC) $(CFLAGS) -fopenmp $(LDFLAGS) $^ -o $@ -lm

# The kernel object: its hot loop in source order, except in a build tuned
# for one of Intel's cores (simd.h's SIMD_TUNED_FOR_INTEL), and its 64-byte
# vectors kept whole.  GCC's second scheduling pass, tuned for a generic
# x86-64, reorders the loop into an order Zen 3 runs 3% slower; tuned for
# an Intel core it groups the multiplies and the adds, and that order is
# what Intel's cores, which bind each instruction to a port in program
# order, need to keep their three ports busy (docs/performance.md).  Clang
# splits 64-byte vectors into 32-byte halves on cores it tunes for 256-bit
# code, and the halves no longer fit the registers.  Each flag only where
# the compiler takes it.
takes_flag = $(shell $(1) -Werror $(2) -c -x c /dev/null -o /dev/null 2>/dev/null && echo $(2))
tuned_for_intel = $(shell echo SIMD_TUNED_FOR_INTEL | $(1) $(CFLAGS) -include kernels/simd.h -E -P -x c - 2>/dev/null | tail -1)
KERNEL_SCHEDULE = $(if $(filter 1,$(call tuned_for_intel,$(1))),,$(call takes_flag,$(1),-fno-schedule-insns2))
KERNEL_FLAGS = $(call KERNEL_SCHEDULE,$(1)) $(call takes_flag,$(1),-mprefer-vector-width=512)
$(OBJDIR)/serial/kernels/series_block.o $(OBJDIR)/omp/kernels/series_block.o: \
    BASE_FLAGS += $(call KERNEL_FLAGS,$(CC))
$(OBJDIR)/mpi/kernels/series_block.o: BASE_FLAGS += $(call KERNEL_FLAGS,$(MPICC))

# The peak probe: a * m + c must fuse into one FMA here, and only here.
$(OBJDIR)/serial/kernels/fma_peak.o: BASE_FLAGS += -ffp-contract=fast
$(BINDIR)/maclaurin_peak: $(patsubst %.c,$(OBJDIR)/serial/%.o,$(PEAK_SRC))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ -o $@

# maclaurin_csvcheck: is a results file well-formed?
$(BINDIR)/maclaurin_csvcheck: $(patsubst %.c,$(OBJDIR)/serial/%.o,$(CSVCHECK_SRC)) $(GIT_REV_O)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ -o $@ -lm

# --- the main job ----------------------------------------------------------------
# The MPI driver on 8 ranks (NP=..., ARGS=... to change it), started by the
# launcher of the MPI it was built with, or by srun inside a Slurm
# allocation (scripts/mpi_launch says which, and why).
NP ?= 8
## run (build): builds, then runs maclaurin_mpi on NP ranks (default 8) with the launcher of its MPI, or srun inside a Slurm allocation; ARGS= its options
run: all
	@MPICC='$(MPICC)' scripts/mpi_launch $(NP) $(BINDIR)/maclaurin_mpi $(ARGS)

# --- benchmark: the kernel against this machine's own peak ---------------------
## bench (study): the kernel against this core's FMA peak and its multiply-and-add limit, one thread, interleaved; rows in results/
bench: all
	@MACLAURIN_BIN=$(BINDIR) scripts/bench

# The work hand-out across ranks: exact (dynamic within a node) against plain
# (static), over shared memory, TCP, MPICH and two namespace nodes.
## bench-mpi (study): the hand-out across ranks, exact against plain, over shared memory, TCP, MPICH and two namespace nodes
bench-mpi: all
	$(call needs,bench-mpi,mpich root iproute2 util-linux)
	@MACLAURIN_BIN=$(BINDIR) scripts/bench_mpi

# --- tests ------------------------------------------------------------------------
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
UNIT_TESTS    := test_exact_acc test_series_block test_reference test_series_sum test_options \
                 test_node_pool test_decomposition test_coordinator test_group_coordinator test_machine
UNIT_BINS     := $(addprefix $(OBJDIR)/tests/,$(UNIT_TESTS))
TEST_OBJS     := $(patsubst %.c,$(OBJDIR)/omp/%.o,$(KERNEL_SRC) io/options.c io/csv_tags.c runtime/machine.c \
                     runtime/shared_region.c runtime/node_pool.c runtime/coordinator.c runtime/group_coordinator.c \
                     runtime/decomposition.c runtime/comm_single.c)

$(OBJDIR)/tests/%: tests/unit/%.c $(TEST_OBJS)
	@mkdir -p $(@D)
	$(CC) $(BASE_FLAGS) $(CFLAGS) -fopenmp $(CMOCKA_CFLAGS) $< $(TEST_OBJS) -o $@ \
	    $(LDFLAGS) $(CMOCKA_LIBS) -lm

# Each suite appends its target here (the mk/*.mk fragments add theirs).
TEST_SUITES := unit-test cli-test mpi-test cluster-test

# make test and make check run their suites (tests/run_suites), each to its
# end whatever the others did, and close with where the time went and the
# sum of the suites' counts (tests/tally.sh, tests/tally_total):
# "test: N passed, N failed, K skipped".  The suites in TEST_BESIDE mostly
# wait (namespace nodes, Slurm daemons, fault bounds): make test runs them
# one after another beside the others, each suite's output printed whole
# when it ends.  The mk/*.mk fragments add theirs.  sweep-test sleeps in
# its stand-in drivers, and its bench_mpi counts the machine's links, so it
# must not overlap the namespace suites: it runs in their lane, last.
TEST_BESIDE := cluster-test sweep-test
# TEST_APART: suites that time nothing and share nothing with those (no
# namespace node, no link; slurm-test's daemons are its own): a third
# lane, from the start.
TEST_APART :=
# TEST_IDLE: suites whose long part only computes and times nothing: a
# lane of their own from the start, that part at nice 19 (MACLAURIN_NICE),
# taking the CPU the others leave.
TEST_IDLE :=
TALLY = $(OBJDIR)/tests/tally
run_suites = @MAKE='$(MAKE)' MACLAURIN_BESIDE='$(TEST_BESIDE)' MACLAURIN_APART='$(TEST_APART)' \
	MACLAURIN_IDLE='$(TEST_IDLE)' \
	tests/run_suites $(1) $(TALLY) $(2)

# Everything, as root on Debian (where it installs what is missing): some
# suites build namespace nodes and start Slurm daemons.
NEEDS_TEST := $(NEEDS_BUILD) cmocka python3-numpy python3-matplotlib clang valgrind mpich root
## test (test): every suite, as root on Debian, installing what is missing; the suites that mostly wait in a second lane beside the others, a third for those that share nothing with the second's, and a fourth for the AArch64 suite, its emulation at nice 19, each suite's output printed whole when it ends; closes with the sum of the suites' counts
test:
	$(call needs,test,$(NEEDS_TEST))
	@$(MAKE) --no-print-directory $(BUILD_JOBS) all $(UNIT_BINS)
	$(call run_suites,test,$(TEST_SUITES))

## unit-test (test): the unit tests (cmocka): kernel, exact accumulator, reference, options, hand-out, machine facts, limits
unit-test: $(UNIT_BINS)
	@tests/unit/run_unit_tests $(UNIT_BINS)
$(UNIT_BINS): | unit-needs
.PHONY: unit-needs
## unit-needs (internal): checks what the unit tests need before they are built
unit-needs:
	$(call needs,unit-test,cc cmocka)

## cli-test (test): the programs as a user runs them: answers, the same bits across drivers, threads and SIMD builds, CSV, bad input, every results file read back
cli-test: all
	@tests/cli/run_cli_tests

# The MPI suite on the library this build uses, with its own launcher, then
# on the other of Open MPI and MPICH where that one's wrapper is installed
# (a build of its own in $(OBJDIR)/other-mpi; make test installs MPICH on
# Debian, so both run there); both against the serial driver, bit for bit.
## mpi-test (test): maclaurin_mpi on several ranks and threads, bit for bit against the serial build, on this build's MPI and on the other where installed [needs: all]
mpi-test: $(BINDIR)/maclaurin_mpi $(BINDIR)/maclaurin_serial
	@MACLAURIN_BIN=$(BINDIR) MPICC='$(MPICC)' OBJDIR=$(OBJDIR) tests/mpi/run_mpi_libraries

# maclaurin_mpi under Open MPI and MPICH on 3 namespace "nodes" of this
# machine, and a node lost mid-run (root only; about a minute).  Packages:
# util-linux iproute2 mpich libmpich-dev gdb.
## cluster-test (test): maclaurin_mpi under Open MPI and MPICH on namespace nodes of this machine, and a node lost mid-run; skipped without root [needs: root util-linux iproute2 mpich gdb]
cluster-test: all
	@MACLAURIN_BIN=$(BINDIR) timeout --foreground -k 60 400 tests/cluster/run_cluster_tests

# A fast check for development, and on a cluster's login node: the unit,
# CLI and MPI suites, on the MPI this build uses; a check whose tool is
# missing here (clang, a second MPI) is skipped, and counted as skipped.
## check (test): the quick path, without root: the suites it runs, on this build's MPI; a check whose tool is missing here (clang, a second MPI) is skipped, and counted
check:
	$(call needs,check,$(NEEDS_BUILD) cmocka)
	@$(MAKE) --no-print-directory all $(UNIT_BINS)
	$(call run_suites,check,unit-test cli-test mpi-test)

## clean (build): removes build/ and the programs
clean:
	rm -rf build $(OBJDIR) $(addprefix $(BINDIR)/,$(PROGRAMS)) $(CLEAN_EXTRA)

# Fragments for the benchmark, the sweeps, Slurm and the reliability suite.
include $(wildcard mk/*.mk)

-include $(shell find $(OBJDIR) -name '*.d' 2>/dev/null)
