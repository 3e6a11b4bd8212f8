# provenance.sh - the sweep's own columns as CSV fields (the drivers write
# the build, machine and host facts themselves).  Sourced by lib/runner.sh.

# A value as one CSV field: quoted (RFC 4180, "" for a quote) when it holds
# a comma or a quote, newlines made spaces, "none" when empty.  Read such
# files with a CSV reader (lib/analysis.sh: analysis column), never awk -F,.
csv_clean() {
    local s=$*
    s=${s//$'\n'/ }
    s=${s//$'\r'/ }
    s=${s:-none}
    case $s in
    *[,\"]*) printf '"%s"' "${s//\"/\"\"}" ;;
    *) printf '%s' "$s" ;;
    esac
}
