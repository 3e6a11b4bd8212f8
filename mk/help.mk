# mk/help.mk - make help: every target a user may type, what it does and
# what it needs, written by mk/make_help.py from the "## TARGET (GROUP):"
# line above each rule (the convention is at the top of that script).  It
# reads the makefiles make read, and needs nothing but make and Python 3's
# standard library: it checks nothing with scripts/setup.

.PHONY: help
## help (build): this list of targets, from the ## line above each rule
help:
	@mk/make_help.py $(filter-out %.d,$(MAKEFILE_LIST))
