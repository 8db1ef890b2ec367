/*
 * LucenePeer.java: the Lucene peer of pilcrow's benchmark, compiled by
 * bench.py against Debian's liblucene4.10-java jars (lucene-core,
 * lucene-analyzers-common, lucene-queryparser, lucene-highlighter) when
 * they and javac are installed; never by `make` or `make check`.
 *
 *   java LucenePeer index DBDIR RECORDS.tsv
 *       EnglishAnalyzer (StandardTokenizer, English possessives,
 *       lower case, its stop words, Porter stemmer), BM25Similarity,
 *       IndexWriterConfig defaults otherwise (16 MB RAM buffer, merge
 *       policy as shipped, no forceMerge).  Fields: doc (StringField,
 *       stored), anchor (stored only), text (stored, positions and
 *       offsets in the postings: what PostingsHighlighter needs).
 *   java LucenePeer search DBDIR QUERIES TIMINGS N PASSES
 *       Runs every query PASSES times over (the JVM's JIT warms up on
 *       the first passes) and reports the last pass only: each query
 *       line becomes classic QueryParser syntax (every word and every
 *       "quoted phrase" escaped, so 49/127 or A/CONF.157/24 cannot break
 *       it; default operator AND), the same analyzer; IndexSearcher
 *       with BM25Similarity, top N; PostingsHighlighter, one passage (a
 *       sentence) per hit, marked [ ] ... .  Results go to stdout; one
 *       line per query goes to TIMINGS: "qid<TAB>microseconds<TAB>
 *       totalHits<TAB>hits"; "lucene: last pass S s" to stderr.
 *
 * RECORDS.tsv: doc, anchor, text separated by tabs, the text with \\,
 * \t, \n escapes (see records.h).
 */
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.postingshighlight.DefaultPassageFormatter;
import org.apache.lucene.search.postingshighlight.PassageFormatter;
import org.apache.lucene.search.postingshighlight.PostingsHighlighter;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public class LucenePeer {
    static final Version V = Version.LUCENE_4_10_4;

    /* Undo the \\, \t, \n escapes of a records.tsv field. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0)
            return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                b.append(d == 't' ? '\t' : d == 'n' ? '\n' : d);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static BufferedReader open(String path) throws Exception {
        return new BufferedReader(new InputStreamReader(
            new FileInputStream(path), StandardCharsets.UTF_8), 1 << 16);
    }

    static int index(String dbdir, String records) throws Exception {
        long t0 = System.nanoTime();
        Analyzer an = new EnglishAnalyzer(V);
        IndexWriterConfig iwc = new IndexWriterConfig(V, an);
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        iwc.setSimilarity(new BM25Similarity());
        FieldType textType = new FieldType(TextField.TYPE_STORED);
        textType.setIndexOptions(
            IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        textType.freeze();
        IndexWriter w = new IndexWriter(FSDirectory.open(new File(dbdir)),
                                        iwc);
        BufferedReader in = open(records);
        String line;
        long n = 0;
        while ((line = in.readLine()) != null) {
            int t1 = line.indexOf('\t');
            int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
            if (t2 < 0)
                continue;
            Document d = new Document();
            d.add(new StringField("doc", unescape(line.substring(0, t1)),
                                  Field.Store.YES));
            d.add(new StoredField("anchor",
                                  unescape(line.substring(t1 + 1, t2))));
            d.add(new Field("text", unescape(line.substring(t2 + 1)),
                            textType));
            w.addDocument(d);
            n++;
        }
        in.close();
        w.close();
        System.err.printf("lucene: indexed %d records in %.3f s%n", n,
                          (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static String escapeTerm(String s) {
        return QueryParser.escape(s);
    }

    /*
     * The query line as classic QueryParser syntax: words and "quoted
     * phrases", each escaped (as fts5.c does for FTS5); an unclosed
     * quote runs to the end of the line.
     */
    static String toLucene(String q) {
        StringBuilder b = new StringBuilder();
        int i = 0, n = q.length();
        while (i < n) {
            while (i < n && (q.charAt(i) == ' ' || q.charAt(i) == '\t'))
                i++;
            if (i >= n)
                break;
            if (b.length() > 0)
                b.append(' ');
            if (q.charAt(i) == '"') {
                int e = q.indexOf('"', i + 1);
                if (e < 0)
                    e = n;
                b.append('"').append(escapeTerm(q.substring(i + 1, e)))
                 .append('"');
                i = e + 1;
            } else {
                int e = i;
                while (e < n && q.charAt(e) != ' ' && q.charAt(e) != '\t'
                       && q.charAt(e) != '"')
                    e++;
                b.append(escapeTerm(q.substring(i, e)));
                i = e;
            }
        }
        return b.toString();
    }

    static int search(String dbdir, String queries, String timings, int n,
                      int passes) throws Exception {
        List<String> qs = new ArrayList<String>();
        BufferedReader in = open(queries);
        String line;
        while ((line = in.readLine()) != null)
            qs.add(line);
        in.close();
        DirectoryReader reader =
            DirectoryReader.open(FSDirectory.open(new File(dbdir)));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        Analyzer an = new EnglishAnalyzer(V);
        QueryParser qp = new QueryParser(V, "text", an);
        qp.setDefaultOperator(QueryParser.Operator.AND);
        final PassageFormatter fmt =
            new DefaultPassageFormatter("[", "]", "...", false);
        PostingsHighlighter hl = new PostingsHighlighter() {
            @Override
            protected PassageFormatter getFormatter(String field) {
                return fmt;
            }
        };
        PrintStream out = new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
            "UTF-8");
        double lastPass = 0;
        for (int pass = 1; pass <= passes; pass++) {
            boolean last = pass == passes;
            PrintWriter tf = last ? new PrintWriter(timings, "UTF-8") : null;
            long p0 = System.nanoTime();
            for (int qid = 1; qid <= qs.size(); qid++) {
                long t0 = System.nanoTime();
                int total = 0, hits = 0;
                try {
                    Query q = qp.parse(toLucene(qs.get(qid - 1)));
                    TopDocs td = searcher.search(q, n);
                    total = td.totalHits;
                    String[] snips = hl.highlight("text", q, searcher, td, 1);
                    for (int k = 0; k < td.scoreDocs.length; k++) {
                        ScoreDoc sd = td.scoreDocs[k];
                        Document d = searcher.doc(sd.doc);
                        hits++;
                        if (last)
                            out.printf("%d\t%d\t%.4f\t%s\t%s\t%s%n", qid,
                                       hits, sd.score, d.get("doc"),
                                       d.get("anchor"), snips[k]);
                    }
                } catch (Exception e) {
                    if (last)
                        out.printf("%d\terror\t%s%n", qid, e.getMessage());
                }
                if (last)
                    tf.printf("%d\t%.0f\t%d\t%d%n", qid,
                              (System.nanoTime() - t0) / 1e3, total, hits);
            }
            lastPass = (System.nanoTime() - p0) / 1e9;
            if (tf != null)
                tf.close();
        }
        out.flush();
        System.err.printf("lucene: last pass %.6f s%n", lastPass);
        reader.close();
        return 0;
    }

    public static void main(String[] a) throws Exception {
        if (a.length == 3 && a[0].equals("index"))
            System.exit(index(a[1], a[2]));
        if (a.length == 6 && a[0].equals("search"))
            System.exit(search(a[1], a[2], a[3], Integer.parseInt(a[4]),
                               Integer.parseInt(a[5])));
        System.err.println("usage: LucenePeer index DBDIR RECORDS.tsv\n"
                           + "       LucenePeer search DBDIR QUERIES "
                           + "TIMINGS N PASSES");
        System.exit(2);
    }
}
