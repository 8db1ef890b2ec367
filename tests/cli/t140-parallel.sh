#!/bin/sh
# Language versions: show --parallel, search --parallel and batch
# --parallel over the UDHR's articles in the six UN languages (one
# shared Symbol: line) and a UN Parallel Corpus document in Arabic
# ("٥٧ -" numbers), English and French (which prints no numbers).
. "$(dirname "$0")/lib.sh"

index_corpus idx "$TESTDATA"/parallel/*.txt

begin_subtest 'show --parallel: the asked version first, then by language'
run "$PILCROW" --db idx show --parallel udhr-fr 'art. 26, para. 1'
expect_exit 0
expect_equal "$(grep '^\[' OUT | tr '\n' ' ')" \
    "[fr] udhr-fr [ar] udhr-ar [en] udhr-en [es] udhr-es [ru] udhr-ru [zh] udhr-zh "
expect_equal "$(sed -n 2p OUT)" "A/RES/217 A (III), art. 26, para. 1"
expect_file_match OUT '^  Toute personne a droit à l’éducation'
expect_file_match OUT '^  Everyone has the right to education'
expect_file_match OUT '^  人人都有受教育的权利'
expect_file_match OUT 'لكل شخص الحق في التعلم'
expect_file_match OUT 'Каждый человек имеет право на образование'

begin_subtest 'show --parallel --json: one object per version'
run "$PILCROW" --db idx show --parallel --json udhr-en 'art. 1'
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 6
expect_equal "$(sed -n 1p OUT | cut -c1-60)" \
    '{"doc":"udhr-en","symbol":"A/RES/217 A (III)","lang":"en","t'
expect_file_match OUT '^\{"doc":"udhr-zh",.*"lang":"zh".*"anchor":"art\. 1".*"text":"人人生而自由'

begin_subtest 'Arabic "٥٧ -" is para. 57; a version without it is missing'
run "$PILCROW" --db idx show --parallel --json A_68_908-ar 'para. 57'
expect_exit 0
expect_equal "$(cut -c1-40 OUT)" '{"doc":"A_68_908-ar","symbol":"A/68/908"
{"doc":"A_68_908-en","symbol":"A/68/908"
{"doc":"A_68_908-fr","lang":"fr","anchor'
expect_equal "$(sed -n 3p OUT)" \
    '{"doc":"A_68_908-fr","lang":"fr","anchor":null,"text":null,"missing":true}'
expect_file_match OUT '"text":"The concern previously articulated'
run "$PILCROW" --db idx show --parallel A_68_908-en 57
expect_exit 0
expect_file_match OUT '^\[fr\] A_68_908-fr: missing, no para\. 57 in this version$'

begin_subtest 'search --parallel: counterparts in JSON and text'
run "$PILCROW" --db idx search --parallel --json -n 1 '"political front"'
expect_exit 0
expect_file_match OUT '"parallel":\[\{"lang":"ar","doc":"A_68_908-ar","anchor":"para\. 78"\},\{"lang":"fr","doc":"A_68_908-fr","anchor":null,"missing":true\}\]\}$'
run "$PILCROW" --db idx search --parallel -n 1 '"political front"'
expect_exit 0
expect_equal "$(tail -n 1 OUT)" \
    '  also: ar A_68_908-ar para. 78; fr A_68_908-fr (missing)'
run "$PILCROW" --db idx search --json -n 1 '"political front"'
expect_exit 0
expect_file_match OUT '"refs":\[[^]]*\]\}$'

begin_subtest 'batch --parallel'
printf '%s\n' 'education free elementary' | "$PILCROW" --db idx batch \
    --parallel -n 1 >OUT 2>ERR || fail "batch failed: $(cat ERR)"
expect_file_match OUT '"anchor":"art\. 26, para\. 1".*"parallel":\[\{"lang":"ar","doc":"udhr-ar","anchor":"art\. 26, para\. 1"\},'

begin_subtest 'errors: unknown document, anchor absent, exit 2'
run "$PILCROW" --db idx show --parallel nosuch 'art. 1'
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: show: no document nosuch in the index"
run "$PILCROW" --db idx show --parallel udhr-en 'art. 31'
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: show: no record art. 31 in udhr-en"
run "$PILCROW" --db idx show --parallel udhr-en 'art. x'
expect_exit 2
expect_match "$(cat ERR)" "^pilcrow: show: 'art. x' is not an anchor"

test_done
