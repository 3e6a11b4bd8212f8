# mk/compare.mk - the peers side by side (docs/compare.md).
#
#   make compare          every peer at the talk's N and a larger N: results/compare-<host>.csv
#                         and .png, and a table of ratios (about 2 minutes on 2 cores)
#   make compare-test     a tiny run, checked (part of make test)
# COMPARE_ARGS adds options to scripts/compare (see its top), e.g. COMPARE_ARGS="--rounds 5".
#
# The C peers are built as a C programmer builds them: -O3 -march=native
# and warnings, none of the project's own flags (no -ffp-contract=off, no
# kernel tuning), so that the comparison is with the textbook, not with a
# copy of maclaurin's build.

PEER_DIR    := $(OBJDIR)/peers
PEER_CFLAGS := -O3 -march=$(ARCH)
PEER_WARN   := -Wall -Wextra -Werror
PEER_BINS   := $(addprefix $(PEER_DIR)/,pow_loop omp_running_product cpi_mpi)
COMPARE_ARGS ?=

.PHONY: compare compare-peers compare-test

## compare-peers (internal): the C peers, built as a C programmer builds them; make compare runs it
compare-peers: $(PEER_BINS)
$(PEER_DIR)/pow_loop: peers/pow_loop.c peers/peer_args.h mk/compare.mk
	@mkdir -p $(@D)
	$(CC) $(PEER_CFLAGS) $(PEER_WARN) $< -o $@ -lm
$(PEER_DIR)/omp_running_product: peers/omp_running_product.c peers/peer_args.h mk/compare.mk
	@mkdir -p $(@D)
	$(CC) $(PEER_CFLAGS) $(PEER_WARN) -fopenmp $< -o $@ -lm
$(PEER_DIR)/cpi_mpi: peers/cpi_mpi.c peers/peer_args.h mk/compare.mk $(MPI_ID)
	@mkdir -p $(@D)
	$(MPICC) $(PEER_CFLAGS) $(PEER_WARN) $< -o $@ -lm

# numpy and matplotlib from Debian's packages (scripts/setup), never pip.
## compare (study): the talk's Python approaches, numpy, textbook C, OpenMP and MPI loops and maclaurin's drivers side by side, every answer verified: results/compare-<host>.csv and a table; COMPARE_ARGS= adds options
compare: all compare-peers
	@scripts/setup python3-numpy python3-matplotlib
	@scripts/compare --bin-dir $(BINDIR) --peer-dir $(PEER_DIR) --cc "$(CC)" \
	    --peer-cflags "$(PEER_CFLAGS)" $(COMPARE_ARGS)

## compare-test (test): make compare in miniature, every answer, rate and file checked
compare-test: all compare-peers
	@scripts/setup python3-numpy python3-matplotlib
	@MACLAURIN_BIN=$(BINDIR) MACLAURIN_PEER_DIR=$(PEER_DIR) tests/compare/run_compare_tests

TEST_SUITES += compare-test
# nothing timed, nothing shared with the namespace and Slurm suites: make
# test's third lane (the Makefile's TEST_APART)
TEST_APART += compare-test
