# mk/figures.mk - every committed figure and table in results/, drawn anew.
#
#   make figures       redraws what results/figures.ini lists from the committed
#                      CSVs, writes the index results/README.md and the tables
#                      the documents cite (README.md, docs/)
#   make figures-test  redraws all of it into a scratch folder and compares it with
#                      what is committed: tables, drawn numbers and documents byte
#                      for byte, PNGs within a pixel tolerance where matplotlib,
#                      numpy and FreeType are the manifest's versions (part of make test)
# Needs Python 3 with numpy and matplotlib (Debian's python3-* packages).

.PHONY: figures figures-test
FIGURES = bash -c 'PROG=figures LIB=scripts/lib && . scripts/lib/analysis.sh && analysis figures "$$@"' figures

## figures (study): redraws every committed figure and table in results/ and in the documents from the committed CSVs
figures:
	$(call needs,figures,python3-numpy python3-matplotlib)
	@$(FIGURES) results/figures.ini

## figures-test (test): redraws them into a scratch folder and fails where one differs from what is committed
figures-test:
	$(call needs,figures-test,python3-numpy python3-matplotlib)
	@tests/figures/run_figures_tests

TEST_SUITES += figures-test
# nothing timed, nothing shared with the namespace and Slurm suites: make
# test's third lane (the Makefile's TEST_APART)
TEST_APART += figures-test
