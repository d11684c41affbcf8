// The wide-character ncurses API, and small wrappers for what Swift cannot
// import directly (macros and mutable globals).
#ifndef CASELOAD_NCURSESW_SHIM_H
#define CASELOAD_NCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *caseload_stdscr(void) { return stdscr; }
static inline FILE *caseload_stdout(void) { return stdout; }
static inline FILE *caseload_stdin(void) { return stdin; }
static inline int caseload_lines(void) { return LINES; }
static inline int caseload_cols(void) { return COLS; }
static inline int caseload_colors(void) { return COLORS; }

static inline attr_t caseload_a_normal(void) { return A_NORMAL; }
static inline attr_t caseload_a_bold(void) { return A_BOLD; }
static inline attr_t caseload_a_reverse(void) { return A_REVERSE; }
static inline attr_t caseload_a_underline(void) { return A_UNDERLINE; }
static inline attr_t caseload_a_dim(void) { return A_DIM; }

// Gives memory freed after a search or a long list back to the system.
static inline int caseload_trim_memory(void) { return malloc_trim(0); }

// Large buffers (a full-text search's working set) come from their own
// mappings and go back to the system when freed, rather than leaving the
// heap larger after every search; a fixed threshold stops glibc raising it.
static inline void caseload_release_large_buffers(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
}

static inline int caseload_key_code_yes(void) { return KEY_CODE_YES; }
static inline int caseload_key_f(int n) { return KEY_F(n); }


// Writes one grapheme (a base character and its combining marks) with
// attributes and a colour pair at the cursor position.
static inline int caseload_put(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

#endif
