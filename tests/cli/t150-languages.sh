#!/bin/sh
# Six languages in one index, on one real document (A/69/732 of the UN
# Parallel Corpus, tests/data/lang): each document's language, said or
# guessed; queries with no language finding each version in its own
# analysis, typed with or without accents, hamza or yo; highlights in
# the record's language; --lang restricting; stats per language.
. "$(dirname "$0")/lib.sh"

langs="ar en es fr ru zh"
mkdir -p said guessed
for l in $langs; do
    cp "$TESTDATA/lang/$l/A_69_732.txt" "said/$l.txt"
    # The same text with no Language: line, to be guessed.
    grep -v '^Language:' "$TESTDATA/lang/$l/A_69_732.txt" >"guessed/$l.txt"
done
index_corpus idx said

begin_subtest 'each version has its language, said or guessed'
for dir in said guessed; do
    for l in $langs; do
        run "$PILCROW" parse --json "$dir/$l.txt"
        expect_exit 0
        expect_file_match OUT "^\\{\"doc\":\"$l\",\"symbol\":\"A/69/732\",\"lang\":\"$l\","
        expect_file_no_match OUT "\"lang\":\"[^$l]"
    done
done

begin_subtest 'index --lang: for files that name none; a Language: line wins'
index_corpus idx2 --lang fr guessed/en.txt said/ru.txt
run "$PILCROW" --db idx2 search --json Force
expect_exit 0
expect_file_match OUT '"doc":"en","symbol":"A/69/732","lang":"fr"'
run "$PILCROW" --db idx2 search --json 'Силы'
expect_file_match OUT '"doc":"ru","symbol":"A/69/732","lang":"ru"'
run "$PILCROW" --db idx3 index --lang de said
expect_exit 2
expect_file_match ERR "^pilcrow: index: --lang: no analysis for language 'de'"

begin_subtest 'stats: records per language'
run "$PILCROW" --db idx stats --json
expect_exit 0
expect_file_match OUT '"languages":\{"ar":[0-9]+,"en":[0-9]+,"es":[0-9]+,"fr":[0-9]+,"ru":[0-9]+,"zh":[0-9]+\}'
run "$PILCROW" --db idx stats
expect_file_match OUT '^languages: ar [0-9]+, en [0-9]+, es [0-9]+, fr [0-9]+, ru [0-9]+, zh [0-9]+$'

# search_finds QUERY LANG: the first hit is the version in LANG.
search_finds() {
    run "$PILCROW" --db idx search --json -n 1 "$1"
    expect_exit 0
    expect_file_match OUT "^\\{\"rank\":1,[^}]*\"doc\":\"$2\","
}

begin_subtest 'no language given: every version in its own analysis'
search_finds 'Организации Объединенных Наций' ru
search_finds 'поддержании международного мира' ru
search_finds 'الأمم المتحدة' ar
search_finds 'صون السلام والأمن الدوليين' ar
search_finds 'mantener la paz' es
search_finds 'maintenir la paix' fr
search_finds '维护国际和平' zh
search_finds '停火' zh
search_finds 'maintaining international peace' en

begin_subtest 'typed without accents, hamza, yo or with either apostrophe'
search_finds 'securite internationales' fr
search_finds 'Sécurité internationales' fr
search_finds "l'evolution de la situation" fr
search_finds 'l’évolution de la situation' fr
search_finds 'evolucion de las condiciones' es
search_finds 'الامم المتحدة' ar
search_finds 'cessez-le-feu' fr
search_finds 'línea de alto el fuego' es

begin_subtest 'phrases read in each language, function words and all'
search_finds '"maintenir la paix"' fr
search_finds '"de la Fuerza"' es
run "$PILCROW" --db idx search --json 'lang:fr "la paix et la sécurité"'
expect_exit 0
expect_file_match OUT '"doc":"fr"'
expect_file_no_match OUT '"doc":"(ar|en|es|ru|zh)"'

begin_subtest 'NEAR over words read in several languages'
# Each word is a synonym of its readings, which Xapian's NEAR refuses:
# the engine's "OP_NEAR ... leaf subqueries" must never be seen.
search_finds 'international NEAR/3 peace' en
search_finds 'maintenir NEAR/3 paix' fr
search_finds 'Объединенных NEAR Наций' ru
run "$PILCROW" --db idx search 'paix NEAR/2 peace'
expect_exit 1
expect_file_no_match ERR 'leaf'

begin_subtest 'highlights are the record words, in its language'
if have_python; then
    run "$PILCROW" --db idx search --json -n 1 'securite internationales'
    python3 - OUT <<'PY' || fail "highlights are wrong"
import json, sys
hit = json.loads(open(sys.argv[1], encoding="utf-8").readline())
b = hit["snippet"].encode()
words = set(b[s:e].decode() for s, e in hit["highlights"])
assert words == {"internationales", "sécurité"}, words
PY
fi

begin_subtest 'one Chinese character: wherever it stands in a run'
# 司 ends its run ("特派团支助司"), so it starts no bigram; 个 follows
# a number and starts the bigram 个联 ("12个联合国据点").
search_finds '司' zh
search_finds '12个' zh
search_finds '部' zh
search_finds '部 NEAR 队' zh
if have_python; then
    run "$PILCROW" --db idx search --json -n 1 '司 部'
    python3 - OUT <<'PY' || fail "one character's highlights are wrong"
import json, sys
hit = json.loads(open(sys.argv[1], encoding="utf-8").readline())
b = hit["snippet"].encode()
words = [b[s:e].decode() for s, e in hit["highlights"]]
assert words and set(words) <= {"司", "部"}, words
PY
fi

begin_subtest '--lang: that analysis alone, that language alone'
run "$PILCROW" --db idx search --json --lang es Fuerza
expect_exit 0
expect_file_match OUT '"doc":"es"'
expect_file_no_match OUT '"doc":"(ar|en|fr|ru|zh)"'
run "$PILCROW" --db idx search --lang en 'Организации Объединенных Наций'
expect_exit 1
run "$PILCROW" --db idx search --lang xx Force
expect_exit 2
expect_file_match ERR "^pilcrow: search: --lang: no analysis for language 'xx'"
printf 'Fuerza\n' >q
run "$PILCROW" --db idx batch --lang es --input q
expect_exit 0
expect_file_match OUT '"doc":"es"'
expect_file_no_match OUT '"doc":"(ar|en|fr|ru|zh)"'

test_done
