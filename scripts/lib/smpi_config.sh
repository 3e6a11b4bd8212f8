# smpi_config.sh - SimGrid SMPI's run-time settings for scripts/simulate (and
# its tests), every one in one place.  Sourced; docs/simulation.md says why
# each is there and how each was checked.
#
# smpi_config NP prints one smpirun option a line, for NP ranks; it reads
# HOST_SPEED (smpi/host-speed, e.g. 2.75e10f) and NETWORK_ONLY (1: computation
# costs nothing).
#   host-speed       = the platform's host speed (unless --host-speed): a burst
#                      that takes t s of CPU time here takes t s on a simulated host
#   lat-/bw-factor   off: the platform's latencies and bandwidths mean what they say
#                      (SMPI's defaults are corrections fitted to one Ethernet cluster)
#   async-small-thresh, send-is-detached-thresh: messages up to 64 KiB are eager,
#                      as in Open MPI and MPICH, instead of waiting for the receiver
#   wtime 1e-5       each read of the clock advances it by 10 us: the placement
#                      survey's 20 ms settling loop (support/placement.c) then takes
#                      2,000 reads a rank, not 2 million; the program's timed
#                      interval holds one such read, so its times are 10 us high
#   coll-selector ompi, bcast binomial_tree: Open MPI's collective algorithms,
#                      except that SMPI maps Open MPI's k-nomial broadcast to an
#                      MVAPICH2 intra-node one that crawls at scale; on one rank
#                      SMPI's defaults (its Open MPI reduce fails on one rank)
#   simulate-computation no, with NETWORK_ONLY=1 (--network-only)
#   the log levels: no line per setting and per collective on stderr
smpi_config() {
    printf '%s\n' "--cfg=smpi/host-speed:$HOST_SPEED" --cfg=smpi/lat-factor:0:1 \
        --cfg=smpi/bw-factor:0:1 --cfg=smpi/async-small-thresh:65536 \
        --cfg=smpi/send-is-detached-thresh:65536 --cfg=smpi/wtime:1e-5
    [ "$1" -gt 1 ] && printf '%s\n' --cfg=smpi/coll-selector:ompi --cfg=smpi/bcast:binomial_tree
    [ "${NETWORK_ONLY:-0}" = 1 ] && printf '%s\n' --cfg=smpi/simulate-computation:no
    printf '%s\n' --log=xbt_cfg.thres:warning --log=smpi_config.thres:warning \
        --log=smpi_coll.thres:warning
}
