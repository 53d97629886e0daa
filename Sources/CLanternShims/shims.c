#define _GNU_SOURCE
#include "lantern_shims.h"
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/ncurses.h>
#include <zlib.h>
#include <errno.h>

int lantern_color_pair(int pair) { return COLOR_PAIR(pair); }

static ssize_t gzip_read(void *cookie, char *buffer, size_t size) {
    // gzread takes an unsigned int; clamp so a huge request cannot wrap.
    unsigned int chunk = size > (1u << 30) ? (1u << 30) : (unsigned int)size;
    int n = gzread((gzFile)cookie, buffer, chunk);
    if (n < 0) {
        errno = EIO;
        return -1;
    }
    return n;
}

static int gzip_close(void *cookie) {
    return gzclose_r((gzFile)cookie) == Z_OK ? 0 : EOF;
}

FILE *lantern_gzip_fopen(const char *path) {
    gzFile file = gzopen(path, "rb");
    if (file == NULL) {
        return NULL;
    }
    gzbuffer(file, 256 * 1024);
    cookie_io_functions_t functions = {
        .read = gzip_read, .write = NULL, .seek = NULL, .close = gzip_close,
    };
    FILE *stream = fopencookie(file, "rb", functions);
    if (stream == NULL) {
        gzclose_r(file);
    }
    return stream;
}
