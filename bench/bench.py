#!/usr/bin/env python3
"""bench.py: pilcrow's benchmark driver (run by bench/run.sh, `make bench`).

Glue only: every engine measured here is a compiled program (pilcrow,
bench/ref-xapian, bench/fts5, ripgrep, Sphinx's indexer and searchd,
bench/LucenePeer.java on a JVM; the last two through bench/peers.py).  Steps, per corpus:
  1. stage the corpus (a subset copy, the real folder, or the synthetic
     corpus made by bench/synth);
  2. records: `pilcrow parse --json` over every file -> records.jsonl,
     converted to records.tsv (doc, anchor, escaped text: the peers'
     input) and records.txt (one record's text a line: ripgrep's input);
     when pilcrow parse is missing or prints nothing, a labelled fallback
     splitter (blank-line blocks, doc/design.md "Document model") makes them instead;
  3. index with each engine RUNS times, round-robin (wall and CPU
     time, peak RSS from /usr/bin/time -v, size on disk; Xapian indexes
     also compacted); with BENCH_CALLGRIND=MB, the native indexers'
     instructions over the first MB of files under callgrind;
  4. queries (bench/queries.tsv): each engine's searcher over all of
     them in one process, RUNS times after one warm-up run, per-query
     latency from the searcher itself (pilcrow: `batch` used as a
     co-process, one line written and its answer awaited per query,
     plus the whole file piped through `batch` for the total; Sphinx:
     searchd started for the corpus's query runs, SphinxQL from here;
     Lucene: the second pass of its searcher in one JVM);
  5. cold single queries: a fresh process per query, 20 queries, RUNS
     times; ripgrep `rg -i -w -c WORD` for 30 single words;
  6. results/REPORT-SIZE.md, results/latency-SIZE.png (gnuplot), raw
     JSON; REPORT.md and latency.png are copies of the latest run's.
Environment: see bench/README.md.
"""
import json
import os
import re
import resource
import select
import shutil
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True          # no __pycache__ in the source tree
import peers                            # noqa: E402 (bench/peers.py)

ENV = os.environ
SRC = ENV.get("BENCH_SRCDIR", os.path.dirname(os.path.abspath(__file__)))
SIZE = ENV.get("BENCH_SIZE", "small")
RUNS = int(ENV.get("BENCH_RUNS", "3"))
WORK = os.path.abspath(ENV.get("BENCH_WORK", os.path.join(SRC, "work")))
CORPORA = os.path.abspath(ENV.get("SHARED_CORPORA",
                                  os.path.join(SRC, "..", "..", "shared",
                                               "corpora")))
RESULTS = os.path.abspath(ENV.get("BENCH_RESULTS",
                                  os.path.join(SRC, "results")))
PILCROW = ENV.get("PILCROW", "pilcrow")
PILCROW_INSTALL = ENV.get("PILCROW_INSTALL", "")
REFX = ENV.get("REF_XAPIAN", os.path.join(SRC, "ref-xapian"))
FTS5 = ENV.get("FTS5", os.path.join(SRC, "fts5"))
PARSE_ACCURACY = ENV.get("PARSE_ACCURACY", "")
SYNTH = ENV.get("SYNTH", os.path.join(SRC, "synth"))
# 400 MB by default (1,000 before Sphinx and Lucene joined): at the
# per-MB build rates measured on this 2-core machine (about 4.5 s of wall
# time per MB for the six indexers, one run each), the synthetic corpus
# gets the 40 minutes that the real corpora leave of the hour issue 18
# allows for the full size; an estimate from those rates, see
# bench/README.md "Status".
SYNTH_MB = int(ENV.get("BENCH_SYNTH_MB", "400"))
# Index runs on the synthetic corpus: one by default, to keep the full
# size under 60 minutes on 2 cores (its query figures still get RUNS).
SYNTH_RUNS = int(ENV.get("BENCH_SYNTH_RUNS", "1"))
TIME = "/usr/bin/time"
COLD_N = 20
RG_N = 30
TIMEOUT = float(ENV.get("BENCH_TIMEOUT", "3600"))
# BENCH_CALLGRIND=MB: count each native indexer's instructions under
# callgrind over the first MB of each real corpus's files (0: off).
CALLGRIND_MB = float(ENV.get("BENCH_CALLGRIND", "0"))
CALLGRIND_ENGINES = ["pilcrow", "ref-xapian", "fts5", "sphinx"]

ENGINES = ["pilcrow", "pilcrow -j2", "ref-xapian", "fts5", "sphinx",
           "lucene"]
# Peers that cannot run on this machine: engine -> why (bench/peers.py);
# their columns say n/a and the report gives the reason.
SKIPPED = {}
LUCENE = None                   # java command prefix, set by main()
# Lucene's searcher runs the query file this many times in one JVM and
# reports the last pass (the JIT compiles on the first).
LUCENE_PASSES = int(ENV.get("BENCH_LUCENE_PASSES", "2"))


def log(*a):
    print("bench:", *a, file=sys.stderr, flush=True)


def med(xs):
    return statistics.median(xs) if xs else None


def pct(xs, p):
    """Nearest-rank percentile P (0..100) of XS."""
    if not xs:
        return None
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for d, _, names in os.walk(path):
        for n in names:
            p = os.path.join(d, n)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def files_under(root):
    out = []
    for d, _, names in os.walk(root):
        out += [os.path.join(d, n) for n in names
                if n.endswith((".txt", ".md", ".txt.gz"))]
    return sorted(out)


def run_timed(cmd, stdin=None, stdout=subprocess.DEVNULL, cwd=None):
    """Run CMD under /usr/bin/time -v.  Returns (rc, seconds, peak RSS in
    bytes, stderr text, CPU seconds: user + sys of CMD and its
    children, None when time did not say)."""
    tf = os.path.join(WORK, "time.out")
    t0 = time.perf_counter()
    try:
        p = subprocess.run([TIME, "-v", "-o", tf] + cmd, stdin=stdin,
                           stdout=stdout, stderr=subprocess.PIPE, cwd=cwd,
                           timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return 127, time.perf_counter() - t0, None, str(e), None
    secs = time.perf_counter() - t0
    rss = cpu = None
    try:
        with open(tf) as f:
            tv = f.read()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
        rss = int(m.group(1)) * 1024 if m else None
        u = re.search(r"User time \(seconds\): ([0-9.]+)", tv)
        s = re.search(r"System time \(seconds\): ([0-9.]+)", tv)
        cpu = float(u.group(1)) + float(s.group(1)) if u and s else None
    except OSError:
        pass
    err = p.stderr.decode("utf-8", "replace")
    err = "\n".join(l for l in err.splitlines()
                    if not l.startswith("Command exited with non-zero"))
    return p.returncode, secs, rss, err, cpu


def first_line(s):
    s = (s or "").strip().splitlines()
    return s[0][:160] if s else "no message"


# ---- corpora ---------------------------------------------------------

# The small size: every Nth file of each real corpus, so that it runs in
# well under 5 minutes on 2 shared cores (about 15 MB in all).
SMALL_EVERY = {"debates": 10, "un-docs": 3}


def stage_subset(name, src, every):
    """Copy every EVERY-th file (sorted paths) of SRC to the work area
    once; return the copy's root."""
    root = os.path.join(WORK, "corpora", name)
    stamp = "%s.every-%d.done" % (root, every)
    if not os.path.exists(stamp):
        shutil.rmtree(root, ignore_errors=True)
        for i, f in enumerate(files_under(src)):
            if i % every == 0:
                dst = os.path.join(root, os.path.relpath(f, src))
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(f, dst)
        open(stamp, "w").close()
    return root


def stage_corpora():
    """Return [(name, description, root)] for BENCH_SIZE."""
    deb = os.path.join(CORPORA, "un-general-debates", "txt")
    docs = os.path.join(CORPORA, "un-docs-2025", "txt")
    for d in (deb, docs):
        if not os.path.isdir(d):
            sys.exit("bench: corpus %s not found (set SHARED_CORPORA)" % d)
    out = []
    if SIZE == "small":
        for name, src, label in (("debates", deb, "un-general-debates/txt"),
                                 ("un-docs", docs, "un-docs-2025/txt")):
            n = SMALL_EVERY[name]
            out.append((name + "-small",
                        "one file in %d (sorted paths) of %s" % (n, label),
                        stage_subset(name + "-small", src, n)))
    else:
        out.append(("debates", "un-general-debates/txt, all files", deb))
        out.append(("un-docs", "un-docs-2025/txt, all files", docs))
        if SYNTH_MB > 0:                # BENCH_SYNTH_MB=0: real corpora only
            out.append(("synth-%dMB" % SYNTH_MB,
                        "synthetic, %d MB made by bench/synth from the "
                        "records of the two real corpora" % SYNTH_MB, None))
    return out


def make_synth(name, real):
    """Generate the synthetic corpus from the records of the REAL
    corpora (list of corpus work dirs); returns its root."""
    root = os.path.join(WORK, "corpora", name)
    stamp = root + ".done"
    if os.path.exists(stamp):
        return root
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.dirname(root), exist_ok=True)
    paras = os.path.join(WORK, "corpora", name + ".paragraphs")
    with open(paras, "wb") as out:
        for d in real:
            with open(os.path.join(d, "records.txt"), "rb") as f:
                shutil.copyfileobj(f, out)
    log("generating %s" % name)
    subprocess.run([SYNTH, paras, root, str(SYNTH_MB)], check=True)
    os.remove(paras)
    open(stamp, "w").close()
    return root


# ---- records ---------------------------------------------------------

def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def fallback_records(root, files):
    """Blank-line block splitter (doc/design.md "Document model": unnumbered
    text): yields (doc, anchor, text)."""
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            text = fh.read().replace("\r\n", "\n").lstrip("\ufeff")
        blocks = re.split(r"\n[ \t\f]*\n", text)
        if len(blocks) == 1:
            blocks = text.split("\n")
        doc = os.path.splitext(os.path.relpath(f, root))[0]
        n = 0
        for b in blocks:
            b = " ".join(b.split())
            if b:
                n += 1
                yield doc, "para. %d" % n, b


def pilcrow_records(root, files, jsonl):
    """Run `pilcrow parse --json` over FILES (relative to ROOT) into
    JSONL.  Returns None on success, else the reason it failed."""
    rel = [os.path.relpath(f, root) for f in files]
    with open(jsonl, "wb") as out:
        for i in range(0, len(rel), 500):
            try:
                p = subprocess.run([PILCROW, "parse", "--json"] +
                                   rel[i:i + 500], cwd=root, stdout=out,
                                   stderr=subprocess.PIPE, timeout=TIMEOUT)
            except OSError as e:
                return "pilcrow parse: %s" % e
            if p.returncode != 0:
                return "pilcrow parse exit %d: %s" % (
                    p.returncode, first_line(p.stderr.decode()))
    if os.path.getsize(jsonl) == 0:
        return "pilcrow parse --json printed no records"
    return None


def make_records(name, root, cdir):
    """Write CDIR/records.{tsv,txt}; returns info dict."""
    info_f = os.path.join(cdir, "records.json")
    if os.path.exists(info_f):
        # Reuse records made by pilcrow parse unless pilcrow changed
        # since; fallback records are remade (parse may work now).
        with open(info_f) as f:
            info = json.load(f)
        pc = shutil.which(PILCROW)
        if info["method"].startswith("pilcrow") and pc and \
                os.path.getmtime(pc) < os.path.getmtime(info_f):
            return info
    files = files_under(root)
    jsonl = os.path.join(cdir, "records.jsonl")
    why = pilcrow_records(root, files, jsonl)
    recs = None
    if why is None:
        def gen():
            with open(jsonl, encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    yield r["doc"], r.get("anchor") or "", r["text"]
        method = "pilcrow parse --json"
        recs = gen()
    else:
        log("%s: records from the FALLBACK splitter (%s)" % (name, why))
        method = "FALLBACK blank-line splitter (%s)" % why
        recs = fallback_records(root, files)
    n = tbytes = 0
    try:
        with open(os.path.join(cdir, "records.tsv"), "w",
                  encoding="utf-8") as tsv, \
             open(os.path.join(cdir, "records.txt"), "w",
                  encoding="utf-8") as txt:
            for doc, anchor, text in recs:
                tsv.write("%s\t%s\t%s\n" % (esc(doc), esc(anchor), esc(text)))
                txt.write(" ".join(text.split()) + "\n")
                n += 1
                tbytes += len(text.encode("utf-8"))
    except (ValueError, KeyError) as e:
        sys.exit("bench: %s: bad record from pilcrow parse: %s" % (name, e))
    info = {"method": method, "records": n, "text_bytes": tbytes,
            "files": len(files), "input_bytes": sum(os.path.getsize(f)
                                                    for f in files)}
    with open(info_f, "w") as f:
        json.dump(info, f)
    return info


def arg_chunks(rel, limit=512 * 1024):
    """Split the file list REL into command lines of at most LIMIT bytes
    of arguments (far below ARG_MAX), so a corpus is parsed by one
    process, or by the fewest that fit."""
    out, cur, size = [], [], 0
    for r in rel:
        if cur and size + len(r) + 1 > limit:
            out.append(cur)
            cur, size = [], 0
        cur.append(r)
        size += len(r) + 1
    if cur:
        out.append(cur)
    return out


def parse_speed(root, files, info):
    """Issue 3's figure: `pilcrow parse --json FILE...` over the whole
    corpus, output to /dev/null, RUNS times (the records step just read
    the files, so the cache is warm).  Returns {"wall": [s], "cpu": [s]}
    (cpu = user + sys of the parse processes) or {"na": why}."""
    if info["method"] != "pilcrow parse --json":
        return {"na": "pilcrow parse does not work (records from the "
                      "fallback splitter)"}
    chunks = arg_chunks([os.path.relpath(f, root) for f in files])
    wall, cpu = [], []
    for run in range(RUNS):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        for ch in chunks:
            p = subprocess.run([PILCROW, "parse", "--json"] + ch, cwd=root,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, timeout=TIMEOUT)
            if p.returncode != 0:
                return {"na": "pilcrow parse exit %d: %s" % (
                    p.returncode, first_line(p.stderr.decode()))}
        wall.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    log("  parse: %s s wall" % ", ".join("%.2f" % w for w in wall))
    return {"wall": wall, "cpu": cpu, "processes": len(chunks)}


def parse_accuracy_speed(root):
    """tests/parse-accuracy's own parse speed over ROOT (thread CPU
    time of the parser alone, no JSON, no output), RUNS times; only for
    un-docs-2025 (the folder it was written for)."""
    if not PARSE_ACCURACY or not os.access(PARSE_ACCURACY, os.X_OK):
        return {"na": "tests/parse-accuracy not built"}
    mbs = []
    for run in range(RUNS):
        try:
            p = subprocess.run([PARSE_ACCURACY, root], capture_output=True,
                               timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as e:
            return {"na": str(e)}
        m = re.search(rb"parse speed\s+([0-9.]+) MB/s", p.stdout)
        if not m:
            return {"na": "no 'parse speed' line (exit %d)" % p.returncode}
        mbs.append(float(m.group(1)))
    return {"mbs": mbs}


def loadavg():
    """(1, 5, 15 min load averages, Linux CPU pressure 'some' avg60 %
    or None)."""
    try:
        la = os.getloadavg()
    except OSError:
        la = (float("nan"),) * 3
    psi = None
    try:
        with open("/proc/pressure/cpu") as f:
            m = re.search(r"some avg10=\S+ avg60=([0-9.]+)", f.read())
            psi = float(m.group(1)) if m else None
    except OSError:
        pass
    return list(la) + [psi]


def fmt_load(l):
    s = "%.2f, %.2f, %.2f" % tuple(l[:3])
    if l[3] is not None:
        s += " (CPU pressure, some avg60: %.0f %%)" % l[3]
    return s


# ---- indexing --------------------------------------------------------

def pilcrow_stats(db):
    try:
        p = subprocess.run([PILCROW, "stats", "--db", db, "--json"],
                           capture_output=True, timeout=600)
        return json.loads(p.stdout.decode().strip().splitlines()[0])
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
        return None


def index_run(engine, root, cdir, res, run):
    """Index ROOT (pilcrow) or CDIR/records.tsv (peers) once with ENGINE,
    appending time, RSS and size to RES; on failure sets RES["na"]."""
    tsv = os.path.join(cdir, "records.tsv")
    if engine == "ref-xapian":
        db = os.path.join(cdir, "ref-xapian.db")
        shutil.rmtree(db, ignore_errors=True)
        cmd = [REFX, "index", db, tsv]
    elif engine == "fts5":
        db = os.path.join(cdir, "fts5.sqlite")
        cmd = [FTS5, "index", db, tsv]
    elif engine == "sphinx":
        cmd, db = peers.sphinx_index_cmd(cdir)
    elif engine == "lucene":
        db = os.path.join(cdir, "lucene.db")
        shutil.rmtree(db, ignore_errors=True)
        cmd = LUCENE + ["index", db, tsv]
    else:
        db = os.path.join(cdir, engine.replace(" ", "") + ".db")
        shutil.rmtree(db, ignore_errors=True)
        shutil.rmtree(db + ".shards", ignore_errors=True)
        cmd = [PILCROW, "index"]
        if engine == "pilcrow -j2":
            cmd += ["-j", "2"]
        cmd += ["--db", db, "--quiet", root]
    rc, secs, rss, err, cpu = run_timed(cmd)
    if rc != 0:
        res["na"] = "%s exit %d: %s" % (" ".join(cmd[:3]), rc,
                                        first_line(err))
        return
    if engine.startswith("pilcrow"):
        st = pilcrow_stats(db)
        if not os.path.isdir(db) or not st or not st.get("records"):
            res["na"] = ("index exit 0 but `stats --json` shows no "
                         "records (%s)" % (st,))
            return
        res["stats"] = st
    res["secs"].append(secs)
    res["cpu"].append(cpu)
    res["rss"].append(rss)
    res["bytes"].append(du(db) + (du(db + ".shards")
                                  if os.path.isdir(db + ".shards") else 0))
    res["db"] = db
    log("  %s run %d: %.2f s, %s MB RSS" % (engine, run + 1, secs,
                                             rss and rss // 2**20))


def compact(engine, res):
    """Size of a copy of a Xapian index made by xapian-compact."""
    if engine not in ("pilcrow", "pilcrow -j2", "ref-xapian") or "na" in res:
        return
    cdb = res["db"] + ".compact"
    shutil.rmtree(cdb, ignore_errors=True)
    p = subprocess.run(["xapian-compact", res["db"], cdb],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode == 0:
        res["compact_bytes"] = du(cdb)
    shutil.rmtree(cdb, ignore_errors=True)


def callgrind_slice(root, cdir):
    """The first CALLGRIND_MB of ROOT's files (sorted paths) and their
    records: returns (slice root for pilcrow, slice work dir holding
    records.tsv for the peers, input bytes), or None without
    records.jsonl (records from the fallback splitter)."""
    jsonl = os.path.join(cdir, "records.jsonl")
    if not os.path.exists(jsonl):
        return None
    sdir = os.path.join(cdir, "callgrind")
    sroot = os.path.join(sdir, "files")
    shutil.rmtree(sdir, ignore_errors=True)
    os.makedirs(sroot)
    chosen, size = set(), 0
    for f in files_under(root):
        if size >= CALLGRIND_MB * 1e6:
            break
        dst = os.path.join(sroot, os.path.relpath(f, root))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(f, dst)
        chosen.add(os.path.relpath(f, root))
        size += os.path.getsize(f)
    with open(jsonl, encoding="utf-8") as f, \
            open(os.path.join(sdir, "records.tsv"), "w",
                 encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            fn = r.get("file") or ""
            if os.path.isabs(fn):
                fn = os.path.relpath(fn, root)
            if fn in chosen:
                out.write("%s\t%s\t%s\n" % (esc(r["doc"]),
                                             esc(r.get("anchor") or ""),
                                             esc(r["text"])))
    return sroot, sdir, size


def callgrind_counts(root, cdir):
    """Instructions (callgrind's "Collected") of one index build of the
    slice per native engine: {"bytes": input bytes, engine: count or
    "n/a: why"}; Lucene is left out (a JVM under valgrind measures the
    JIT, not the indexer)."""
    sl = callgrind_slice(root, cdir)
    if sl is None:
        return {"na": "no records.jsonl"}
    sroot, sdir, size = sl
    out = {"bytes": size}
    tsv = os.path.join(sdir, "records.tsv")
    for e in CALLGRIND_ENGINES:
        if e in SKIPPED:
            out[e] = "n/a: skipped"
            continue
        if e == "pilcrow":
            cmd = [PILCROW, "index", "--db", os.path.join(sdir, "p.db"),
                   "--quiet", sroot]
        elif e == "ref-xapian":
            cmd = [REFX, "index", os.path.join(sdir, "x.db"), tsv]
        elif e == "fts5":
            cmd = [FTS5, "index", os.path.join(sdir, "f.sqlite"), tsv]
        else:
            cmd = peers.sphinx_index_cmd(sdir)[0]
        log("  callgrind %s" % e)
        try:
            p = subprocess.run(["valgrind", "--tool=callgrind",
                                "--callgrind-out-file=/dev/null"] + cmd,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as ex:
            out[e] = "n/a: %s" % ex
            continue
        m = re.search(rb"Collected : (\d+)", p.stderr)
        out[e] = int(m.group(1)) if m and p.returncode == 0 else \
            "n/a: exit %d" % p.returncode
    shutil.rmtree(sdir, ignore_errors=True)
    return out


# ---- queries ---------------------------------------------------------

def read_timings(path):
    lat = []
    with open(path) as f:
        for line in f:
            parts = line.split("\t")
            lat.append(float(parts[1]))
    return lat


class LineReader:
    def __init__(self, fd):
        self.fd, self.buf = fd, b""

    def readline(self, timeout):
        end = time.perf_counter() + timeout
        while b"\n" not in self.buf:
            left = end - time.perf_counter()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line


def pilcrow_coprocess(db, queries, out_path):
    """Per-query latency (us) of `pilcrow batch` used as a co-process,
    or a string saying why not."""
    try:
        p = subprocess.Popen([PILCROW, "batch", "--db", db, "-n", "10"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, bufsize=0)
    except OSError as e:
        return str(e)
    rd = LineReader(p.stdout.fileno())
    lat = []
    why = None
    with open(out_path, "wb") as out:
        for i, q in enumerate(queries):
            t0 = time.perf_counter()
            try:
                p.stdin.write(q.encode() + b"\n")
            except BrokenPipeError:
                why = "batch exited before query %d" % (i + 1)
                break
            line = rd.readline(30 if i == 0 else 10)
            if line is None:
                why = ("no answer line to query %d within the timeout "
                       "(batch not flushing each line, or not "
                       "implemented)" % (i + 1))
                break
            lat.append((time.perf_counter() - t0) * 1e6)
            out.write(line + b"\n")
            if i == 0:
                try:
                    json.loads(line)
                except ValueError:
                    why = "batch answer is not JSON: %r" % line[:80]
                    break
    try:
        p.stdin.close()
    except OSError:
        pass
    p.kill()
    p.wait()
    return why if why else lat


def query_run(engine, db, qfile, queries, cdir, res, keep):
    """Run all queries once with ENGINE; when KEEP, append the total
    time, RSS and per-query latencies (us) to RES.  Sets RES["na"] on
    failure."""
    tim = os.path.join(cdir, "timings.tsv")
    outp = os.path.join(cdir, "results-%s.txt" % engine.replace(" ", ""))
    if engine == "sphinx":
        try:
            secs, lat = peers.sphinx_queries(res["searchd"], queries, 10,
                                             outp)
        except Exception as e:          # pymysql's errors, a dead searchd
            res["na"] = "sphinx queries: %s" % first_line(str(e))
            return
        rss = res["searchd"].peak_rss()
    elif engine == "lucene":
        with open(outp, "wb") as out:
            rc, secs, rss, err, _ = run_timed(
                LUCENE + ["search", db, qfile, tim, "10",
                          str(LUCENE_PASSES)], stdout=out)
        if rc != 0:
            res["na"] = "lucene search exit %d: %s" % (rc, first_line(err))
            return
        secs = peers.lucene_last_pass(err) or secs
        lat = read_timings(tim)
    elif engine.startswith("pilcrow"):
        with open(qfile, "rb") as qin, open(outp, "wb") as out:
            rc, secs, rss, err, _ = run_timed(
                [PILCROW, "batch", "--db", db, "-n", "10"],
                stdin=qin, stdout=out)
        if rc not in (0, 1):
            res["na"] = "pilcrow batch exit %d: %s" % (rc, first_line(err))
            return
        with open(outp, "rb") as f:
            n = sum(1 for _ in f)
        if n != len(queries):
            res["na"] = ("pilcrow batch printed %d lines for %d queries"
                         % (n, len(queries)))
            return
        lat = pilcrow_coprocess(db, queries, outp + ".co")
        if isinstance(lat, str):
            res["lat_na"] = lat
            lat = []
    else:
        prog = REFX if engine == "ref-xapian" else FTS5
        with open(outp, "wb") as out:
            rc, secs, rss, err, _ = run_timed(
                [prog, "search", db, qfile, tim, "10"], stdout=out)
        if rc != 0:
            res["na"] = "%s search exit %d: %s" % (engine, rc,
                                                   first_line(err))
            return
        lat = read_timings(tim)
    if keep:
        res["total"].append(secs)
        res["rss"].append(rss)
        if lat:
            res["lat"].append(lat)


def result_stats(engine, cdir):
    """What ENGINE's last query run returned (its results file): the
    number of queries with at least one hit and the median snippet
    length in bytes (highlight markers [ ] removed; pilcrow's JSON
    snippet has none), or None."""
    outp = os.path.join(cdir, "results-%s.txt" % engine.replace(" ", ""))
    answered, lens = set(), []
    try:
        with open(outp, "rb") as f:
            for line in f:
                if engine.startswith("pilcrow"):
                    r = json.loads(line)
                    for h in r.get("hits") or []:
                        answered.add(r.get("qid"))
                        lens.append(len((h.get("snippet") or "").encode()))
                    continue
                parts = line.rstrip(b"\n").split(b"\t", 5)
                if len(parts) == 6 and parts[1] != b"error":
                    answered.add(parts[0])
                    lens.append(len(parts[5].replace(b"[", b"")
                                    .replace(b"]", b"")))
    except (OSError, ValueError):
        return None
    return {"answered": [len(answered)], "snippet": [med(lens)]
            if lens else []}


def cold_engine(engine, db, qs, cdir):
    """Median wall time (s) of a fresh process per query, per run."""
    if engine == "sphinx":
        return {"na": "not measured: a server (its figure would be a new "
                      "connection, not a cold start)"}
    if engine == "lucene":
        return {"na": "not measured: each query would pay a JVM start "
                      "(about 0.5 s)"}
    qf = os.path.join(cdir, "one-query.txt")
    per_run = []
    for run in range(RUNS):
        ts = []
        for q in qs:
            if engine.startswith("pilcrow"):
                cmd = [PILCROW, "search", "--db", db, "-n", "10", q]
            else:
                with open(qf, "w") as f:
                    f.write(q + "\n")
                prog = REFX if engine == "ref-xapian" else FTS5
                cmd = [prog, "search", db, qf, os.devnull, "10"]
            t0 = time.perf_counter()
            p = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
            ts.append(time.perf_counter() - t0)
            if p.returncode not in (0, 1):
                return {"na": "%s exit %d: %s" % (
                    " ".join(cmd[:2]), p.returncode,
                    first_line(p.stderr.decode()))}
        per_run.append(med(ts))
    return {"cold": per_run}


def rg_words(cdir, words):
    txt = os.path.join(cdir, "records.txt")
    per_run = []
    for run in range(RUNS + 1):
        ts = []
        for w in words:
            t0 = time.perf_counter()
            p = subprocess.run(["rg", "-i", "-w", "-c", w, txt],
                               stdout=subprocess.DEVNULL)
            ts.append(time.perf_counter() - t0)
            if p.returncode not in (0, 1):
                return {"na": "rg exit %d" % p.returncode}
        if run > 0:
            per_run.append(med(ts))
    return {"word": per_run}


# ---- report ----------------------------------------------------------

def fmt(xs, scale=1.0, digits=2):
    xs = [x for x in (xs or []) if x is not None]
    if not xs:
        return None
    m = med(xs) * scale
    if len(xs) == 1:
        return ("%.*f" % (digits, m), m)
    return ("%.*f (%.*f–%.*f)" % (digits, m, digits, min(xs) * scale,
                                   digits, max(xs) * scale), m)


def version(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=30)
        out = (p.stdout or p.stderr).decode().strip().splitlines()
        return out[0] if out and p.returncode == 0 else "n/a"
    except OSError:
        return "n/a"


def build_rows(c):
    """Rows: (label, {engine: (text, value)}, lower_is_better)."""
    idx, qr, cold = c["index"], c["query"], c["cold"]
    mb = c["info"]["input_bytes"] / 1e6
    recs = c["info"]["records"]
    rows = []

    def per(fn, src, key, **kw):
        out = {}
        for e in ENGINES + ["rg"]:
            r = src.get(e)
            if r is None:
                continue
            if "na" in r:
                out[e] = ("n/a", None)
                continue
            v = fn(r.get(key)) if key in r else None
            if v is not None:
                f = fmt(v, **kw)
                if f:
                    out[e] = f
        return out

    rows.append(("index build time (s)",
                 per(lambda x: x, idx, "secs"), True))
    rows.append(("index build CPU, user + sys (s)",
                 per(lambda x: x, idx, "cpu"), True))
    rows.append(("index build CPU per input MB (s)",
                 per(lambda x: [t / mb for t in x if t is not None], idx,
                     "cpu", digits=3), True))
    rows.append(("index MB/s (input bytes)",
                 per(lambda x: [mb / s for s in x], idx, "secs"), False))
    rows.append(("index records/s (thousands)",
                 per(lambda x: [recs / s / 1e3 for s in x], idx, "secs",
                     digits=1), False))
    rows.append(("index peak RSS (MB)",
                 per(lambda x: x, idx, "rss", scale=1 / 2**20, digits=0),
                 True))
    rows.append(("index size on disk (MB)",
                 per(lambda x: x, idx, "bytes", scale=1e-6, digits=1), True))
    rows.append(("index size / input",
                 per(lambda x: [b / c["info"]["input_bytes"] for b in x],
                     idx, "bytes"), True))
    rows.append(("index size after xapian-compact (MB)",
                 per(lambda x: [x], idx, "compact_bytes", scale=1e-6,
                     digits=1), True))
    nq = c["nqueries"]
    rows.append(("%d queries, one process, total (s)" % nq,
                 per(lambda x: x, qr, "total", digits=3), True))
    for p in (50, 95, 99):
        rows.append(("per-query latency p%d (ms)" % p,
                     per(lambda x: [pct(l, p) for l in x], qr, "lat",
                         scale=1e-3, digits=3), True))
    rows.append(("per-query latency, single words, p50 (ms)",
                 per(lambda x: [pct([l[i] for i in c["word_idx"]], 50)
                                for l in x], qr, "lat", scale=1e-3,
                     digits=3), True))
    rows.append(("queries with at least one hit",
                 per(lambda x: x, qr, "answered", digits=0), False))
    rows.append(("snippet length, median (bytes, markers removed)",
                 per(lambda x: x, qr, "snippet", digits=0), False))
    rows.append(("query peak RSS (MB)",
                 per(lambda x: x, qr, "rss", scale=1 / 2**20, digits=0),
                 True))
    rows.append(("cold single query, fresh process, median (ms)",
                 per(lambda x: x, cold, "cold", scale=1e3, digits=1), True))
    rg = c.get("rg", {})
    rows.append(("single-word query, rg -i -w -c, median (ms)",
                 {"rg": fmt(rg["word"], scale=1e3, digits=1)}
                 if "word" in rg else {"rg": ("n/a", None)}, True))
    return rows


def pilcrow_how():
    """How pilcrow is run, for the report: the program's path (with the
    work directory as $BENCH_WORK), whether it is a binary or a script
    (the build tree's libtool wrapper), and how it was installed."""
    path = shutil.which(PILCROW) or PILCROW
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError:
        magic = b""
    if magic == b"\x7fELF":
        kind = "ELF binary"
    elif magic[:2] == b"#!":
        kind = ("a SCRIPT (libtool wrapper?): every pilcrow process "
                "includes a shell start")
    else:
        kind = "unknown kind"
    apath = os.path.abspath(path)
    if apath.startswith(WORK + os.sep):
        shown = "$BENCH_WORK/" + os.path.relpath(apath, WORK)
    else:
        shown = os.path.basename(apath)
    how = "`%s`, %s" % (shown, kind)
    if PILCROW_INSTALL:
        how += ", staged by `%s`" % PILCROW_INSTALL
    if ENV.get("PILCROW_LIBDIR"):
        how += ", LD_LIBRARY_PATH = its libdir"
    return how


def parse_text(c):
    """The parse-speed clause of a corpus's Input line (issue 3: >= 100
    MB/s on one core over un-docs-2025)."""
    if "parse" not in c:
        return ""
    p = c["parse"]
    mb = c["info"]["input_bytes"] / 1e6
    if "na" in p:
        return ", parse speed n/a (%s)" % p["na"]
    w = fmt([mb / t for t in p["wall"]], digits=1)[0]
    u = fmt([mb / t for t in p["cpu"] if t > 0], digits=1)
    out = (", which parses at **%s MB/s** (input bytes / wall time of "
           "`pilcrow parse --json` over all files, %s, output to /dev/null; "
           "median (min–max) of %d runs; over its CPU time, user + sys: "
           "%s MB/s)" % (w, "one process" if p["processes"] == 1 else
                         "%d processes" % p["processes"], len(p["wall"]),
                         u[0] if u else "n/a"))
    pa = c.get("parse_accuracy")
    if pa:
        if "na" in pa:
            out += "; tests/parse-accuracy: n/a (%s)" % pa["na"]
        else:
            out += ("; tests/parse-accuracy over all of un-docs-2025/txt "
                    "(the parser alone, no JSON, thread CPU time): %s MB/s"
                    % fmt(pa["mbs"], digits=1)[0])
    return out


def source_rev():
    """The source tree's commit when the run starts (just after `make
    bench` built and staged pilcrow), and whether src/ then had
    uncommitted changes; None outside a git checkout.  Other sessions
    may commit to the same tree: this says which pilcrow was measured."""
    top = os.path.dirname(SRC)
    try:
        h = subprocess.run(["git", "-C", top, "log", "-1",
                            "--format=%h %cI"], capture_output=True,
                           timeout=30)
        d = subprocess.run(["git", "-C", top, "status", "--porcelain",
                            "--", "src"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if h.returncode != 0 or not h.stdout.strip():
        return None
    rev = h.stdout.decode().strip()
    if d.stdout.strip():
        rev += " + uncommitted changes in src/"
    return rev


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    return "%.2f" % (a / b)


PEERS = ["ref-xapian", "fts5", "sphinx", "lucene"]

# The summary per corpus, as issue 18's table: each engine's figure over
# pilcrow's (one worker), so pilcrow = 1.00 and above 1 the engine costs
# more (more CPU, a bigger index, slower queries).
SUMMARY = [("build CPU", "index build CPU, user + sys (s)"),
           ("build wall", "index build time (s)"),
           ("index size", "index size on disk (MB)"),
           ("queries with snippets, total", " queries, one process, total"),
           ("query p50", "per-query latency p50 (ms)"),
           ("query p95", "per-query latency p95 (ms)")]


def summary_table(rows, cg=None):
    """Markdown lines of the pilcrow = 1.00 table of one corpus, with a
    column of build instructions when CG (callgrind_counts()) has them."""
    byname = {}
    for label, vals, _ in rows:
        for key, prefix in SUMMARY:
            if prefix in label:
                byname[key] = vals
    cgp = cg.get("pilcrow") if cg and "na" not in cg else None
    if not isinstance(cgp, int):
        cgp = None
    heads = [k for k, _ in SUMMARY]
    if cgp:
        heads.insert(1, "build instructions (first %.1f MB)"
                     % (cg["bytes"] / 1e6))
    L = ["Each engine against pilcrow (one worker) = 1.00: the engine's "
         "median over pilcrow's (above 1: more CPU, a bigger index, "
         "slower queries than pilcrow).", "",
         "| engine | " + " | ".join(heads) + " |",
         "|---" * (len(heads) + 1) + "|"]
    for e in ["pilcrow", "pilcrow -j2"] + PEERS:
        cells = []
        for key, _ in SUMMARY:
            vals = byname.get(key, {})
            pv = vals.get("pilcrow", (None, None))[1]
            ev = vals.get(e, (None, None))[1]
            cells.append(ratio(ev, pv))
        if cgp:
            ci = cg.get(e)
            cells.insert(1, ratio(ci, cgp) if isinstance(ci, int) else "")
        label = e
        if e in SKIPPED:
            label += " (skipped)"
        L.append("| %s | %s |" % (label, " | ".join(cells)))
    L.append("")
    if cg:
        if "na" in cg:
            L.append("Build instructions: n/a (%s)." % cg["na"])
        else:
            L.append("Build instructions (callgrind, one index build of the "
                     "first %.1f MB of files, sorted paths; the peers index "
                     "those files' records): %s." % (
                         cg["bytes"] / 1e6, "; ".join(
                             "%s %s" % (e, "%.2f G" % (cg[e] / 1e9)
                                        if isinstance(cg[e], int) else cg[e])
                             for e in CALLGRIND_ENGINES if e in cg)))
        L.append("")
    return L


def report(corpora, meta):
    L = []
    L.append("# pilcrow benchmark report (BENCH_SIZE=%s%s)" % (
        SIZE, ", real corpora only: BENCH_SYNTH_MB=0"
        if SIZE == "full" and SYNTH_MB <= 0 else ""))
    L.append("")
    L.append("Generated by `make bench` (bench/run.sh) on %s; %d cores (%s), "
             "%d runs per figure: median (min–max). Ratios are "
             "pilcrow / peer on medians (below 1 = pilcrow smaller, for "
             "times and sizes better; for MB/s and records/s, above 1 is "
             "better). Machines are shared and noisy: read ratios, not "
             "absolute times." % (meta["date"], os.cpu_count(), meta["cpu"],
                                  RUNS))
    L.append("")
    L.append("Versions: " + "; ".join("%s: %s" % kv
                                      for kv in meta["versions"].items()))
    L.append("")
    L.append("pilcrow run as: %s%s." % (
        meta["pilcrow_how"], "; built from commit %s (the source tree when "
        "the run started)" % meta["source"] if meta.get("source") else ""))
    L.append("")
    L.append("Machine load (`uptime` load averages, 1/5/15 min, on %d "
             "cores): at the start %s; at the end %s. Other sessions share "
             "the machine; per corpus below." % (
                 os.cpu_count(), fmt_load(meta["load_start"]),
                 fmt_load(meta["load_end"])))
    L.append("")
    for c in corpora:
        info = c["info"]
        L.append("## %s" % c["name"])
        L.append("")
        L.append("Input: %s — %d files, %.1f MB; %d records (%.1f MB of "
                 "text) from **%s**%s; %d queries (bench/queries.tsv)." % (
                     c["desc"], info["files"], info["input_bytes"] / 1e6,
                     info["records"], info["text_bytes"] / 1e6,
                     info["method"], parse_text(c), c["nqueries"]))
        L.append("")
        L.append("Load while this corpus ran: %s at its start, %s at its "
                 "end." % (fmt_load(c["load_start"]),
                           fmt_load(c["load_end"])))
        if c.get("index_runs", RUNS) != RUNS:
            L.append("")
            L.append("Index figures on this corpus: %d run(s) "
                     "(BENCH_SYNTH_RUNS); query figures: %d runs."
                     % (c["index_runs"], RUNS))
        L.append("")
        rows = build_rows(c)
        L += summary_table(rows, c.get("callgrind"))
        head = ENGINES + ["rg"] + ["pilcrow/" + e for e in PEERS] + [
            "pilcrow -j2/ref-xapian"]
        L.append("| figure | " + " | ".join(head) + " |")
        L.append("|---" * (len(head) + 1) + "|")
        for label, vals, _ in rows:
            cells = [vals.get(e, ("", None))[0] for e in ENGINES + ["rg"]]
            pv = vals.get("pilcrow", (None, None))[1]
            jv = vals.get("pilcrow -j2", (None, None))[1]
            rv = vals.get("ref-xapian", (None, None))[1]
            if label.startswith("single-word query, rg"):
                # engine single-word latency vs rg: rg / engine = speed-up
                cells += [""] * (len(PEERS) + 1)
            else:
                cells += [ratio(pv, vals.get(e, (None, None))[1])
                          for e in PEERS] + [ratio(jv, rv)]
            L.append("| %s | %s |" % (label, " | ".join(cells)))
        L.append("")
        sw = [r for r in rows if r[0].startswith("per-query latency, single")]
        rgv = [r for r in rows if r[0].startswith("single-word query, rg")]
        if sw and rgv and rgv[0][1].get("rg", (0, None))[1]:
            rgms = rgv[0][1]["rg"][1]
            parts = []
            for e in ENGINES:
                v = sw[0][1].get(e, (None, None))[1]
                parts.append("%s %s×" % (e, "%.0f" % (rgms / v) if v
                                          else "n/a"))
            L.append("Single-word speed-up over `rg -i -w -c` (rg median / "
                     "engine p50 in one process): " + ", ".join(parts) + ".")
            L.append("")
        notes = []
        for part in ("index", "query", "cold"):
            for e, r in c[part].items():
                if "na" in r:
                    notes.append("%s %s: n/a — %s" % (e, part, r["na"]))
                if r.get("lat_na"):
                    notes.append("%s per-query latency: n/a — %s"
                                 % (e, r["lat_na"]))
        for n in notes:
            L.append("- " + n)
        if notes:
            L.append("")
    L.append("## How each figure is measured")
    L.append("")
    L.append("""- Every engine indexes the same records (doc, anchor, text): `pilcrow
  index` reads the corpus files and parses them itself; the peers read
  `records.tsv`, made once per corpus from `pilcrow parse --json` (or from
  the labelled fallback splitter while `parse` does not work).
- Build time: wall time of the whole indexing process; build CPU: its
  user + sys seconds and those of its children (`/usr/bin/time -v`: for
  Lucene all JVM threads, JIT and GC included; for Sphinx `indexer` and
  the `cat` of its tsvpipe source); peak RSS from `/usr/bin/time -v`;
  MB/s over the corpus files' bytes; size on disk: all files of the
  index directory (FTS5: the database file); ref-xapian and pilcrow
  indexes are also copied through `xapian-compact`.
- ref-xapian: TermGenerator + Stem("english") (STEM_SOME: stemmed and
  unstemmed terms), commit every 10,000 documents; QueryParser (same
  stemmer, default AND), Enquire top 10, MSet::snippet (200 bytes) per hit.
- fts5: `tokenize='porter unicode61'`, one transaction per 10,000 rows;
  `bm25()` ORDER BY, `snippet()` (32 tokens), each word or phrase quoted.
- sphinx (2.2, Debian `sphinxsearch`): `indexer` builds a plain index
  from a tsvpipe source (doc and anchor string attributes, the text a
  full-text field and a string attribute, so that searchd can return it:
  2.2 has no document store), `morphology = stem_en`, `min_word_len = 1`,
  `mem_limit = 128M`, defaults otherwise; `searchd` on 127.0.0.1 (threads),
  started after the index runs and stopped after the query runs. Each
  query: every word or phrase escaped for the extended syntax, `SELECT id,
  WEIGHT(), doc, anchor, text FROM r WHERE MATCH(...) LIMIT 10` (ranker
  PROXIMITY_BM25, the default), then one `CALL SNIPPETS` over the ten
  texts (limit 200 characters, query_mode 1); timed from Python around
  both statements (python3-pymysql, loopback TCP). The ten texts travel
  twice, to the client and back for CALL SNIPPETS: with no document
  store (2.2) that is how Sphinx makes snippets, and the long records of
  un-docs make it Sphinx's largest cost.
- lucene (4.10, Debian `liblucene4.10-java`, `bench/LucenePeer.java`
  compiled by the bench): EnglishAnalyzer, BM25Similarity,
  IndexWriterConfig defaults (16 MB buffer, no forceMerge), the text
  stored with offsets in its postings; classic QueryParser (each word or
  phrase escaped, default AND), top 10, PostingsHighlighter (one passage
  per hit). The query file runs twice in one JVM and the second pass is
  reported (warm JVM): its own timing per query, and for the total the
  pass's own time (so no JVM start).
- Per-query latency: the peers time each query in-process (parse, search,
  fetch, snippets); pilcrow is driven as a co-process (`batch`, one query
  written, its JSON line awaited), so its figure includes a pipe round
  trip (~0.05 ms). Total: wall time of one process running all queries
  (pilcrow: the query file piped into `batch`). One warm-up run first.
- Queries with at least one hit and the median snippet length are
  read from each engine's output of its last query run (snippets as
  returned, ellipses included, the `[` `]` highlight markers removed).
- Cold: a fresh process per query (open, query, print to /dev/null), 20
  queries spread over the categories, median per run.
- rg: `rg -i -w -c WORD records.txt` (one record a line), 30 single words
  (10 rare, 10 medium, 10 frequent), a fresh process each.
- Order: per corpus, the index runs go round-robin over the engines
  (run 1 of each, then run 2 of each, ...), then the query runs the
  same way, so that a change of load hits every engine alike.

## What differs between engines

The same records and the same queries, but not the same work: read the
figures with these differences.

| | pilcrow | ref-xapian | fts5 | sphinx | lucene |
|---|---|---|---|---|---|
| stemmer | Snowball english (libstemmer), stems only | Snowball english, stemmed and unstemmed terms (STEM_SOME) | Porter (FTS5 `porter`) | Sphinx's own Porter (`stem_en`) | Porter (EnglishAnalyzer's PorterStemFilter) |
| stop words | 27 English ones (src/lib/lang.c) not indexed, positions kept | none | none | none | EnglishAnalyzer's 33, not indexed, positions kept |
| tokens | its tokenizer (UTF-8, symbols such as A/RES/70/1 kept whole) | TermGenerator (splits symbols) | unicode61 (splits symbols) | charset_table default, English and Russian letters and digits (splits symbols) | StandardTokenizer, UAX#29 (splits symbols) |
| ranking | BM25 (Xapian) + its rerank | BM25 (Xapian) | bm25() | PROXIMITY_BM25 | BM25 |
| snippet | the 220-byte window covering most query terms (the whole text up to 330 bytes), cut at spaces | MSet::snippet, 200 bytes | snippet(), 32 tokens | CALL SNIPPETS, 200 characters, passages around matches joined by "..." | one sentence (PostingsHighlighter) |
| widening | an AND of words that matches nothing is run again as their OR | no | no | no | no |
| stored text | deflated by pilcrow (fixed Huffman codes) into Xapian's document data, which glass compresses again | Xapian's document data, zlib-compressed by glass | raw, in SQLite | raw, a string attribute | stored fields, LZ4-compressed |
| match count | Xapian's estimate, marked when exact (`total_exact`) | estimate | none | none asked (no SHOW META) | exact totalHits |
| query process | `batch`, a co-process over a pipe | in-process | in-process | searchd, over loopback TCP from Python (pure-Python client); the hits' texts sent back for CALL SNIPPETS | in-process, warm JVM (second pass) |
""")
    return "\n".join(L)


def scrub(text):
    """Replace this machine's paths in TEXT by their variables' names, so
    the committed report names no local directory."""
    pairs = [(WORK, "$BENCH_WORK"), (CORPORA, "$SHARED_CORPORA"),
             (os.path.dirname(os.path.abspath(PILCROW)) + "/", ""),
             (os.path.dirname(os.path.abspath(REFX)) + "/", ""),
             (SRC, "bench")]
    for path, name in sorted(pairs, key=lambda p: -len(p[0])):
        text = text.replace(path, name)
    return re.sub(r"(?<![\w.$])/(?:tmp|work|home|root)/\S*", "PATH", text)


def gnuplot(corpora):
    tmp = os.path.join(RESULTS, "tmp")
    os.makedirs(tmp, exist_ok=True)
    plots = []
    for c in corpora:
        series = []
        for e in ENGINES:
            r = c["query"].get(e, {})
            if r.get("lat"):
                lat = sorted(r["lat"][len(r["lat"]) // 2])
                fn = os.path.join(tmp, "lat-%s-%s.dat" % (
                    c["name"], e.replace(" ", "")))
                with open(fn, "w") as f:
                    for i, v in enumerate(lat):
                        f.write("%.4f %.5f\n" % (v / 1e3, (i + 1) / len(lat)))
                series.append("'%s' using 1:2 with lines lw 2 title '%s'"
                              % (fn, e))
        if series:
            plots.append((c["name"], series))
    if not plots:
        return False
    gp = ["set terminal pngcairo size %d,420 font ',9'" % (480 * len(plots)),
          "set output '%s'" % os.path.join(RESULTS,
                                           "latency-%s.png" % SIZE),
          "set multiplot layout 1,%d" % len(plots),
          "set logscale x", "set grid",
          "set xlabel 'per-query latency, top 10 with snippets (ms)'",
          "set ylabel 'fraction of queries'", "set key bottom right"]
    for name, series in plots:
        gp.append("set title '%s'" % name)
        gp.append("plot " + ", ".join(series))
    gp.append("unset multiplot")
    p = subprocess.run(["gnuplot"], input="\n".join(gp).encode(),
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        log("gnuplot failed: %s" % p.stderr.decode())
    return p.returncode == 0


# ---- main ------------------------------------------------------------

def main():
    t_start = time.time()
    load_start = loadavg()
    rev = source_rev()
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(RESULTS, exist_ok=True)
    cat_q = []
    with open(os.path.join(SRC, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            c, q = line.rstrip("\n").split("\t", 1)
            cat_q.append((c, q))
    queries = [q for _, q in cat_q]
    qfile = os.path.join(WORK, "queries.txt")
    with open(qfile, "w", encoding="utf-8") as f:
        f.write("".join(q + "\n" for q in queries))
    word_idx = [i for i, (c, _) in enumerate(cat_q) if c.startswith("word-")]
    cold_q = [queries[i] for i in range(0, len(queries),
                                        len(queries) // COLD_N)][:COLD_N]
    rgw = []
    for band in ("word-rare", "word-medium", "word-frequent"):
        rgw += [q for c, q in cat_q if c == band][:RG_N // 3]

    global LUCENE
    why = peers.sphinx_missing()
    if why:
        SKIPPED["sphinx"] = why
    LUCENE, lucene_ver, why = peers.lucene_build(SRC, WORK)
    if why:
        SKIPPED["lucene"] = why
    for e, why in SKIPPED.items():
        log("%s skipped: %s" % (e, why))

    corpora = []
    real_dirs = []
    for name, desc, root in stage_corpora():
        cdir = os.path.join(WORK, SIZE, name)
        os.makedirs(cdir, exist_ok=True)
        if root is None:
            root = make_synth(name, real_dirs)
        log("corpus %s" % name)
        load0 = loadavg()
        info = make_records(name, root, cdir)
        real_dirs.append(cdir)
        iruns = SYNTH_RUNS if name.startswith("synth") else RUNS
        c = {"name": name, "desc": desc, "info": info, "index_runs": iruns,
             "nqueries": len(queries), "word_idx": word_idx,
             "index": {}, "query": {}, "cold": {}, "load_start": load0}
        if not name.startswith("synth"):
            log(" parse speed")
            c["parse"] = parse_speed(root, files_under(root), info)
            if name.startswith("un-docs"):     # always the whole folder
                c["parse_accuracy"] = parse_accuracy_speed(
                    os.path.join(CORPORA, "un-docs-2025", "txt"))
        # Runs go round-robin over the engines, so that a change of
        # load on a shared machine hits every engine alike.
        for e in ENGINES:
            c["index"][e] = {"secs": [], "cpu": [], "rss": [], "bytes": []}
            if e in SKIPPED:
                c["index"][e]["na"] = "skipped: " + SKIPPED[e]
        for run in range(iruns):
            for e in ENGINES:
                if "na" not in c["index"][e]:
                    log(" index %s run %d" % (e, run + 1))
                    index_run(e, root, cdir, c["index"][e], run)
        if CALLGRIND_MB > 0 and not name.startswith("synth"):
            log(" callgrind over the first %g MB" % CALLGRIND_MB)
            if shutil.which("valgrind"):
                c["callgrind"] = callgrind_counts(root, cdir)
            else:
                c["callgrind"] = {"na": "valgrind not installed"}
        for e in ENGINES:
            compact(e, c["index"][e])
            c["query"][e] = {"total": [], "lat": [], "rss": []}
            if "na" in c["index"][e]:
                c["query"][e] = c["cold"][e] = {"na": "no index"}
        # searchd serves all of Sphinx's query runs of this corpus (idle
        # while the other engines run theirs) and is stopped after them.
        sq = c["query"]["sphinx"]
        if "na" not in sq:
            try:
                sq["searchd"] = peers.Searchd(cdir)
            except (RuntimeError, OSError) as e:
                sq["na"] = str(e)
        try:
            for run in range(RUNS + 1):     # run 0 warms the cache
                for e in ENGINES:
                    if "na" not in c["query"][e]:
                        log(" queries %s run %d" % (e, run))
                        query_run(e, c["index"][e]["db"], qfile, queries,
                                  cdir, c["query"][e], run > 0)
        finally:
            if "searchd" in sq:
                sq.pop("searchd").stop()
        for e in ENGINES:
            if "na" not in c["query"][e]:
                st = result_stats(e, cdir)
                if st:
                    c["query"][e].update(st)
        for e in ENGINES:
            if "na" not in c["index"][e]:
                log(" cold %s" % e)
                c["cold"][e] = cold_engine(e, c["index"][e]["db"], cold_q,
                                           cdir)
        log(" rg")
        c["rg"] = rg_words(cdir, rgw)
        for e in list(c["index"]):
            c["index"][e].pop("db", None)
        c["load_end"] = loadavg()
        corpora.append(c)

    meta = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "cpu": "unknown", "versions": {}, "load_start": load_start,
            "load_end": loadavg(), "source": rev}
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            meta["cpu"] = m.group(1).strip() if m else "unknown"
    except OSError:
        pass
    meta["versions"] = {
        "pilcrow": version([PILCROW, "--version"]),
        "xapian-core": version(["pkg-config", "--modversion",
                                "xapian-core"]),
        "sqlite": version(["pkg-config", "--modversion", "sqlite3"]),
        "ripgrep": version(["rg", "--version"]),
        "gnuplot": version(["gnuplot", "--version"]),
        "sphinx": "n/a" if "sphinx" in SKIPPED else peers.sphinx_version(),
        "lucene": lucene_ver or "n/a",
    }
    meta["pilcrow_how"] = pilcrow_how()
    meta["elapsed_s"] = round(time.time() - t_start)
    meta["skipped"] = SKIPPED
    with open(os.path.join(RESULTS, "raw-%s.json" % SIZE), "w") as f:
        json.dump({"meta": meta, "corpora": corpora}, f)
    write_outputs(corpora, meta)


def write_outputs(corpora, meta):
    """The report, the chart and README.md's last section from the
    figures of one run (CORPORA, META as in raw-SIZE.json)."""
    text = report(corpora, meta)
    text += "\nWhole run: %d s.\n" % meta["elapsed_s"]
    text = scrub(text)
    # REPORT-SIZE.md and latency-SIZE.png keep each size's latest run;
    # REPORT.md and latency.png are the latest run whatever its size
    # (what this README's last section carries).
    rep = os.path.join(RESULTS, "REPORT-%s.md" % SIZE)
    with open(rep, "w") as f:
        f.write(text)
    shutil.copyfile(rep, os.path.join(RESULTS, "REPORT.md"))
    if gnuplot(corpora):
        shutil.copyfile(os.path.join(RESULTS, "latency-%s.png" % SIZE),
                        os.path.join(RESULTS, "latency.png"))
    readme = os.path.join(SRC, "README.md")
    begin, end = "<!-- latest report: begin -->", "<!-- latest report: end -->"
    try:
        with open(readme, encoding="utf-8") as f:
            old = f.read()
        if begin in old and end in old:
            head, rest = old.split(begin, 1)
            tail = rest.split(end, 1)[1]
            body = text.replace("\n# ", "\n### ").replace("\n## ", "\n### ")
            body = "\n".join(("###" + l[1:]) if l.startswith("# ") else l
                             for l in body.splitlines())
            with open(readme, "w", encoding="utf-8") as f:
                f.write(head + begin + "\n" + body + "\n" + end + tail)
    except OSError as e:
        log("README.md not updated: %s" % e)
    log("done in %d s: %s" % (meta["elapsed_s"],
                              rep))


def rerender():
    """BENCH_REPORT_ONLY=1: write the report again from the last run's
    raw-SIZE.json (after a change to the report's text; no measuring)."""
    with open(os.path.join(RESULTS, "raw-%s.json" % SIZE)) as f:
        raw = json.load(f)
    SKIPPED.update(raw["meta"].get("skipped") or {})
    write_outputs(raw["corpora"], raw["meta"])


if __name__ == "__main__":
    if ENV.get("BENCH_REPORT_ONLY"):
        rerender()
    else:
        main()
