#!/bin/sh
# A damaged index: a table file truncated, overwritten with random
# bytes, a block zeroed or a file removed.  index refuses it before
# writing anything (exit 2, one line naming the index and saying to
# rebuild it) and leaves its files as they were; search, stats and show
# give a one-line error (exit 2) or an answer, within a bounded time,
# never a crash or a hang.  Messages never repeat the command
# ("search: search: ...").
. "$(dirname "$0")/lib.sh"

report=$CORPUS/international-migration-and-development-1997.txt

# Ten documents: the report, each with its own first line.
mkdir tree more
i=1
while [ "$i" -le 10 ]; do
    { echo "Document number $i of the damage test."; echo; cat "$report"; } \
        >"tree/doc-$i.txt"
    i=$((i + 1))
done
sed -n '1,200p' "$report" >more/new.txt
index_corpus base tree

# Under valgrind a command runs some 50 times slower.
limit=20
[ -z "${PILCROW_VALGRIND:-}" ] || limit=300

# Run pilcrow CMD... on index dmg within $limit seconds: $status, OUT,
# ERR.  A hang is killed and reported as status 124.
run_bounded() {
    status=0
    timeout -s KILL "$limit" "$PILCROW" --db dmg "$@" >OUT 2>ERR ||
        status=$?
    [ "$status" -ne 137 ] || status=124
}

# A checksum of every file of index dmg, to see that nothing changed.
sums() {
    cksum dmg/* | sort
}

# Damage FILE of a copy of base as dmg, by MODE.
damage() {
    rm -rf dmg
    cp -r base dmg
    f=dmg/$1
    size=$(wc -c <"$f" | tr -d ' ')
    case $2 in
    truncate)
        head -c $((size / 2)) "$f" >tmp && cat tmp >"$f" && rm tmp ;;
    random)
        # 512 bytes of text over the items of the second block (blocks
        # are 8 KiB).
        tail -c 512 "$report" |
            dd of="$f" bs=1 seek=$((8192 + 1000)) conv=notrunc 2>/dev/null ;;
    zero)
        dd if=/dev/zero of="$f" bs=8192 seek=1 count=1 conv=notrunc \
            2>/dev/null ;;
    remove)
        rm "$f" ;;
    esac
}

command -v timeout >/dev/null 2>&1 || skip_all "no timeout(1)"

n_refused=0
# (No docdata.glass: an index keeps no document data, format 9.)
for table in postlist position termlist; do
    for mode in truncate random zero remove; do
        what="$table.glass $mode"
        begin_subtest "$what: index refuses it before writing"
        damage "$table.glass" "$mode"
        before=$(sums)
        run_bounded index --quiet tree more
        case "$mode $status" in
        "random 0")
            # Not every overwrite breaks what Xapian can see; what it
            # cannot see it cannot refuse.
            ;;
        *" 2")
            expect_equal "$(wc -l <ERR | tr -d ' ')" 1
            expect_file_match ERR \
                '^pilcrow: index: (index dmg is damaged \(.*\): rebuild it|dmg is not a pilcrow index)$'
            expect_equal "$(sums)" "$before"
            n_refused=$((n_refused + 1)) ;;
        *)
            # Only a removed position table goes unnoticed (Xapian
            # makes it anew: positions are lost, nothing else); the
            # rest must be refused.
            expect_equal "$what $status" "position.glass remove 0" ;;
        esac
        for cmd in "search migrants" "stats" "show doc-1 7" \
                   "search --count migrants"; do
            begin_subtest "$what: $cmd: an answer or one line, exit 2"
            damage "$table.glass" "$mode"
            # shellcheck disable=SC2086
            run_bounded $cmd
            expect_match "$status" '^[012]$'
            if [ "$status" -eq 2 ]; then
                expect_equal "$(wc -l <ERR | tr -d ' ')" 1
                expect_file_match ERR "^pilcrow: ${cmd%% *}: "
                expect_file_no_match ERR "^pilcrow: ([a-z]*): \\1: "
            fi
        done
    done
done

begin_subtest 'most damage is refused by index'
# All truncated, zeroed and removed tables but a removed position
# table (11), and most overwritten ones (3 of 4 when written).
expect_match "$n_refused" '^1[1-5]$'
echo "  $n_refused of 16 damaged indexes refused"

begin_subtest 'the undamaged index is still indexed into'
rm -rf dmg
cp -r base dmg
run_bounded index --quiet tree more
expect_exit 0
expect_equal "$(cat ERR)" ""

# A writer leaves a record of the sound tables it wrote, and the next
# writer skips the check when nothing has written to them since.  Any
# write changes their state, even one that sets the times back.
begin_subtest 'a writer records the tables it left sound'
expect_equal "$(cat ERR)" ""
[ -f dmg/pilcrow-checked ] || fail "no dmg/pilcrow-checked after index"
run_bounded index --quiet tree more
expect_exit 0

begin_subtest 'damage after the record, times set back: still refused'
# Every block after the first zeroed, the size kept.
size=$(wc -c <dmg/postlist.glass | tr -d ' ')
dd if=/dev/zero of=dmg/postlist.glass bs=8192 seek=1 \
    count=$((size / 8192 - 1)) conv=notrunc 2>/dev/null
touch -r dmg/iamglass dmg/postlist.glass
before=$(sums)
run_bounded index --quiet tree more
expect_exit 2
expect_file_match ERR '^pilcrow: index: index dmg is damaged \(.*\): rebuild it$'
expect_equal "$(sums)" "$before"

test_done
