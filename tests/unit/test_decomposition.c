/*
 * test_decomposition.c - the exact sum's hand-out (decomposition.h) without
 * MPI: the range-size rule at points worked out by hand; a job's blocks
 * split among uneven nodes, and each node's share taken by 1-64 ranks from
 * one counter (in turn, at unequal speeds, and reading what is left well
 * before they take), for 0 to 2^40 blocks.  Every block is handed out
 * exactly once, the ranges follow the rule and shrink as documented, and
 * the takes and the ranks' finishing times stay within what the rule
 * promises.  The ranges are checked as arithmetic, never summed, so that
 * 2^40 blocks take no longer than 2^10.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "decomposition.h"

#define MAX_RANKS 64

/* The documented bounds, restated independently of the code. */
static uint64_t least_of(uint64_t share, unsigned ranks)
{
    const uint64_t least = share / (256 * (uint64_t)ranks);
    return least > 0 ? least : 1;
}

static void rule_at_worked_points(void **state)
{
    (void)state;
    const uint64_t m = 1u << 20;  /* a share of 2^20 blocks among 4 ranks */
    assert_int_equal(decomposition_range_size(m, 0, 4), m / 8);      /* half of all, among 4 */
    assert_int_equal(decomposition_range_size(m, m / 8, 4), 114688);  /* 7/8 m / 8 */
    assert_int_equal(decomposition_range_size(m, m - 8192, 4), 1024); /* 8192 / 8 = the least */
    assert_int_equal(decomposition_range_size(m, m - 8191, 4), 1024); /* 1023: below the least */
    assert_int_equal(decomposition_range_size(m, m - 1, 4), 1024);
    assert_int_equal(decomposition_range_size(m, m, 4), 1024);        /* nothing left */
    assert_int_equal(decomposition_range_size(m, 3 * m, 4), 1024);    /* overshot */
    /* alone on its node: the whole share at once, whatever was taken */
    assert_int_equal(decomposition_range_size(m, 0, 1), m);
    assert_int_equal(decomposition_range_size(m, m, 1), m);
    /* never 0 blocks, so every take makes progress */
    assert_int_equal(decomposition_range_size(0, 0, 1), 1);
    assert_int_equal(decomposition_range_size(0, 0, 64), 1);
    assert_int_equal(decomposition_range_size(1000, 0, 64), 7);       /* 1000 / 128 */
    assert_int_equal(decomposition_range_size(1000, 900, 64), 1);     /* 100 / 128 = 0 */
    /* 2^40 among 64: 2^33 first, the least 2^26, no overflow near 2^48 */
    const uint64_t big = (uint64_t)1 << 40;
    assert_int_equal(decomposition_range_size(big, 0, 64), (uint64_t)1 << 33);
    assert_int_equal(decomposition_range_size(big, big - 1, 64), (uint64_t)1 << 26);
    assert_int_equal(decomposition_range_size(big, (uint64_t)1 << 48, 64), (uint64_t)1 << 26);
}

/*
 * One node's hand-out, as decomposition_sum_exact takes it: each rank reads
 * what is taken (take(0)), asks the rule, and takes that many; a take at or
 * past the share ends the rank.  Time is simulated: rank r sums a block in
 * 1 / speed[r], and reads `lag` seconds before it takes (other ranks' takes
 * in between make its read stale).  The earliest event goes first (the
 * lower rank on a tie).  Every successful take is checked as it happens.
 */
typedef struct {
    uint64_t takes;         /* successful takes */
    uint64_t counter;       /* the counter at the end */
    double finish[MAX_RANKS];
    uint64_t largest_last;  /* the largest range a rank ended on */
} handout;

static handout hand_out(uint64_t share, unsigned ranks, const double *speed, double lag)
{
    handout h = {0};
    uint64_t counter = 0, expect_lo = 0, previous = UINT64_MAX, last[MAX_RANKS] = {0};
    double at[MAX_RANKS];
    uint64_t read[MAX_RANKS];
    int reading[MAX_RANKS], done[MAX_RANKS];
    const uint64_t least = least_of(share, ranks);
    for (unsigned r = 0; r < ranks; r++)
        at[r] = 0.0, reading[r] = 1, done[r] = 0;
    for (unsigned left = ranks; left > 0;) {
        unsigned r = ranks;
        for (unsigned i = 0; i < ranks; i++)
            if (!done[i] && (r == ranks || at[i] < at[r]))
                r = i;
        if (reading[r]) {  /* take(0): what is taken now */
            read[r] = ranks > 1 ? counter : 0;
            reading[r] = 0;
            at[r] += lag;
            continue;
        }
        const uint64_t range = decomposition_range_size(share, read[r], ranks);
        const uint64_t lo = counter;
        counter += range;
        reading[r] = 1;
        if (lo >= share) {
            done[r] = 1, left--;
            h.finish[r] = at[r];
            if (last[r] > h.largest_last)
                h.largest_last = last[r];
            continue;
        }
        const uint64_t hi = share - lo < range ? share : lo + range;
        /* the blocks follow on from the last range: each handed out once */
        assert_int_equal(lo, expect_lo);
        assert_true(hi > lo && hi <= share);
        expect_lo = hi;
        /* the rule: half of what was left when read, among the ranks, down
         * to the least; a rank alone takes everything */
        const uint64_t was_left = share - (read[r] < share ? read[r] : share);
        const uint64_t guided = ranks > 1 ? was_left / (2 * (uint64_t)ranks) : share;
        assert_int_equal(range, guided > least ? guided : least);
        assert_true(range >= least);
        if (ranks > 1 && lag == 0.0) {
            /* read fresh: the ranges only shrink, and once under 2 x ranks
             * least ranges are left, every range is the least */
            assert_true(range <= previous);
            if (share - lo < 2 * (uint64_t)ranks * least)
                assert_int_equal(range, least);
        }
        previous = range;
        last[r] = hi - lo;
        h.takes++;
        assert_true(h.takes <= share);  /* no take of nothing */
        at[r] += (double)(hi - lo) / speed[r];
    }
    assert_int_equal(expect_lo, share);  /* ... and every block handed out */
    h.counter = counter;
    return h;
}

static const uint64_t shares[] = {0, 1, 2, 7, 255, 256, 4095, 65536, 457764, 999983,
                                  (uint64_t)1 << 30, ((uint64_t)1 << 40) - 3, (uint64_t)1 << 40};
#define SHARES (sizeof shares / sizeof shares[0])

static void every_block_once_in_turn(void **state)
{
    (void)state;
    double speed[MAX_RANKS];
    for (unsigned r = 0; r < MAX_RANKS; r++)
        speed[r] = 1.0;
    for (unsigned ranks = 1; ranks <= MAX_RANKS; ranks++)
        for (size_t s = 0; s < SHARES; s++) {
            const uint64_t share = shares[s];
            const handout h = hand_out(share, ranks, speed, 0.0);
            /* each rank's last take overshoots; by no more than this */
            assert_true(h.counter <= 2 * share + ranks);
            /* about 12 takes a rank: 2 x ln(128) guided ones and 2 of the
             * least size, a few more where the least is rounded down */
            if (share >= 4096 * (uint64_t)ranks)
                assert_true(h.takes <= 12 * (uint64_t)ranks);
            else if (share >= 256 * (uint64_t)ranks)
                assert_true(h.takes <= 15 * (uint64_t)ranks);
            if (ranks == 1)
                assert_int_equal(h.takes, share > 0 ? 1 : 0);
        }
}

static void every_block_once_with_stale_reads(void **state)
{
    (void)state;
    double speed[MAX_RANKS];
    for (unsigned ranks = 1; ranks <= MAX_RANKS; ranks++) {
        for (unsigned r = 0; r < ranks; r++)
            speed[r] = 1.0 + (double)(r % 5) / 4.0;
        for (size_t s = 0; s < SHARES; s++) {
            /* a read a few ranges' time before the take */
            const double lag = (double)shares[s] / (64.0 * ranks) + 1.0;
            const handout h = hand_out(shares[s], ranks, speed, lag);
            assert_true(h.counter <= 2 * shares[s] + ranks);
        }
    }
}

/* Ranks up to twice as fast as each other finish within one least range
 * of each other (the slowest's time for it), each on a range of at most
 * the least size. */
static void unequal_ranks_finish_together(void **state)
{
    (void)state;
    double speed[MAX_RANKS];
    for (unsigned ranks = 2; ranks <= MAX_RANKS; ranks++) {
        double slowest = 2.0;
        for (unsigned r = 0; r < ranks; r++) {
            speed[r] = 1.0 + (double)((r * 7) % 11) / 10.0;  /* 1.0 .. 2.0 */
            slowest = speed[r] < slowest ? speed[r] : slowest;
        }
        for (size_t s = 0; s < SHARES; s++) {
            const uint64_t share = shares[s];
            if (share < 256 * (uint64_t)ranks)
                continue;  /* fewer blocks than ranges: nothing to even out */
            const handout h = hand_out(share, ranks, speed, 0.0);
            double first = h.finish[0], last = h.finish[0];
            for (unsigned r = 1; r < ranks; r++) {
                first = h.finish[r] < first ? h.finish[r] : first;
                last = h.finish[r] > last ? h.finish[r] : last;
            }
            const double least_time = (double)least_of(share, ranks) / slowest;
            assert_true(last - first <= least_time);
            assert_true(h.largest_last <= least_of(share, ranks));
        }
    }
}

/* A job's nodes of uneven rank counts: contiguous shares, in node order, in
 * proportion to their ranks, and each node's hand-out complete. */
static void uneven_nodes_cover_the_job(void **state)
{
    (void)state;
    static const unsigned jobs[][6] = {
        {1}, {64}, {3, 1, 5}, {16, 16, 16, 16}, {7, 64, 2, 1}, {1, 1, 1, 1, 1, 63},
        {2, 33, 5, 64, 9, 1},
    };
    double speed[MAX_RANKS];
    for (unsigned r = 0; r < MAX_RANKS; r++)
        speed[r] = 1.0 + (double)(r % 3) / 2.0;
    const uint64_t blocks_list[] = {0, 1, 63, 457764, 1000003, ((uint64_t)1 << 40) + 17};
    for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++) {
        unsigned size = 0;
        for (int n = 0; n < 6 && jobs[j][n]; n++)
            size += jobs[j][n];
        for (size_t b = 0; b < sizeof blocks_list / sizeof blocks_list[0]; b++) {
            const uint64_t blocks = blocks_list[b];
            uint64_t next = 0;
            unsigned before = 0;
            for (int n = 0; n < 6 && jobs[j][n]; n++) {
                const unsigned ranks = jobs[j][n];
                uint64_t first;
                const uint64_t share =
                    decomposition_node_share(blocks, before, ranks, size, &first);
                assert_int_equal(first, next);
                /* share x size within size of blocks x ranks: in proportion */
                const unsigned __int128 want = (unsigned __int128)blocks * ranks;
                const unsigned __int128 got = (unsigned __int128)share * size;
                assert_true(got + size > want && got < want + size);
                hand_out(share, ranks, speed, 0.0);
                next = first + share;
                before += ranks;
            }
            assert_int_equal(next, blocks);
        }
    }
}

/* The tree across nodes: groups of ceil(sqrt(nodes)) consecutive nodes,
 * one level where that makes one group (2 nodes), the busiest coordinator
 * serving groups + group nodes, and the hand-out running only where a
 * rank's share is 200 round trips' work and one for each of those. */
static void groups_of_about_sqrt_nodes(void **state)
{
    (void)state;
    static const int shapes[][4] = {
        /* nodes, nodes a group, groups, busiest members */
        {1, 1, 1, 1}, {2, 2, 1, 2}, {3, 2, 2, 4}, {4, 2, 2, 4}, {5, 3, 2, 5},
        {16, 4, 4, 8}, {17, 5, 4, 9}, {256, 16, 16, 32}, {4096, 64, 64, 128},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const int nodes = shapes[i][0];
        assert_int_equal(decomposition_group_nodes(nodes), shapes[i][1]);
        assert_int_equal(decomposition_groups(nodes), shapes[i][2]);
        assert_int_equal(decomposition_busiest_members(nodes), shapes[i][3]);
        /* every node in a group, the last group not empty */
        const int side = shapes[i][1], groups = shapes[i][2];
        assert_true(side * groups >= nodes && side * (groups - 1) < nodes);
    }
    /* 3e11 terms (4,577,637 blocks) on 2,048 and 4,096 nodes of one rank:
     * 2,235 and 1,117 blocks a rank, against 200 round trips' work; asked
     * at a threshold of 2 (InfiniBand: 400), not at 40 (10 GbE: 8,000) */
    assert_true(decomposition_worth_asking(4577637, 2048, 2048, 2));
    assert_true(decomposition_worth_asking(4577637, 4096, 4096, 2));
    assert_false(decomposition_worth_asking(4577637, 2048, 2048, 40));
    assert_false(decomposition_worth_asking(4577637, 4096, 4096, 40));
    /* 10 GbE at 3e11: 8,940 a rank on 512 nodes asks, 4,470 on 1,024 not */
    assert_true(decomposition_worth_asking(4577637, 512, 512, 40));
    assert_false(decomposition_worth_asking(4577637, 1024, 1024, 40));
    /* 3e12 (45,776,368 blocks) on 4,096: 11,175 a rank */
    assert_true(decomposition_worth_asking(45776368, 4096, 4096, 40));
    /* exactly at the threshold, and one block under it */
    assert_int_equal(decomposition_asks_from(3, 64), 200 * 64);
    assert_true(decomposition_worth_asking(200 * 64 * 6, 6, 3, 64));
    assert_false(decomposition_worth_asking(200 * 64 * 6 - 1, 6, 3, 64));
    /* the busiest coordinator's members decide past 200 of them: 40,000
     * nodes in 200 groups of 200 */
    assert_int_equal(decomposition_asks_from(40000, 1), 400);
    assert_int_equal(decomposition_asks_from(40000, 3), 1200);
    assert_true(decomposition_asks_from(2, UINT64_MAX) == UINT64_MAX);
    assert_false(decomposition_worth_asking(UINT64_MAX / 2, 1, 1, 1));  /* one node asks nobody */
}

/* The threshold from a round trip and a block's time: the round trips a
 * member's blocks must take, rounded up, at least one block; never to ask
 * where no block's time was measured. */
static void threshold_from_round_trip_and_block(void **state)
{
    (void)state;
    assert_int_equal(DECOMPOSITION_ASK_ROUND_TRIPS, 1);
    assert_int_equal(decomposition_ask_min_blocks(2e-6, 1.25e-6), 2);   /* 1.6, up */
    assert_int_equal(decomposition_ask_min_blocks(50e-6, 1.25e-6), 40);  /* exactly 40 */
    assert_int_equal(decomposition_ask_min_blocks(50.1e-6, 1.25e-6), 41);
    assert_int_equal(decomposition_ask_min_blocks(1e-9, 1e-3), 1);       /* at least one */
    assert_int_equal(decomposition_ask_min_blocks(0, 1e-3), 1);
    assert_true(decomposition_ask_min_blocks(1e-6, 0) == UINT64_MAX);
    assert_true(decomposition_ask_min_blocks(1e300, 1e-300) == UINT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rule_at_worked_points),
        cmocka_unit_test(every_block_once_in_turn),
        cmocka_unit_test(every_block_once_with_stale_reads),
        cmocka_unit_test(unequal_ranks_finish_together),
        cmocka_unit_test(uneven_nodes_cover_the_job),
        cmocka_unit_test(groups_of_about_sqrt_nodes),
        cmocka_unit_test(threshold_from_round_trip_and_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
