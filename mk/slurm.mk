# mk/slurm.mk - the Slurm batch scripts (scripts/slurm/), tested against a real Slurm.
#
# make slurm-test: installs slurmctld, slurmd, slurm-client and munge when
# missing (root), starts a throwaway single-node cluster in a scratch
# directory, submits the batch scripts, checks their CSVs and exit states,
# and stops the cluster again.  About 15 s once the packages are installed.

.PHONY: slurm-test
TEST_SUITES += slurm-test

slurm-test: setup
	@$(MAKE) --no-print-directory $(BINDIR)/maclaurin_mpi $(BINDIR)/maclaurin_csv2tsv
	@MACLAURIN_BIN=$(BINDIR) tests/slurm/run_slurm_tests
