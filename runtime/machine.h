/*
 * machine.h - which machine a process runs on: its CPU as /proc/cpuinfo
 * describes it, whether it is a virtual machine, and an identifier that
 * tells apart two machines of one host name ("vm" has stood for four
 * different CPUs).  Every results row names its machine with these
 * (io/csv_columns.h, CSV_CPU_COLUMNS); bench and compare read them from
 * the programs' --facts, so that the CPU is read one way only.
 *
 * Always the machine the process really runs on: in a simulated build
 * (simulation.h) that is the machine running the simulation, whose core
 * the simulated hosts' speed was measured on; the simulated host is named
 * by the row's platform and host_speed.
 */
#ifndef MACLAURIN_MACHINE_H
#define MACLAURIN_MACHINE_H

#include <stddef.h>

typedef struct {
    char model_name[256];  /* "AMD EPYC", "Intel(R) Xeon(R) Processor" */
    char vendor[64];       /* "AuthenticAMD", "GenuineIntel"; on AArch64 "arm-0x41" */
    char family[16];       /* decimal, or "unknown" (AArch64: the architecture, "8") */
    char model[16];        /* decimal; AArch64: the part number, "0xd40" */
    char stepping[16];     /* decimal; AArch64: variant and revision, "r1p1" */
    const char *uarch;     /* "zen5", "sapphire-rapids", ..., or "unknown" */
    int hypervisor;        /* 1: the CPU flags say it runs under a hypervisor */
    long cpus_online;      /* this machine's, whatever a simulation says of its hosts */
    char id[128];          /* "amd-26.2.0-2cpu-1a2b3c" (machine_identify) */
} machine_facts;

/* This machine's facts, read once (/proc/cpuinfo, the host name). */
const machine_facts *machine_self(void);

/* The facts from a /proc/cpuinfo's text, a host name and a CPU count: the
 * parsing alone, for tests. */
void machine_from_cpuinfo(machine_facts *m, const char *cpuinfo, const char *host, long cpus);

/* The CPU's signature, "vendor family.model.stepping": equal on two hosts
 * when their CPUs are the same kind (runtime/placement.c compares them). */
void machine_signature(const machine_facts *m, char *out, size_t size);

#endif
