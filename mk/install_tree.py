#!/usr/bin/env python3
"""mk/install_tree.py STAGE PREFIX     copy a staged installation into PREFIX
mk/install_tree.py --remove PREFIX  remove what that copy wrote

make install stages every file first (build/install-stage), then this
copies it and lists, in PREFIX/share/maclaurin/installed.txt, each file
and link it wrote ("file PATH"), and in installed.txt.dirs each directory
it had to create ("dir PATH").  make uninstall removes exactly those:
files and links first, then the directories it created, deepest first,
where they are empty.  A file the user added beside them stays, and so
does its directory.  Python 3.6, standard library.
"""
import os
import shutil
import sys

MANIFEST = os.path.join("share", "maclaurin", "installed.txt")


def die(message):
    sys.exit(f"install_tree: {message}")


def remove(prefix):
    manifest = os.path.join(prefix, MANIFEST)
    if not os.path.isfile(manifest):
        die(f"{manifest} not found: nothing of maclaurin is installed in {prefix}")
    with open(manifest) as f:
        for line in f:
            kind, _, path = line.rstrip("\n").partition(" ")
            if kind == "file" and os.path.lexists(os.path.join(prefix, path)):
                os.remove(os.path.join(prefix, path))
    dirs = []
    if os.path.isfile(manifest + ".dirs"):
        with open(manifest + ".dirs") as f:
            dirs = [line[4:].rstrip("\n") for line in f if line.startswith("dir ")]
        os.remove(manifest + ".dirs")
    for path in sorted(dirs, reverse=True):   # a directory's children sort after it
        try:
            os.rmdir(os.path.normpath(os.path.join(prefix, path)))
        except OSError:
            pass   # not empty: the user's files stay
    print(f"removed maclaurin from {prefix}")


def staged(stage):
    """The stage's directories, and its files and links, relative and sorted."""
    dirs, files = [], []
    for top, subdirs, names in os.walk(stage):
        rel = os.path.relpath(top, stage)
        for d in subdirs:
            path = os.path.normpath(os.path.join(rel, d))
            (files if os.path.islink(os.path.join(top, d)) else dirs).append(path)
        files += [os.path.normpath(os.path.join(rel, n)) for n in names]
    return sorted(dirs), sorted(files)


def install(stage, prefix):
    if not os.path.isdir(stage):
        die(f"no staged installation in {stage}")
    manifest = os.path.join(prefix, MANIFEST)
    dirs, files = staged(stage)
    created = ([] if os.path.isdir(prefix) else ["."]) + \
        [d for d in dirs if not os.path.isdir(os.path.join(prefix, d))]
    os.makedirs(prefix, exist_ok=True)
    for path in files:
        target = os.path.join(prefix, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.remove(target)
        source = os.path.join(stage, path)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy(source, target)   # contents and mode
    # a second install keeps the directories the first one created
    if os.path.isfile(manifest + ".dirs"):
        with open(manifest + ".dirs") as f:
            created += [line[4:].rstrip("\n") for line in f if line.startswith("dir ")]
    with open(manifest, "w") as f:
        f.writelines(f"file {path}\n" for path in files + [MANIFEST])
    with open(manifest + ".dirs", "w") as f:
        f.writelines(f"dir {path}\n" for path in sorted(set(created)))
    print(f"installed {len(files)} files in {prefix} (make uninstall PREFIX={prefix} removes them)")


def main(argv):
    if len(argv) == 3 and argv[1] == "--remove":
        remove(argv[2])
    elif len(argv) == 3 and not argv[1].startswith("-"):
        install(argv[1], argv[2])
    else:
        die(f"usage: {argv[0]} STAGE PREFIX | --remove PREFIX")


if __name__ == "__main__":
    main(sys.argv)
