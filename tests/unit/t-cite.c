/*
 * t-cite.c - citations recognised in text (cite.c), on sentences of
 * the seed report (corpus/), un-docs-2025 and the GA resolutions: each
 * gives the normal forms it cites, in order, and nothing else.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "pilcrow-private.h"

/* The citations of TEXT in a document CITING, as "SYM|SYM|...". */
static const char *
cites(const char *citing, const char *text)
{
    static char out[1024];
    struct pilcrow_record r;
    struct pc_arena a = PC_ARENA_INIT;
    pilcrow_status st = PILCROW_OK;
    size_t i, n = 0;

    memset(&r, 0, sizeof(r));
    r.text = text;
    r.text_len = strlen(text);
    pc_cite_record(&st, &r, citing, NULL, &a);
    CHECK_FATAL(st == PILCROW_OK);
    out[0] = '\0';
    for (i = 0; i < r.n_refs; i++)
        n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s",
                              i ? "|" : "", r.refs[i]);
    pc_arena_free(&a);
    return out;
}

/* The seed report, A/52/314: its citations are the first tests. */
static void
test_seed(void)
{
    const char *doc = "A/52/314";

    CHECK_STR(cites(doc, "The General Assembly, by resolution 49/127 of 19 "
                    "December 1994, requested the Secretary-General to "
                    "prepare"), "A/RES/49/127");
    CHECK_STR(cites(doc, "By resolution 51/148, the General Assembly took "
                    "note with satisfaction of the conclusion of the "
                    "Cooperation Agreement and requested that it be "
                    "informed, in the context of the report to be "
                    "submitted pursuant to Assembly resolution 50/123, of "
                    "the cooperation"), "A/RES/51/148|A/RES/50/123");
    CHECK_STR(cites(doc, "the report of the Secretary-General on "
                    "international migration and development (E/1995/69) "
                    "which was discussed by the Economic and Social "
                    "Council"), "E/1995/69");
    CHECK_STR(cites(doc, "Members of Their Families (General Assembly "
                    "resolution 45/158, annex), the International Labour"),
              "A/RES/45/158");
    CHECK_STR(cites(doc, "A/52/150 and Corr.1."),
              "A/52/150|A/52/150/Corr.1");
    /* Hard-wrapped, as pdftotext leaves it. */
    CHECK_STR(cites(doc, "the General Assembly adopted resolution\n50/123 "
                    "of 20 December 1995, in which"), "A/RES/50/123");
    /* The Commission named before its resolutions. */
    CHECK_STR(cites(doc, "Within the United Nations, the Commission on "
                    "Human Rights is responsible for reviewing the "
                    "follow-up [...] During its fifty-third session held "
                    "in 1997, the Commission adopted resolutions 1997/14 "
                    "and 1997/15 referring, respectively, to the "
                    "International Convention"),
              "E/CN.4/RES/1997/14|E/CN.4/RES/1997/15");
    /* Two symbols joined by a hyphen, a resolution by number. */
    CHECK_STR(cites(doc, "Official Records of the Economic and Social "
                    "Council, 1997, Supplement No. 5 "
                    "(E/1997/25-E/CN.9/1997/11), chap. I, sect. C, "
                    "resolution 1997/1."),
              "E/1997/25|E/CN.9/1997/11|E/RES/1997/1");
    /* Its own symbol, in a running header, is no citation. */
    CHECK_STR(cites(doc, "A/52/314 English Page 3"), "");
}

/* Lists under one keyword. */
static void
test_lists(void)
{
    CHECK_STR(cites("A/52/314", "recalling its resolutions 49/127 and "
                    "50/123"), "A/RES/49/127|A/RES/50/123");
    CHECK_STR(cites("A/52/314", "General Assembly resolutions 49/127 of 19 "
                    "December 1994, 50/123 of 20 December 1995 and 51/148 "
                    "of 13 December 1996"),
              "A/RES/49/127|A/RES/50/123|A/RES/51/148");
    CHECK_STR(cites("S/2025/147", "The provisions of resolutions 1696 "
                    "(2006), 1737 (2006), 1747 (2007), 1803 (2008),"),
              "S/RES/1696 (2006)|S/RES/1737 (2006)|S/RES/1747 (2007)|"
              "S/RES/1803 (2008)");
    /* Items glossed in parentheses, separated by semicolons
     * (DP/FPA/2025/5, para. 71). */
    CHECK_STR(cites("DP/FPA/2025/5", "In line with General Assembly "
                    "resolutions 69/237 (building capacity for evaluation of "
                    "development activities at the country level); 70/1 "
                    "(endorsing the 2030 Agenda); 77/283 (strengthening "
                    "Voluntary National Reviews through country-led "
                    "evaluation); 79/226 (QCPR); and the 2024 Evaluation "
                    "Policy"),
              "A/RES/69/237|A/RES/70/1|A/RES/77/283|A/RES/79/226");
    /* A paragraph number after the list is not a resolution. */
    CHECK_STR(cites("A/80/1", "resolution 70/1, paragraph 5 and 6"),
              "A/RES/70/1");
}

/* The organ: named, from the form of the number, from the citing
 * document. */
static void
test_organs(void)
{
    /* A/79/923: a GA document citing a Security Council resolution. */
    CHECK_STR(cites("A/79/923", "framework established under resolution "
                    "2719 (2023) with regard to the African Union"),
              "S/RES/2719 (2023)");
    CHECK_STR(cites("A/79/923", "Security Council resolution 2719 (2023)"),
              "S/RES/2719 (2023)");
    CHECK_STR(cites("S/2025/147", "in accordance with resolution 1970, the "
                    "Committee"), "S/RES/1970");
    CHECK_STR(cites("A/80/1", "resolution 1970 and others"), "");
    CHECK_STR(cites("E/2025/39", "See, for example, Economic and Social "
                    "Council resolution 2023/28, para. 4"),
              "E/RES/2023/28");
    CHECK_STR(cites("A/79/1", "principles formulated in Economic and Social "
                    "Council resolution 1996/31 be applied"),
              "E/RES/1996/31");
    CHECK_STR(cites(NULL, "pursuant to Commission on Human Rights "
                    "resolution 1998/50, \u201cProfiles in displacement"),
              "E/CN.4/RES/1998/50");
    CHECK_STR(cites("A/80/1", "pursuant to Human Rights Council resolution "
                    "49/32, which offered participants"),
              "A/HRC/RES/49/32");
    CHECK_STR(cites("A/HRC/58/2", "in its resolution 49/32"),
              "A/HRC/RES/49/32");
    CHECK_STR(cites("A/RES/80/12", "Recalling its resolution 1514 (XV) of "
                    "14 December 1960"), "A/RES/1514 (XV)");
    CHECK_STR(cites("A/80/1", "General Assembly decision 52/441"),
              "A/DEC/52/441");
    CHECK_STR(cites("E/2025/39", "Economic and Social Council decision "
                    "2024/28"), "E/DEC/2024/28");
    /* "its": the organ named before it, else the citing document's,
     * but where the form of the number says. */
    CHECK_STR(cites("S/2025/211", "The General Assembly, by its resolution "
                    "78/306 of 28 June 2024, appropriated the amount"),
              "A/RES/78/306");
    CHECK_STR(cites("A/HRC/EMRIP/2025/1", "following the proclamation by "
                    "the General Assembly, in its resolution 74/135, of the "
                    "International Decade"), "A/RES/74/135");
    CHECK_STR(cites("A/80/75-E/2025/55", "established by the Security "
                    "Council in its resolutions 2615 (2021) and 2664 "
                    "(2022) in domestic legislation"),
              "S/RES/2615 (2021)|S/RES/2664 (2022)");
    CHECK_STR(cites("JIU/REP/2025/2", "In 2024, the General Assembly, in its "
                    "resolution 79/158, recognized the harm"),
              "A/RES/79/158");
    CHECK_STR(cites("A/39/361", "On the recommendation of the General "
                    "conmittee, the Assembly [...] decided [...] (decision "
                    "38/402) ."), "A/DEC/38/402");
    /* In another series' document, a resolution by session is the
     * Assembly's; a commission's own low numbers and decisions are not. */
    CHECK_STR(cites("E/HLPF/2025/5", "Recalling resolution 70/1 of 25 "
                    "September 2015"), "A/RES/70/1");
    CHECK_STR(cites("E/CN.6/2025/3", "resolution 60/2 of the Commission"),
              "");
    /* Other bodies' numbers are left out. */
    CHECK_STR(cites("E/ICEF/2025/AB/L.3", "As requested by the Executive "
                    "Board in decision 2015/11 and concerning internal "
                    "audit activities"), "");
    CHECK_STR(cites("E/2025/43-E/C.19/2025/8", "Local Communities (decision "
                    "16/5) and the adoption of the new programme of work "
                    "related thereto (decision 16/4) at the sixteenth "
                    "meeting of the Conference of the Parties"), "");
    CHECK_STR(cites("DP/2025/1", "rovided an update on implementing "
                    "Executive Board decision 2024/15"), "");
    CHECK_STR(cites("DP/2025/1", "subsequent nomination, in accordance with "
                    "decision 2024/15, paragraph 16;"), "");
    CHECK_STR(cites("A/80/1", "the World Health Assembly resolution 77/2"),
              "");
    CHECK_STR(cites("A/80/1", "Governing Council decision 27/1"), "");
    CHECK_STR(cites("FCCC/CP/2024/1", "decision 1/CP.21, paragraph 2"), "");
}

/* Symbols as written, one normal form per symbol. */
static void
test_symbols(void)
{
    CHECK_STR(cites("A/79/1", "S/RES/2768(2025) and S/RES/2768 (2025) and "
                    "resolution 2768 (2025)"), "S/RES/2768 (2025)");
    CHECK_STR(cites("A/79/1", "the Conference (A/CONF.171/13), the letter "
                    "S/2025/147."), "A/CONF.171/13|S/2025/147");
    CHECK_STR(cites("A/79/1", "resolution A/RES/50/123 and E/CN.4/1997/15"),
              "A/RES/50/123|E/CN.4/1997/15");
    CHECK_STR(cites("A/79/1", "HIV/AIDS and/or 24/7 COVID-19/2 N/A"), "");
    /* A line broken after the slash; OCR's garbled running headers. */
    CHECK_STR(cites("A/79/352", "(A/70/394 and A/70/394/ Corr.1), the "
                    "total committed"), "A/70/394|A/70/394/Corr.1");
    CHECK_STR(cites("A/39/36I", "A/39/1s0. 84-I7984 1304q (E) A/39/36r "
                    "EngL i sh Page 2"), "");
}

/* Keys: the term bodies the index and the query share. */
static void
test_keys(void)
{
    char key[PC_CITE_MAX];
    struct pc_cite c;
    const char *q = "resolution 2768 (2025) mandate";

    pc_cite_key(key, sizeof(key), "S/RES/2719 (2023)");
    CHECK_STR(key, "s/res/2719");
    pc_cite_key(key, sizeof(key), "A/52/150/Corr.1");
    CHECK_STR(key, "a/52/150/corr.1");
    CHECK(pc_cite_at(q, strlen(q), NULL, &c) == 22);
    CHECK_STR(c.symbol, "S/RES/2768 (2025)");
    CHECK(pc_cite_at("S/RES/2768(2025)", 16, NULL, &c) == 16);
    CHECK_STR(c.key, "s/res/2768");
    CHECK(pc_cite_at("mandate", 7, NULL, &c) == 0);
}

int
main(void)
{
    test_seed();
    test_lists();
    test_organs();
    test_symbols();
    test_keys();
    return check_done();
}
