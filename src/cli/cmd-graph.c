/*
 * cmd-graph.c - pilcrow graph [--db DIR] [--from SYMBOL] [--depth N]
 *                             [--format dot|json]
 *
 * The citation graph of the index: documents as nodes (a document's
 * symbol, else its id; a document cited by its normal form), an edge
 * from each citing document to each document it cites, labelled with
 * the number of its records that cite it.  With --from SYMBOL, only the
 * documents citing SYMBOL, then those citing them, to --depth levels
 * (default 1).  --format dot (the default) writes Graphviz DOT, so
 * that "pilcrow graph --from A/RES/50/123 | dot -Tsvg > cites.svg"
 * draws it; --format json writes one object, {"nodes": ["A/52/314",
 * ...], "edges": [{"from", "to", "records"}]}.  Exit status 0 when the
 * graph has an edge, 1 when it has none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

/* Records read by one query page. */
#define GRAPH_PAGE 5000

struct edge {
    char *from, *to;            /* node names */
    unsigned long records;      /* citing records */
};

struct graph {
    struct edge *edges;
    size_t n_edges, cap_edges;
    char **nodes;               /* every name, in order of appearance */
    size_t n_nodes, cap_nodes;
};

/* The index of node NAME in G, added if new; -1 out of memory. */
static long
node(struct graph *g, const char *name)
{
    size_t i;

    for (i = 0; i < g->n_nodes; i++)
        if (strcmp(g->nodes[i], name) == 0)
            return (long)i;
    if (g->n_nodes == g->cap_nodes) {
        size_t cap = g->cap_nodes ? 2 * g->cap_nodes : 64;
        char **grown = realloc(g->nodes, cap * sizeof(*grown));
        if (grown == NULL)
            return -1;
        g->nodes = grown;
        g->cap_nodes = cap;
    }
    if ((g->nodes[g->n_nodes] = strdup(name)) == NULL)
        return -1;
    return (long)g->n_nodes++;
}

/* Count one record of FROM citing TO.  Returns 0, -1 out of memory. */
static int
add_edge(struct graph *g, const char *from, const char *to)
{
    long a = node(g, from), b = node(g, to);
    size_t i;

    if (a < 0 || b < 0)
        return -1;
    for (i = 0; i < g->n_edges; i++)
        if (g->edges[i].from == g->nodes[a] && g->edges[i].to == g->nodes[b]) {
            g->edges[i].records++;
            return 0;
        }
    if (g->n_edges == g->cap_edges) {
        size_t cap = g->cap_edges ? 2 * g->cap_edges : 64;
        struct edge *grown = realloc(g->edges, cap * sizeof(*grown));
        if (grown == NULL)
            return -1;
        g->edges = grown;
        g->cap_edges = cap;
    }
    g->edges[g->n_edges].from = g->nodes[a];
    g->edges[g->n_edges].to = g->nodes[b];
    g->edges[g->n_edges].records = 1;
    g->n_edges++;
    return 0;
}

static void
graph_free(struct graph *g)
{
    size_t i;

    for (i = 0; i < g->n_nodes; i++)
        free(g->nodes[i]);
    free(g->nodes);
    free(g->edges);
}

/* The name of record R's document: its symbol, else its id. */
static const char *
doc_name(const pilcrow_record *r)
{
    const char *s = pilcrow_record_symbol(r);

    return s != NULL ? s : pilcrow_record_doc(r);
}

/* Run TEXT over DB page by page, calling FN on each record with ARG.
 * Returns the status (the message is the db's), or 1 when FN ran out
 * of memory. */
static pilcrow_status
each_record(pilcrow_db *db, const char *text,
            int (*fn)(struct graph *, const pilcrow_record *, const char *),
            struct graph *g, const char *arg)
{
    pilcrow_query_options qopts = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_status st;
    size_t offset = 0, got;

    if ((st = pilcrow_query_new(&q, db, text, &qopts)) < 0)
        return st;
    do {
        if ((st = pilcrow_query_run(&hits, q, offset, GRAPH_PAGE)) < 0)
            break;
        got = 0;
        while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
            got++;
            if (fn(g, pilcrow_hits_record(hits), arg) < 0) {
                pilcrow_query_free(q);
                return 1;
            }
        }
        pilcrow_hits_free(hits);
        offset += got;
    } while (st >= 0 && got == GRAPH_PAGE);
    pilcrow_query_free(q);
    return st < 0 ? st : PILCROW_OK;
}

/* Every ref of R: an edge from R's document. */
static int
add_refs(struct graph *g, const pilcrow_record *r, const char *unused)
{
    size_t i, n = pilcrow_record_n_refs(r);

    (void)unused;
    for (i = 0; i < n; i++)
        if (add_edge(g, doc_name(r), pilcrow_record_ref(r, i)) < 0)
            return -1;
    return 0;
}

/* R cites TO, typed in any written form: an edge from R's document to
 * TO's normal form. */
static int
add_citing(struct graph *g, const pilcrow_record *r, const char *to)
{
    const char *ref = pilcrow_record_ref_find(r, to, NULL, NULL);

    return add_edge(g, doc_name(r), ref != NULL ? ref : to);
}

/* Write S as a DOT string, quoted. */
static void
dot_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        if ((unsigned char)*s >= 0x20)
            fputc(*s, out);
    }
    fputc('"', out);
}

static void
print_dot(const struct graph *g)
{
    size_t i;

    fputs("digraph citations {\n    rankdir=LR;\n"
          "    node [shape=box, fontname=\"Helvetica\", fontsize=10];\n",
          stdout);
    for (i = 0; i < g->n_edges; i++) {
        fputs("    ", stdout);
        dot_string(stdout, g->edges[i].from);
        fputs(" -> ", stdout);
        dot_string(stdout, g->edges[i].to);
        printf(" [label=\"%lu\", weight=%lu];\n", g->edges[i].records,
               g->edges[i].records);
    }
    fputs("}\n", stdout);
}

static void
print_json(const struct graph *g)
{
    struct printer p;
    size_t i;

    printer_json_init(&p, stdout);
    printer_begin_object(&p);
    printer_key(&p, "nodes");
    printer_begin_array(&p);
    for (i = 0; i < g->n_nodes; i++)
        printer_string(&p, g->nodes[i]);
    printer_end_array(&p);
    printer_key(&p, "edges");
    printer_begin_array(&p);
    for (i = 0; i < g->n_edges; i++) {
        printer_begin_object(&p);
        printer_key(&p, "from");
        printer_string(&p, g->edges[i].from);
        printer_key(&p, "to");
        printer_string(&p, g->edges[i].to);
        printer_key(&p, "records");
        printer_integer(&p, (long long)g->edges[i].records);
        printer_end_object(&p);
    }
    printer_end_array(&p);
    printer_end_object(&p);
    printer_end_value(&p);
}

/* The graph of the documents citing FROM, DEPTH levels deep, into G:
 * level by level, each node not looked up yet is looked up with
 * cites:.  Returns a status as each_record(). */
static pilcrow_status
from_graph(pilcrow_db *db, struct graph *g, const char *from, long depth)
{
    size_t done = 0, last, i;   /* nodes [0, done) are looked up */
    pilcrow_status st;
    char text[512];
    long d;

    snprintf(text, sizeof(text), "cites:\"%s\"", from);
    if (strchr(from, '"') != NULL)
        return PILCROW_BADQUERY;
    if ((st = each_record(db, text, add_citing, g, from)) != PILCROW_OK)
        return st;
    /* The node cited, in its normal form, comes second: it was looked
     * up with the first level. */
    for (d = 1; d < depth; d++) {
        last = g->n_nodes;
        for (i = done; i < last; i++) {
            /* A document without a symbol can be cited by none. */
            if (i == 1 || strchr(g->nodes[i], '/') == NULL ||
                strchr(g->nodes[i], '"') != NULL)
                continue;
            snprintf(text, sizeof(text), "cites:\"%s\"", g->nodes[i]);
            if ((st = each_record(db, text, add_citing, g, g->nodes[i]))
                != PILCROW_OK)
                return st;
        }
        done = last;
    }
    return PILCROW_OK;
}

int
cmd_graph(struct cli_ctx *ctx, int argc, char **argv)
{
    struct graph g;
    pilcrow_db *db = NULL;
    pilcrow_status st;
    const char *from = NULL, *format = "dot";
    long depth = 1;
    int status;
    const struct cli_option options[] = {
        CLI_STRING("from", 0, &from),
        CLI_COUNT("depth", 0, &depth, 1, 10),
        CLI_STRING("format", 0, &format),
        CLI_END
    };

    if (cli_parse_args(&status, ctx, argc, argv, options) < 0)
        return status;
    if (strcmp(format, "dot") != 0 && strcmp(format, "json") != 0)
        return cli_usage_error(ctx, "--format needs dot or json, not '%s'",
                               format);
    if ((db = cli_open_read(ctx)) == NULL)
        return CLI_EXIT_ERROR;
    memset(&g, 0, sizeof(g));
    if (from != NULL)
        st = from_graph(db, &g, from, depth);
    else
        st = each_record(db, "kind:paragraph OR kind:summary OR kind:note",
                         add_refs, &g, NULL);
    if (st == PILCROW_BADQUERY && from != NULL) {
        cli_error(ctx, "'%s' is not a document symbol (such as "
                  "A/RES/50/123 or S/RES/2719 (2023))", from);
        status = CLI_EXIT_ERROR;
    } else if (st != PILCROW_OK) {
        cli_error(ctx, "%s", st == 1 ? "out of memory"
                                     : pilcrow_db_errmsg(db));
        status = CLI_EXIT_ERROR;
    } else {
        if (strcmp(format, "json") == 0)
            print_json(&g);
        else
            print_dot(&g);
        status = g.n_edges > 0 ? CLI_EXIT_OK : CLI_EXIT_NOTHING;
    }
    graph_free(&g);
    pilcrow_db_close(db);
    return status;
}
