#!/usr/bin/env python3
"""mk/make_help.py - what `make help` prints: every target a user may type,
grouped, with what it does and what it needs, read from the makefiles
themselves so that it cannot go stale.

Usage: mk/make_help.py [--internal] [FILE...]
  FILE...     the makefiles (default: Makefile mk/*.mk; make help passes
              the ones make read)
  --internal  print only the names of the internal targets, one a line

The convention.  Directly above every rule line whose targets are plain
names (all, run, unit-test; not files such as $(BINDIR)/maclaurin_mpi)
stands one line per name:
  ## TARGET (GROUP): what it does [needs: WORD...]
GROUP is build, study, test or install (the help's sections), or internal
for a step that other targets use and nobody types (left out).  A second
rule line for a target documented elsewhere needs none.

"needs" is not written there: it is read from the recipes, so it changes
with the lists scripts/setup checks.  A target needs every WORD of each
$(call needs,FOR,WORD...) and scripts/setup WORD... in its recipe, in its
prerequisites' recipes and in those of the targets its recipe makes
($(MAKE) ... TARGET), with make's variables expanded.  [needs: ...] adds
only what the target uses without checking it first, shown as unchecked;
a WORD there that names a target stands for everything that target
needs.  Repeating a word the target checks already is an error.  Which
suites make test and make check run comes from their $(call
run_suites,...) lists in the same way.

No durations: a comment cannot measure one, and only a recorded timed run
could (tests/scripts/test_help.sh refuses them in ## lines).

Needs make's files and Python 3.6's standard library only: no root,
nothing installed, and scripts/setup is never run.  A broken ## line (not
above its rule, a name the rule lacks, an unknown group) or a plain target
without one is named on stderr after the help, and the status is 1.
"""

import glob
import os
import re
import sys

GROUPS = ("build", "study", "test", "install", "internal")
TITLES = (("build", "Build and run"), ("study", "Benchmarks and studies"),
          ("test", "Tests"), ("install", "Install"))
HEADER = """\
make TARGET, for each target below; the options (NP=, ARGS=, ARCH=, MPI=mpich, ...)
are listed at the top of the Makefile and in mk/*.mk.  needs: what the target
checks first with scripts/setup, which installs it on Debian as root and
elsewhere names what provides it (docs/install.md); unchecked: what it uses
without checking first.  Written from the ## line above each rule."""
WRAP_AT = 79

PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
HELP_HEAD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]* \([a-z]+\)\Z")
VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
ASSIGNMENT_OP = re.compile(r"::=|:=|\?=|\+=|!=|=")
# blank lines, comments and conditionals leave a recipe open, as in make
KEEPS_RECIPE_OPEN = re.compile(
    r"[ \t]*(#.*)?\Z|(ifeq|ifneq|ifdef|ifndef|else|endif)([ \t(]|\Z)")
NOT_A_RULE = re.compile(r"(-?include|vpath|export|unexport|define)[ \t]")
SETUP_WORD = re.compile(r"[A-Za-z0-9_.:+-]+\Z")
# where a sub-make's command line ends (as does a word ending in ";")
SHELL_SEPARATORS = ("&&", "||", "|")

# A target's steps, in the order they were found: what make TARGET does
# that help follows.
NEED = "N"        # a word it checks ($(call needs,...), scripts/setup)
MAKES = "T"       # a prerequisite, or a target its recipe makes
UNCHECKED = "X"   # a word of its [needs: ...]


def words(text):
    """The words of TEXT, split as awk and make split them (spaces, tabs
    and newlines only)."""
    return [w for w in re.split(r"[ \t\n]+", text) if w]


def unique(items):
    """ITEMS, each once, in their first order."""
    seen = set()
    return [w for w in items if not (w in seen or seen.add(w))]


def trim(text):
    return text.strip(" \t")


def closing_paren(text, start):
    """The index of the ")" that closes the "(" just before START; -1 if
    none does."""
    depth = 1
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def call_arguments(line, call):
    """The list of each $(call CALL,FOR,LIST) on LINE, in order: the text
    after its first comma (all of it when it has none)."""
    opening = "$(call " + call + ","
    while opening in line:
        p = line.find(opening)
        q = closing_paren(line, p + 2)
        if q < 0:
            # an unclosed call (make refuses the line): an empty list
            yield ""
            return
        inner = line[p + len(opening):q]
        yield inner[inner.find(",") + 1:]
        line = line[q + 1:]


class Makefiles:
    """What help needs of the makefiles: the ## lines, the rules, the
    variables and the recipes, read line by line much as make reads them."""

    def __init__(self):
        self.errors = []
        self.variables = {}
        self.group = {}          # documented target -> its group
        self.description = {}
        self.documented_at = {}
        self.documented = []     # in the order of the ## lines
        self.extra_needs = {}    # target -> the words of its [needs: ...]
        self.rule_at = {}        # plain rule target -> its first rule line
        self.rules = []
        self.steps = {}          # every rule target -> [(kind, word)]
        self.recipe = {}         # target -> its recipe lines, in order
        self.suites = {}         # target -> what its run_suites list runs
        self.run_by = {}         # suite -> the targets whose lists run it
        self.start_file()

    def start_file(self):
        self.pending = []        # ## lines waiting for their rule line
        self.current = []        # the targets a recipe line belongs to
        self.in_define = False

    # reading

    def read(self, path):
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            lines = f.read().split("\n")
        if lines[-1] == "":
            lines.pop()
        joined, start = "", 0
        for number, line in enumerate(lines, 1):
            if joined == "":
                start = number
            # a backslash at the end continues the line, as in make
            if line.endswith("\\"):
                joined += line[:-1] + " "
                continue
            self.handle(joined + line, "%s:%d" % (path, start))
            joined = ""
        self.stale()
        self.start_file()

    def handle(self, line, where):
        if self.in_define:
            self.in_define = not line.startswith("endef")
            return
        if line.startswith("##"):
            self.help_line(line, where)
            return
        if line.startswith("\t"):
            for target in self.current:
                self.recipe.setdefault(target, []).append(line[1:])
            return
        if KEEPS_RECIPE_OPEN.match(line):
            self.stale()
            return
        # a rule line, unless it sets a variable or a target-specific one
        # (an = after the colon)
        colon, equals = line.find(":"), line.find("=")
        if colon >= 0 and equals < 0 and not NOT_A_RULE.match(line):
            self.rule_line(line[:colon], line[colon + 1:], where)
            return
        self.stale()
        if re.match(r"define[ \t]", line):
            self.in_define = True
        elif equals >= 0 and (colon < 0 or equals < colon or equals == colon + 1
                              or line[colon:colon + 3] == "::="):
            self.assignment(line)
        self.current = []

    def stale(self):
        """A ## line that no rule line follows directly is stale."""
        for name, _, _, where in self.pending:
            self.errors.append('%s: "## %s" is not directly above its rule line'
                               % (where, name))
        self.pending = []

    def help_line(self, line, where):
        rest = line[2:]
        colon = rest.find(":")
        head = trim(rest[:colon]) if colon >= 0 else ""
        if not HELP_HEAD.match(head):
            self.errors.append('%s: a help line reads "## TARGET (GROUP): '
                               'what it does", not "%s"' % (where, line))
            return
        name, group = head[:-1].split(" (")
        if group not in GROUPS:
            self.errors.append("%s: ## %s: the group is build, study, test, "
                               "install or internal, not %s" % (where, name, group))
        self.pending.append((name, group, trim(rest[colon + 1:]), where))

    def rule_line(self, targets_text, prerequisites, where):
        targets = words(targets_text)
        for name, group, text, help_at in self.pending:
            if name not in targets:
                self.errors.append("%s: ## %s is above a rule for %s"
                                   % (help_at, name, trim(targets_text)))
            elif name in self.group:
                self.errors.append("%s: ## %s again (first at %s)"
                                   % (help_at, name, self.documented_at[name]))
            else:
                self.document(name, group, text, help_at)
        self.pending = []
        for target in targets:
            if PLAIN_NAME.match(target) and target not in self.rule_at:
                self.rule_at[target] = where
                self.rules.append(target)
            self.add_made(target, re.sub(r"[:|]", " ", prerequisites))
        self.current = targets

    def document(self, name, group, text, where):
        self.group[name] = group
        self.documented_at[name] = where
        self.documented.append(name)
        needs_at = text.find("[needs:")
        if needs_at >= 0:
            end = text.find("]", needs_at)
            self.extra_needs[name] = words(text[needs_at + 7:end] if end >= 0 else "")
            text = trim(text[:needs_at])
            self.steps.setdefault(name, []).extend(
                (UNCHECKED, w) for w in self.extra_needs[name])
        self.description[name] = text

    def add_made(self, target, text):
        """MAKES steps for every word of TEXT, and for the words of its
        expansion: a prerequisite may be a variable's list."""
        steps = self.steps.setdefault(target, [])
        for word in words(text):
            steps.append((MAKES, word))
            if "$(" in word:
                steps.extend((MAKES, w) for w in words(self.expand(word)))

    def assignment(self, line):
        """A variable assignment, of the kinds these files use."""
        op = ASSIGNMENT_OP.search(line)
        if not op:
            return
        name = re.sub(r"^(override|export)[ \t]+", "", trim(line[:op.start()]))
        value = trim(line[op.end():])
        if not VARIABLE_NAME.match(name):
            return
        if op.group() == "+=" and name in self.variables:
            self.variables[name] += " " + value
        elif op.group() != "?=" or name not in self.variables:
            self.variables[name] = value

    def expand(self, text, depth=0):
        """TEXT with every $(NAME) of a variable these files set replaced
        by its value, as make would; other references ($(call ...), $(CC))
        are left as they are."""
        if depth > 20:
            return text
        out = ""
        while "$(" in text:
            p = text.find("$(")
            out += text[:p]
            q = closing_paren(text, p + 2)
            if q < 0:
                return out + text[p:]
            inner = text[p + 2:q]
            if inner in self.variables:
                out += self.expand(self.variables[inner], depth + 1)
            else:
                out += text[p:q + 1]
            text = text[q + 1:]
        return out + text

    # the recipes, once every variable is known

    def scan_recipes(self):
        """Needs, suites and sub-makes from the recipes, in the order their
        first lines were read (dicts keep it: CPython 3.6, and the language
        from 3.7), which orders "in make test, make check"."""
        for target, lines in self.recipe.items():
            for line in lines:
                self.scan_recipe_line(target, line)

    def scan_recipe_line(self, target, line):
        steps = self.steps[target]
        for needed in call_arguments(line, "needs"):
            steps.extend((NEED, w) for w in words(self.expand(needed)))
        # one run_suites list a line, as for scripts/setup and $(MAKE)
        suites = next(call_arguments(line, "run_suites"), None)
        if suites is not None:
            self.suites[target] = unique(words(self.expand(suites)))
            for suite in self.suites[target]:
                self.run_by.setdefault(suite, []).append("make " + target)
        setup = line.find("scripts/setup ")
        if setup >= 0:
            steps.extend((NEED, w) for w in setup_words(line[setup + 14:]))
        make = line.find("MAKE)")
        if make >= 0:
            for word in words(line[make + 5:]):
                if word in SHELL_SEPARATORS or word.endswith(";"):
                    break
                if not word.startswith("-") and "=" not in word:
                    self.add_made(target, word)


def setup_words(text):
    """The words scripts/setup is asked to check in TEXT, which follows
    "scripts/setup ": up to the first that is not one (--for NAME is
    skipped)."""
    found = []
    given = iter(words(text))
    for word in given:
        if word == "--for":
            next(given, None)
        elif SETUP_WORD.match(word):
            found.append(word)
        else:
            break
    return found


class Needs:
    """What each target checks first and what it uses unchecked, through
    its prerequisites and sub-makes.  Each answer is kept once found; a
    target met again on its own path counts as needing nothing there."""

    def __init__(self, steps):
        self.steps = steps
        self.checked_of, self.checked_busy = {}, set()
        self.unchecked_of, self.unchecked_busy = {}, set()

    def checked(self, target):
        if target in self.checked_of:
            return self.checked_of[target]
        if target in self.checked_busy:
            return []
        self.checked_busy.add(target)
        found = []
        for kind, word in self.steps[target]:
            if kind == NEED:
                found.append(word)
            elif kind == MAKES and word in self.steps:
                found.extend(self.checked(word))
        self.checked_busy.discard(target)
        self.checked_of[target] = unique(found)
        return self.checked_of[target]

    def unchecked(self, target):
        """The [needs: ...] words of TARGET and of what it makes, less what
        it checks; a word that names a target stands for all it needs."""
        if target in self.unchecked_of:
            return self.unchecked_of[target]
        if target in self.unchecked_busy:
            return []
        self.unchecked_busy.add(target)
        found = []
        for kind, word in self.steps[target]:
            if kind == UNCHECKED and word in self.steps:
                found.extend(self.everything(word))
            elif kind == UNCHECKED:
                found.append(word)
            elif kind == MAKES and word in self.steps:
                found.extend(self.unchecked(word))
        self.unchecked_busy.discard(target)
        found = unique(found)
        checked = self.checked(target)
        self.unchecked_of[target] = [w for w in found if w not in checked]
        return self.unchecked_of[target]

    def everything(self, target):
        return self.checked(target) + self.unchecked(target)


def check_extra_needs(makefiles, needs, target):
    """A [needs: ...] word must add something the target does not check."""
    checked = needs.checked(target)
    for word in makefiles.extra_needs.get(target, []):
        if word in makefiles.steps:
            if all(w in checked for w in needs.everything(word)):
                makefiles.errors.append(
                    "%s: ## %s: [needs: %s] adds nothing that %s does not check "
                    "already" % (makefiles.documented_at[target], target, word, target))
        elif word in checked:
            makefiles.errors.append(
                "%s: ## %s: [needs: %s] is checked already (by scripts/setup): "
                "leave it out" % (makefiles.documented_at[target], target, word))


def entry(label, text, width):
    """LABEL and the words of TEXT beside it, wrapped at 79 columns under
    themselves."""
    out = []
    line = label.ljust(width)
    fresh = len(line) == width
    for word in words(text):
        if not fresh and len(line) + 1 + len(word) > WRAP_AT:
            out.append(line)
            line, fresh = " " * width, True
        line += word if fresh else " " + word
        fresh = False
    out.append(line)
    return out


def facts(makefiles, needs, target):
    """What the line under a target says: needs, suites, membership."""
    parts = []
    checked, unchecked = needs.checked(target), needs.unchecked(target)
    if checked:
        parts.append("needs: " + " ".join(checked))
    if unchecked:
        label = "unchecked: " if checked else "needs (unchecked): "
        parts.append(label + " ".join(unchecked))
    if target in makefiles.suites:
        parts.append("runs: " + " ".join(makefiles.suites[target]))
    if target in makefiles.run_by:
        parts.append("in " + ", ".join(makefiles.run_by[target]))
    return "; ".join(parts)


def help_text(makefiles, needs):
    shown = [t for t in makefiles.documented if makefiles.group[t] != "internal"]
    width = max([len(t) for t in shown] + [0]) + 9
    out = HEADER.split("\n")
    for group, title in TITLES:
        out += ["", title]
        for target in makefiles.documented:
            if makefiles.group[target] != group:
                continue
            out += entry("  make " + target, makefiles.description[target], width)
            said = facts(makefiles, needs, target)
            if said:
                out += entry("", said, width)
    return out


def main(argv):
    internal = argv[:1] == ["--internal"]
    paths = argv[1:] if internal else argv
    for arg in paths:
        if arg.startswith("-"):
            sys.stderr.write("usage: mk/make_help.py [--internal] [FILE...]; "
                             "%s is not an option\n" % arg)
            return 2
    if not paths:
        os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        paths = ["Makefile"] + sorted(glob.glob("mk/*.mk"))

    makefiles = Makefiles()
    for path in paths:
        try:
            makefiles.read(path)
        except OSError as e:
            sys.stderr.write("make help: %s: %s\n" % (path, e.strerror))
            return 2
    makefiles.scan_recipes()
    for target in makefiles.rules:
        if target not in makefiles.group:
            makefiles.errors.append(
                '%s: %s has no "## %s (GROUP): what it does" line directly '
                "above its rule" % (makefiles.rule_at[target], target, target))
    needs = Needs(makefiles.steps)
    for target in makefiles.documented:
        check_extra_needs(makefiles, needs, target)

    if internal:
        out = [t for t in makefiles.documented if makefiles.group[t] == "internal"]
    else:
        out = help_text(makefiles, needs)
    sys.stdout.write("".join(line + "\n" for line in out))
    sys.stdout.flush()
    for error in makefiles.errors:
        sys.stderr.write("make help: " + error + "\n")
    return 1 if makefiles.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
