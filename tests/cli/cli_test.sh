#!/usr/bin/env bash
# Command-line contract: --help, sessions, show (text and JSON), bad input, a damaged
# database that is set aside while the app still starts, and an encrypted data folder that the
# read commands open only with --user and the secret. Usage: cli_test.sh AMORCE WORKDIR
set -u
amorce=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
. "$(dirname "$0")/lib.sh"

# --help lists every command.
"$amorce" --help > "$work/help.txt"
for word in sessions show --headless --script --demo --data --size --out --user AMORCE_SECRET; do
  check "help mentions $word" contains "$work/help.txt" "$word"
done

# The demo counsellor's account (src/app/demo.cpp, given in the README): the demo data folder is
# encrypted once it has accounts, so every read below unlocks it (--user is ignored without accounts).
demo_user=demo
demo_secret=246810

# Seed the demo data through the real app (a one-line script), then list and show.
printf 'expect "DÉMO Léa"\n' > "$work/seed.script"
SDL_AUDIODRIVER=dummy "$amorce" --headless --demo --script "$work/seed.script" --data "$work/data" --out "$work/shots" > "$work/seed.txt" 2>&1
check "demo seeding script passes" contains "$work/seed.txt" "1 steps passed"
# Only this user may read the data: no other account on the machine can copy it to guess PINs.
check "the database is readable by its owner only" test "$(stat -c %a "$work/data/amorce.db")" = 600
check "the data folder is its owner's only" test "$(stat -c %a "$work/data")" = 700

AMORCE_SECRET=$demo_secret "$amorce" sessions --data "$work/data" --user $demo_user > "$work/sessions.txt"
check "sessions lists 3" contains "$work/sessions.txt" "3 session(s)"
check "sessions shows DÉMO Léa" contains "$work/sessions.txt" "DÉMO Léa"
check "sessions shows a finalized one" contains "$work/sessions.txt" "finalized"

AMORCE_SECRET=$demo_secret "$amorce" sessions --data "$work/data" --user $demo_user --json > "$work/sessions.json"
check "sessions --json is JSON with names" python3 -c "
import json,sys
d=json.load(open('$work/sessions.json'))['sessions']
names=sorted(s['display_name'] for s in d)
assert names==['DÉMO Léa','EXEMPLE Karim','FICTIF Stéphane'], names
by={s['display_name']:s for s in d}
assert by['EXEMPLE Karim']['status']=='draft' and by['EXEMPLE Karim']['days_left']==-2, by['EXEMPLE Karim']
assert by['FICTIF Stéphane']['status']=='finalized'
assert len(by['DÉMO Léa']['due_date'])==10 and 'cereal_class_version' not in open('$work/sessions.json').read()
"

AMORCE_SECRET=$demo_secret "$amorce" show --data "$work/data" --user $demo_user demo000000000002 > "$work/show.txt"
check "show prints the participant" contains "$work/show.txt" "EXEMPLE Karim"
check "show prints the notes" contains "$work/show.txt" "Permis B"
AMORCE_SECRET=$demo_secret "$amorce" show --data "$work/data" --user $demo_user demo000000000002 --json > "$work/show.json"
check "show --json round-trips French text" python3 -c "
import json
s=json.load(open('$work/show.json'))['session']
assert s['participant']['first_name']=='Karim'
assert 'expérience dans le bâtiment' in s['notes'], s['notes']
"

# Bad input: unknown session, unknown command, missing --data, bad --size, bad script line.
if AMORCE_SECRET=$demo_secret "$amorce" show --data "$work/data" --user $demo_user nosuchsession > /dev/null 2> "$work/err.txt"; then
  echo "FAIL: show of an unknown id must fail"; failed=$((failed + 1))
else check "unknown id message" contains "$work/err.txt" "no session nosuchsession"; fi
if "$amorce" frobnicate > /dev/null 2> "$work/err.txt"; then
  echo "FAIL: unknown command must fail"; failed=$((failed + 1))
else check "unknown command message" contains "$work/err.txt" "unknown command frobnicate"; fi
if "$amorce" sessions --data "$work/no-such-folder" > /dev/null 2> "$work/err.txt"; then
  echo "FAIL: sessions on a missing folder must fail"; failed=$((failed + 1))
else check "missing folder message" contains "$work/err.txt" "no Amorce data in $work/no-such-folder"; fi
check "a missing folder is not created" test ! -e "$work/no-such-folder"
if "$amorce" --size 12x 2> "$work/err.txt"; then
  echo "FAIL: bad --size must fail"; failed=$((failed + 1))
else check "bad size message" contains "$work/err.txt" "--size needs WxH between 320x320 and 8192x8192"; fi
printf 'tap @home.new_session\nfly away\n' > "$work/bad.script"
if "$amorce" --headless --script "$work/bad.script" --data "$work/bad" 2> "$work/err.txt"; then
  echo "FAIL: a bad script line must fail"; failed=$((failed + 1))
else check "bad script line is FILE:LINE: reason" contains "$work/err.txt" "bad.script:2: unknown command 'fly'"; fi
printf 'tap "DÉMO Léa"\ntap @review.undo\n' > "$work/disabled.script"
if SDL_AUDIODRIVER=dummy "$amorce" --headless --demo --script "$work/disabled.script" --data "$work/disabled" > /dev/null 2> "$work/err.txt"; then
  echo "FAIL: tapping a disabled widget must fail"; failed=$((failed + 1))
else check "disabled widget is a script error" contains "$work/err.txt" "disabled.script:2: widget @review.undo is disabled"; fi
printf 'tap @no.such.widget\n' > "$work/missing.script"
if SDL_AUDIODRIVER=dummy "$amorce" --headless --script "$work/missing.script" --data "$work/bad" > /dev/null 2> "$work/err.txt"; then
  echo "FAIL: a missing widget must fail"; failed=$((failed + 1))
else check "missing widget names the line" contains "$work/err.txt" "missing.script:1: no widget @no.such.widget on screen"; fi

# A damaged database: the app still starts, says so, and the damaged file is copied aside intact.
mkdir -p "$work/damaged"
head -c 16384 /dev/urandom > "$work/damaged/amorce.db"
cp "$work/damaged/amorce.db" "$work/original.db"
printf 'expect "La base de données était endommagée"\nexpect @home.new_session\nscreenshot damaged_db_notice.png\n' > "$work/damaged.script"
# (--demo: the salvaged file has no account yet; the demo's administrator is created and unlocked.)
SDL_AUDIODRIVER=dummy AMORCE_USER=$demo_user AMORCE_SECRET=$demo_secret "$amorce" --headless --demo --script "$work/damaged.script" --data "$work/damaged" --out "$work/shots" > "$work/damaged.txt" 2>&1
check "damaged database: app starts and says so" contains "$work/damaged.txt" "3 steps passed"
# The copy is kept, and sealed when the demo's administrator encrypts the store (a copy taken
# before encryption holds sessions in clear): NAME.db.sealed, the clear NAME.db erased.
copy=$(ls "$work/damaged/damaged/"*.db.sealed 2>/dev/null | head -1)
check "damaged database copied aside, then sealed" test -n "$copy"
check "no clear copy left" test -z "$(ls "$work/damaged/damaged/"*.db 2>/dev/null)"
[ -n "$copy" ] && check "the sealed copy is as large as the original plus its seal" \
  test "$(stat -c %s "$copy")" -eq $(( $(stat -c %s "$work/original.db") + 40 ))
AMORCE_SECRET=$demo_secret "$amorce" sessions --data "$work/damaged" --user $demo_user > "$work/after.txt"
check "new database is usable" contains "$work/after.txt" "3 session(s)"

# A damaged session record: listed normally until opened; opening it says so, sets a copy
# aside and leaves the other sessions usable.
cp -r "$work/data" "$work/data2"
python3 - "$work/data2/amorce.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(blob,) = db.execute("SELECT payload FROM payloads WHERE id='demo000000000002'").fetchone()
b = bytearray(blob); b[len(b) // 2] ^= 0xFF
db.execute("UPDATE payloads SET payload=? WHERE id='demo000000000002'", (bytes(b),))
db.commit()
PY
printf 'tap "EXEMPLE Karim"
expect "Ce dossier est illisible"
expect "Dossier illisible"
expect-not "EXEMPLE Karim"
tap "DÉMO Léa"
expect @review.nav.overview
screenshot after_damaged_open.png
' > "$work/payload.script"
SDL_AUDIODRIVER=dummy AMORCE_USER=$demo_user AMORCE_SECRET=$demo_secret "$amorce" --headless --script "$work/payload.script" --data "$work/data2" --out "$work/shots" > "$work/payload.txt" 2>&1
check "damaged record: says so, others still open" contains "$work/payload.txt" "7 steps passed"
check "damaged record copied aside" test -n "$(ls "$work/data2/damaged/"demo000000000002-*.bin 2>/dev/null)"

# The synthesis as a PDF: Léa's demo interview (every tool used) prints every section, her own
# words and accented French; a draft says « Brouillon »; a bad session id or folder says so and
# writes nothing.
AMORCE_SECRET=$demo_secret "$amorce" synthesis --data "$work/data" --user $demo_user demo000000000001 --pdf "$work/lea.pdf" > "$work/syn.txt" 2>&1
check "synthesis: PDF written" test -s "$work/lea.pdf"
if command -v pdftotext > /dev/null; then
  pdftotext "$work/lea.pdf" "$work/lea.txt" 2> /dev/null
  for want in "Parcours scolaire et formation" "Parcours professionnel" "Compétences et connaissances" \
              "Projets" "Freins" "Paroles de la personne" "Préconisations" "Brouillon" "Document confidentiel" \
              "C’est un chemin qui monte" "Garder mon calme dans le coup de feu" "CAP cuisine"; do
    check "synthesis PDF has « $want »" contains "$work/lea.txt" "$want"
  done
else
  check "pdftotext is installed (./scripts/setup.sh --test)" false
fi
if command -v qpdf > /dev/null; then
  check "synthesis PDF passes qpdf --check" qpdf --check "$work/lea.pdf" > /dev/null
else
  check "qpdf is installed (./scripts/setup.sh --test)" false
fi
if AMORCE_SECRET=$demo_secret "$amorce" synthesis --data "$work/data" --user $demo_user nosuchsession0000 --pdf "$work/none.pdf" > "$work/syn_bad.txt" 2>&1; then
  check "synthesis of an unknown session fails" false
else
  check "synthesis of an unknown session writes nothing" test ! -e "$work/none.pdf"
fi
if AMORCE_SECRET=$demo_secret "$amorce" synthesis --data "$work/data" --user $demo_user demo000000000001 --pdf "$work/no/such/folder/x.pdf" > "$work/syn_bad2.txt" 2>&1; then
  check "synthesis into a missing folder fails" false
else
  check "synthesis into a missing folder says why" contains "$work/syn_bad2.txt" "cannot write"
fi

# An encrypted data folder (tests/data/golden-v6: accounts, sessions sealed under the database key;
# secrets in tests/data/golden_v6.hpp): sessions, show and synthesis need --user and the secret,
# from AMORCE_SECRET or standard input; a wrong one is refused and counted.
golden6="$(cd "$(dirname "$0")/../data/golden-v6" && pwd)/amorce.db"
mkdir -p "$work/enc"
cp "$golden6" "$work/enc/amorce.db"
if "$amorce" sessions --data "$work/enc" > "$work/enc_out.txt" 2> "$work/err.txt" < /dev/null; then
  check "encrypted: sessions without --user fails" false
else
  check "encrypted: sessions without --user says why" contains "$work/err.txt" "this data folder is encrypted: give --user ID"
fi
check "encrypted: nothing printed without --user" test ! -s "$work/enc_out.txt"
if AMORCE_SECRET=000001 "$amorce" sessions --data "$work/enc" --user c-001 > "$work/enc_out.txt" 2> "$work/err.txt"; then
  check "encrypted: a wrong secret fails" false
else
  check "encrypted: a wrong secret is refused" contains "$work/err.txt" "wrong secret for c-001 (9 attempts left"
fi
check "encrypted: nothing printed with a wrong secret" test ! -s "$work/enc_out.txt"
if AMORCE_SECRET=482915 "$amorce" sessions --data "$work/enc" --user nobody > /dev/null 2> "$work/err.txt"; then
  check "encrypted: an unknown account fails" false
else
  check "encrypted: an unknown account says so" contains "$work/err.txt" "no account nobody"
fi
if printf '' | "$amorce" sessions --data "$work/enc" --user c-001 > /dev/null 2> "$work/err.txt"; then
  check "encrypted: no secret at all fails" false
else
  check "encrypted: no secret at all says so" contains "$work/err.txt" "no secret for c-001"
fi
AMORCE_SECRET='cheval bleu du matin' "$amorce" sessions --data "$work/enc" --user c-001 > "$work/enc_sessions.txt" 2> "$work/err.txt"
check "encrypted: sessions with AMORCE_SECRET lists 3" contains "$work/enc_sessions.txt" "3 session(s)"
check "encrypted: names are decrypted" contains "$work/enc_sessions.txt" "LEFÈVRE Zoé"
printf '482915
' | "$amorce" show --data "$work/enc" --user admin a1b2c3d4e5f60718 > "$work/enc_show.txt" 2> "$work/err.txt"
check "encrypted: show with the secret on stdin" contains "$work/enc_show.txt" "Ecrou:         2025-00417"
AMORCE_SECRET=482915 "$amorce" synthesis --data "$work/enc" --user admin a1b2c3d4e5f60718 --pdf "$work/enc.pdf" > /dev/null 2>&1
check "encrypted: synthesis PDF written" test -s "$work/enc.pdf"
if "$amorce" show --data "$work/enc" a1b2c3d4e5f60718 > /dev/null 2> "$work/err.txt" < /dev/null; then
  check "encrypted: show without --user fails" false
else
  check "encrypted: show without --user says why" contains "$work/err.txt" "give --user ID"
fi
check "encrypted: no name in clear in the folder" python3 -c "
import os, sys
for root, _, files in os.walk('$work/enc'):
    for f in files:
        data = open(os.path.join(root, f), 'rb').read()
        for n in ['Lefèvre', 'LEFÈVRE', 'Oumar', '2025-00417', '2025-01288']:
            assert n.encode() not in data, (f, n)
"
if "$amorce" sessions --data "$work/enc" --user > /dev/null 2> "$work/err.txt"; then
  check "--user without a value fails" false
else
  check "--user without a value says so" contains "$work/err.txt" "--user needs an account id"
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
