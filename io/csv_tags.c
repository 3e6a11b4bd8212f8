/*
 * csv_tags.c - the launcher's columns and their values (csv_tags.h).
 */
#include "csv_tags.h"

#include <string.h>

static const char *const names[] = {
#define CSV_TAG_NAME_(name) #name,
    CSV_RUN_TAGS(CSV_TAG_NAME_)
#undef CSV_TAG_NAME_
};

int csv_tag_find(const char *name, size_t len)
{
    for (int t = 0; t < CSV_TAG_COUNT; t++)
        if (strlen(names[t]) == len && memcmp(names[t], name, len) == 0)
            return t;
    return -1;
}

const char *csv_tag_name(enum csv_run_tag tag) { return names[tag]; }

const char *csv_tag_default(enum csv_run_tag tag) { return tag == CSV_TAG_round ? "0" : "none"; }

static int is(const char *value, size_t len, const char *word)
{
    return len == strlen(word) && memcmp(value, word, len) == 0;
}

/* len bytes, each in set, at least one. */
static int made_of(const char *value, size_t len, const char *set)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (value[i] == '\0' || !strchr(set, value[i]))
            return 0;
    return 1;
}

#define DIGITS "0123456789"

/* "K:S": every K-th host (K >= 2) at S times the speed (0 < S <= 1). */
static int slow_hosts(const char *v, size_t len)
{
    const char *colon = memchr(v, ':', len);
    if (!colon)
        return 0;
    const size_t k = (size_t)(colon - v), s = len - k - 1;
    if (!made_of(v, k, DIGITS) || k > 6 || (k == 1 && v[0] < '2') || v[0] == '0')
        return 0;
    const char *f = colon + 1;
    size_t dots = 0;
    for (size_t i = 0; i < s; i++)
        dots += f[i] == '.';
    if (!made_of(f, s, DIGITS ".") || s > 12 || dots > 1)
        return 0;
    if (is(f, s, "1") || is(f, s, "1.0"))
        return 1;
    /* below 1: "0.5", ".25"; not 0 itself */
    if (!(f[0] == '.' || (s > 1 && f[0] == '0' && f[1] == '.')))
        return 0;
    for (size_t i = 0; i < s; i++)
        if (f[i] >= '1' && f[i] <= '9')
            return 1;
    return 0;
}

const char *csv_tag_value_why(enum csv_run_tag tag, const char *v, size_t len)
{
    if (is(v, len, csv_tag_default(tag)))
        return NULL;
    switch (tag) {
    case CSV_TAG_run_id:
        if (len > 96 || !made_of(v, len, DIGITS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_"))
            return "not 1 to 96 letters, digits, '.', '-' or '_'";
        return NULL;
    case CSV_TAG_mode:
        return is(v, len, "strong") || is(v, len, "weak") ? NULL : "not strong, weak or none";
    case CSV_TAG_layout:
        return is(v, len, "packed") || is(v, len, "spread") ? NULL : "not packed, spread or none";
    case CSV_TAG_round:
        if (len > 7 || !made_of(v, len, DIGITS) || (len > 1 && v[0] == '0'))
            return "not a whole number from 0 to 9999999";
        return NULL;
    case CSV_TAG_binding:
        if (len > 200)
            return "longer than 200 characters";
        for (size_t i = 0; i < len; i++)
            if (v[i] < 0x20 || v[i] > 0x7e)
                return "not printable ASCII";
        return len ? NULL : "empty";
    case CSV_TAG_slow_hosts:
        return slow_hosts(v, len) ? NULL : "not K:S with K >= 2 and 0 < S <= 1 (such as 4:0.5), or none";
    case CSV_TAG_COUNT:
        break;
    }
    return "not a tag";
}
