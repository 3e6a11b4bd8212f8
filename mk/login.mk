# mk/login.mk - the project on a cluster's login node, built on this machine.
#
#   make login-test   an unprivileged user with no apt-get, dpkg, sudo, clang,
#                     valgrind or gnuplot, and Open MPI, then MPICH, only
#                     through Lmod module files: make, make run NP=2, make
#                     check, a mismatched launcher, make install and its
#                     module file (tests/login/run_login_tests; root only,
#                     about 4 minutes; part of make test)

.PHONY: login-test
## login-test (test): a login node built on this machine: an unprivileged user, MPI only through module files; make, make run, make check and make install as that user
login-test:
	$(call needs,login-test,root)
	@timeout --foreground -k 30 900 tests/login/run_login_tests
TEST_SUITES += login-test
# It builds and runs make check as its user and times nothing: make test
# runs it in the lane of the suites that mostly wait (the Makefile's
# TEST_BESIDE), where it uses the CPU they leave.
TEST_BESIDE += login-test
