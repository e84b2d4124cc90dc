#!/usr/bin/env bash
# Checks the expression-board templates (assets/boards/*.tsv) and their pictograms
# (assets/pictograms/*.png) without building anything:
#   - every template line is a known record with the right number of fields (src/core/boards.hpp,
#     [SECTION] Templates), required fields filled, `board` first and once, ids well formed and unique,
#     role keys, ranked counts, RIASEC letters and ROME codes well formed, labels <= 120 characters,
#     French typography (’ and no-break spaces), a sort board has columns and cards, a scales board scales;
#   - every board, column, card and scale has exactly one `en` line, after it (the loader needs the id first);
#   - every ROME code is in assets/rome/metiers.tsv;
#   - every pictogram a template names exists; every PNG is named by a template or listed in
#     CREDITS.md; every PNG is credited (all are OpenMoji adaptations, CC BY-SA 4.0) and every credited
#     file exists; PNGs are 192x192 and at most 16 KiB.
#
# Usage: tests/cli/board_assets_test.sh REPO_ROOT   (exit 0 when everything holds, 1 otherwise)
set -euo pipefail

root=${1:?usage: board_assets_test.sh REPO_ROOT}
boards_dir=$root/assets/boards
picto_dir=$root/assets/pictograms
rome_file=$root/assets/rome/metiers.tsv
credits=$picto_dir/CREDITS.md

failed=0
fail() { echo "board_assets_test: $*" >&2; failed=1; }

for f in "$boards_dir" "$picto_dir" "$rome_file" "$credits" "$picto_dir/LICENSE-CC-BY-SA-4.0.txt"; do
    [[ -e $f ]] || { echo "board_assets_test: missing $f" >&2; exit 1; }
done

shopt -s nullglob
templates=("$boards_dir"/*.tsv)
pngs=("$picto_dir"/*.png)
shopt -u nullglob
((${#templates[@]} > 0)) || { echo "board_assets_test: no template in $boards_dir" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for t in "${templates[@]}"; do
    iconv -f UTF-8 -t UTF-8 "$t" >/dev/null 2>&1 || fail "$t: not valid UTF-8"
done

# One pass over every template. Prints problems on stdout ("file:line: ..."); writes the pictograms
# named to $work/pictos and the ROME codes to $work/rome ("file:line<TAB>value").
# LC_ALL=C: lengths are counted in bytes, so code points are counted by dropping continuation bytes.
LC_ALL=C awk -F'\t' -v pictos="$work/pictos" -v romes="$work/rome" -v stats="$work/stats" '
function problem(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg }
function chars(s) { gsub(/[\200-\277]/, "", s); return length(s) }
function valid_id(s) { return s ~ /^[a-z0-9][a-z0-9_.]*$/ }
# French text: typographic apostrophe, no-break space (U+00A0 = \302\240) before ? ! : ; » and after «.
function french(s, what) {
    if (s == "") return
    if (chars(s) > 120) problem(what " is longer than 120 characters")
    if (index(s, "\047")) problem(what " uses a straight apostrophe (use U+2019): " s)
    if (s ~ / [?!:;]/ || s ~ / \302\273/ || s ~ /\302\253 /) problem(what " needs a no-break space (U+00A0) before ? ! : ; » and after «: " s)
    if (s ~ /^[ ]|[ ]$/ || s ~ /  /) problem(what " has stray spaces: " s)
}
function define(id, what) {
    if (!valid_id(id)) { problem(what " id \"" id "\" is not lowercase ASCII letters, digits, dots, underscores"); return }
    if (id in ids) problem("duplicate id " id)
    ids[id] = what; idline[id] = FNR
}
function picto(name) {
    if (name == "") return
    if (name !~ /^[a-z0-9][a-z0-9-]*$/) problem("pictogram name \"" name "\" is not lowercase ASCII letters, digits, hyphens")
    printf "%s:%d\t%s\n", FILENAME, FNR, name > pictos
}
function finish_file(   id) {
    if (file == "") return
    if (!seen_board) printf "%s: no board record\n", file
    else if (kind == "sort") {
        if (ncol < 1 || ncol > 6) printf "%s: a sort board needs 1 to 6 columns (has %d)\n", file, ncol
        if (ncard < 1 || ncard > 300) printf "%s: a sort board needs 1 to 300 cards (has %d)\n", file, ncard
        if (nscale > 0) printf "%s: a sort board has no scales\n", file
    } else if (kind == "scales") {
        if (nscale < 1 || nscale > 12) printf "%s: a scales board needs 1 to 12 scales (has %d)\n", file, nscale
        if (ncard > 0 || ncol > 0) printf "%s: a scales board has no columns or cards\n", file
    }
    for (id in ids) if (!(id in english)) printf "%s:%d: %s %s has no en line\n", file, idline[id], ids[id], id
    printf "%s\t%d\t%d\t%d\n", file, ncol, ncard, nscale > stats
    split("", ids); split("", idline); split("", english)
}
FNR == 1 {
    finish_file()
    file = FILENAME; seen_board = 0; kind = ""; ncol = ncard = nscale = 0
}
/\r/ { problem("carriage return (save with LF line endings)"); sub(/\r$/, "") }
/^[ \t]*$/ || /^#/ { next }
{
    rec = $1; n = NF
    # Fields after the last one may be absent; a trailing tab would make an empty optional field.
    if (rec == "board") { lo = 4; hi = 5 }
    else if (rec == "prompt") { lo = 2; hi = 2 }
    else if (rec == "column") { lo = 4; hi = 6 }
    else if (rec == "card") { lo = 3; hi = 6 }
    else if (rec == "scale") { lo = 3; hi = 5 }
    else if (rec == "en") { lo = 3; hi = 3 }
    else { problem("unknown record \"" rec "\""); next }
    if (n < lo || n > hi) { problem(rec " has " n " fields, expected " (lo == hi ? lo : lo " to " hi)); next }
    for (i = 2; i <= lo; i++) if ($i == "") problem(rec " field " i " is empty")
    if (rec != "board" && !seen_board) problem(rec " before the board record")
}
rec == "board" {
    if (seen_board) { problem("a second board record"); next }
    seen_board = 1; kind = $3
    if (kind != "sort" && kind != "scales") problem("board kind \"" kind "\" is not sort or scales")
    define($2, "board")
    if ($2 in board_file) problem("board id " $2 " already used by " board_file[$2])
    board_file[$2] = FILENAME
    french($4, "title"); picto($5)
}
rec == "prompt" { french($2, "prompt") }
rec == "column" {
    ncol++; define($2, "column")
    if ($3 !~ /^(strength|obstacle|wish|interested|unsure|not_for_me|important|secondary|not_important|priority)$/)
        problem("unknown column role \"" $3 "\"")
    french($4, "column label"); picto($5)
    if (n >= 6 && $6 !~ /^[1-9][0-9]*$/) problem("ranked \"" $6 "\" is not a positive number")
}
rec == "card" {
    ncard++; define($2, "card")
    french($3, "card label"); picto($4)
    if (n >= 5 && $5 != "") {
        if ($5 !~ /^[RIASEC]$|^[RIASEC][RIASEC]$|^[RIASEC][RIASEC][RIASEC]$/) problem("riasec \"" $5 "\" is not 1 to 3 letters of RIASEC")
        else for (i = 1; i < length($5); i++) if (index(substr($5, i + 1), substr($5, i, 1))) problem("riasec \"" $5 "\" repeats a letter")
    }
    if (n >= 6 && $6 != "") {
        if ($6 !~ /^[A-N][0-9][0-9][0-9][0-9]$/) problem("ROME code \"" $6 "\" is not a letter and 4 digits")
        printf "%s:%d\t%s\n", FILENAME, FNR, $6 > romes
    }
}
rec == "scale" {
    nscale++; define($2, "scale")
    french($3, "scale label"); french($4, "low label"); french($5, "high label")
}
rec == "en" {
    # The loader only knows the ids read so far: an en line comes after what it translates.
    if (!($2 in ids)) problem("en line for " $2 ", which is not defined above it")
    if ($2 in english) problem("a second en line for " $2)
    english[$2] = FNR
    if (chars($3) > 120) problem("English label is longer than 120 characters")
}
END { finish_file() }
' "${templates[@]}" >"$work/problems"
touch "$work/pictos" "$work/rome" "$work/stats"
if [[ -s $work/problems ]]; then
    while IFS= read -r line; do fail "$line"; done <"$work/problems"
fi

# Pictograms named by the templates exist.
while IFS=$'\t' read -r where name; do
    [[ -f $picto_dir/$name.png ]] || fail "$where: pictogram $name has no file $picto_dir/$name.png"
done <"$work/pictos"

# ROME codes are in the job list.
while IFS=$'\t' read -r where code; do
    grep -q "^$code"$'\t' "$rome_file" || fail "$where: ROME code $code is not in $rome_file"
done <"$work/rome"

# Every PNG is used or listed, credited, small and 192x192; every credited file exists.
cut -f2 "$work/pictos" | sort -u >"$work/used"
# Table rows only: | `name.png` | hexcode | ...
# shellcheck disable=SC2016 # the backquotes are literal, as in the table
sed -n 's/^| *`\([^`]*\.png\)` *|.*/\1/p' "$credits" | sort >"$work/credited"
if dup=$(uniq -d "$work/credited") && [[ -n $dup ]]; then fail "CREDITS.md lists more than once: $dup"; fi
for png in "${pngs[@]}"; do
    file=${png##*/}
    name=${file%.png}
    credited=0
    grep -qxF "$file" "$work/credited" && credited=1
    if ! grep -qxF "$name" "$work/used" && ((!credited)); then
        fail "$png is named by no template and not listed in CREDITS.md"
    elif ((!credited)); then
        fail "$png is not credited in CREDITS.md"
    fi
    size=$(wc -c <"$png")
    ((size <= 16384)) || fail "$png is $size bytes (at most 16384)"
    # PNG signature, then the IHDR width and height (big-endian, bytes 16-23).
    sig=$(od -An -tx1 -N8 "$png" | tr -d ' \n')
    [[ $sig == 89504e470d0a1a0a ]] || { fail "$png is not a PNG file"; continue; }
    read -r w h < <(od -An -tu1 -j16 -N8 "$png" |
        awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
    [[ $w == 192 && $h == 192 ]] || fail "$png is ${w}x${h}, expected 192x192"
done
while IFS= read -r file; do
    [[ -f $picto_dir/$file ]] || fail "CREDITS.md lists $file, which is not in $picto_dir"
done <"$work/credited"

if ((failed)); then
    echo "board_assets_test: FAILED" >&2
    exit 1
fi
read -r ncards < <(awk -F'\t' '{ s += $3 } END { print s + 0 }' "$work/stats")
echo "board_assets_test: OK (${#templates[@]} templates, $ncards cards, $(wc -l <"$work/used") pictograms named, ${#pngs[@]} PNG files)"
