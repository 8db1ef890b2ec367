"""peers.py: the Sphinx and Lucene peers of pilcrow's benchmark (glue,
imported by bench.py; see bench/README.md "Peers").

- Sphinx (Debian `sphinxsearch` 2.2, `indexer` + `searchd`): a config
  written per corpus; `indexer` builds a plain index from a tsvpipe
  source (CPU and wall time of that process are the build figures);
  `searchd` is started on 127.0.0.1 (a free port) in a session of its
  own for the query runs and stopped by its PID after them; queries
  over SphinxQL (the MySQL protocol, through python3-pymysql: Debian's
  package, found in /usr/lib/python3/dist-packages when the python3 on
  PATH is another one): SELECT ... MATCH() LIMIT 10, then one CALL
  SNIPPETS for the 10 texts.
- Lucene (Debian `liblucene4.10-java` + a JDK): LucenePeer.java is
  compiled once per run into the work directory against the jars in
  /usr/share/java and run with `java -cp`.

Each peer is skipped with the reason (a missing program, jar or module)
when it cannot run; nothing here is needed by `make check` or CI.
"""
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import time

JARDIR = os.environ.get("LUCENE_JARS", "/usr/share/java")
LUCENE_JARS = ("lucene-core", "lucene-analyzers-common",
               "lucene-queryparser", "lucene-highlighter")


def _pymysql():
    """The pymysql module, or None.  Debian's python3-pymysql is pure
    Python, so a python3 from elsewhere (pyenv) can use its copy."""
    try:
        import pymysql
        return pymysql
    except ImportError:
        pass
    for d in glob.glob("/usr/lib/python3/dist-packages"):
        if os.path.isdir(os.path.join(d, "pymysql")) and d not in sys.path:
            sys.path.append(d)
            try:
                import pymysql
                return pymysql
            except ImportError:
                return None
    return None


# ---- Sphinx ----------------------------------------------------------

def sphinx_missing():
    """None when Sphinx can run, else why not (for the report)."""
    miss = [p for p in ("indexer", "searchd") if not shutil.which(p)]
    if miss:
        return ("%s not installed (Debian package sphinxsearch)"
                % " and ".join(miss))
    if _pymysql() is None:
        return ("no MySQL client module for python3 (Debian package "
                "python3-pymysql)")
    return None


def sphinx_version():
    try:
        p = subprocess.run(["indexer"], capture_output=True, timeout=30)
    except OSError:
        return "n/a"
    m = re.search(rb"Sphinx ([0-9][^ \n]*)", p.stdout + p.stderr)
    return m.group(1).decode() if m else "n/a"


def sphinx_records(cdir):
    """CDIR/sphinx.tsv from records.tsv: docid (1..n), doc, anchor, text
    (tsvpipe has no escapes: the escaped tabs and newlines of the text
    become spaces, an escaped backslash one backslash).  Made once per
    corpus, outside the timed build, as records.tsv is for every peer."""
    src = os.path.join(cdir, "records.tsv")
    dst = os.path.join(cdir, "sphinx.tsv")
    if os.path.exists(dst) and os.path.getmtime(dst) >= os.path.getmtime(src):
        return dst
    fix = re.compile(r"\\(.)")
    with open(src, encoding="utf-8") as f, \
            open(dst + ".tmp", "w", encoding="utf-8") as out:
        for i, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            parts = [fix.sub(lambda m: " " if m.group(1) in "tn"
                             else m.group(1), p) for p in parts]
            out.write("%d\t%s\n" % (i, "\t".join(parts)))
    os.replace(dst + ".tmp", dst)
    return dst


def sphinx_conf(cdir, port=9312):
    """Write CDIR/sphinx/sphinx.conf (index `r`, searchd on 127.0.0.1
    PORT, SphinxQL); returns its path."""
    sdir = os.path.join(cdir, "sphinx")
    os.makedirs(sdir, exist_ok=True)
    conf = os.path.join(sdir, "sphinx.conf")
    tsv = sphinx_records(cdir)
    with open(conf, "w") as f:
        f.write("""# written by bench/peers.py
source r
{
    type = tsvpipe
    tsvpipe_command = cat %(tsv)s
    tsvpipe_attr_string = doc
    tsvpipe_attr_string = anchor
    tsvpipe_field_string = text
}
index r
{
    source = r
    path = %(sdir)s/index/r
    morphology = stem_en
    min_word_len = 1
    html_strip = 0
}
indexer
{
    mem_limit = 128M
}
searchd
{
    listen = 127.0.0.1:%(port)d:mysql41
    log = %(sdir)s/searchd.log
    pid_file = %(sdir)s/searchd.pid
    binlog_path =
    workers = threads
    max_children = 4
}
""" % {"tsv": tsv, "sdir": sdir, "port": port})
    return conf


def sphinx_index_cmd(cdir):
    """(command, index directory) of one Sphinx build of CDIR."""
    conf = sphinx_conf(cdir)
    idx = os.path.join(cdir, "sphinx", "index")
    shutil.rmtree(idx, ignore_errors=True)
    os.makedirs(idx)
    return ["indexer", "--config", conf, "--quiet", "r"], idx


def _free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Searchd:
    """searchd over CDIR's index, in a session of its own (its stop must
    not signal the bench), on a free port of 127.0.0.1."""

    def __init__(self, cdir):
        self.port = _free_port()
        self.conf = sphinx_conf(cdir, self.port)
        self.log = os.path.join(cdir, "sphinx", "searchd.out")
        with open(self.log, "wb") as out:
            self.p = subprocess.Popen(["searchd", "--config", self.conf,
                                       "--nodetach"], stdout=out,
                                      stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL,
                                      start_new_session=True)
        self.pymysql = _pymysql()
        self.conn = None
        end = time.time() + 30
        while time.time() < end:
            if self.p.poll() is not None:
                break
            try:
                self.conn = self.pymysql.connect(
                    host="127.0.0.1", port=self.port, user="",
                    autocommit=True, charset="utf8")
                break
            except self.pymysql.err.OperationalError:
                time.sleep(0.1)
        if self.conn is None:
            self.stop()
            with open(self.log, errors="replace") as f:
                tail = f.read().strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError("searchd did not answer: %s" % tail[0])

    def peak_rss(self):
        """searchd's peak RSS (VmHWM) in bytes, or None."""
        try:
            with open("/proc/%d/status" % self.p.pid) as f:
                m = re.search(r"VmHWM:\s+(\d+) kB", f.read())
                return int(m.group(1)) * 1024 if m else None
        except OSError:
            return None

    def stop(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
            self.conn = None
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(30)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


# Sphinx extended query syntax: the characters its manual says to escape.
_SPH_SPECIAL = re.compile(r'([\\()|\-!@~"&/^$=<\'])')


def sphinx_query(q):
    """The query line in Sphinx's extended syntax: every word and every
    "quoted phrase" escaped (as fts5.c does for FTS5); words side by side
    are ANDed, as in the other engines."""
    out = []
    for m in re.finditer(r'"([^"]*)"?|[^\s"]+', q):
        if m.group(0).startswith('"'):
            inner = _SPH_SPECIAL.sub(r"\\\1", m.group(1)).strip()
            if inner:
                out.append('"%s"' % inner)
        else:
            out.append(_SPH_SPECIAL.sub(r"\\\1", m.group(0)))
    return " ".join(out)


def sphinx_queries(sd, queries, n, out_path):
    """Run QUERIES once through searchd SD: per query, SELECT top N by
    weight, then CALL SNIPPETS (200 characters, [ ] ..., the query in
    extended mode) over the texts of the hits.  Returns (wall seconds,
    [microseconds per query])."""
    cur = sd.conn.cursor()
    lat = []
    t_all = time.perf_counter()
    with open(out_path, "w", encoding="utf-8") as out:
        for qid, q in enumerate(queries, 1):
            sq = sphinx_query(q)
            t0 = time.perf_counter()
            rows = []
            try:
                if sq:
                    cur.execute("SELECT id, WEIGHT(), doc, anchor, text "
                                "FROM r WHERE MATCH(%%s) LIMIT %d" % n, (sq,))
                    rows = cur.fetchall()
                snips = []
                if rows:
                    cur.execute(
                        "CALL SNIPPETS((%s), 'r', %%s, 200 AS limit, "
                        "'[' AS before_match, ']' AS after_match, "
                        "'...' AS chunk_separator, 1 AS query_mode)"
                        % ", ".join(["%s"] * len(rows)),
                        [r[4] for r in rows] + [sq])
                    snips = [s[0] for s in cur.fetchall()]
                lat.append((time.perf_counter() - t0) * 1e6)
                for k, r in enumerate(rows):
                    out.write("%d\t%d\t%s\t%s\t%s\t%s\n" % (
                        qid, k + 1, r[1], r[2], r[3],
                        snips[k] if k < len(snips) else ""))
            except sd.pymysql.MySQLError as e:
                lat.append((time.perf_counter() - t0) * 1e6)
                out.write("%d\terror\t%s\n" % (qid, e))
    return time.perf_counter() - t_all, lat


# ---- Lucene ----------------------------------------------------------

def lucene_classpath():
    """(classpath of the jars, None) or (None, why not)."""
    jars = []
    for name in LUCENE_JARS:
        hits = sorted(glob.glob(os.path.join(JARDIR, name + "-4.*.jar")))
        if not hits:
            return None, ("%s-4.*.jar not in %s (Debian package "
                          "liblucene4.10-java)" % (name, JARDIR))
        jars.append(hits[-1])
    return ":".join(jars), None


def lucene_build(srcdir, work):
    """Compile LucenePeer.java into WORK/lucene; returns (java command
    prefix, version, None) or (None, None, why not)."""
    cp, why = lucene_classpath()
    if cp is None:
        return None, None, why
    for tool in ("javac", "java"):
        if not shutil.which(tool):
            return None, None, "%s not installed (a JDK: default-jdk-headless)" \
                % tool
    out = os.path.join(work, "lucene")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    p = subprocess.run(["javac", "-nowarn", "-encoding", "UTF-8", "-d", out,
                        "-cp", cp, os.path.join(srcdir, "LucenePeer.java")],
                       capture_output=True)
    if p.returncode != 0:
        msg = (p.stderr or p.stdout).decode(errors="replace").strip()
        return None, None, "javac failed: %s" % (msg.splitlines() or [""])[0]
    ver = os.path.basename(cp.split(":")[0])[len("lucene-core-"):-4]
    jv = subprocess.run(["java", "-version"], capture_output=True)
    jline = (jv.stderr or jv.stdout).decode(errors="replace").splitlines()
    return ["java", "-cp", out + ":" + cp, "LucenePeer"], \
        "%s (%s)" % (ver, jline[0] if jline else "java"), None


def lucene_last_pass(err):
    """The searcher's own time of its last pass (s), from its stderr."""
    m = re.search(r"lucene: last pass ([0-9.]+) s", err or "")
    return float(m.group(1)) if m else None
