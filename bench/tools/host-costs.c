/*
 * What the host makes the operating system's basic operations cost, printed by bench/run.sh beside the machine, so
 * that runs on different hosts can be told apart by more than the CPU's name (docs/PERFORMANCE.md, "The machine"):
 *
 *   host-costs <scratch file>
 *
 * - a system call (getppid, which does nothing else);
 * - a read of an 8 kB page from the operating system's cache at a random offset (pread, as PostgreSQL reads a page
 *   that is not in its shared buffers), over a 64 MB file written and read once first;
 * - the first touch of a 4 kB page of memory new to the process (as PostgreSQL's backends meet shared buffers, the
 *   operating system's cache meets new files, and a JVM meets its heap), over 256 MB of shared anonymous memory.
 * Each is the mean over many, from CLOCK_MONOTONIC; the scratch file is deleted at the end.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE 8192
#define FILE_BYTES (64L << 20)
#define TOUCH_BYTES (256L << 20)

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: host-costs <scratch file>\n");
        return 2;
    }
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
    static char page[PAGE];
    long pages = FILE_BYTES / PAGE;
    for (long p = 0; p < pages; p++) {
        for (int i = 0; i < PAGE; i += 64) {
            page[i] = (char) (p + i);
        }
        if (pwrite(fd, page, PAGE, p * PAGE) != PAGE) {
            perror("pwrite");
            return 1;
        }
    }
    for (long p = 0; p < pages; p++) {
        if (pread(fd, page, PAGE, p * PAGE) != PAGE) {
            perror("pread");
            return 1;
        }
    }
    long reads = 200000;
    t0 = now();
    for (long i = 0; i < reads; i++) {
        if (pread(fd, page, PAGE, (i * 7919 % pages) * PAGE) != PAGE) {
            perror("pread");
            return 1;
        }
    }
    double read_us = (now() - t0) / reads * 1e6;
    close(fd);
    unlink(argv[1]);

    char *memory = mmap(NULL, TOUCH_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    t0 = now();
    for (long o = 0; o < TOUCH_BYTES; o += 4096) {
        memory[o] = 1;
    }
    double touch_us = (now() - t0) / (TOUCH_BYTES / 4096) * 1e6;
    munmap(memory, TOUCH_BYTES);

    printf("a system call %.2f us, an 8 kB page read from the OS cache %.2f us, the first touch of a 4 kB page of memory %.2f us\n",
           syscall_us, read_us, touch_us);
    return 0;
}
