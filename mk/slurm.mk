# mk/slurm.mk - the Slurm batch scripts (scripts/slurm/), tested against a real Slurm.
#
# make slurm-test: installs slurmctld, slurmd, slurm-client and munge when
# missing (root), starts a throwaway single-node cluster in a scratch
# directory, submits the batch scripts, checks their CSVs and exit states,
# and stops the cluster again.  About 15 s once the packages are installed.

.PHONY: slurm-test
TEST_SUITES += slurm-test
# The three Slurm suites mostly wait on their daemons and jobs: make test
# runs them beside the suites that compute (the Makefile's TEST_BESIDE);
# slurm-test's single-node cluster (no namespace node, its own ports,
# munge socket and state) in a third lane of its own (TEST_APART).
TEST_BESIDE += slurm-nodes-test study-path-test
TEST_APART += slurm-test

## slurm-test (test): the batch scripts on a throwaway single-node Slurm it installs and starts [needs: all]
slurm-test:
	$(call needs,slurm-test,root)
	@$(MAKE) --no-print-directory $(BINDIR)/maclaurin_mpi $(BINDIR)/maclaurin_csvcheck
	@MACLAURIN_BIN=$(BINDIR) tests/slurm/run_slurm_tests

# make slurm-nodes-test: the same batch scripts on a Slurm of 3 namespace
# nodes (scripts/cluster/netns_cluster), through srun --mpi=pmix and mpirun,
# checking bits and where each layout ran.  About 30 s; root only.
.PHONY: slurm-nodes-test
TEST_SUITES += slurm-nodes-test

## slurm-nodes-test (test): the batch scripts on a Slurm of namespace nodes, through srun and mpirun [needs: all]
slurm-nodes-test:
	$(call needs,slurm-nodes-test,root)
	@$(MAKE) --no-print-directory $(BINDIR)/maclaurin_mpi $(BINDIR)/maclaurin_serial $(BINDIR)/maclaurin_csvcheck
	@MACLAURIN_BIN=$(BINDIR) tests/slurm/run_slurm_node_tests

# make study-path-test: a new user's whole path, as docs/install.md tells
# it: an unprivileged user with Open MPI from a module builds for the
# nodes' ARCH, installs, loads the module and submits a strong and a weak
# study over 3 namespace nodes from an empty directory, draws them with
# the installed analysis, then uninstalls.  Root only.
.PHONY: study-path-test
TEST_SUITES += study-path-test

## study-path-test (test): a user's whole path to a cluster study: build, install, module load, maclaurin-submit strong and weak over 3 namespace nodes, draw, uninstall [needs: all]
study-path-test:
	$(call needs,study-path-test,root)
	@$(MAKE) --no-print-directory $(BINDIR)/maclaurin_serial
	@MACLAURIN_BIN=$(BINDIR) timeout --foreground -k 30 900 tests/slurm/run_study_path_tests
