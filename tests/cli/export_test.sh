#!/usr/bin/env bash
# Export to the central system (issue 8) through the command line: a --demo data folder, keygen,
# export, verify (and unpack), every session document validated against
# assets/schema/session-1.schema.json by an independent validator (ajv-cli, draft 2020-12), then
# idempotency and the bad-input messages.
# Usage: export_test.sh AMORCE SOURCE_DIR WORKDIR NPM_TOOLS_DIR
# ajv-cli is installed from npm into NPM_TOOLS_DIR (under the build folder) once, pinned, and reused.
set -u
amorce=$1
src=$2
work=$3
tools=$4
rm -rf "$work" && mkdir -p "$work"
. "$(dirname "$0")/lib.sh"

# --- the validator: pinned versions, installed once per build folder ---------------------------
ajv="$tools/node_modules/.bin/ajv"
if [ ! -x "$ajv" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "SKIP: npm is not installed (scripts/setup.sh --test installs nodejs and npm)"
    exit 77
  fi
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --no-save --loglevel=error \
      ajv-cli@5.0.0 ajv@8.12.0 ajv-formats@2.1.1 > "$work/npm.txt" 2>&1 || {
    cat "$work/npm.txt"; echo "FAIL: npm install of ajv-cli"; exit 1; }
fi

export AMORCE_SECRET=246810 # the demo counsellor's PIN (README)

# --- a demo data folder, seeded by the real app ----------------------------------------------
printf 'expect "DÉMO Léa"\n' > "$work/seed.script"
SDL_AUDIODRIVER=dummy "$amorce" --headless --demo --script "$work/seed.script" --data "$work/data" --out "$work/shots" > "$work/seed.txt" 2>&1
check "demo seeding" contains "$work/seed.txt" "1 steps passed"
check "demo has a central key" test -f "$work/data/demo-central/central.key"

"$amorce" keygen > "$work/keygen0.txt" 2>&1
check "keygen without --out: usage error" test $? -eq 2

# --- keygen -------------------------------------------------------------------------------------
"$amorce" keygen --out "$work/central" > "$work/keygen.txt" 2>&1
check "keygen writes central.key" test -f "$work/central/central.key"
check "keygen writes central.pub" test -f "$work/central/central.pub"
check "central.key is 0600" test "$(stat -c %a "$work/central/central.key")" = 600
"$amorce" keygen --out "$work/central" > "$work/keygen2.txt" 2>&1
check "keygen refuses to overwrite (exit 1)" test $? -eq 1
check "keygen says why" contains "$work/keygen2.txt" "already exists (not overwritten)"

# --- export and verify ----------------------------------------------------------------------------
mkdir -p "$work/out"
"$amorce" export --data "$work/data" --user demo --out "$work/out" --key "$work/central/central.pub" \
    > "$work/export.txt" 2> "$work/export.err"
check "export exit 0" test $? -eq 0
bundle=$(head -1 "$work/export.txt")
check "export prints the bundle path" test -f "$bundle"
check "bundle name" bash -c "basename '$bundle' | grep -qE '^amorce-maison-d-arret-de-demonstration-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}\.amorce$'"
check "export shows progress" contains "$work/export.err" "[1/3] audit log"
check "only the bundle in the folder" test "$(ls -A "$work/out" | wc -l)" -eq 1
check "bundle is sealed (no name in clear)" bash -c "! grep -q 'Stéphane' '$bundle'"

"$amorce" verify "$bundle" --key "$work/central/central.key" --out "$work/unpacked" > "$work/verify.txt" 2>&1
check "verify accepts" test $? -eq 0
check "verify summary: 1 session" contains "$work/verify.txt" "1 session(s):"
check "verify summary: the id" contains "$work/verify.txt" "demo000000000003  finalized"
check "verify summary: OK" contains "$work/verify.txt" "OK: every checksum"
check "verify unpacks the manifest" test -f "$work/unpacked/manifest.json"
check "verify unpacks the PDF" bash -c "head -c 5 '$work/unpacked/syntheses/demo000000000003.pdf' | grep -q '%PDF-'"

# Every session document against the committed schema, by ajv (draft 2020-12, formats on).
"$ajv" validate --spec=draft2020 -c ajv-formats -s "$src/assets/schema/session-1.schema.json" \
    -d "$work/unpacked/sessions/*.json" > "$work/ajv.txt" 2>&1
check "ajv: every session document validates" test $? -eq 0
check "ajv saw the document" contains "$work/ajv.txt" "demo000000000003.json valid"
# The three demo sessions as documents (Léa's draft has every tool: photolangage, timeline, boards).
for id in demo000000000001 demo000000000002 demo000000000003; do
  "$amorce" show --data "$work/data" --user demo $id --document > "$work/doc-$id.json"
done
"$ajv" validate --spec=draft2020 -c ajv-formats -s "$src/assets/schema/session-1.schema.json" \
    -d "$work/doc-*.json" > "$work/ajv-docs.txt" 2>&1
check "ajv: the documents of all demo sessions validate" test $? -eq 0
check "ajv saw Léa's document" contains "$work/ajv-docs.txt" "doc-demo000000000001.json valid"
check "Léa's document has her boards" contains "$work/doc-demo000000000001.json" '"interest_code"'
# The validator is not a rubber stamp: a bad ROME code and an unknown field are refused.
python3 - "$work/unpacked/sessions/demo000000000003.json" "$work" <<'PY'
import json, sys
def load(): return json.load(open(sys.argv[1]))
d = load()
jobs = [e for e in d["timeline"] if e["job"]["rome_code"]]
assert jobs, "Stéphane's timeline has a ROME code"
jobs[0]["job"]["rome_code"] = "N11O5"
json.dump(d, open(sys.argv[2] + "/bad-rome.json", "w"), ensure_ascii=False)
d = load(); d["participant"]["nickname"] = "x"
json.dump(d, open(sys.argv[2] + "/bad-field.json", "w"), ensure_ascii=False)
d = load(); d["timeline"][0]["edtf"] = "vers 2015"
json.dump(d, open(sys.argv[2] + "/bad-edtf.json", "w"), ensure_ascii=False)
d = load(); d["schema_version"] = "amorce.session/2"
json.dump(d, open(sys.argv[2] + "/bad-version.json", "w"), ensure_ascii=False)
PY
for bad in rome field edtf version; do
  "$ajv" validate --spec=draft2020 -c ajv-formats -s "$src/assets/schema/session-1.schema.json" \
      -d "$work/bad-$bad.json" > "$work/ajv-bad-$bad.txt" 2>&1
  check "ajv refuses a document with a bad $bad" test $? -ne 0
done

# --- idempotency: nothing new, no second file ------------------------------------------------------
"$amorce" export --data "$work/data" --user demo --out "$work/out" --key "$work/central/central.pub" > "$work/export2.txt" 2>&1
check "second export exit 0" test $? -eq 0
check "second export: nothing to export" contains "$work/export2.txt" "nothing to export"
check "still one bundle" test "$(ls -A "$work/out" | wc -l)" -eq 1
"$amorce" sessions --data "$work/data" --user demo > "$work/sessions.txt"
check "the session is listed exported" contains "$work/sessions.txt" "exported"

# Re-export only by explicit choice; the demo's own key (from the settings) works too.
"$amorce" export --data "$work/data" --user demo --out "$work/out" --again demo000000000003 > "$work/again.txt" 2> "$work/again.err"
check "export --again exit 0" test $? -eq 0
check "export --again says again" contains "$work/again.err" "demo000000000003 (again)"
again=$(head -1 "$work/again.txt")
"$amorce" verify "$again" --key "$work/data/demo-central/central.key" > "$work/verify2.txt" 2>&1
check "the re-export verifies with the demo key" contains "$work/verify2.txt" "demo000000000003  exported"
check "verify without --out unpacks nothing" test ! -e "$work/screenshots"
"$amorce" export --data "$work/data" --user demo --out "$work/out" --again demo000000000001 > "$work/again-draft.txt" 2>&1
check "--again of a draft: exit 1" test $? -eq 1
check "--again of a draft: says so" contains "$work/again-draft.txt" "is not finalized"

# --- bad input ------------------------------------------------------------------------------------------
"$amorce" verify "$bundle" --key "$work/data/demo-central/central.key" > "$work/wrongkey.txt" 2>&1
check "wrong key: exit 1" test $? -eq 1
check "wrong key: says so" contains "$work/wrongkey.txt" "wrong key"
"$amorce" verify "$bundle" --key "$work/central/central.pub" > "$work/pubkey.txt" 2>&1
check "public key given to verify: says so" contains "$work/pubkey.txt" "this is the public key"
head -c 2000 "$bundle" > "$work/cut.amorce"
"$amorce" verify "$work/cut.amorce" --key "$work/central/central.key" > "$work/cut.txt" 2>&1
check "truncated: exit 1" test $? -eq 1
check "truncated: says so" contains "$work/cut.txt" "truncated"
# One byte flipped (xor, so it always changes) in the middle of the file.
python3 -c "
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
d[len(d) // 2] ^= 0x20
open(sys.argv[2], 'wb').write(d)" "$bundle" "$work/tampered.amorce"
"$amorce" verify "$work/tampered.amorce" --key "$work/central/central.key" > "$work/tampered.txt" 2>&1
check "tampered: exit 1" test $? -eq 1
check "tampered: says so" contains "$work/tampered.txt" "fails authentication"
check "tampered: one line" lines "$work/tampered.txt" 1
"$amorce" export --data "$work/data" --user demo --out "$work/missing" > "$work/noout.txt" 2>&1
check "missing output folder: exit 1" test $? -eq 1
check "missing output folder: says so" contains "$work/noout.txt" "does not exist"
"$amorce" export --data "$work/data" --user demo --out "$work/out" --since 2026-13-40 > "$work/since.txt" 2>&1
check "bad --since: usage error" test $? -eq 2
"$amorce" export --data "$work/data" --out "$work/out" > "$work/nouser.txt" 2>&1 < /dev/null
check "encrypted data without --user: refused" contains "$work/nouser.txt" "give --user ID"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
