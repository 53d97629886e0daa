#define _GNU_SOURCE
#include "lantern_shims.h"
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/ncurses.h>
#include <zlib.h>
#include <errno.h>

int lantern_color_pair(int pair) { return COLOR_PAIR(pair); }

int lantern_mouse_enable(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON1_CLICKED;
    mmask_t granted = mousemask(wanted, NULL);
    // With only presses and clicks wanted, a zero interval makes a press arrive at once
    // instead of after the default 1/6 s wait for a possible click.
    mouseinterval(0);
    return (granted & wanted) != 0;
}

int lantern_mouse_click(int *column, int *row) {
    MEVENT event;
    if (getmouse(&event) != OK) {
        return 0;
    }
    if ((event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) == 0) {
        return 0;
    }
    *column = event.x;
    *row = event.y;
    return 1;
}

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
