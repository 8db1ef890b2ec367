/*
 * stubs.c - TEMPORARY weak definitions so the library links while the
 * parser and analysis files are being written.  Every definition here
 * is weak: the real one, when present, wins.  Delete this file (and its
 * line in Makefile.am) once reader.c, parse.c, doc.c, analyze.c and
 * unicode.cc are complete.
 */
#include "pilcrow-private.h"
#include "shim.h"

#define WEAK __attribute__((weak))

WEAK int pcx_unicode_is_wordchar(uint32_t cp) { (void)cp; return 0; }
WEAK uint32_t pcx_unicode_tolower(uint32_t cp) { return cp; }
WEAK int pcx_unicode_category(uint32_t cp) { (void)cp; return 0; }
WEAK pilcrow_status pc_analyzer_new(struct pc_analyzer **o, const char *l)
{ (void)l; *o = NULL; return PILCROW_INTERNAL; }
WEAK void pc_analyzer_free(struct pc_analyzer *a) { (void)a; }
WEAK const char *pc_analyzer_language(const struct pc_analyzer *a)
{ (void)a; return ""; }
WEAK pilcrow_status pc_analyze(struct pc_analyzer *a, const char *t,
                               size_t n, pc_token_fn *f, void *p)
{ (void)a, (void)t, (void)n, (void)f, (void)p; return PILCROW_INTERNAL; }
WEAK const char *pc_analyzer_stem(struct pc_analyzer *a, const char *f,
                                  size_t n, size_t *l)
{ (void)a, (void)f, (void)n, (void)l; return NULL; }
WEAK void pc_fold(pilcrow_status *st, struct pc_buf *b, const char *s,
                  size_t n) { pc_buf_append(st, b, s, n); }
WEAK size_t pc_utf8_decode(const char *s, size_t n, uint32_t *cp)
{ (void)s, (void)n, (void)cp; return 0; }
WEAK pilcrow_status pc_doc_new(pilcrow_doc **o, const pilcrow_parse_options *p)
{ (void)p; *o = NULL; return PILCROW_INTERNAL; }
WEAK struct pilcrow_record *pc_doc_add_record(pilcrow_status *st,
                                              pilcrow_doc *d)
{ (void)d; *st = PILCROW_INTERNAL; return NULL; }
WEAK pilcrow_status pc_doc_finish(pilcrow_doc *d)
{ (void)d; return PILCROW_INTERNAL; }
WEAK void pc_anchor_format(pilcrow_status *st, struct pc_buf *b,
                           pilcrow_kind k, const char *a, const char *n)
{ (void)k, (void)a; pc_buf_puts(st, b, n); }
WEAK pilcrow_status pc_anchor_parse(const char *an, pilcrow_kind *k, char *a,
                                    size_t as, int *aset, char *n, size_t ns)
{ (void)an, (void)k, (void)a, (void)as, (void)aset, (void)n, (void)ns;
  return PILCROW_INTERNAL; }
WEAK pilcrow_status pilcrow_doc_parse_file(pilcrow_doc **o, const char *p,
                                           const pilcrow_parse_options *op,
                                           char **e)
{ (void)p, (void)op, (void)e; *o = NULL; return PILCROW_INTERNAL; }
WEAK void pilcrow_doc_free(pilcrow_doc *d) { (void)d; }
