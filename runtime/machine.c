/*
 * machine.c - this machine's CPU and identifier (machine.h).
 */
#include "machine.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Microarchitectures by vendor, family and model range, where the numbers
 * alone say it (the vendors' own tables; a model not listed is "unknown",
 * never a guess).  AMD's families 25 and 26 interleave their generations'
 * model ranges; Intel's family 6 gives each core its model numbers.
 */
typedef struct {
    const char *vendor;
    int family, model_lo, model_hi;
    const char *name;
} uarch_range;

static const uarch_range uarchs[] = {
    { "AuthenticAMD", 23, 0x00, 0x2f, "zen" },
    { "AuthenticAMD", 23, 0x30, 0xff, "zen2" },
    { "AuthenticAMD", 25, 0x00, 0x0f, "zen3" },
    { "AuthenticAMD", 25, 0x10, 0x1f, "zen4" },
    { "AuthenticAMD", 25, 0x20, 0x5f, "zen3" },
    { "AuthenticAMD", 25, 0x60, 0x7f, "zen4" },
    { "AuthenticAMD", 25, 0xa0, 0xaf, "zen4" },
    { "AuthenticAMD", 26, 0x00, 0x7f, "zen5" },
    { "GenuineIntel", 6, 0x55, 0x55, "skylake-server" },
    { "GenuineIntel", 6, 0x6a, 0x6a, "ice-lake-server" },
    { "GenuineIntel", 6, 0x6c, 0x6c, "ice-lake-server" },
    { "GenuineIntel", 6, 0x8f, 0x8f, "sapphire-rapids" },
    { "GenuineIntel", 6, 0xcf, 0xcf, "emerald-rapids" },
    { "GenuineIntel", 6, 0xad, 0xae, "granite-rapids" },
    { "GenuineIntel", 6, 0xaf, 0xaf, "sierra-forest" },
    { "GenuineIntel", 6, 0x97, 0x97, "alder-lake" },
    { "GenuineIntel", 6, 0x9a, 0x9a, "alder-lake" },
    { "GenuineIntel", 6, 0xb7, 0xb7, "raptor-lake" },
    { "GenuineIntel", 6, 0xba, 0xba, "raptor-lake" },
    { "GenuineIntel", 6, 0xbf, 0xbf, "raptor-lake" },
    { "arm-0x41", 8, 0xd0c, 0xd0c, "neoverse-n1" },
    { "arm-0x41", 8, 0xd40, 0xd40, "neoverse-v1" },
    { "arm-0x41", 8, 0xd49, 0xd49, "neoverse-n2" },
    { "arm-0x41", 8, 0xd4f, 0xd4f, "neoverse-v2" },
    { "arm-0x46", 8, 0x001, 0x001, "a64fx" },
};

static const char *uarch_of(const machine_facts *m)
{
    char *end;
    const long family = strtol(m->family, &end, 0);
    if (*end || end == m->family)
        return "unknown";
    const long model = strtol(m->model, &end, 0);
    if (*end || end == m->model)
        return "unknown";
    for (size_t i = 0; i < sizeof uarchs / sizeof uarchs[0]; i++)
        if (strcmp(uarchs[i].vendor, m->vendor) == 0 && uarchs[i].family == family &&
            model >= uarchs[i].model_lo && model <= uarchs[i].model_hi)
            return uarchs[i].name;
    return "unknown";
}

/* The value of "key : value" if line's key is exactly `key`, else NULL. */
static const char *value_of(const char *line, size_t len, const char *key, char *out, size_t size)
{
    const char *colon = memchr(line, ':', len);
    if (!colon)
        return NULL;
    size_t k = (size_t)(colon - line);
    while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\t'))
        k--;
    if (k != strlen(key) || memcmp(line, key, k) != 0)
        return NULL;
    const char *v = colon + 1;
    while (v < line + len && *v == ' ')
        v++;
    size_t n = (size_t)(line + len - v);
    if (n >= size)
        n = size - 1;
    memcpy(out, v, n);
    out[n] = '\0';
    return out;
}

/* Only the characters a results file's name columns allow: anything else
 * (a vendor string is the hardware's to choose) becomes '-'. */
static void tidy(char *s)
{
    for (; *s; s++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_", *s))
            *s = '-';
}

/* FNV-1a, 32 bits: a host name's short fingerprint (not a secret). */
static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void set(char *out, size_t size, const char *value)
{
    snprintf(out, size, "%s", value && *value ? value : "unknown");
}

void machine_from_cpuinfo(machine_facts *m, const char *cpuinfo, const char *host, long cpus)
{
    memset(m, 0, sizeof *m);
    char name[256] = "", vendor[64] = "", family[16] = "", model[16] = "", stepping[16] = "";
    char implementer[16] = "", arch[16] = "", part[16] = "", variant[16] = "", revision[16] = "";
    char scratch[4096];
    /* the first processor's block: every line up to the first blank one */
    for (const char *line = cpuinfo; line && *line;) {
        const char *nl = strchr(line, '\n');
        const size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (len == 0 && (*name || *vendor || *implementer))
            break;
#define TAKE(key, into)  \
    if (!*into)          \
        value_of(line, len, key, into, sizeof into);
        TAKE("model name", name)
        TAKE("vendor_id", vendor)
        TAKE("cpu family", family)
        TAKE("model", model)
        TAKE("stepping", stepping)
        TAKE("CPU implementer", implementer)
        TAKE("CPU architecture", arch)
        TAKE("CPU part", part)
        TAKE("CPU variant", variant)
        TAKE("CPU revision", revision)
#undef TAKE
        if (value_of(line, len, "flags", scratch, sizeof scratch) ||
            value_of(line, len, "Features", scratch, sizeof scratch)) {
            const char *f = strstr(scratch, "hypervisor");
            m->hypervisor = f && (f == scratch || f[-1] == ' ') && (f[10] == ' ' || f[10] == '\0');
        }
        line = nl ? nl + 1 : NULL;
    }
    if (*implementer && !*vendor) {  /* AArch64: implementer, architecture, part, variant */
        snprintf(vendor, sizeof vendor, "arm-%s", implementer);
        snprintf(family, sizeof family, "%s", arch);
        snprintf(model, sizeof model, "%s", part);
        if (*variant && *revision)
            snprintf(stepping, sizeof stepping, "r%ldp%s", strtol(variant, NULL, 0), revision);
    }
    set(m->model_name, sizeof m->model_name, name);
    set(m->vendor, sizeof m->vendor, vendor);
    set(m->family, sizeof m->family, family);
    set(m->model, sizeof m->model, model);
    set(m->stepping, sizeof m->stepping, stepping);
    tidy(m->vendor);
    tidy(m->family);
    tidy(m->model);
    tidy(m->stepping);
    m->uarch = uarch_of(m);
    m->cpus_online = cpus;
    const char *brand = strcmp(m->vendor, "AuthenticAMD") == 0   ? "amd"
                        : strcmp(m->vendor, "GenuineIntel") == 0 ? "intel"
                                                                 : m->vendor;
    snprintf(m->id, sizeof m->id, "%s-%s.%s.%s-%ldcpu-%06x", brand, m->family, m->model,
             m->stepping, cpus, (unsigned)(fnv1a(host) & 0xffffff));
}

void machine_signature(const machine_facts *m, char *out, size_t size)
{
    snprintf(out, size, "%s %s.%s.%s", m->vendor, m->family, m->model, m->stepping);
}

const machine_facts *machine_self(void)
{
    static machine_facts self;
    static int known;
    if (known)
        return &self;
    known = 1;
    /* /proc/cpuinfo's first processor fits in a few kilobytes; the rest is not read */
    static char text[16384];
    size_t n = 0;
    FILE *in = fopen("/proc/cpuinfo", "r");
    if (in) {
        n = fread(text, 1, sizeof text - 1, in);
        fclose(in);
    }
    text[n] = '\0';
    /* the real host and CPU count, not a simulated host's (simulation.h) */
    char host[256] = "unknown";
    if (gethostname(host, sizeof host - 1) != 0)
        snprintf(host, sizeof host, "unknown");
    host[sizeof host - 1] = '\0';
    machine_from_cpuinfo(&self, text, host, sysconf(_SC_NPROCESSORS_ONLN));
    return &self;
}
