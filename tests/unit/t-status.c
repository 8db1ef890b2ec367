/*
 * t-status.c - every status has a string, versions agree, every
 * destructor accepts NULL.
 */
#include <string.h>

#include "pilcrow.h"
#include "check.h"

int
main(void)
{
    int s;

    for (s = PILCROW_INTERNAL; s <= PILCROW_UNCHANGED; s++) {
        const char *m = pilcrow_status_str((pilcrow_status)s);
        CHECK(m != NULL && *m != '\0');
        CHECK(strcmp(m, "unknown status") != 0);
    }
    CHECK_STR(pilcrow_status_str((pilcrow_status)-99), "unknown status");
    CHECK_STR(pilcrow_version(), PILCROW_VERSION);
    CHECK(pilcrow_version_number() == PILCROW_VERSION_NUMBER);
    CHECK_STR(pilcrow_kind_name(PILCROW_KIND_NOTE), "note");
    CHECK(pilcrow_kind_name((pilcrow_kind)7) == NULL);

    pilcrow_free(NULL);
    pilcrow_db_close(NULL);
    pilcrow_doc_free(NULL);
    pilcrow_record_free(NULL);
    pilcrow_query_free(NULL);
    pilcrow_hits_free(NULL);
    return check_done();
}
