// Small C helpers for what Swift cannot call directly: function-like macros
// and stdio cookies. Every name starts with lantern_.
#ifndef LANTERN_SHIMS_H
#define LANTERN_SHIMS_H

#include <stdio.h>

/// COLOR_PAIR(n) is a macro in ncurses, so Swift cannot see it.
int lantern_color_pair(int pair);

/// Asks ncurses to report left-button presses and clicks (BUTTON1_* are macros built from
/// NCURSES_MOUSE_MASK, which Swift cannot see) with no click-detection delay.
/// Returns 1 when the terminal reports at least one of them, 0 when it reports none.
int lantern_mouse_enable(void);

/// Reads the pending mouse event after KEY_MOUSE. Returns 1 and stores the 0-based cell of a
/// left-button press or click in *column and *row; returns 0 for any other event.
int lantern_mouse_click(int *column, int *row);

/// Opens a gzip file as a read-only stdio stream of its decompressed bytes,
/// so libpcap can read it through pcap_fopen_offline without a temporary file.
/// Returns NULL with errno set when the file cannot be opened.
/// The caller closes the stream with fclose (pcap_close does this for libpcap).
FILE *lantern_gzip_fopen(const char *path);

#endif
