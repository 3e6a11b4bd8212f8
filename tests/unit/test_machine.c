/*
 * test_machine.c - which machine a row names (runtime/machine.c): the CPU
 * read from /proc/cpuinfo texts of the kinds seen (AMD and Intel under a
 * hypervisor, AArch64, nothing at all), the microarchitecture only where
 * family and model say it, and an id that tells two hosts of one name
 * apart when their CPUs differ, and two names apart on one CPU.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "machine.h"

static const char zen5[] =
    "processor\t: 0\n"
    "vendor_id\t: AuthenticAMD\n"
    "cpu family\t: 26\n"
    "model\t\t: 2\n"
    "model name\t: AMD EPYC\n"
    "stepping\t: 1\n"
    "flags\t\t: fpu vme de pse avx2 hypervisor avx512f\n"
    "\n"
    "processor\t: 1\n"
    "vendor_id\t: GenuineIntel\n"
    "cpu family\t: 6\n";

static const char emerald_rapids_bare_metal[] =
    "processor\t: 0\n"
    "vendor_id\t: GenuineIntel\n"
    "cpu family\t: 6\n"
    "model\t\t: 207\n"
    "model name\t: Intel(R) Xeon(R) Processor\n"
    "stepping\t: 2\n"
    "flags\t\t: fpu avx512f hypervisorx\n"
    "\n";

static const char neoverse_v1[] =
    "processor\t: 0\n"
    "BogoMIPS\t: 2100.00\n"
    "Features\t: fp asimd sve\n"
    "CPU implementer\t: 0x41\n"
    "CPU architecture: 8\n"
    "CPU variant\t: 0x1\n"
    "CPU part\t: 0xd40\n"
    "CPU revision\t: 1\n"
    "\n";

static void an_amd_vm_is_named_by_its_numbers(void **state)
{
    (void)state;
    machine_facts m;
    machine_from_cpuinfo(&m, zen5, "vm", 2);
    assert_string_equal(m.model_name, "AMD EPYC");
    assert_string_equal(m.vendor, "AuthenticAMD");
    assert_string_equal(m.family, "26");
    assert_string_equal(m.model, "2");
    assert_string_equal(m.stepping, "1");
    assert_string_equal(m.uarch, "zen5");
    assert_int_equal(m.hypervisor, 1);
    /* the first processor's block only: the second's Intel lines are not read */
    assert_int_equal(strncmp(m.id, "amd-26.2.1-2cpu-", 16), 0);
    assert_int_equal(strlen(m.id), 16 + 6);
}

static void an_intel_model_is_its_own_and_flags_are_words(void **state)
{
    (void)state;
    machine_facts m;
    machine_from_cpuinfo(&m, emerald_rapids_bare_metal, "xeon16", 16);
    assert_string_equal(m.uarch, "emerald-rapids");
    assert_int_equal(m.hypervisor, 0);  /* "hypervisorx" is not the flag */
    assert_int_equal(strncmp(m.id, "intel-6.207.2-16cpu-", 20), 0);
}

static void aarch64_names_implementer_part_and_revision(void **state)
{
    (void)state;
    machine_facts m;
    machine_from_cpuinfo(&m, neoverse_v1, "graviton", 64);
    assert_string_equal(m.vendor, "arm-0x41");
    assert_string_equal(m.family, "8");
    assert_string_equal(m.model, "0xd40");
    assert_string_equal(m.stepping, "r1p1");
    assert_string_equal(m.uarch, "neoverse-v1");
}

static void nothing_known_is_unknown_never_guessed(void **state)
{
    (void)state;
    machine_facts m;
    machine_from_cpuinfo(&m, "", "box", 1);
    assert_string_equal(m.vendor, "unknown");
    assert_string_equal(m.family, "unknown");
    assert_string_equal(m.uarch, "unknown");
    assert_string_equal(m.model_name, "unknown");
    /* a family the table lacks is unknown too, not the nearest one */
    machine_from_cpuinfo(&m, "vendor_id : AuthenticAMD\ncpu family : 27\nmodel : 1\n", "box", 1);
    assert_string_equal(m.uarch, "unknown");
}

static void ids_tell_hosts_and_cpus_apart(void **state)
{
    (void)state;
    machine_facts a, b, c;
    machine_from_cpuinfo(&a, zen5, "vm", 2);
    machine_from_cpuinfo(&b, emerald_rapids_bare_metal, "vm", 2);
    machine_from_cpuinfo(&c, zen5, "node07", 2);
    assert_string_not_equal(a.id, b.id);  /* one name, two CPUs */
    assert_string_not_equal(a.id, c.id);  /* one CPU, two names */
    char sa[96], sc[96];
    machine_signature(&a, sa, sizeof sa);
    machine_signature(&c, sc, sizeof sc);
    assert_string_equal(sa, sc);  /* the same kind of CPU: cpu_uniform holds */
    assert_string_equal(sa, "AuthenticAMD 26.2.1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_amd_vm_is_named_by_its_numbers),
        cmocka_unit_test(an_intel_model_is_its_own_and_flags_are_words),
        cmocka_unit_test(aarch64_names_implementer_part_and_revision),
        cmocka_unit_test(nothing_known_is_unknown_never_guessed),
        cmocka_unit_test(ids_tell_hosts_and_cpus_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
