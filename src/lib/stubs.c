/*
 * stubs.c - TEMPORARY weak definitions so the library links while the
 * parser files are being written.  Every definition here
 * is weak: the real one, when present, wins.  Delete this file (and its
 * line in Makefile.am) once reader.c, parse.c and doc.c are complete.
 */
#include "pilcrow-private.h"
#include "shim.h"

#define WEAK __attribute__((weak))

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
WEAK pilcrow_status pc_parse(pilcrow_doc *d, const char *t, size_t n,
                             pilcrow_warn_fn *w, void *p)
{ (void)d, (void)t, (void)n, (void)w, (void)p; return PILCROW_INTERNAL; }
WEAK pilcrow_status pc_read_file(char **o, size_t *ol, const char *p,
                                 pilcrow_warn_fn *w, void *pl, char **e)
{ (void)p, (void)w, (void)pl, (void)e; *o = NULL; *ol = 0;
  return PILCROW_INTERNAL; }
WEAK pilcrow_status pc_clean_text(char **o, size_t *ol, const char *b,
                                  size_t n, const char *nm,
                                  pilcrow_warn_fn *w, void *pl, char **e)
{ (void)b, (void)n, (void)nm, (void)w, (void)pl, (void)e; *o = NULL;
  *ol = 0; return PILCROW_INTERNAL; }
