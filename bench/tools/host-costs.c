/*
 * What the host makes the operating system's basic operations cost, printed by bench/run.sh beside the machine, so
 * that runs on different hosts can be told apart by more than the CPU's name (docs/PERFORMANCE.md, "The machine"):
 *
 *   host-costs <scratch file>
 *
 * - a system call (getppid, which does nothing else);
 * - a read of an 8 kB page from the operating system's cache (pread, as PostgreSQL reads a page that is not in its
 *   shared buffers), striding over a 64 MB file written and read once first;
 * - the first touch of a page of memory new to the process: private (as a JVM's heap grows) and shared (as
 *   PostgreSQL's shared buffers are first used);
 * - the first touch, by a second process, of a page of shared memory that another has touched already (as a new
 *   PostgreSQL backend meets the shared buffers).
 * Each is the mean over many, from CLOCK_MONOTONIC, over 256 MB of memory. The scratch file is unlinked as soon as
 * it is open.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 8192
#define FILE_BYTES (64L << 20)
#define TOUCH_BYTES (256L << 20)

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* Microseconds per page to touch every page of memory once. */
static double touch(char *memory, long page) {
    double t0 = now();
    for (long o = 0; o < TOUCH_BYTES; o += page) {
        memory[o] = 1;
    }
    return (now() - t0) / (TOUCH_BYTES / page) * 1e6;
}

static char *map(int flags) {
    char *memory = mmap(NULL, TOUCH_BYTES, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    /* one fault per small page on every host, whatever its transparent huge pages setting (EINVAL: a kernel
       without them, where every page is small anyway) */
    if (madvise(memory, TOUCH_BYTES, MADV_NOHUGEPAGE) != 0 && errno != EINVAL) {
        perror("madvise");
        exit(1);
    }
    return memory;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: host-costs <scratch file>\n");
        return 2;
    }
    long page = sysconf(_SC_PAGESIZE);

    long calls = 1000000;
    double t0 = now();
    for (long i = 0; i < calls; i++) {
        syscall(SYS_getppid);
    }
    double syscall_us = (now() - t0) / calls * 1e6;

    int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    unlink(argv[1]);
    static char block[BLOCK];
    long blocks = FILE_BYTES / BLOCK;
    for (long b = 0; b < blocks; b++) {
        for (int i = 0; i < BLOCK; i += 64) {
            block[i] = (char) (b + i);
        }
        if (pwrite(fd, block, BLOCK, b * BLOCK) != BLOCK) {
            perror("pwrite");
            return 1;
        }
    }
    for (long b = 0; b < blocks; b++) {
        if (pread(fd, block, BLOCK, b * BLOCK) != BLOCK) {
            perror("pread");
            return 1;
        }
    }
    long reads = 200000;
    t0 = now();
    for (long i = 0; i < reads; i++) {
        /* 7919 is prime, so the stride meets every block before it meets one again */
        if (pread(fd, block, BLOCK, (i * 7919 % blocks) * BLOCK) != BLOCK) {
            perror("pread");
            return 1;
        }
    }
    double read_us = (now() - t0) / reads * 1e6;
    close(fd);

    char *private_memory = map(MAP_PRIVATE);
    double private_us = touch(private_memory, page);
    munmap(private_memory, TOUCH_BYTES);

    char *shared_memory = map(MAP_SHARED);
    double shared_us = touch(shared_memory, page);
    int report[2];
    if (pipe(report) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    if (child == 0) {
        close(report[0]);
        double again_us = touch(shared_memory, page);
        _exit(write(report[1], &again_us, sizeof again_us) == sizeof again_us ? 0 : 1);
    }
    /* the child's end closed here, so that a child that dies without reporting ends the read */
    close(report[1]);
    double again_us = -1;
    int status;
    if (read(report[0], &again_us, sizeof again_us) != sizeof again_us || waitpid(child, &status, 0) != child) {
        fprintf(stderr, "the second process did not report\n");
        return 1;
    }
    munmap(shared_memory, TOUCH_BYTES);

    printf("a system call %.2f us, an 8 kB page read from the OS cache %.2f us; the first touch of a %ld kB page of"
           " memory new to the process %.2f us (private), %.2f us (shared), of shared memory by a second process"
           " %.2f us\n", syscall_us, read_us, page / 1024, private_us, shared_us, again_us);
    return 0;
}
