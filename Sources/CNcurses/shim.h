// The wide-character API (add_wch, wcwidth-aware drawing) is only declared
// when _XOPEN_SOURCE_EXTENDED is set before the header is included.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>
