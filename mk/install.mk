# mk/install.mk - an installation a user can live in, and its removal.
#
# make install PREFIX=... [DESTDIR=...]: everything is staged first in
# $(OBJDIR)/install-stage, then copied by mk/install_tree.py, which lists
# what it wrote so that make uninstall removes exactly that:
#   bin/                      the programs; maclaurin-submit (a study on Slurm)
#                             and maclaurin-analysis (tables and figures)
#   share/maclaurin/scripts/  the scripts, their libraries, the analysis
#                             package and the batch scripts (told where
#                             their library is)
#   share/maclaurin/platforms/, smpi/  the simulation's platforms, and its
#                             SMPI build if made (make simulate)
#   share/doc/maclaurin/      README.md, docs/ and results/ as in the
#                             repository, so that every link resolves
#   share/modulefiles/maclaurin/VERSION  the module file: module use
#                             PREFIX/share/modulefiles; module load maclaurin
# The module file names the MPI maclaurin_mpi was built with, as a prereq
# where a module provided it (the loaded module whose name says MPI, or
# MPI_MODULE=name/version), and the ARCH it was built for.
PREFIX  ?= /usr/local
VERSION  = $(shell sed -n 's/^\#define MACLAURIN_VERSION "\(.*\)"/\1/p' io/version.h)
STAGE    = $(OBJDIR)/install-stage
STAGED_SHARE = $(STAGE)/share/maclaurin
STAGED_DOC   = $(STAGE)/share/doc/maclaurin
INSTALLED_SCRIPTS := sweep plot_scaling scaling_table simulate mpi_launch submit analysis

.PHONY: install uninstall
## install (install): the programs, maclaurin-submit, maclaurin-analysis, the batch scripts, docs and a module file under PREFIX (default /usr/local); DESTDIR= stages it
install: all
	@rm -rf $(STAGE)
	@install -d $(STAGE)/bin $(STAGED_SHARE)/analysis/maclaurin_analysis/commands $(STAGED_SHARE)/scripts/lib $(STAGED_SHARE)/scripts/slurm \
	    $(STAGED_SHARE)/platforms $(STAGED_DOC)/docs $(STAGED_DOC)/results $(STAGE)/share/modulefiles/maclaurin
	@install -m 755 $(addprefix $(BINDIR)/,$(PROGRAMS)) $(STAGE)/bin/
	@ln -s ../share/maclaurin/scripts/submit $(STAGE)/bin/maclaurin-submit
	@ln -s ../share/maclaurin/scripts/analysis $(STAGE)/bin/maclaurin-analysis
	@install -m 755 $(addprefix scripts/,$(INSTALLED_SCRIPTS)) $(STAGED_SHARE)/scripts/
	@install -m 644 scripts/lib/*.sh $(STAGED_SHARE)/scripts/lib/
	@install -m 644 analysis/maclaurin_analysis/*.py $(STAGED_SHARE)/analysis/maclaurin_analysis/
	@install -m 644 analysis/maclaurin_analysis/commands/*.py $(STAGED_SHARE)/analysis/maclaurin_analysis/commands/
	@install -m 644 scripts/slurm/lib.sh $(STAGED_SHARE)/scripts/slurm/
	@for f in scripts/slurm/*.sbatch; do \
	    sed 's|^lib=$${MACLAURIN_SHARE:-\.}/|lib=$${MACLAURIN_SHARE:-$(PREFIX)/share/maclaurin}/|' \
	        $$f >$(STAGED_SHARE)/$$f && chmod 755 $(STAGED_SHARE)/$$f || exit 1; \
	done
	@install -m 644 platforms/*.xml $(STAGED_SHARE)/platforms/
	@if [ -f $(SMPI_BIN) ]; then install -D -m 755 $(SMPI_BIN) $(STAGED_SHARE)/smpi/maclaurin_mpi; fi
	@install -m 644 README.md CHANGELOG.md LICENSE $(STAGED_DOC)/
	@install -m 644 docs/*.md $(STAGED_DOC)/docs/
	@find results -maxdepth 1 -type f ! -name '.*' -exec install -m 644 {} $(STAGED_DOC)/results/ \;
	@MPI_MODULE='$(MPI_MODULE)' mk/write_modulefile.py $(PREFIX) $(VERSION) $(BINDIR)/maclaurin_mpi \
	    >$(STAGE)/share/modulefiles/maclaurin/$(VERSION)
	@mk/install_tree.py $(STAGE) $(DESTDIR)$(PREFIX)

## uninstall (install): removes what make install wrote under PREFIX (its list in share/maclaurin/installed.txt), and the directories it created
uninstall:
	@mk/install_tree.py --remove $(DESTDIR)$(PREFIX)
