# scripts/lib/bench_nodes.sh - two namespace "nodes" on this machine for
# scripts/bench_mpi (root only), built by scripts/cluster/netns_cluster and
# removed by nodes_stop.  Sourced from the repository root.
#
# on_two_nodes ARGS...: the MPI driver on 2 ranks, one per node, launched by
# Open MPI's mpirun inside node 1 through the cluster's ssh stand-in.  Every
# node sees the same CPUs, and mpirun would bind each node's first rank to
# the first core, so nothing is bound: the two busy ranks get a core each.
#
# on_two_nodes_slowed ARGS...: the same with node 2 held to half a CPU: its
# processes start in a cgroup whose CPU quota is 50 ms every 100 ms (cgroup
# v2 cpu.max, or v1 cpu.cfs_quota_us), as a node throttled or shared with a
# noisy neighbour would be.  node_rates prints each node's rate (terms/s)
# when both sum at once, node 2 so slowed: what the hand-out could use.
nodes_dir=$(mktemp -d)
slow_cgroup=
nodes_stop() {
    scripts/cluster/netns_cluster stop "$nodes_dir/cluster" >/dev/null 2>&1 || true
    [ -z "$slow_cgroup" ] || rmdir "$slow_cgroup" 2>/dev/null || true
    rm -rf "$nodes_dir"
}
# the nodes have their own /tmp: they see only what is shared, this tree included
scripts/cluster/netns_cluster start "$nodes_dir/cluster" 2 "$nodes_dir" "$PWD" >/dev/null
node_names=()
for i in 1 2; do node_names+=("$(scripts/cluster/netns_cluster name "$nodes_dir/cluster" "$i")"); done
printf '%s slots=1\n' "${node_names[@]}" >"$nodes_dir/hostfile"

on_two_nodes() {
    scripts/cluster/netns_cluster exec "$nodes_dir/cluster" 1 \
        env OMPI_MCA_plm_rsh_agent="${agent:-$PWD/scripts/cluster/node_agent}" \
        timeout 300 mpirun "${ompi_flags[@]}" --hostfile "$nodes_dir/hostfile" -np 2 --map-by node \
        --bind-to none "$PWD/$bin/maclaurin_mpi" -t 1 "$@"
}

# The cgroup, under v2 where its cpu controller is on, else under v1's.
slow_cgroup_open() {
    local name=maclaurin-bench-$$
    if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
        slow_cgroup=/sys/fs/cgroup/$name
        mkdir "$slow_cgroup" && echo "50000 100000" >"$slow_cgroup/cpu.max"
    elif [ -d /sys/fs/cgroup/cpu ]; then
        slow_cgroup=/sys/fs/cgroup/cpu/$name
        mkdir "$slow_cgroup" && echo 100000 >"$slow_cgroup/cpu.cfs_period_us" &&
            echo 50000 >"$slow_cgroup/cpu.cfs_quota_us"
    else
        echo "bench_mpi: no cgroup cpu controller (v2 cpu.max or v1 cpu) to slow a node with" >&2
        return 1
    fi
    # the stand-in, once it is to start something on node 2, joins the cgroup
    cat >"$nodes_dir/slow_agent" <<AGENT
#!/bin/sh
case " \$* " in *" ${node_names[1]} "*) echo \$\$ >"$slow_cgroup/cgroup.procs" ;; esac
exec "$PWD/scripts/cluster/node_agent" "\$@"
AGENT
    chmod +x "$nodes_dir/slow_agent"
}
on_two_nodes_slowed() { agent=$nodes_dir/slow_agent on_two_nodes "$@"; }

# node_rates TERMS: "RATE1 RATE2", each node's single-core rate while both
# sum TERMS terms at once (maclaurin_serial), node 2 in the cgroup.
node_rates() {
    local c=scripts/cluster/netns_cluster serial=$PWD/$bin/maclaurin_serial
    "$c" exec "$nodes_dir/cluster" 1 "$serial" -n "$1" -r 1 -q --csv - >"$nodes_dir/rate1" &
    "$c" exec "$nodes_dir/cluster" 2 sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh \
        "$slow_cgroup" "$serial" -n "$1" -r 1 -q --csv - >"$nodes_dir/rate2"
    wait $!
    echo "$(column terms_per_s <"$nodes_dir/rate1") $(column terms_per_s <"$nodes_dir/rate2")"
}
