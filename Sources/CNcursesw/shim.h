#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define _XOPEN_SOURCE 700      /* SwiftPM drops pkg-config's -D flags; wcwidth needs this */
#define NCURSES_WIDECHAR 1     /* cchar_t, wadd_wch, wget_wch */
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Globals and macros that Swift cannot import or that Swift 6 rejects as unsafe. */
static inline WINDOW *cncw_stdscr(void) { return stdscr; }
static inline int cncw_lines(void) { return LINES; }
static inline int cncw_cols(void) { return COLS; }
static inline int cncw_colors(void) { return COLORS; }
static inline attr_t cncw_a_normal(void) { return A_NORMAL; }
static inline attr_t cncw_a_bold(void) { return A_BOLD; }
static inline attr_t cncw_a_reverse(void) { return A_REVERSE; }
static inline attr_t cncw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cncw_a_dim(void) { return A_DIM; }
static inline mmask_t cncw_mouse_mask_default(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline mmask_t cncw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cncw_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cncw_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cncw_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline int cncw_key_f(int n) { return KEY_F(n); }
#endif
