# scripts/lib/bench_nodes.sh - two namespace "nodes" on this machine for
# scripts/bench_mpi (root only), built by scripts/cluster/netns_cluster and
# removed by nodes_stop.  Sourced from the repository root.
#
# on_two_nodes ARGS...: the MPI driver on 2 ranks, one per node, launched by
# Open MPI's mpirun inside node 1 through the cluster's ssh stand-in.  Every
# node sees the same CPUs, and mpirun would bind each node's first rank to
# the first core, so nothing is bound: the two busy ranks get a core each.
nodes_dir=$(mktemp -d)
nodes_stop() { scripts/cluster/netns_cluster stop "$nodes_dir/cluster" >/dev/null 2>&1 || true; rm -rf "$nodes_dir"; }
# the nodes have their own /tmp: they see only what is shared, this tree included
scripts/cluster/netns_cluster start "$nodes_dir/cluster" 2 "$nodes_dir" "$PWD" >/dev/null
for i in 1 2; do echo "$(scripts/cluster/netns_cluster name "$nodes_dir/cluster" "$i") slots=1"; done \
    >"$nodes_dir/hostfile"

on_two_nodes() {
    scripts/cluster/netns_cluster exec "$nodes_dir/cluster" 1 \
        env OMPI_MCA_plm_rsh_agent="$PWD/scripts/cluster/node_agent" \
        timeout 300 mpirun "${ompi_flags[@]}" --hostfile "$nodes_dir/hostfile" -np 2 --map-by node \
        --bind-to none "$PWD/$bin/maclaurin_mpi" -t 1 "$@"
}
