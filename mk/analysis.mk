# --- the analysis package's own tests (analysis/tests) -------------------------
# unittest, standard library; a test that draws skips where numpy or
# matplotlib is missing, and is counted as skipped.
.PHONY: analysis-test
## analysis-test (test): the analysis package's own tests: every command of python3 -m maclaurin_analysis, its arithmetic and its usage errors
analysis-test:
	@analysis/tests/run
TEST_SUITES += analysis-test
