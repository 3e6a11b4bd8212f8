/*
 * version.h - the release of the programs and of what they write.  The
 * README's version line is checked against what the programs print.
 */
#ifndef MACLAURIN_VERSION_H
#define MACLAURIN_VERSION_H

#define MACLAURIN_VERSION "1.4.0"

#endif
