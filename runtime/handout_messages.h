/*
 * handout_messages.h - the two messages of the hand-out across nodes
 * (decomposition.c), defined once: a node's leader asks the coordinator
 * with a question, and the coordinator gives it a chunk of blocks in an
 * answer.  Both are whole 64-bit words, sent as MPI_UINT64_T arrays
 * (comm_mpi.c), so that no padding or byte order can differ between
 * sender and receiver of the same build.
 */
#ifndef MACLAURIN_HANDOUT_MESSAGES_H
#define MACLAURIN_HANDOUT_MESSAGES_H

#include <stdint.h>

typedef struct {
    uint64_t node;         /* the asking node's index (comm_node()->index) */
    uint64_t blocks_done;  /* blocks its ranks have summed this round */
    uint64_t elapsed_ns;   /* nanoseconds since its round began, on its own clock */
} handout_question;

typedef struct {
    uint64_t first;  /* the chunk's first block */
    uint64_t count;  /* its blocks; 0: nothing is left, and the node's round ends */
} handout_answer;

#define HANDOUT_QUESTION_WORDS (sizeof(handout_question) / sizeof(uint64_t))
#define HANDOUT_ANSWER_WORDS (sizeof(handout_answer) / sizeof(uint64_t))
_Static_assert(sizeof(handout_question) == 3 * sizeof(uint64_t), "a question is three words");
_Static_assert(sizeof(handout_answer) == 2 * sizeof(uint64_t), "an answer is two words");

#endif
