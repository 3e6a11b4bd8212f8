# tests/copy_sources.sh - the project's files as a fresh clone has them,
# with what is not committed yet, copied for a test that runs the project
# elsewhere (a Slurm job's tree, a login node user's home).  Sourced.
#
# copy_sources ROOT DIR: the files git would commit from checkout ROOT into
# DIR; where ROOT is not a checkout (or git refuses another user's), only
# scripts/ and an empty results/.
copy_sources() {
    if git -C "$1" rev-parse --git-dir >/dev/null 2>&1; then
        git -C "$1" ls-files -z --cached --others --exclude-standard |
            tar -C "$1" --null -T - --ignore-failed-read -cf - | tar -C "$2" -xf -
    else
        cp -r "$1/scripts" "$2/" && mkdir "$2/results"
    fi
}
