#ifndef TIDEBLOB_CWCWIDTH_SHIM_H
#define TIDEBLOB_CWCWIDTH_SHIM_H
/* wcwidth is hidden from Swift's Glibc module; declare it here. Needs a UTF-8 LC_CTYPE (setlocale) to work. */
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
extern int wcwidth(wchar_t c);
static inline int cw_wcwidth(unsigned int cp) { return wcwidth((wchar_t)cp); }
static inline const char *cw_codeset(void) { return nl_langinfo(CODESET); }
#endif
