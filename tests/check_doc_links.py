#!/usr/bin/env python3
"""tests/check_doc_links.py DIR - every relative link in DIR's Markdown files
(README.md, docs/, results/, at any depth) names a file or directory that
exists; each one that does not is printed as FILE: TARGET, and the status
is 1.  Web and mail links and in-page anchors are not checked."""
import os
import re
import sys

LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")


def links(path):
    inside = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if FENCE.match(line.strip()):
                inside = not inside
            elif not inside:
                for target in LINK.findall(re.sub(r"`[^`]*`", "", line)):
                    yield target


def broken(top):
    for here, _, files in os.walk(top):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(here, name)
            for target in links(path):
                if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                    continue
                file = target.split("#", 1)[0]
                if not os.path.exists(os.path.join(here, file)):
                    yield f"{os.path.relpath(path, top)}: {target}"


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: check_doc_links.py DIR")
    bad = list(broken(sys.argv[1]))
    print("\n".join(bad) if bad else "every link resolves")
    sys.exit(1 if bad else 0)
