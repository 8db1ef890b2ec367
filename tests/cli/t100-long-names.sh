#!/bin/sh
# pilcrow index, search, show, stats, --prune: a file whose absolute
# path, and a document whose id, is too long to be a metadata key of
# the index as it is (over 253 bytes): indexed once with its stamp,
# found unchanged on the next run, shown, counted, and pruned when the
# file is gone; with one worker and with -j.
. "$(dirname "$0")/lib.sh"

# Directory names of 120 bytes: two make a path past the limit from
# wherever the test runs, three an id past it.
a=$(printf '%0120d' 0 | tr 0 a)
b=$(printf '%0120d' 0 | tr 0 b)
c=$(printf '%0120d' 0 | tr 0 c)

summary_re='^indexed [0-9]+ documents \([0-9]+ records\), skipped [0-9]+ unchanged, ([a-z]+ [0-9]+, )?[0-9]+ warnings in [0-9]+\.[0-9]{2} s$'

mkdir -p "long/$a/$b" "ids/$a/$b/$c"
cp "$CLI_DATA/speech.txt" "long/$a/$b/speech.txt"
printf 'A short path beside the long one, on harbours.\n' >long/short.txt
cp "$CLI_DATA/speech.txt" "ids/$a/$b/$c/speech.txt"
long_path=$TMP/long/$a/$b/speech.txt
long_id=$a/$b/$c/speech

for jobs in 1 2; do
    db=idx$jobs

    begin_subtest "-j $jobs: a path of ${#long_path} bytes is indexed without a warning"
    run "$PILCROW" --db $db index -j $jobs long
    expect_exit 0
    expect_equal "$(wc -l <ERR | tr -d ' ')" 1
    expect_file_match ERR '^indexed 2 documents \([0-9]+ records\), skipped 0 unchanged, 0 warnings'
    run "$PILCROW" --db $db search --tsv lanterns
    expect_exit 0
    expect_file_match OUT "	$a/$b/speech	"

    begin_subtest "-j $jobs: the next run finds its stamp: unchanged, nothing written"
    run "$PILCROW" --db $db index long
    expect_exit 0
    expect_file_match ERR '^indexed 0 documents \(0 records\), skipped 2 unchanged, 0 warnings'
    # Touched, not changed: the stamp takes the new time, still unchanged.
    touch "long/$a/$b/speech.txt"
    run "$PILCROW" --db $db index long
    expect_file_match ERR '^indexed 0 documents \(0 records\), skipped 2 unchanged, 0 warnings'
    run "$PILCROW" --db $db index long
    expect_file_match ERR '^indexed 0 documents \(0 records\), skipped 2 unchanged, 0 warnings'

    begin_subtest "-j $jobs: a changed file replaces its records once"
    sed 's/lanterns/beacons/' "$CLI_DATA/speech.txt" >"long/$a/$b/speech.txt"
    run "$PILCROW" --db $db index long
    expect_file_match ERR '^indexed 1 documents \([0-9]+ records\), skipped 1 unchanged, 0 warnings'
    run "$PILCROW" --db $db search --tsv beacons
    expect_exit 0
    expect_equal "$(wc -l <OUT | tr -d ' ')" 1
    run "$PILCROW" --db $db search --tsv lanterns
    expect_exit 1
    cp "$CLI_DATA/speech.txt" "long/$a/$b/speech.txt"

    begin_subtest "-j $jobs: --prune removes the file's records once it is gone"
    rm "long/$a/$b/speech.txt"
    run "$PILCROW" --db $db index --prune long
    expect_exit 0
    expect_file_match ERR '^indexed 0 documents \(0 records\), skipped 1 unchanged, pruned 1, 0 warnings'
    run "$PILCROW" --db $db search lanterns
    expect_exit 1
    run "$PILCROW" --db $db stats --json
    expect_file_match OUT '"documents":1,'
    cp "$CLI_DATA/speech.txt" "long/$a/$b/speech.txt"

    db=ids$jobs
    begin_subtest "-j $jobs: a document id of ${#long_id} bytes: found, shown, counted"
    run "$PILCROW" --db $db index -j $jobs ids
    expect_exit 0
    expect_file_match ERR '^indexed 1 documents \([0-9]+ records\), skipped 0 unchanged, 0 warnings'
    run "$PILCROW" --db $db search --json lanterns
    expect_exit 0
    expect_file_match OUT "\"doc\":\"$long_id\""
    # "file" is the document's metadata: its d: key was found.
    expect_file_match OUT "\"file\":\"ids/$long_id.txt\""
    run "$PILCROW" --db $db search --json "doc:$long_id"
    expect_exit 0
    expect_equal "$(json_docs OUT | sort -u)" "$long_id"
    run "$PILCROW" --db $db show --json "$long_id" '[para. 3]'
    expect_exit 0
    expect_file_match OUT 'maritime lanterns'
    expect_file_match OUT "\"file\":\"ids/$long_id.txt\""
    run "$PILCROW" --db $db stats --json
    expect_file_match OUT '"documents":1,'
    run "$PILCROW" --db $db index ids
    expect_file_match ERR '^indexed 0 documents \(0 records\), skipped 1 unchanged, 0 warnings'

    begin_subtest "-j $jobs: --prune removes the long id's records and metadata"
    mv "ids/$a/$b/$c/speech.txt" ids/speech.txt
    run "$PILCROW" --db $db index --prune ids
    expect_exit 0
    expect_file_match ERR '^indexed 1 documents \([0-9]+ records\), skipped 0 unchanged, pruned 1, 0 warnings'
    expect_file_match ERR "$summary_re"
    run "$PILCROW" --db $db search --tsv lanterns
    expect_exit 0
    expect_equal "$(cut -f 3 OUT | sort -u)" "speech"
    run "$PILCROW" --db $db show "$long_id" '[para. 3]'
    expect_exit 2
    run "$PILCROW" --db $db stats --json
    expect_file_match OUT '"documents":1,'
    mv ids/speech.txt "ids/$a/$b/$c/speech.txt"
done

test_done
