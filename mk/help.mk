# mk/help.mk - make help: every target a user may type, what it does and
# what it needs, written by scripts/make_help from the "## TARGET (GROUP):"
# line above each rule (the convention is at the top of that script).  It
# reads the makefiles make read, and needs nothing but make and the shell's
# tools: it checks nothing with scripts/setup.

.PHONY: help
## help (build): this list of targets, from the ## line above each rule
help:
	@scripts/make_help $(filter-out %.d,$(MAKEFILE_LIST))
