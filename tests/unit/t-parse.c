/*
 * t-parse.c - the parser on real documents (issue 3): corpus/'s report
 * (clean shape), and the documents of tests/data for the pdftotext,
 * Markdown, speech and old-statement shapes; anchors both ways; the
 * UDHR's articles in six languages and Arabic paragraph numbers
 * (tests/data/parallel, issue 14).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow-private.h"
#include "check.h"

static char path[4096];

static const char *
at(const char *env, const char *dflt, const char *name)
{
    const char *d = getenv(env);

    snprintf(path, sizeof(path), "%s/%s", d ? d : dflt, name);
    return path;
}

/* The record of DOC with anchor ANCHOR, or NULL. */
static const pilcrow_record *
find(const pilcrow_doc *doc, const char *anchor)
{
    size_t i;

    for (i = 0; i < pilcrow_doc_n_records(doc); i++)
        if (strcmp(pilcrow_record_anchor(pilcrow_doc_record(doc, i)),
                   anchor) == 0)
            return pilcrow_doc_record(doc, i);
    return NULL;
}

/* The first record of DOC whose text starts with PREFIX. */
static const pilcrow_record *
find_text(const pilcrow_doc *doc, const char *prefix)
{
    size_t i;

    for (i = 0; i < pilcrow_doc_n_records(doc); i++)
        if (strncmp(pilcrow_record_text(pilcrow_doc_record(doc, i), NULL),
                    prefix, strlen(prefix)) == 0)
            return pilcrow_doc_record(doc, i);
    return NULL;
}

/* The stored number of the paragraph anchor ANCHOR outside annexes
 * ("art. 26" is "a26"), in a static buffer; NULL when it is not one. */
static const char *
article_number(const char *anchor)
{
    static char number[32];
    char annex[16];
    pilcrow_kind kind;
    int annex_set;

    if (pc_anchor_parse(anchor, &kind, annex, sizeof(annex), &annex_set,
                        number, sizeof(number)) != PILCROW_OK ||
        kind != PILCROW_KIND_PARAGRAPH || annex_set)
        return NULL;
    return number;
}

static pilcrow_doc *
parse(const char *p)
{
    pilcrow_doc *doc = NULL;
    char *err = NULL;

    if (pilcrow_doc_parse_file(&doc, p, NULL, &err) != PILCROW_OK) {
        fprintf(stderr, "%s: %s\n", p, err ? err : "?");
        pilcrow_free(err);
        exit(99);
    }
    return doc;
}

/* The excerpt NAME of tests/data parses to a document titled TITLE whose
 * record ANCHOR opens with TEXT (TITLE NULL: any title; ANCHOR NULL:
 * the title alone). */
static void
check_front(const char *name, const char *title, const char *anchor,
            const char *text)
{
    pilcrow_doc *doc = parse(at("TESTDATA", "tests/data", name));
    const pilcrow_record *r;

    if (title != NULL)
        CHECK_STR(pilcrow_doc_title(doc), title);
    if (anchor != NULL) {
        CHECK((r = find(doc, anchor)) != NULL);
        CHECK(r && strncmp(pilcrow_record_text(r, NULL), text,
                           strlen(text)) == 0);
    }
    pilcrow_doc_free(doc);
}

/* The anchor pc_anchor_format() writes for KIND, ANNEX, NUMBER and
 * PRINTED, in a static buffer; NULL when out of memory. */
static const char *
anchor_of(pilcrow_kind kind, const char *annex, const char *number,
          int printed)
{
    static char out[128];
    pilcrow_status st = PILCROW_OK;
    struct pc_buf b = PC_BUF_INIT;

    pc_anchor_format(&st, &b, kind, annex, number, printed);
    snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
    pc_buf_free(&b);
    return st < 0 ? NULL : out;
}

/* The document in the LEN bytes of TEXT; exits 99 if it cannot be
 * parsed. */
static pilcrow_doc *
parse_text(const char *text, size_t len)
{
    pilcrow_doc *doc = NULL;
    char *err = NULL;

    if (pilcrow_doc_parse_buffer(&doc, text, len, NULL, &err) != PILCROW_OK) {
        fprintf(stderr, "buffer: %s\n", err ? err : "?");
        pilcrow_free(err);
        exit(99);
    }
    return doc;
}

int
main(void)
{
    pilcrow_doc *doc;
    const pilcrow_record *r;
    pilcrow_kind kind;
    char annex[16], number[16];
    int annex_set;

    /* A date line whose day is a long run of digits is no date (and
     * must not overflow: UBSan found it in real front matter). */
    {
        static const char text[] =
            "Distr.: General\n978921003999 September 1997\n\n"
            "Title of the report\n\n1. The only paragraph.\n";

        doc = parse_text(text, sizeof(text) - 1);
        CHECK_STR(pilcrow_doc_date(doc), NULL);
        pilcrow_doc_free(doc);
    }

    /* Dates as the Distr. block prints them in other languages (the
     * first lines of S/2023/664 in Spanish, then the same shapes in
     * French, Russian and Chinese); a month name ends its word. */
    {
        static const struct {
            const char *line, *date;
        } dates[] = {
            { "13 de septiembre de 2023", "2023-09-13" },
            { "23 mai 1980", "1980-05-23" },
            { "1er juillet 2025", "2025-07-01" },
            { "20 февраля 2024 года", "2024-02-20" },
            { "2024年2月20日", "2024-02-20" },
            { "9 June6 2025", "2025-06-09" },   /* two covers overlaid */
            { "5 mayor 2025", NULL },
            { "2024年13月20日", NULL },
            { "99999年1月1日", NULL },
            { "2024年99999999999999999999月1日", NULL },
        };
        char text[256];
        size_t i;
        int n;

        for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
            n = snprintf(text, sizeof(text), "S/2023/664\n\nNaciones "
                         "Unidas\n\nConsejo de Seguridad\n\nDistr. "
                         "general\n%s\nEspañol\nOriginal: inglés\n\n"
                         "Carta de fecha 12 de septiembre de 2023\n\n"
                         "Tengo el honor de transmitirle una carta.\n",
                         dates[i].line);
            doc = parse_text(text, (size_t)n);
            CHECK_STR(pilcrow_doc_date(doc), dates[i].date);
            pilcrow_doc_free(doc);
        }
    }

    /* The corpus report. */
    doc = parse(at("CORPUS", "corpus",
                   "international-migration-and-development-1997.txt"));
    CHECK_STR(pilcrow_doc_symbol(doc), NULL);
    CHECK_STR(pilcrow_doc_id(doc),
              "international-migration-and-development-1997");
    CHECK_STR(pilcrow_doc_date(doc), "1997-09-18");
    CHECK(strncmp(pilcrow_doc_title(doc), "International migration and "
                  "development, including", 48) == 0);
    CHECK((r = find(doc, "summary, para. 1")) != NULL);
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "to all those Permanent "
                      "Representatives to the United Nations whose "
                      "Governments had not provided their views"));
    CHECK_STR(pilcrow_record_section(r), "I");
    CHECK_STR(pilcrow_record_section_title(r), "Introduction");
    CHECK((r = find(doc, "para. 20")) != NULL);
    CHECK_STR(pilcrow_record_section(r), "III.A");
    CHECK((r = find(doc, "para. 7")) != NULL);
    CHECK(r && pilcrow_record_n_cites(r) == 1);
    CHECK_STR(pilcrow_record_cite(r, 0), "1");
    CHECK((r = find(doc, "para. 55")) != NULL);
    CHECK(find(doc, "para. 56") == NULL);
    CHECK((r = find(doc, "note 1")) != NULL);
    CHECK(r && pilcrow_record_n_cited_by(r) == 1);
    CHECK_STR(pilcrow_record_cited_by(r, 0), "7");
    /* Emphasis markers removed from the note text. */
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "Office, International Labour Conventions") != NULL);
    CHECK((r = find(doc, "note 8")) != NULL);
    CHECK(find(doc, "note *") != NULL);
    pilcrow_doc_free(doc);

    /* pdftotext shape. */
    doc = parse(at("TESTDATA", "tests/data", "pdftotext.txt"));
    CHECK_STR(pilcrow_doc_symbol(doc), "A/99/500-S/2099/10");
    CHECK_STR(pilcrow_doc_title(doc), "A test report on page furniture");
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK_STR(pilcrow_record_text(r, NULL), "The second paragraph continues "
              "over the page break, in the middle of a sentence that goes on "
              "after the furniture of the page, which must not appear in the "
              "paragraph.");
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK_STR(pilcrow_record_cite(r, 0), "1");
    CHECK((r = find(doc, "annex, para. 2")) != NULL);
    CHECK((r = find(doc, "note 1")) != NULL);
    CHECK_STR(pilcrow_record_text(r, NULL),
              "See the first footnote of the test report.");
    pilcrow_doc_free(doc);

    /* pdftotext furniture run into text (A/AC.172/2025/2, A/80/16):
     * job numbers with language code, date stamp, office prefix,
     * reissue mark or a glued page counter leave no trace; a subtitle
     * does not take "1." alone; "I." followed by "2." is untitled. */
    doc = parse(at("TESTDATA", "tests/data", "pdf-furniture.txt"));
    CHECK_STR(pilcrow_doc_title(doc), "Calendar of conferences and meetings "
              "of the United Nations for 2025");
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The annex to the "
                       "present note", 28) == 0);
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The United Nations "
                       "estimated", 28) == 0);
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "United Nations Global "
                      "Counter Terrorism Strategy was reflected.") != NULL);
    CHECK((r = find(doc, "para. 4")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Delegations took note of the calendar. It was adopted.");
    {
        size_t i;

        for (i = 0; i < pilcrow_doc_n_records(doc); i++)
            CHECK(strstr(pilcrow_record_text(pilcrow_doc_record(doc, i),
                                             NULL), "01529") == NULL);
    }
    pilcrow_doc_free(doc);

    /* pdftotext: a star note without a rule above it (the first page
     * of A/79/876) resolves the "*" glued to "annex" and is a note,
     * not a paragraph. */
    doc = parse(at("TESTDATA", "tests/data", "star-note.txt"));
    CHECK((r = find(doc, "note *")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Circulated in Arabic only without official editing.");
    CHECK(r && pilcrow_record_n_cited_by(r) == 1);
    {
        size_t i;

        for (i = 0; i < pilcrow_doc_n_records(doc); i++) {
            r = pilcrow_doc_record(doc, i);
            if (pilcrow_record_kind(r) != PILCROW_KIND_NOTE)
                CHECK(strstr(pilcrow_record_text(r, NULL), "Circulated") ==
                      NULL);
        }
    }
    pilcrow_doc_free(doc);

    /* pdftotext stacks "7." and "8." alone before their texts
     * (E/HLPF/2025/3/Add.4): both numbers keep a paragraph, in order. */
    doc = parse(at("TESTDATA", "tests/data", "stacked-numbers.txt"));
    CHECK((r = find(doc, "para. 6")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Ms. Shayal Nand.") !=
          NULL);
    CHECK((r = find(doc, "para. 7")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Under agenda item 1 "
                       "(b)", 23) == 0);
    CHECK((r = find(doc, "para. 8")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Mr. Suman Bery") !=
          NULL);
    pilcrow_doc_free(doc);

    /* Two date stamps on a line ("060525 080525", A/80/55) are page
     * furniture: the contents table ends before its "Annex" entry,
     * which is not taken for the annex heading. */
    doc = parse(at("TESTDATA", "tests/data", "contents-stamps.txt"));
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "As at 5 September "
                       "2024", 22) == 0);
    CHECK(find(doc, "annex, para. 1") == NULL);
    pilcrow_doc_free(doc);

    /* An "Annex" heading met again (the annex of each resolution of
     * E/2025/15/Add.1) starts another annex, "annex (2)", so that no
     * two records share an anchor. */
    doc = parse(at("TESTDATA", "tests/data", "repeated-annex.txt"));
    CHECK((r = find(doc, "annex, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Calls upon the Economic "
                       "Commission for Africa", 40) == 0);
    /* Each annexed resolution's number and title are front matter. */
    CHECK((r = find(doc, "annex, preamble, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Recalling Economic",
                       18) == 0);
    CHECK((r = find(doc, "annex (2), para. 1")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "secretariat") != NULL);
    CHECK((r = find(doc, "annex (3), para. 1")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "geospatial") !=
          NULL);
    CHECK_STR(r ? pilcrow_record_annex(r) : NULL, "(3)");
    pilcrow_doc_free(doc);
    CHECK_OK(pc_anchor_parse("annex (2), para. 1", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(annex, "(2)");
    CHECK_STR(number, "1");

    /* A report quoting a draft (E/2025/44): "1. The Committee ...
     * recommends ... the following draft resolution:", then "The
     * Economic and Social Council," and the draft's own preamble and
     * paragraphs 1 to 27, which are "draft resolution, para. N"; the
     * report's numbers go on at "2.", whose draft decision lists a
     * provisional agenda 1 to 12 that stays in paragraph 2. */
    doc = parse(at("TESTDATA", "tests/data", "draft-in-report.txt"));
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "recommends that the "
                      "Economic and Social Council") != NULL);
    CHECK((r = find(doc, "draft resolution, preamble, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Recalling its "
                       "resolutions 2023/28", 32) == 0);
    CHECK(r && !pilcrow_record_printed(r));
    CHECK((r = find(doc, "draft resolution, para. 27")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Further requests the "
                       "Secretary-General", 37) == 0);
    CHECK(r && pilcrow_record_printed(r));
    CHECK_STR(r ? pilcrow_record_number(r) : NULL, "dr.27");
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Bearing in mind") ==
          NULL);
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Bearing in mind the "
                       "theme of the 2026 session", 40) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Election of officers") !=
          NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Adoption of the report "
                      "of the Committee on its twenty-fifth session") != NULL);
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The Committee would "
                       "like to draw", 32) == 0);
    CHECK((r = find(doc, "para. 4")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Climate change and "
                       "environmental policy", 39) == 0);
    CHECK(find(doc, "draft resolution, para. 28") == NULL);
    pilcrow_doc_free(doc);
    /* A decision quoted under its heading "Decision 2025/101"
     * (E/2025/25), with no enacting formula: a part of its own, its
     * blocks numbered in brackets; the marker in its title, "... and
     * Development 3", is cited by the record after the heading. */
    doc = parse(at("TESTDATA", "tests/data", "quoted-decision.txt"));
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Decision 2025/101") ==
          NULL);
    CHECK((r = find(doc, "decision 2025/101, [para. 1]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Chair", 5) == 0);
    CHECK(r && !pilcrow_record_printed(r));
    CHECK((r = find(doc, "note 3")) != NULL);
    CHECK(r && pilcrow_record_n_cited_by(r) == 1);
    CHECK_STR(r ? pilcrow_record_cited_by_anchor(r, 0) : NULL,
              "decision 2025/101, [para. 1]");
    pilcrow_doc_free(doc);
    /* Decimal sub-paragraphs (A/79/722, annex): "2." over its title,
     * then "2.1", "2.2", "2.3", each a record; "3.1" right after the
     * title line of "3."; the sub-paragraphs keep the numbering run. */
    doc = parse(at("TESTDATA", "tests/data", "decimal-paras.txt"));
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strcmp(pilcrow_record_text(r, NULL), "Institutional "
                      "development and transformation of CICA") == 0);
    CHECK((r = find(doc, "para. 2.2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Transformation of "
                       "CICA into a full-fledged", 40) == 0);
    CHECK(r && pilcrow_record_printed(r));
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "geographical reach") ==
          NULL);
    CHECK((r = find(doc, "para. 3.1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Expanding CICA", 14) ==
          0);
    CHECK((r = find(doc, "para. 3.3")) != NULL);
    CHECK(find(doc, "para. 3.4") == NULL);
    pilcrow_doc_free(doc);
    /* An older document's folio "Page 3" is furniture, so the "Annex"
     * line under it is the annex (ICCD/COP(8)/CST/INF.1), whose report
     * numbers "1.1" to "1.6" under "1.", then "2.0 Session 2". */
    doc = parse(at("TESTDATA", "tests/data", "old-folio-annex.txt"));
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Page") == NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "WORKSHOP") == NULL);
    CHECK((r = find(doc, "annex, para. 1.6")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Dr Mark Mwandosya", 17) ==
          0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Session 2") == NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Page 6") == NULL);
    CHECK((r = find(doc, "annex, para. 2.0")) != NULL);
    CHECK(r && strcmp(pilcrow_record_text(r, NULL), "Session 2: Trends in "
                      "Land Degradation") == 0);
    CHECK(find(doc, "annex, para. 2.1") != NULL);
    pilcrow_doc_free(doc);
    /* A report quoted with numbers of its own (A/80/42: "20. The
     * report of Working Group I reads as follows:", then "1." to "6."),
     * a part of its own up to the body's "21."; the second is "(2)". */
    doc = parse(at("TESTDATA", "tests/data", "quoted-report.txt"));
    CHECK((r = find(doc, "para. 20")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "397th") == NULL);
    CHECK((r = find(doc, "[quoted text], para. 6")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "At the 9th meeting", 18) ==
          0);
    CHECK(r && pilcrow_record_printed(r));
    CHECK((r = find(doc, "para. 21")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The report of Working "
                       "Group II", 30) == 0);
    CHECK((r = find(doc, "[quoted text] (2), para. 2")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Julia") != NULL);
    pilcrow_doc_free(doc);
    CHECK_OK(pc_anchor_parse("[quoted text] (2), para. 2", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dT(2).2");
    /* An article's commentary (A/80/10, draft article 4): after
     * "Commentary", each "(N)" is "art. 4, commentary, para. (N)". */
    doc = parse(at("TESTDATA", "tests/data", "article-commentary.txt"));
    CHECK((r = find(doc, "art. 4, para. 3")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Commentary") == NULL);
    CHECK((r = find(doc, "art. 4, commentary, para. (1)")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Draft article 4 deals",
                       21) == 0);
    CHECK(r && pilcrow_record_printed(r));
    CHECK_STR(r ? pilcrow_record_number(r) : NULL, "a4.c1");
    CHECK(find(doc, "art. 4, commentary, para. (4)") != NULL);
    pilcrow_doc_free(doc);
    CHECK_OK(pc_anchor_parse("art. 4, commentary, para. (2)", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "a4.c2");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "a4.c2", 1),
              "art. 4, commentary, para. (2)");
    CHECK_OK(pc_anchor_parse("art. 4(2), para. 1", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "a4(2).1");
    /* A list inside a paragraph (E/C.2/2025/2/Add.2: "Areas of work:",
     * then "1." to "6.", short items ending ';') is its text; the
     * organizations' numbers "2." and "3." after it are paragraphs. */
    doc = parse(at("TESTDATA", "tests/data", "list-in-paragraph.txt"));
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Legal advocacy;") !=
          NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Centro UNESCO") == NULL);
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Centro UNESCO de "
                       "Donostia", 25) == 0);
    CHECK(find(doc, "para. 3") != NULL);
    CHECK(find(doc, "para. 4") == NULL);
    pilcrow_doc_free(doc);
    /* A section that numbers its own items (E/2025/56: after the
     * report's paragraphs 1 to 4, each agency's submission under a
     * letter, some in parts "1." to "7."): those numbers are text, even
     * "5." where the report's paragraph 5 would come, and the sections
     * are not held in paragraph 4.  A number alone goes with its text. */
    doc = parse(at("TESTDATA", "tests/data", "section-numbering.txt"));
    CHECK((r = find(doc, "para. 4")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "ECLAC") == NULL);
    CHECK(find(doc, "para. 5") == NULL);
    CHECK((r = find_text(doc, "5. Montserrat Capacity-development")) != NULL);
    CHECK(r && !pilcrow_record_printed(r));
    CHECK(r && strcmp(pilcrow_record_section(r), "II.E") == 0);
    CHECK((r = find_text(doc, "1. Support in implementing")) != NULL);
    CHECK(r && strcmp(pilcrow_record_section(r), "II.A") == 0);
    {
        size_t q, len;
        const char *t;

        for (q = 0; q < pilcrow_doc_n_records(doc); q++) {
            t = pilcrow_record_text(pilcrow_doc_record(doc, q), &len);
            CHECK(!(len <= 3 && len >= 2 && t[len - 1] == '.' &&
                    isdigit((unsigned char)t[0])));
        }
    }
    pilcrow_doc_free(doc);
    /* A report that numbers its paragraphs chapter by chapter
     * (E/2025/24: Chapter I's 1 to 3, Chapter II's 1 to 3, ...): each
     * chapter is a part, "chap. II, para. 1"; a decision quoted in
     * Chapter I ends at Chapter II. */
    doc = parse(at("TESTDATA", "tests/data", "chapters-apart.txt"));
    CHECK((r = find(doc, "chap. I, para. 3")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The following "
                       "decisions adopted", 30) == 0);
    CHECK((r = find(doc, "chap. II, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The Commission "
                       "considered item 3 of", 34) == 0);
    CHECK(r && pilcrow_record_printed(r));
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "II");
    CHECK((r = find(doc, "chap. III, para. 2")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "item 4 (a)") != NULL);
    CHECK((r = find(doc, "chap. IV, para. 1")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "item 5 (a) to (j)") !=
          NULL);
    CHECK(find(doc, "56/101, para. 1") == NULL);
    CHECK(find(doc, "para. 1") == NULL);
    pilcrow_doc_free(doc);
    CHECK_OK(pc_anchor_parse("chap. III, para. 2", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dCIII.2");
    CHECK_OK(pc_anchor_parse("chapter II, [para. 4]", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dCII.4");
    CHECK(pc_anchor_parse("chap., para. 2", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "dCIII.2", 1),
              "chap. III, para. 2");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "dCIV.1", 0),
              "chap. IV, [para. 1]");
    /* A list of annexes and appendices after the contents' last
     * leader, on the same page (DP/FPA/2025/6: "Annexes", "1." to "8.",
     * their titles, "Appendices"), is the contents': no paragraphs, and
     * the body's paragraph 1 is "This report provides". */
    doc = parse(at("TESTDATA", "tests/data", "contents-annex-list.txt"));
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "This report provides",
                       20) == 0);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "I");
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The UNFPA Executive "
                       "Director", 28) == 0);
    CHECK(find_text(doc, "The OAIS charter") == NULL);
    CHECK(find_text(doc, "Annexes") == NULL);
    pilcrow_doc_free(doc);
    /* A quoted draft in lettered sections (E/2025/72: "A", "B", "C",
     * each with its title, preamble and paragraphs from 1): each section
     * a part, "draft resolution B, para. 2", and the report's paragraph
     * 2 after the draft is its own. */
    doc = parse(at("TESTDATA", "tests/data", "draft-sections.txt"));
    CHECK((r = find(doc, "draft resolution, preamble, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Recalling its "
                       "resolutions 1999/65", 32) == 0);
    CHECK((r = find(doc, "draft resolution A, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Expresses its "
                       "appreciation", 26) == 0);
    CHECK((r = find(doc, "draft resolution B, preamble, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Recalling that, in "
                       "paragraph 23 (c)", 34) == 0);
    CHECK((r = find(doc, "draft resolution B, para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Expresses its deep "
                       "appreciation", 31) == 0);
    CHECK((r = find(doc, "draft resolution C, para. 1")) != NULL);
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "As requested by the "
                       "Economic and Social Council", 47) == 0);
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "The Model "
                       "Regulations", 21) == 0);
    pilcrow_doc_free(doc);
    CHECK_OK(pc_anchor_parse("draft resolution II B, para. 2", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "drII B.2");
    CHECK_OK(pc_anchor_parse("draft resolution B, preamble, para. 1", &kind,
                             annex, sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "drB.p1");
    CHECK_OK(pc_anchor_parse("[quoted text] B, para. 3", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dTB.3");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "drII B.2", 1),
              "draft resolution II B, para. 2");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "dTB.3", 1),
              "[quoted text] B, para. 3");
    /* A text a report quotes before its own paragraph 1 (A/80/15 (Part
     * III): the Board's agreed conclusions, "1. Welcomes" to "17. Calls
     * upon", then the report's "1. At its closing plenary meeting" run on
     * to 18, inside a line): the conclusions are a part of their own,
     * and the report's paragraphs keep their numbers. */
    doc = parse(at("TESTDATA", "tests/data", "quoted-first.txt"));
    CHECK((r = find(doc, "[quoted text], para. 17")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Calls upon UNCTAD",
                       17) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "closing plenary") ==
          NULL);
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "At its closing "
                       "plenary meeting", 30) == 0);
    CHECK((r = find(doc, "para. 18")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Another delegate "
                       "recalled", 25) == 0);
    CHECK((r = find(doc, "[opening, para. 1]")) != NULL);
    CHECK(find(doc, "[para. 1]") == NULL);
    /* Its section's title wraps after a dash. */
    CHECK((r = find(doc, "[quoted text], para. 3")) != NULL);
    CHECK_STR(r ? pilcrow_record_section_title(r) : NULL,
              "Economic development in Africa: Unlocking Africa\xe2\x80\x99s "
              "trade potential \xe2\x80\x93 Boosting regional markets and "
              "reducing risks");
    pilcrow_doc_free(doc);
    /* Numbered sub-headings between the body's paragraphs (A/80/36:
     * "1.", "Treaty bodies", then "3."): headings, "II.A.1", not text
     * of the paragraph before; and a chapter title wrapped before a
     * capital ("... of the United Nations", "High Commissioner", "A.")
     * leaves its section "A." a heading. */
    doc = parse(at("TESTDATA", "tests/data", "sub-headings.txt"));
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "International human "
                      "rights mechanisms") == NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Treaty bodies") == NULL);
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "II.A.1");
    CHECK_STR(r ? pilcrow_record_section_title(r) : NULL, "Treaty bodies");
    CHECK((r = find(doc, "para. 4")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Human Rights Council "
                      "5.") == NULL);
    CHECK((r = find(doc, "para. 5")) != NULL);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "II.A.2");
    CHECK_STR(r ? pilcrow_record_section_title(r) : NULL,
              "Human Rights Council");
    pilcrow_doc_free(doc);
    /* A compendium of decisions (E/ICEF/2025/26: "2025/8", its title,
     * "The Executive Board", then its paragraphs from 1; "2025/9" ...):
     * each decision a part, known by its number. */
    doc = parse(at("TESTDATA", "tests/data", "decision-compendium.txt"));
    CHECK((r = find(doc, "2025/8, para. 5")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Also requests UNICEF",
                       20) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "humanitarian") == NULL);
    CHECK((r = find(doc, "2025/11, para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Urges UNICEF", 12) ==
          0);
    CHECK(r && pilcrow_record_printed(r));
    CHECK((r = find(doc, "2025/13, para. 1")) != NULL);
    CHECK(find(doc, "para. 1") == NULL);
    pilcrow_doc_free(doc);
    /* A compilation of statements, each entry a number and a title
     * (S/2025/453: "7.", "Sierra Leone"), one of which numbers its own
     * paragraphs 1 to 11, then 9 to 11 again: those are its text, and
     * "8.", "Pakistan" is the next entry. */
    doc = parse(at("TESTDATA", "tests/data", "compiled-statements.txt"));
    CHECK((r = find(doc, "para. 7")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Sierra Leone", 12) ==
          0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Finally, Sierra Leone "
                      "advocates") != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Pakistan") == NULL);
    CHECK((r = find(doc, "para. 8")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Pakistan", 8) == 0);
    CHECK((r = find(doc, "para. 9")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Russian Federation",
                       18) == 0);
    CHECK(find(doc, "para. 10") == NULL);
    pilcrow_doc_free(doc);
    /* Biographies one a page, in lines that end no sentence
     * (E/2025/9/Add.14): each starts at its name and country. */
    doc = parse(at("TESTDATA", "tests/data", "biographies.txt"));
    CHECK((r = find(doc, "annex, [para. 2]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Jeneba Jackline "
                       "Bangura (Sierra Leone) Present position", 54) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Batamuliza") == NULL);
    CHECK((r = find(doc, "annex, [para. 3]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Hajara Batamuliza "
                       "(Rwanda)", 26) == 0);
    pilcrow_doc_free(doc);
    /* A section label that pdftotext set between a paragraph's number
     * and its text (A/80/38: "4.", "C.", "At the 2059th meeting ...",
     * "Adoption of the agenda", "5."): the heading C with its title,
     * neither in paragraph 4. */
    doc = parse(at("TESTDATA", "tests/data", "held-label.txt"));
    CHECK((r = find(doc, "para. 4")) != NULL);
    CHECK(r && strcmp(pilcrow_record_text(r, NULL), "At the 2059th meeting, "
                      "on 13 May, the session was opened by the Chair.") == 0);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "II.B");
    CHECK((r = find(doc, "para. 5")) != NULL);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "II.C");
    CHECK_STR(r ? pilcrow_record_section_title(r) : NULL,
              "Adoption of the agenda");
    pilcrow_doc_free(doc);
    /* Front matter.  A title wrapped before "United Nations" keeps the
     * line (E/2025/76), which is no organ label there. */
    check_front("wrapped-title.txt", "Implementation of integrated, coherent "
                "and coordinated support for South Sudan and the Sahel "
                "region by the United Nations system", NULL, NULL);
    /* A compendium with a list of decisions under "Decision" and "Page"
     * and no "Contents" (E/ICEF/2025/26): its title wraps before
     * "Executive Board", an entry of the list ("Report of the Ethics
     * Office ... 5") is no subtitle, and the list is no paragraph: the
     * first record is the first decision's. */
    doc = parse(at("TESTDATA", "tests/data", "compendium-contents.txt"));
    CHECK_STR(pilcrow_doc_title(doc), "Compendium of decisions adopted by "
              "the Executive Board at its annual session of 2025");
    CHECK(pilcrow_doc_n_records(doc) > 0);
    r = pilcrow_doc_n_records(doc) > 0 ? pilcrow_doc_record(doc, 0) : NULL;
    CHECK_STR(r ? pilcrow_record_anchor(r) : NULL, "2025/8, para. 1");
    pilcrow_doc_free(doc);
    /* A letter headed "Letter of 9 May 2025 ..." (S/2025/303): the
     * heading is the title, and the letter its paragraphs; "Council."
     * at the start of a line ends a sentence, it labels nothing. */
    check_front("letter-of.txt", "Letter of 9 May 2025 from the "
                "Secretary-General addressed to the President of the "
                "Security Council", "[para. 1]", "I have the honour to "
                "transmit");
    doc = parse(at("TESTDATA", "tests/data", "letter-of.txt"));
    CHECK((r = find(doc, "[para. 3]")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "(Signed) António Guterres");
    pilcrow_doc_free(doc);
    /* A letter's heading is its title, not the agenda items' titles
     * over it (A/79/758), and it ends at the line naming whom it is
     * addressed to: the letter's first paragraph is its own. */
    check_front("letter-agenda-items.txt", "Letter dated 29 January 2025 "
                "from the Permanent Representative of Azerbaijan to the "
                "United Nations addressed to the Secretary-General",
                "[para. 1]", "I have the honour to transmit herewith the "
                "commentary");
    /* ... addressees over three lines, the first ending in a comma
     * (A/79/807). */
    check_front("letter-addressees.txt", "Letter dated 3 March 2025 from the "
                "Permanent Representative of Kazakhstan to the United Nations "
                "addressed to the Secretary-General, the President of the "
                "General Assembly and the President of the Security Council",
                "[para. 1]", "I would like to bring to your attention");
    /* A title that starts with a language's name (S/2025/421) is no
     * "English only" label. */
    check_front("title-language-word.txt", "Russian Federation and United "
                "States of America: draft resolution", "preamble, para. 1",
                "Noting with concern");
    /* A draft's title is the block after the lines saying who submits
     * it (E/2025/L.14), not the agenda item's title over them, and no
     * preambular paragraph: the first is "Reaffirming ...". */
    check_front("draft-sponsors.txt", "Mainstreaming a gender perspective "
                "into all policies and programmes in the United Nations "
                "system", "preamble, para. 1", "Reaffirming its agreed "
                "conclusions 1997/2");
    /* A draft report (A/AC.182/2025/L.1, an L document as drafts are)
     * holds no preamble: its "Draft report" line, before "I.
     * Introduction" and paragraph 1, is its opening. */
    check_front("draft-report.txt", NULL, "[opening, para. 1]",
                "Draft report Rapporteur:");
    /* The body's next number printed without its full stop ("44 With
     * that adjustment", between "43." and "45.", DP/OPS/2025/3) is that
     * paragraph, not the text of the one before. */
    check_front("number-no-stop.txt", NULL, "para. 44", "With that "
                "adjustment in timing");
    doc = parse(at("TESTDATA", "tests/data", "number-no-stop.txt"));
    CHECK((r = find(doc, "para. 43")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "With that") == NULL);
    pilcrow_doc_free(doc);
    /* ... or after the sponsors and ": draft decision" (E/2025/L.11:
     * "Iraq:* , ** draft decision"), up to the body and its verb ("The
     * Economic and Social Council takes note of the following reports"),
     * which is no title's. */
    check_front("draft-sponsor-colon.txt", "Reports submitted to the "
                "Economic and Social Council at its 2025 operational "
                "activities for development segment", "[para. 1]",
                "The Economic and Social Council takes note");
    /* An amendment's title ends at the document it amends (S/2025/114:
     * "... contained" / "in document S/2025/112"), and its text starts
     * on the next line. */
    check_front("amendment.txt", "Denmark, France, Greece, Slovenia and "
                "United Kingdom of Great Britain and Northern Ireland: "
                "amendment to the draft resolution contained in document "
                "S/2025/112", "[para. 1]", "In preambular paragraph 1, "
                "replace:");
    /* A contents table without leaders (TD/B/43/6: "CONTENTS",
     * "Paragraphs", then its entries and their paragraph ranges) runs to
     * where its first entry, "INTRODUCTION", is met again on a later
     * page; its "1." to "6." are no paragraphs. */
    doc = parse(at("TESTDATA", "tests/data", "contents-no-leaders.txt"));
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "In paragraph 87(iii)",
                       20) == 0);
    {
        size_t q;

        for (q = 0; q < pilcrow_doc_n_records(doc); q++)
            CHECK(strstr(pilcrow_record_text(pilcrow_doc_record(doc, q),
                                             NULL),
                         "Official debt Foreign investment") == NULL);
    }
    pilcrow_doc_free(doc);
    /* The draft's anchors are typed back as they print. */
    CHECK_OK(pc_anchor_parse("draft resolution II, preamble, para. 3", &kind,
                             annex, sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "drII.p3");
    CHECK(!annex_set);
    CHECK_OK(pc_anchor_parse("annex, draft decision, [para. 2]", &kind,
                             annex, sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dd.2");
    CHECK(annex_set);
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "drII.p3", 0),
              "draft resolution II, preamble, para. 3");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, "", "dd.2", 0),
              "annex, draft decision, [para. 2]");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "drI(2).5", 1),
              "draft resolution I(2), para. 5");
    /* An adopted text quoted by its heading ("Resolution 68/1") or by
     * its number alone ("2025/6"), and one no line names. */
    CHECK_OK(pc_anchor_parse("resolution 68/1, para. 5", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dR68/1.5");
    CHECK_OK(pc_anchor_parse("annex I, 2025/6, para. 1", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dN2025/6.1");
    CHECK_STR(annex, "I");
    CHECK_OK(pc_anchor_parse("[quoted text], para. 2", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "dT.2");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "dR68/1.p2", 0),
              "resolution 68/1, preamble, para. 2");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, "I", "dN2025/6.1", 1),
              "annex I, 2025/6, para. 1");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "dT.2", 1),
              "[quoted text], para. 2");
    CHECK(pc_anchor_parse("resolution, para. 1", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);
    CHECK(pc_anchor_parse("draft resolution", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);
    CHECK(pc_anchor_parse("draft memo, para. 1", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);
    CHECK(pc_anchor_parse("draft resolution, art. 2", &kind, annex,
                          sizeof(annex), &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);

    /* Symbols: on the first page after lines that end the front matter
     * (DP/OPS/2025/12); with a bracketed remark (JIU/REP/2025/1). */
    doc = parse(at("TESTDATA", "tests/data", "symbol-first-page.txt"));
    CHECK_STR(pilcrow_doc_symbol(doc), "DP/OPS/2025/12");
    pilcrow_doc_free(doc);
    doc = parse(at("TESTDATA", "tests/data", "symbol-remark.txt"));
    CHECK_STR(pilcrow_doc_symbol(doc), "JIU/REP/2025/1");
    pilcrow_doc_free(doc);

    /* A preamble before paragraph 1 (A/HRC/RES/59/25) is "preamble,
     * para. 1", never "para. 0"; the enacting formula ("The Human Rights
     * Council,") is not a preambular paragraph, and each preambular
     * paragraph is a record, counted (not printed). */
    doc = parse(at("TESTDATA", "tests/data", "preamble.md"));
    CHECK((r = find(doc, "preamble, para. 1")) != NULL);
    CHECK_STR(r ? pilcrow_record_number(r) : NULL, "p1");
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Guided by the Charter of the United Nations,");
    CHECK(r && !pilcrow_record_printed(r));
    CHECK((r = find(doc, "preamble, para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Recalling all", 13) == 0);
    CHECK(find(doc, "preamble, para. 3") == NULL);
    CHECK(find(doc, "para. 0") == NULL);
    CHECK(find(doc, "para. 1") != NULL && find(doc, "para. 2") != NULL);
    CHECK(pilcrow_record_printed(find(doc, "para. 1")));
    pilcrow_doc_free(doc);

    /* A report in chapters (A/80/23: its cover, then the end of chapter
     * I and the start of chapter II): "Chapter II" is a heading, the
     * first level of the section path, never text of a paragraph. */
    doc = parse(at("TESTDATA", "tests/data", "chapters.txt"));
    CHECK((r = find(doc, "para. 60")) != NULL);
    CHECK(r && find_text(doc, "At the 12th meeting") == r);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "J");
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Chapter") == NULL);
    CHECK((r = find(doc, "para. 61")) != NULL);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "II");
    CHECK_STR(r ? pilcrow_record_section_title(r) : NULL,
              "Fourth International Decade for the Eradication of "
              "Colonialism");
    CHECK((r = find(doc, "para. 62")) != NULL);
    CHECK_STR(r ? pilcrow_record_section(r) : NULL, "II");
    /* Each record has the page it starts on (form feeds counted from
     * 1).  The excerpt's numbers start at 58, and are printed: 59 and
     * 60 follow. */
    CHECK(pilcrow_record_page(find(doc, "para. 58")) == 3);
    CHECK(pilcrow_record_page(r) == 4);
    CHECK(r && pilcrow_record_printed(r));
    pilcrow_doc_free(doc);
    /* Without page breaks, no page. */
    doc = parse(at("TESTDATA", "tests/data", "speech-lines.txt"));
    CHECK(pilcrow_record_page(pilcrow_doc_record(doc, 0)) == 0);
    pilcrow_doc_free(doc);

    /* A converted resolution whose markers lost their superscripts
     * (A/RES/80/51): "law,1 the", "right to life, 2 the", "weapons,4
     * and" are the markers of notes 1 to 5, matched in order; the
     * numbers of "resolution 1653 (XVI)" in the notes are not. */
    doc = parse(at("TESTDATA", "tests/data", "glued-markers.md"));
    CHECK((r = find(doc, "preamble, para. 1")) != NULL);
    CHECK(r && pilcrow_record_n_cites(r) == 5);
    CHECK_STR(pilcrow_record_cite(r, 1), "2");
    CHECK_STR(pilcrow_record_cite(r, 4), "5");
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "international law,\xC2\xB9 the condemnation") != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "right to life, \xC2\xB2 the threat") != NULL);
    CHECK((r = find(doc, "note 3")) != NULL);
    CHECK_STR(pilcrow_record_cited_by_anchor(r, 0), "preamble, para. 1");
    CHECK_STR(pilcrow_record_text(r, NULL), "See resolution S-10/2.");
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && pilcrow_record_n_cites(r) == 0);
    pilcrow_doc_free(doc);

    /* Markers glued to years (A/RES/80/34): "November 2024,3" after a
     * year and a comma, "14 February 20254" fused with the year of a
     * date, "20167" and "2016,8"; "17 June 1925,1" is note 1, though
     * "EC-110/DEC.1" comes later. */
    doc = parse(at("TESTDATA", "tests/data", "year-markers.md"));
    CHECK((r = find(doc, "preamble, para. 1")) != NULL);
    CHECK(r && pilcrow_record_n_cites(r) == 1);
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK(r && pilcrow_record_n_cites(r) == 3);
    CHECK_STR(pilcrow_record_cite(r, 2), "5");
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "18 November 2024,\xC2\xB3 14 February 2025\xE2\x81\xB4 "
                      "and 20 June 2025\xE2\x81\xB5 following") != NULL);
    CHECK((r = find(doc, "para. 5")) != NULL);
    CHECK(r && pilcrow_record_n_cites(r) == 2);
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "24 August 2016\xE2\x81\xB7 and 21 October "
                      "2016,\xE2\x81\xB8 which") != NULL);
    pilcrow_doc_free(doc);

    /* Markers with spaces around them (A/RES/80/5): "Social
     * Development 1 and", "the Sevilla Commitment, 7  which"; the
     * "Add.1," of an indented line of note 9's text is no marker of
     * note 1. */
    doc = parse(at("TESTDATA", "tests/data", "spaced-md-markers.md"));
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK(r && pilcrow_record_n_cites(r) == 2);
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "Social Development \xC2\xB9 and") != NULL);
    CHECK((r = find(doc, "para. 10")) != NULL);
    CHECK_STR(r ? pilcrow_record_cite(r, 0) : NULL, "7");
    CHECK((r = find(doc, "note 9")) != NULL);
    CHECK(r && pilcrow_record_n_cited_by(r) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Add.1, decision 1/CP.21")
          != NULL);
    pilcrow_doc_free(doc);

    /* A Security Council resolution as pdftotext gives it (S/RES/2779
     * (2025): its first page, then paragraphs 1 and 2): the title is the
     * resolution's, not a sentence of the preamble; the adoption line and
     * the enacting formula are front matter; one record a preambular
     * paragraph, though no blank line separates them. */
    doc = parse(at("TESTDATA", "tests/data", "sc-resolution.txt"));
    CHECK_STR(pilcrow_doc_symbol(doc), "S/RES/2779 (2025)");
    CHECK_STR(pilcrow_doc_title(doc), "Resolution 2779 (2025)");
    CHECK((r = find(doc, "preamble, para. 1")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL),
                       "Recalling its previous resolutions", 34) == 0);
    CHECK((r = find(doc, "preamble, para. 2")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Reaffirming its strong",
                       22) == 0);
    CHECK((r = find(doc, "preamble, para. 5")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Urging the Revitalized",
                       22) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "ensure good governance,")
          != NULL);
    CHECK(find(doc, "preamble, para. 6") != NULL);
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Decides to extend the mandate of UNMISS until 30 April 2026;");
    pilcrow_doc_free(doc);

    /* A resolution whose one operative paragraph prints no number
     * (S/RES/2770 (2025), whole): three preambular paragraphs, then
     * "Decides that the election ..." as a paragraph of its own, its
     * number supplied. */
    doc = parse(at("TESTDATA", "tests/data", "sc-election-resolution.txt"));
    CHECK(pilcrow_doc_n_records(doc) == 4);
    CHECK((r = find(doc, "preamble, para. 3")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Noting that, in "
                       "accordance with article 14", 40) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "Decides") == NULL);
    CHECK((r = find(doc, "[para. 1]")) != NULL);
    CHECK(r && !pilcrow_record_printed(r));
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Decides that the "
                       "election to fill the vacancy", 45) == 0);
    CHECK(find(doc, "preamble, para. 4") == NULL);
    pilcrow_doc_free(doc);

    /* A title never runs into the "Contents" heading after it
     * (E/ICEF/2025/11, its first pages). */
    doc = parse(at("TESTDATA", "tests/data", "contents-title.txt"));
    CHECK_STR(pilcrow_doc_title(doc), "Provisional annotated agenda, "
              "timetable and organization of work");
    /* Its text before paragraph 1 is no preamble (it is no resolution):
     * "[opening, para. 1]", supplied. */
    CHECK((r = find(doc, "[opening, para. 1]")) != NULL);
    CHECK(r && !pilcrow_record_printed(r));
    CHECK_STR(r ? pilcrow_record_number(r) : NULL, "o1");
    CHECK(find(doc, "preamble, para. 1") == NULL);
    pilcrow_doc_free(doc);
    CHECK_OK(pc_anchor_parse("[opening, para. 2]", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "o2");
    CHECK_OK(pc_anchor_parse("annex, preamble, para. 3", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK_STR(number, "p3");

    /* Dates alone on their lines after the first paragraph (A/69/714
     * of the UN Parallel Corpus, whole: incidents and their dates) are
     * no front matter: the paragraphs before them were lost. */
    doc = parse(at("TESTDATA", "tests/data", "dated-incidents.txt"));
    CHECK(pilcrow_doc_n_records(doc) == 3);
    CHECK((r = find(doc, "[para. 1]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "An Israeli enemy "
                       "Merkava tank", 29) == 0);
    CHECK((r = find(doc, "[para. 3]")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL, "13 October 2014");
    pilcrow_doc_free(doc);

    /* A document of labels alone (S/2015/120 of the same corpus, table
     * cells: "Western embassies", "7 June 2014" ...) keeps its text. */
    doc = parse(at("TESTDATA", "tests/data", "table-cells.txt"));
    CHECK(pilcrow_doc_n_records(doc) == 1);
    CHECK((r = find(doc, "[para. 1]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Western embassies "
                       "Attempted Assassination 7 June 2014", 52) == 0);
    pilcrow_doc_free(doc);

    /* Note markers pdftotext glued to the punctuation before them (a
     * page of S/2025/356): "the Police.15", "School),18 while". */
    doc = parse(at("TESTDATA", "tests/data", "glued-pdf-markers.txt"));
    CHECK((r = find(doc, "note 15")) != NULL);
    CHECK(r && pilcrow_record_n_cited_by(r) == 1);
    CHECK((r = find(doc, "note 18")) != NULL);
    CHECK(r && pilcrow_record_n_cited_by(r) == 1);
    CHECK((r = find(doc, "para. 31")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "with the Police.\xC2\xB9\xE2\x81\xB5") != NULL);
    CHECK((r = find(doc, "para. 33")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "School),\xC2\xB9\xE2\x81\xB8 while") != NULL);
    pilcrow_doc_free(doc);

    /* A marker pdftotext set between two words with spaces, found
     * only as the last resort ("injuries to 92 people 27 and the
     * displacement": a page of S/2025/356); counts before a unit
     * ("7,342 killings", "220 deaths", "16. 24") are no markers. */
    doc = parse(at("TESTDATA", "tests/data", "spaced-pdf-markers.txt"));
    CHECK((r = find(doc, "note 27")) != NULL);
    CHECK(r && pilcrow_record_n_cited_by(r) == 1);
    CHECK((r = find(doc, "para. 38")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "92 people\xC2\xB2\xE2\x81\xB7 and") != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "220 deaths") != NULL);
    /* The page's paragraphs are numbered from 34: printed numbers, for
     * 35 and 36 follow. */
    CHECK((r = find(doc, "para. 34")) != NULL);
    CHECK(r && pilcrow_record_printed(r) && strncmp(pilcrow_record_text(r,
          NULL), "Widespread violations", 21) == 0);
    CHECK((r = find(doc, "para. 36")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "injuries to 16.") !=
          NULL);
    /* A line of note 22's text that starts with a count is no note 596:
     * it stays in note 22. */
    CHECK(find(doc, "note 596") == NULL);
    CHECK((r = find(doc, "note 22")) != NULL);
    CHECK(r && strstr(pilcrow_record_text(r, NULL),
                      "at least 596 people (516 men") != NULL);
    pilcrow_doc_free(doc);

    /* A speech that numbers three points, then goes on for 1,800 words
     * (Finland, General Debate 2024): the points are paragraphs 1 to
     * 3, and each block after them a paragraph of its own, numbered on
     * in square brackets, not all of them paragraph 3. */
    doc = parse(at("TESTDATA", "tests/data", "listed-speech.txt"));
    CHECK((r = find(doc, "para. 3")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "And on how to reform the UN to reflect the world we live in "
              "today.");
    CHECK((r = find(doc, "[para. 4]")) != NULL);
    CHECK(r && !pilcrow_record_printed(r));
    CHECK(r && strncmp(pilcrow_record_text(r, NULL),
                       "By adopting the Pact for the Future", 35) == 0);
    CHECK((r = find(doc, "[para. 6]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL),
                       "First, let us focus on what unites", 34) == 0);
    pilcrow_doc_free(doc);

    /* A list of participants (A/CONF.230/2025/INF/2): each State's
     * name in capitals after a blank line opens its delegation's block,
     * though the names before it end no sentence. */
    doc = parse(at("TESTDATA", "tests/data", "participants.txt"));
    CHECK((r = find(doc, "[para. 3]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "ALBANIA H.E.", 12) == 0);
    CHECK(r && strstr(pilcrow_record_text(r, NULL), "ALGERIA") == NULL);
    CHECK((r = find(doc, "[para. 4]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "ALGERIA H.E.", 12) == 0);
    CHECK((r = find(doc, "[para. 5]")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "ARMENIA H.E.", 12) == 0);
    pilcrow_doc_free(doc);

    /* Footnotes whose first numbers pdftotext put last (S/2025/356,
     * pages 8 to 10): "Gangs such as 5 Segond ... 8 ... 11 Interview
     * with gang analyst ... 7" is notes 7 to 11, "Videos on file ...
     * Interviews with residents ... 14 ... 18 ... 12 13" notes 12 to
     * 18; each numbers the right text and is cited where the page
     * marks it, "24 February 2025 11 (see" after a year included. */
    doc = parse(at("TESTDATA", "tests/data", "numbers-last-notes.txt"));
    CHECK((r = find(doc, "note 7")) != NULL);
    CHECK(r && strncmp(pilcrow_record_text(r, NULL), "Gangs such as 5 Segond",
                       22) == 0);
    CHECK_STR(r ? pilcrow_record_cited_by_anchor(r, 0) : NULL, "para. 25");
    CHECK((r = find(doc, "note 6")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL, "Ibid.");
    CHECK((r = find(doc, "note 11")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Interview with gang analyst, February 2025.");
    CHECK_STR(r ? pilcrow_record_cited_by_anchor(r, 0) : NULL, "para. 27");
    CHECK((r = find(doc, "note 12")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Videos on file with the Panel, November 2024.");
    CHECK_STR(r ? pilcrow_record_cited_by_anchor(r, 0) : NULL, "para. 28");
    CHECK((r = find(doc, "note 13")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Interviews with residents, February 2025.");
    CHECK((r = find(doc, "note 18")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "United Nations police report, February 2025.");
    pilcrow_doc_free(doc);

    /* Markdown: emphasis vs markers, Notes list. */
    doc = parse(at("TESTDATA", "tests/data", "emphasis.md"));
    CHECK_STR(pilcrow_doc_symbol(doc), "A/99/1");
    CHECK((r = find(doc, "para. 1")) != NULL);
    CHECK_STR(pilcrow_record_text(r, NULL), "Members agreed inter alia that "
              "the report\xC2\xB9\xC2\xB2 is complete and bold text stays.");
    CHECK_STR(pilcrow_record_cite(r, 0), "12");
    CHECK((r = find(doc, "note *")) != NULL);
    CHECK_STR(pilcrow_record_cited_by(r, 0), "2");
    pilcrow_doc_free(doc);

    doc = parse(at("TESTDATA", "tests/data", "resolution.md"));
    CHECK_STR(pilcrow_doc_symbol(doc), "A/RES/80/99");
    CHECK_STR(pilcrow_doc_date(doc), "2025-09-19");
    CHECK((r = find(doc, "para. 2")) != NULL);
    CHECK_STR(pilcrow_record_text(r, NULL),
              "Requests a report\xC2\xB2 on the test.");
    CHECK((r = find(doc, "note 2")) != NULL);
    /* Its front matter ("Resolution adopted by ...", "The General
     * Assembly,") is no paragraph. */
    CHECK((r = find(doc, "preamble, para. 1")) != NULL);
    CHECK_STR(r ? pilcrow_record_text(r, NULL) : NULL,
              "Recalling its resolution 169 (II),\xC2\xB9");
    CHECK(find(doc, "preamble, para. 2") == NULL);
    pilcrow_doc_free(doc);

    /* Speeches: one paragraph a line; old numbered statements. */
    doc = parse(at("TESTDATA", "tests/data", "speech-lines.txt"));
    CHECK(pilcrow_doc_n_records(doc) == 3);
    /* A speech prints no numbers: each is supplied, in brackets. */
    CHECK((r = find(doc, "[para. 3]")) != NULL);
    CHECK(r != NULL && !pilcrow_record_printed(r));
    CHECK(find(doc, "para. 3") == NULL);
    pilcrow_doc_free(doc);
    doc = parse(at("TESTDATA", "tests/data", "old-statement.txt"));
    CHECK(find(doc, "para. 150") != NULL && find(doc, "para. 152") != NULL);
    CHECK(pilcrow_record_printed(find(doc, "para. 150")));
    pilcrow_doc_free(doc);
    doc = parse(at("TESTDATA", "tests/data", "speech.txt.gz"));
    CHECK_STR(pilcrow_doc_id(doc), "speech");
    CHECK(pilcrow_doc_n_records(doc) == 2);
    pilcrow_doc_free(doc);
    doc = parse(at("TESTDATA", "tests/data", "empty.txt"));
    CHECK(pilcrow_doc_n_records(doc) == 0);
    pilcrow_doc_free(doc);

    /* Anchors. */
    CHECK_OK(pc_anchor_parse("annex I, para. 3", &kind, annex, sizeof(annex),
                             &annex_set, number, sizeof(number)));
    CHECK(kind == PILCROW_KIND_PARAGRAPH && annex_set);
    CHECK_STR(annex, "I");
    CHECK_STR(number, "3");
    CHECK_OK(pc_anchor_parse("note:1", &kind, annex, sizeof(annex),
                             &annex_set, number, sizeof(number)));
    CHECK(kind == PILCROW_KIND_NOTE && !annex_set);
    CHECK_OK(pc_anchor_parse("summary, para. 2", &kind, annex, sizeof(annex),
                             &annex_set, number, sizeof(number)));
    CHECK(kind == PILCROW_KIND_SUMMARY);
    CHECK_STR(number, "2");
    CHECK_OK(pc_anchor_parse("para.7", &kind, annex, sizeof(annex),
                             &annex_set, number, sizeof(number)));
    CHECK_STR(number, "7");
    CHECK_OK(pc_anchor_parse("preamble, para. 2", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK(kind == PILCROW_KIND_PARAGRAPH && !annex_set);
    CHECK_STR(number, "p2");
    CHECK(pc_anchor_parse("preamble, para. x", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, "I", "p3", 0),
              "annex I, preamble, para. 3");
    /* A supplied number is bracketed, an annex's name is not. */
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, "", "113", 0),
              "annex, [para. 113]");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "4", 0), "[para. 4]");
    CHECK_STR(anchor_of(PILCROW_KIND_SUMMARY, NULL, "2", 0),
              "summary, para. 2");
    /* An article and its paragraph (stored "a26", "a26.1"). */
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "a26", 1), "art. 26");
    CHECK_STR(anchor_of(PILCROW_KIND_PARAGRAPH, NULL, "a26.1", 1),
              "art. 26, para. 1");
    /* What is typed back is read with or without the brackets. */
    CHECK_OK(pc_anchor_parse("[para. 4]", &kind, annex, sizeof(annex),
                             &annex_set, number, sizeof(number)));
    CHECK(kind == PILCROW_KIND_PARAGRAPH && !annex_set);
    CHECK_STR(number, "4");
    CHECK_OK(pc_anchor_parse("annex, [para. 113]", &kind, annex,
                             sizeof(annex), &annex_set, number,
                             sizeof(number)));
    CHECK(annex_set && annex[0] == '\0');
    CHECK_STR(number, "113");
    CHECK(pc_anchor_parse("[para. 4", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);
    CHECK(pc_anchor_parse("[[para. 4]]", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);
    CHECK(pc_anchor_parse("para. 7 extra", &kind, annex, sizeof(annex),
                          &annex_set, number, sizeof(number)) ==
          PILCROW_INVALID);

    /* Articles: "art. 26" is stored as "a26", "art. 26, para. 1" as
     * "a26.1", and both are written back so. */
    CHECK_STR(article_number("art. 26"), "a26");
    CHECK_STR(article_number("art. 26, para. 1"), "a26.1");
    CHECK_STR(article_number("article 3"), "a3");
    CHECK_STR(article_number("art:26.1"), "a26.1");
    CHECK_STR(article_number("art. 26, note 1"), NULL);
    CHECK_STR(article_number("art. x"), NULL);

    /* The UDHR's articles in the six UN languages (real excerpts:
     * preamble, articles 1, 2 and 26): the same anchors in each, the
     * Chinese "第二十六条" and "㈠" included. */
    {
        static const char *const langs[] = { "ar", "en", "es", "fr", "ru",
                                             "zh" };
        static const char *const anchors[] = {
            "preamble, para. 1", "preamble, para. 2", "art. 1", "art. 2",
            "art. 26, para. 1", "art. 26, para. 2", "art. 26, para. 3"
        };
        char name[64];
        size_t l, a;

        for (l = 0; l < 6; l++) {
            snprintf(name, sizeof(name), "parallel/udhr-%s.txt", langs[l]);
            doc = parse(at("TESTDATA", "tests/data", name));
            CHECK_STR(pilcrow_doc_symbol(doc), "A/RES/217 A (III)");
            CHECK_STR(pilcrow_doc_language(doc), langs[l]);
            CHECK(pilcrow_doc_n_records(doc) == 7);
            for (a = 0; a < 7; a++) {
                r = pilcrow_doc_record(doc, a);
                CHECK(r != NULL);
                if (r == NULL)
                    continue;
                CHECK_STR(pilcrow_record_anchor(r), anchors[a]);
                CHECK(pilcrow_record_printed(r) == (a >= 2));
            }
            pilcrow_doc_free(doc);
        }
        doc = parse(at("TESTDATA", "tests/data", "parallel/udhr-en.txt"));
        CHECK((r = find(doc, "art. 2")) != NULL);
        /* Its two blocks are one record. */
        CHECK(r && strstr(pilcrow_record_text(r, NULL), "freedoms set "
                          "forth in this Declaration") != NULL &&
              strstr(pilcrow_record_text(r, NULL), "Furthermore, no "
                     "distinction") != NULL);
        CHECK_STR(pilcrow_record_number(r), "a2");
        pilcrow_doc_free(doc);
    }

    /* The enacting formula in each of the six languages (A/69/L.52):
     * front matter, and the paragraph after it "preamble, para. 1" in
     * every version, so that the versions' preambles align. */
    {
        static const char *const langs[] = { "ar", "en", "es", "fr", "ru",
                                             "zh" };
        char name[64];
        size_t q;

        for (q = 0; q < sizeof(langs) / sizeof(langs[0]); q++) {
            snprintf(name, sizeof(name), "parallel/A_69_L.52-%s.txt",
                     langs[q]);
            doc = parse(at("TESTDATA", "tests/data", name));
            CHECK(pilcrow_doc_n_records(doc) == 1);
            CHECK((r = find(doc, "preamble, para. 1")) != NULL);
            CHECK(r && !pilcrow_record_printed(r));
            CHECK(r && strstr(pilcrow_record_text(r, NULL), "2015") != NULL);
            pilcrow_doc_free(doc);
        }
    }

    /* Arabic paragraph numbers, "٥٧ -" (Arabic-Indic digits) and
     * "78 -", in a UN Parallel Corpus document: para. 57 and 78, the
     * number gone from the text. */
    doc = parse(at("TESTDATA", "tests/data", "parallel/A_68_908-ar.txt"));
    CHECK_STR(pilcrow_doc_language(doc), "ar");
    CHECK((r = find(doc, "para. 57")) != NULL);
    CHECK(r && pilcrow_record_printed(r));
    CHECK(r && strncmp(pilcrow_record_text(r, NULL),
                       "\xd9\x88\xd8\xa3\xd8\xb5\xd8\xa8\xd8\xad", 10) == 0);
    CHECK(find(doc, "para. 78") != NULL);
    CHECK(find(doc, "para. 123") != NULL);
    CHECK(find(doc, "para. 174") != NULL);
    pilcrow_doc_free(doc);
    /* In other documents "10 - 12 May" is not a paragraph number. */
    {
        static const char text[] =
            "Title\n\n1. First.\n\n2. Second.\n\n"
            "10 - 12 May were the dates of the meeting.\n";

        doc = parse_text(text, sizeof(text) - 1);
        CHECK(find(doc, "para. 10") == NULL);
        CHECK((r = find(doc, "para. 2")) != NULL);
        CHECK(r && strstr(pilcrow_record_text(r, NULL), "10 - 12 May"));
        pilcrow_doc_free(doc);
    }
    return check_done();
}
