# mk/arm.mk - AArch64 builds, cross-compiled on x86-64, and their tests under qemu-user.
#
#   make arm        maclaurin_serial, maclaurin_omp, maclaurin_peak and the unit tests
#                   for AArch64, one directory per flavour:
#                     build/aarch64-neon/    NEON, any AArch64 core (Graviton 2-4,
#                                            Grace, Apple M under Linux)
#                     build/aarch64-sve256/  SVE at 256 bits, tuned for Neoverse V1
#                                            (Graviton 3)
#                     build/aarch64-sve512/  SVE at 512 bits, tuned for A64FX (Fugaku)
#                   An SVE build runs only where SVE has its length.
#   make arm-mpi    maclaurin_mpi for each flavour, with Debian's arm64 MPICH
#   make arm-test   installs what is missing, builds them, and runs them under
#                   qemu-user against this machine's build, bit for bit, MPI on 2
#                   ranks included (in make test)
#
# Packages (Debian 12): the cross compiler and qemu-user, and to run the programs the
# arm64 architecture's own libc6, libgomp1 and libcmocka-dev (multiarch: scripts/setup
# enables arm64).  ARM_CC names another cross compiler.  On an AArch64 machine itself, build
# as usual (make); these flavours are for building elsewhere.

ARM_CC       ?= aarch64-linux-gnu-gcc
ARM_FLAVOURS := neon sve256 sve512
ARM_CFLAGS_neon   := -O3 -march=armv8-a
ARM_CFLAGS_sve256 := -O3 -mcpu=neoverse-v1 -msve-vector-bits=256
ARM_CFLAGS_sve512 := -O3 -mcpu=a64fx -msve-vector-bits=512
ARM_PACKAGES := gcc-aarch64-linux-gnu libc6-dev-arm64-cross libgomp1-arm64-cross qemu-user \
                libc6:arm64 libgomp1:arm64 libcmocka-dev:arm64 mpich

# Each flavour is this Makefile again with the cross compiler, its flags and its
# own OBJDIR; cmocka is the arm64 one (pkg-config reads the environment, so
# PKG_CONFIG_LIBDIR goes there, not on make's command line).  UNIT_TESTS is
# read when the recipe runs, after every fragment has added its tests.
# Both name the same MPICC (ARM_MPICC, below): the compilers are part of
# the flags stamp (the Makefile's FLAGS_ID), and make arm after make arm-mpi
# would otherwise rebuild every object of the flavour.
arm_make = PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig \
    $(MAKE) --no-print-directory $(BUILD_JOBS) CC=$(ARM_CC) CFLAGS="$(ARM_CFLAGS_$(1))" MPICC="$(ARM_MPICC)" \
    OBJDIR=build/aarch64-$(1) BINDIR=build/aarch64-$(1) \
    $(addprefix build/aarch64-$(1)/,maclaurin_serial maclaurin_omp maclaurin_peak \
        $(addprefix tests/,$(UNIT_TESTS)))

.PHONY: arm arm-mpi arm-test arm-setup
## arm (build): maclaurin_serial, maclaurin_omp, maclaurin_peak and the unit tests cross-built for AArch64 (NEON, SVE-256, SVE-512) into build/aarch64-*/, with the cross compiler make arm-test installs
arm:
	@$(foreach f,$(ARM_FLAVOURS),$(call arm_make,$(f)) &&) true

# maclaurin_mpi for each flavour, against Debian's arm64 MPICH unpacked into
# ARM_MPICH (tests/arm/unpack_mpich says why it is not installed); the
# library is named on the link line, which the linker would otherwise drop
# for coming before the objects.
ARM_MPICH     := build/aarch64-mpich
ARM_MPICH_LIB := $(ARM_MPICH)/usr/lib/aarch64-linux-gnu
$(ARM_MPICH)/.unpacked: tests/arm/unpack_mpich
	@tests/arm/unpack_mpich $(ARM_MPICH)
ARM_MPICC     := $(ARM_CC) -I$(ARM_MPICH)/usr/include/aarch64-linux-gnu/mpich
arm_mpi_make = $(MAKE) --no-print-directory $(BUILD_JOBS) CC=$(ARM_CC) CFLAGS="$(ARM_CFLAGS_$(1))" \
    MPICC="$(ARM_MPICC)" \
    LDFLAGS="-Wl,--no-as-needed -Wl,-rpath-link,$(ARM_MPICH_LIB) $(ARM_MPICH_LIB)/libmpich.so.12" \
    OBJDIR=build/aarch64-$(1) BINDIR=build/aarch64-$(1) build/aarch64-$(1)/maclaurin_mpi
## arm-mpi (build): maclaurin_mpi for each AArch64 flavour, against Debian's arm64 MPICH unpacked into build/
arm-mpi: $(ARM_MPICH)/.unpacked
	@$(foreach f,$(ARM_FLAVOURS),$(call arm_mpi_make,$(f)) &&) true

## arm-setup (internal): checks the cross compiler, qemu-user and the arm64 libraries for arm-test
arm-setup:
	$(call needs,arm,$(ARM_PACKAGES))

# Against this machine's serial build (the reference bits) and its CSV reader;
# the MPI ranks under this machine's MPICH launcher.
## arm-test (test): builds the AArch64 flavours and runs them under qemu-user, bit for bit against this machine's build, MPI included
arm-test: arm-setup
	@$(MAKE) --no-print-directory arm arm-mpi $(BINDIR)/maclaurin_serial
	@MACLAURIN_BIN=$(BINDIR) MACLAURIN_ARM_MPICH=$(ARM_MPICH) tests/arm/run_arm_tests $(ARM_FLAVOURS)
TEST_SUITES += arm-test
# Ten minutes of CPU under emulation that times nothing: make test runs it
# from the start, its emulation at nice 19 (the Makefile's TEST_IDLE), in
# the CPU time the other suites leave.
TEST_IDLE += arm-test
