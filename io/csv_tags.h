/*
 * csv_tags.h - the columns a launcher gives the drivers (`--tag NAME=VALUE`,
 * csv_columns.h's CSV_RUN_TAGS): their names and what each may hold.  The
 * drivers check a tag when it is given and the results checker checks the
 * column alike, so that both take one rule.
 */
#ifndef MACLAURIN_CSV_TAGS_H
#define MACLAURIN_CSV_TAGS_H

#include <stddef.h>

#include "csv_columns.h"

#define CSV_TAG_ENUM_(name) CSV_TAG_##name,
enum csv_run_tag { CSV_RUN_TAGS(CSV_TAG_ENUM_) CSV_TAG_COUNT };

/* The tag named `name` (length len), or -1. */
int csv_tag_find(const char *name, size_t len);

/* A tag's name ("run_id"). */
const char *csv_tag_name(enum csv_run_tag tag);

/* What a row holds where no tag was given: "none", or "0" for round. */
const char *csv_tag_default(enum csv_run_tag tag);

/* NULL when `value` (len bytes, unquoted) may stand in the tag's column,
 * else why not. */
const char *csv_tag_value_why(enum csv_run_tag tag, const char *value, size_t len);

#endif
