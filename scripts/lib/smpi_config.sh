# smpi_config.sh - SimGrid SMPI's run-time settings for scripts/simulate (and
# its tests), every one in one place.  Sourced; docs/simulation.md says why
# each is there and how each was checked.
#
# smpi_config NP prints one smpirun option a line, for NP ranks.
#   simulate-computation no: the SMPI build charges each rank's host for its
#                      terms itself (runtime/simulation.h), at the host speed
#                      scripts/simulate writes into its copy of the platform;
#                      the CPU time its bursts take on this machine is not what
#                      a simulated host spends
#   lat-/bw-factor   off: the platform's latencies and bandwidths mean what they say
#                      (SMPI's defaults are corrections fitted to one Ethernet cluster)
#   async-small-thresh, send-is-detached-thresh: messages up to 64 KiB are eager,
#                      as in Open MPI and MPICH, instead of waiting for the receiver
#   iprobe, test     0: MPI_Iprobe and MPI_Test cost nothing (under 1 us in
#                      Open MPI and MPICH).  SMPI's default charges 100 us, and
#                      as much again for every unanswered call in a row, to slow
#                      polling loops down; the hand-out's leaders look at their
#                      messages between blocks, and never poll in a loop
#   coll-selector ompi, bcast binomial_tree: Open MPI's collective algorithms,
#                      except that SMPI maps Open MPI's k-nomial broadcast to an
#                      MVAPICH2 intra-node one that crawls at scale; on one rank
#                      SMPI's defaults (its Open MPI reduce fails on one rank)
#   the log levels: no line per setting and per collective on stderr
smpi_config() {
    printf '%s\n' --cfg=smpi/simulate-computation:no --cfg=smpi/lat-factor:0:1 \
        --cfg=smpi/bw-factor:0:1 --cfg=smpi/async-small-thresh:65536 \
        --cfg=smpi/send-is-detached-thresh:65536 --cfg=smpi/iprobe:0 --cfg=smpi/test:0
    [ "$1" -gt 1 ] && printf '%s\n' --cfg=smpi/coll-selector:ompi --cfg=smpi/bcast:binomial_tree
    printf '%s\n' --log=xbt_cfg.thres:warning --log=smpi_config.thres:warning \
        --log=smpi_coll.thres:warning
}
