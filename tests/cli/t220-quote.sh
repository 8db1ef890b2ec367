#!/bin/sh
# pilcrow quote: the record a quotation is taken from, exact or
# altered (words dropped, changed, moved; punctuation, quotation marks,
# line breaks, case), its score and word diff; text from stdin; a quote
# of no document (exit 1); bad input (exit 2, one line).  On the seed
# report in corpus/.
. "$(dirname "$0")/lib.sh"

index_corpus idx "$CORPUS"/*.txt
DOC=international-migration-and-development-1997

begin_subtest 'an exact quote: its record first, exact, no diff markers'
run "$PILCROW" --db idx quote 'the Commission on Human Rights is responsible for reviewing the follow-up and implementation of the Programme of Action'
expect_exit 0
expect_equal "$(head -n 1 OUT | cut -d' ' -f1-3)" "$DOC, para. 23"
expect_equal "$(sed -n 2p OUT)" "  exact: all 19 words, in order (score 1.00)"
expect_no_match "$(sed -n '3,5p' OUT)" '\[-|\{\+'

begin_subtest 'a word dropped and quotation marks: not exact, the diff shows it'
run "$PILCROW" --db idx quote '“The Commission, also, carries out studies, makes RECOMMENDATIONS and drafts international instruments.”'
expect_exit 0
expect_equal "$(head -n 1 OUT | cut -d' ' -f1-3)" "$DOC, para. 23"
expect_equal "$(sed -n 2p OUT)" "  not exact: 12 of 12 words in order (score 0.96)"
expect_match "$(tr "\n" " " <OUT)" 'drafts +\[-new-\] international instruments'

begin_subtest 'a word changed: removed then added'
run "$PILCROW" --db idx quote --json -n 1 'The Commission also carries out research, makes recommendations and drafts new international instruments'
expect_exit 0
expect_match "$(cat OUT)" '"anchor":"para. 23"'
expect_match "$(cat OUT)" '"exact":false'
expect_match "$(cat OUT)" '"words":13,"found":12'
expect_match "$(cat OUT)" '\[-studies,-\]\{\+research,\+\}|\[-studies-\]\{\+research\+\}'

begin_subtest 'words moved: the second half first still finds it'
run "$PILCROW" --db idx quote --json -n 1 'makes recommendations and drafts new international instruments. The Commission also carries out studies'
expect_exit 0
expect_match "$(cat OUT)" '"anchor":"para. 23"'

begin_subtest 'text on stdin, with line breaks; -'
printf 'The Commission also\ncarries out studies, makes\nrecommendations\n' >q.txt
run sh -c '"$0" --db idx quote --json <q.txt' "$PILCROW"
expect_exit 0
expect_match "$(head -n 1 OUT)" '"exact":true.*"anchor":"para. 23"'
run sh -c '"$0" --db idx quote --json - <q.txt' "$PILCROW"
expect_exit 0
expect_match "$(head -n 1 OUT)" '"anchor":"para. 23"'

begin_subtest 'colour only when asked (or on a terminal)'
run "$PILCROW" --db idx quote --color always 'The Commission also carries out research, makes recommendations'
expect_exit 0
expect_match "$(cat OUT)" "$(printf '\033')\\[31m\\[-studies"
run "$PILCROW" --db idx quote 'The Commission also carries out research, makes recommendations'
expect_no_match "$(cat OUT)" "$(printf '\033')"

begin_subtest 'a quote of no document: said, exit 1'
run "$PILCROW" --db idx quote 'Penguins on the moon elected a new president of bananas'
expect_exit 1
expect_equal "$(cat OUT)" ""
expect_equal "$(cat ERR)" "pilcrow: quote: not found: no record of the index holds this text"

begin_subtest 'bad input: one line, exit 2'
run "$PILCROW" --db idx quote ''
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: quote: empty quote"
run "$PILCROW" --db idx quote '  ... '
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: quote: quote has no words"
printf 'caf\351 au lait' >bad.txt
run sh -c '"$0" --db idx quote <bad.txt' "$PILCROW"
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: quote: quote is not UTF-8 at byte 4"
printf 'a\000b' >nul.txt
run sh -c '"$0" --db idx quote <nul.txt' "$PILCROW"
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: quote: quote is not text (control character at byte 2)"
head -c 9000 /dev/zero | tr '\0' 'a' >long.txt
run sh -c '"$0" --db idx quote <long.txt' "$PILCROW"
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: quote: quote longer than 8192 bytes"
run "$PILCROW" --db idx quote -n 0 'x'
expect_exit 2

test_done
