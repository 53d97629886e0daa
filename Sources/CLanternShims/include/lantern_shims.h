// Small C helpers for what Swift cannot call directly: function-like macros
// and stdio cookies. Every name starts with lantern_.
#ifndef LANTERN_SHIMS_H
#define LANTERN_SHIMS_H

#include <stdio.h>

/// COLOR_PAIR(n) is a macro in ncurses, so Swift cannot see it.
int lantern_color_pair(int pair);

/// Opens a gzip file as a read-only stdio stream of its decompressed bytes,
/// so libpcap can read it through pcap_fopen_offline without a temporary file.
/// Returns NULL with errno set when the file cannot be opened.
/// The caller closes the stream with fclose (pcap_close does this for libpcap).
FILE *lantern_gzip_fopen(const char *path);

#endif
