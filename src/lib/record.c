/*
 * record.c - stored bytes into the records callers see: the stored
 * fields and text (store.c's format), the document's metadata (cached
 * for readers) and the anchor; and pilcrow_db_get_record().
 */
#include <stdio.h>
#include <string.h>

#include "pilcrow-private.h"
#include "shim.h"

/*
 * Document metadata of a read-only handle, cached: hits of one query,
 * and queries of a batch, keep landing in the same documents, and
 * reading and copying it out of Xapian was a tenth of a one-word
 * search.  Direct-mapped by document id; each slot holds the stored
 * bytes, decoded again on every use.  Dropped when the shim's view
 * moves (a reopen); writable handles do not cache (their own writes
 * would make it stale).
 */
#define PC_META_SLOTS 4096

struct pc_meta_slot {
    char *doc;                  /* NULL: empty */
    char *val;                  /* stored metadata */
    size_t len;
};

void
pc_db_meta_free(pilcrow_db *db)
{
    size_t i;

    if (db->meta == NULL)
        return;
    for (i = 0; i < PC_META_SLOTS; i++) {
        pc_free(db->meta[i].doc);
        pc_free(db->meta[i].val);
    }
    pc_free(db->meta);
    db->meta = NULL;
}

/* DOC's slot of DB's cache, made or emptied as needed; NULL if the
 * handle does not cache or memory is short (then it reads through). */
static struct pc_meta_slot *
meta_slot(pilcrow_db *db, const char *doc)
{
    if (db->flags & PILCROW_OPEN_WRITE)
        return NULL;
    if (db->meta != NULL && db->meta_gen != pcx_db_generation(db->x))
        pc_db_meta_free(db);
    if (db->meta == NULL) {
        if ((db->meta = pc_calloc(PC_META_SLOTS, sizeof(*db->meta))) == NULL)
            return NULL;
        db->meta_gen = pcx_db_generation(db->x);
    }
    return &db->meta[pc_hash(doc, strlen(doc)) % PC_META_SLOTS];
}

/* Fetch the metadata of document DOC from DB into R's doc-level fields,
 * allocated from A. */
static pilcrow_status
load_docmeta(pilcrow_db *db, struct pilcrow_record *r, struct pc_arena *a,
             const char *doc)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf key = PC_BUF_INIT;
    struct pc_meta_slot *slot = meta_slot(db, doc);
    char *val = NULL;
    size_t len = 0;

    if (slot != NULL && slot->doc != NULL && strcmp(slot->doc, doc) == 0) {
        if ((st = pc_store_decode_docmeta(r, a, slot->val, slot->len)) < 0)
            return pc_db_error(db, st, "cannot decode metadata of "
                               "document %s", doc);
        return PILCROW_OK;
    }
    pc_meta_key(&st, &key, PC_META_DOC, doc);
    if (st < 0)
        return pc_db_error(db, st, "out of memory");
    if ((st = pcx_db_get_metadata(db->x, key.data, &val, &len)) < 0) {
        pc_buf_free(&key);
        return pc_db_shim_error(db, st);
    }
    pc_buf_free(&key);
    if (len == 0)
        st = pc_db_error(db, PILCROW_CORRUPT,
                         "no metadata for document %s", doc);
    else if ((st = pc_store_decode_docmeta(r, a, val, len)) < 0)
        pc_db_error(db, st, "cannot decode metadata of document %s", doc);
    if (st >= 0 && slot != NULL) {
        char *copy = pc_strdup(doc);

        if (copy != NULL) {     /* else the slot stays as it was */
            pc_free(slot->doc);
            pc_free(slot->val);
            slot->doc = copy;
            slot->val = val;
            slot->len = len;
            val = NULL;
        }
    }
    pc_free(val);
    return st;
}

/* The message for a failed decode of a record of DOC (NULL: unknown). */
static pilcrow_status
decode_error(pilcrow_db *db, pilcrow_status st, const char *doc)
{
    if (st == PILCROW_NOMEM)
        return pc_db_error(db, st, "out of memory");
    if (doc == NULL)
        return pc_db_error(db, st, "a stored record is damaged");
    return pc_db_error(db, st, "a stored record of %s is damaged", doc);
}

pilcrow_status
pc_record_load(pilcrow_db *db, struct pilcrow_record *r, struct pc_arena *a,
               const char *data, size_t len, unsigned parts,
               const struct pilcrow_record *same_doc)
{
    pilcrow_status st = PILCROW_OK;

    if (r->doc == NULL) {
        if ((st = pc_store_decode(r, a, data, len, (parts & PC_LOAD_TEXT) != 0,
                                  &db->inflater)) < 0)
            return decode_error(db, st, NULL);
    } else if ((parts & PC_LOAD_TEXT) && r->text == NULL) {
        /* Decoded before without its text: decode again for it alone. */
        struct pilcrow_record t;

        memset(&t, 0, sizeof(t));
        if ((st = pc_store_decode(&t, a, data, len, 1, &db->inflater)) < 0)
            return decode_error(db, st, r->doc);
        r->text = t.text;
        r->text_len = t.text_len;
    }
    if (!(parts & PC_LOAD_CITE) || r->anchor != NULL)
        return PILCROW_OK;
    if (same_doc != NULL && strcmp(same_doc->doc, r->doc) == 0) {
        r->symbol = same_doc->symbol;
        r->title = same_doc->title;
        r->date = same_doc->date;
        memcpy(r->meta, same_doc->meta, sizeof(r->meta));
        r->language = same_doc->language;
        r->file = same_doc->file;
    } else if ((st = load_docmeta(db, r, a, r->doc)) < 0) {
        return st;
    }
    pc_record_anchors(&st, r, a);
    if (st < 0)
        return pc_db_error(db, st, "out of memory");
    return PILCROW_OK;
}

/* Does DB hold document DOC (its metadata)?  On doubt, yes. */
static int
doc_known(pilcrow_db *db, const char *doc)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf key = PC_BUF_INIT;
    char *val = NULL;
    size_t len = 1;

    pc_buf_puts(&st, &key, PC_META_DOC);
    pc_buf_puts(&st, &key, doc);
    if (st >= 0 && pcx_db_get_metadata(db->x, key.data, &val, &len) < 0)
        len = 1;
    pc_free(val);
    pc_buf_free(&key);
    return st < 0 || len > 0;
}

pilcrow_status
pilcrow_db_get_record(pilcrow_record **out, pilcrow_db *db, const char *doc,
                      const char *anchor)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf term = PC_BUF_INIT;
    struct pc_arena arena = PC_ARENA_INIT;
    struct pilcrow_record *r;
    pilcrow_kind kind;
    char annex[64], number[64];
    int annex_set;
    char *data = NULL;
    size_t len = 0;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || db == NULL || doc == NULL || anchor == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if (pc_anchor_parse(anchor, &kind, annex, sizeof(annex), &annex_set,
                        number, sizeof(number)) < 0)
        return pc_db_error(db, PILCROW_INVALID, "'%s' is not an anchor "
                           "(try 7, para. 7, note 1, summary 1)", anchor);
    pc_uid_term(&st, &term, doc, kind, annex_set ? annex : NULL, number);
    if (st < 0)
        return pc_db_error(db, st, "out of memory");
    st = pcx_db_get_by_term(db->x, term.data, term.len, &data, &len);
    pc_buf_free(&term);
    if (st == PILCROW_NOTFOUND)
        return doc_known(db, doc)
               ? pc_db_error(db, st, "no record %s in %s", anchor, doc)
               : pc_db_error(db, st, "no document %s in the index", doc);
    if (st < 0)
        return pc_db_shim_error(db, st);
    r = pc_arena_alloc(&st, &arena, sizeof(*r));
    if (r != NULL)
        memset(r, 0, sizeof(*r));
    if (st < 0) {
        st = pc_db_error(db, st, "out of memory");
        goto fail;
    }
    if ((st = pc_record_load(db, r, &arena, data, len,
                             PC_LOAD_TEXT | PC_LOAD_CITE, NULL)) < 0)
        goto fail;
    /* The record lives in its own arena, held by a separate block so
     * pilcrow_record_free() can release the arena and then the block. */
    if ((r->own = pc_malloc(sizeof(*r->own))) == NULL) {
        st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
        goto fail;
    }
    pc_free(data);
    *r->own = arena;
    *out = r;
    return PILCROW_OK;
fail:
    pc_free(data);
    pc_arena_free(&arena);
    return st;
}
