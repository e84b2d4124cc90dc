#!/usr/bin/env bash
# amorce deck-check: the shipped « Regards » deck passes (exit 0), each bad test deck fails
# (exit 1) with a "CARD FILE: reason" line naming the bad card, and usage errors exit 2.
# Usage: deck_check_test.sh AMORCE SOURCE_DIR WORKDIR
set -u
amorce=$1
src=$2
work=$3
decks=$src/tests/data/decks
rm -rf "$work" && mkdir -p "$work"
. "$(dirname "$0")/lib.sh"

# --help mentions the command.
"$amorce" --help > "$work/help.txt"
check "help mentions deck-check" contains "$work/help.txt" "deck-check DIR"

# The shipped deck: no problem, exit 0, just the summary line.
"$amorce" deck-check "$src/photolangage/regards" > "$work/regards.txt" 2>&1
rc=$?
check "regards exits 0" test "$rc" -eq 0
check "regards summary" contains "$work/regards.txt" "43 cards, 0 problems"
check "regards prints only the summary" lines "$work/regards.txt" 1

# bad_deck NAME EXPECTED_LINE [SUMMARY]: exit code 1 and the exact problem line.
bad_deck() {
  local name=$1 expected=$2 summary=${3:-}
  "$amorce" deck-check "$decks/$name" > "$work/$name.txt" 2>&1
  local rc=$?
  check "$name exits 1 (got $rc)" test "$rc" -eq 1
  check "$name names the card and file" contains "$work/$name.txt" "$expected"
  if [ -n "$summary" ]; then check "$name summary" contains "$work/$name.txt" "$summary"; fi
}
bad_deck missing-image  "absent absent.jpg: file not found" "3 cards, 1 problem"
bad_deck empty-image    "vide vide.jpg: file is empty (0 bytes)" "2 cards, 1 problem"
bad_deck truncated-jpeg "coupe coupe.jpg: file is truncated" "2 cards, 1 problem"
bad_deck corrupt-file   "texte texte.jpg: not a JPEG or PNG image" "3 cards, 2 problems"
bad_deck corrupt-file   "abime abime.png: corrupt PNG (CRC mismatch in chunk IDAT)"
bad_deck absurd-png     "geant geant.png: image is too large (100000x100000 px" "2 cards, 1 problem"
bad_deck malformed-json "deck: deck.json is not valid JSON (line 4, column 3" "0 cards, 1 problem"
bad_deck path-escape    "dehors ../missing-image/good.jpg: path refused" "3 cards, 2 problems"
bad_deck path-escape    "absolu /etc/hostname: path refused: absolute paths are not allowed"
bad_deck duplicate-ids  "meme good.png: id already used by card #1" "3 cards, 1 problem"

# A folder that does not exist is a deck problem (exit 1), not a crash; no folder is created.
"$amorce" deck-check "$work/no-such-deck" > "$work/none.txt" 2>&1
rc=$?
check "missing folder exits 1" test "$rc" -eq 1
check "missing folder message" contains "$work/none.txt" "deck: deck folder not found"
check "missing folder not created" test ! -e "$work/no-such-deck"

# Usage errors exit 2.
"$amorce" deck-check > /dev/null 2> "$work/usage.txt"
rc=$?
check "no folder is a usage error" test "$rc" -eq 2
check "usage message" contains "$work/usage.txt" "deck-check needs one deck folder"

echo "deck-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
