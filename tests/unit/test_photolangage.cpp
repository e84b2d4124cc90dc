// Unit tests for the photolangage model (src/core/photolangage.*): rounds, slots, the person's
// words and themes, every command and its inverse, undo/redo, serialization and the prompt catalogue.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "core/commands.hpp"
#include "core/photolangage.hpp"
#include "core/serialize.hpp"
#include "core/session.hpp"

#include "../data/golden_v1.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace amorce::core;
namespace fs = std::filesystem;

namespace {

PhotoChoice choice(const std::string& card, const std::string& words = {},
                   std::vector<std::string> themes = {}) {
    return PhotoChoice{"regards", card, words, std::move(themes)};
}

PhotoRound round_of(const std::string& id, int slots) {
    PhotoRound r;
    r.id = id;
    r.prompt_key = "prompt.parcours";
    r.prompt_text = "Choisissez une photo qui représente votre parcours.";
    r.slot_count = slots;
    r.slots.assign(static_cast<size_t>(slots), std::nullopt);
    r.started_at = 1795000100;
    return r;
}

// A session with two rounds, French words, an empty slot and themes.
Session photo_session() {
    Session s;
    s.id = "00000000000000bb";
    s.participant.last_name = "Lefèvre";
    s.participant.first_name = "Zoé";
    s.created_at = 1795000000;
    s.notes = "début";
    PhotoRound a = round_of("r1", 2);
    a.slots[0] = choice("regards-07", "« C’est la route : on ne sait jamais où elle mène. »", {"parcours", "mobilité"});
    a.slots[1] = choice("regards-12", "Cœur à l’ouvrage, ma sœur… 🙂");
    PhotoRound b = round_of("r2", 3);
    b.prompt_key.clear();
    b.prompt_text = "Qu’est-ce qui vous aide, ici ?";
    b.slots[0] = choice("regards-07", "", {"projet"}); // same card as in round 1
    b.slots[2] = choice("regards-40", "Être cheffe ; ouvrir un restaurant !", {"travail", "famille"});
    s.photolangage = {a, b};
    return s;
}

// Applies `c` to a copy of `s`, then its inverse: the copy must be `s` again. Returns the changed state.
Session apply_and_revert(const Session& s, const CommandData& c) {
    Session work = s;
    const Command inverse = Command{c, "c1"}.apply(work, 1795001000);
    const Session changed = work;
    inverse.apply(work, 1795002000);
    CHECK(work == s);
    return changed;
}

struct Fixture {
    std::int64_t now = 1795000000;
    std::vector<Session> seen;
    SessionEditor editor;

    Fixture() : editor(photo_session(), [this](const Session& s) { seen.push_back(s); }) {
        editor.clock = [this] { return now; };
    }
    void run(CommandData d) { editor.execute(Command{std::move(d), "c1"}); }
    const PhotoRound& round(size_t i) const { return editor.session().photolangage.at(i); }
};

// Revision aside, two sessions hold the same data.
bool same_content(Session a, const Session& b) {
    a.revision = b.revision;
    return a == b;
}

struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& content) {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/amorce-prompts-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        const int fd = mkstemp(buf.data());
        REQUIRE(fd >= 0);
        path = buf.data();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
    }
    ~TempFile() {
        std::error_code ec;
        fs::remove(path, ec);
    }
};

} // namespace

// [SECTION] Model helpers

TEST_CASE("photolangage: new_round clamps the slot count and leaves every slot empty") {
    const PhotoRound r = new_round("prompt.aide", "Choisissez une photo qui représente ce qui vous aide.", 5, 1795000000);
    CHECK(r.id.size() == 16);
    CHECK(r.slot_count == 3);
    REQUIRE(r.slots.size() == 3);
    for (const auto& slot : r.slots) CHECK_FALSE(slot.has_value());
    CHECK(r.started_at == 1795000000);
    CHECK(new_round("", "x", 0, 1).slot_count == 1);
    CHECK(new_round("", "x", 0, 1).slots.size() == 1);
    CHECK(new_round("", "x", 2, 1).id != r.id);
    const PhotoRound def;
    CHECK(def.slots.size() == static_cast<size_t>(def.slot_count));
}

TEST_CASE("photolangage: all_choices lists every choice in round and slot order") {
    const Session s = photo_session();
    const auto all = all_choices(s);
    REQUIRE(all.size() == 4);
    CHECK(all[0]->card_id == "regards-07");
    CHECK(all[1]->card_id == "regards-12");
    CHECK(all[2]->card_id == "regards-07"); // the same card chosen again in round 2
    CHECK(all[3]->card_id == "regards-40");
    CHECK(all[3]->themes == std::vector<std::string>{"travail", "famille"});
    CHECK(all_choices(Session{}).empty());
    CHECK(find_round(s, "r2") == &s.photolangage[1]);
    CHECK(find_round(s, "nope") == nullptr);
    CHECK(round_index(s, "r1") == 0);
    CHECK(round_index(s, "") == -1);
}

TEST_CASE("photolangage: session equality sees the rounds") {
    const Session s = photo_session();
    Session t = s;
    CHECK(t == s);
    t.photolangage[1].slots[2]->themes.push_back("santé");
    CHECK(t != s);
    t = s;
    t.photolangage[0].slots[1].reset();
    CHECK(t != s);
    t = s;
    t.photolangage.pop_back();
    CHECK(t != s);
}

// [SECTION] Each command and its exact inverse

TEST_CASE("photolangage: AddRound appends or inserts, and its inverse removes it") {
    const Session s = photo_session();
    Session changed = apply_and_revert(s, AddRound{round_of("r3", 1)});
    REQUIRE(changed.photolangage.size() == 3);
    CHECK(changed.photolangage[2].id == "r3");
    changed = apply_and_revert(s, AddRound{round_of("r0", 2), 0});
    REQUIRE(changed.photolangage.size() == 3);
    CHECK(changed.photolangage[0].id == "r0");
    changed = apply_and_revert(s, AddRound{round_of("r9", 1), 99}); // out of range: at the end
    CHECK(changed.photolangage[2].id == "r9");

    // A bad slot layout is normalized on the way in.
    PhotoRound odd = round_of("r4", 1);
    odd.slot_count = 7;
    changed = apply_and_revert(s, AddRound{odd});
    CHECK(changed.photolangage[2].slot_count == 3);
    CHECK(changed.photolangage[2].slots.size() == 3);

    Session w = s;
    const Command inv = Command{AddRound{round_of("r3", 1)}, "c1"}.apply(w, 1);
    REQUIRE(std::holds_alternative<RemoveRound>(inv.data));
    CHECK(std::get<RemoveRound>(inv.data).round_id == "r3");
}

TEST_CASE("photolangage: RemoveRound is undone at the same index with its choices") {
    const Session s = photo_session();
    Session changed = apply_and_revert(s, RemoveRound{"r1"});
    REQUIRE(changed.photolangage.size() == 1);
    CHECK(changed.photolangage[0].id == "r2");
    changed = apply_and_revert(s, RemoveRound{"r2"});
    REQUIRE(changed.photolangage.size() == 1);
    CHECK(changed.photolangage[0].id == "r1");

    Session w = s;
    const Command inv = Command{RemoveRound{"r1"}, "c1"}.apply(w, 1);
    REQUIRE(std::holds_alternative<AddRound>(inv.data));
    CHECK(std::get<AddRound>(inv.data).index == 0);
    CHECK(std::get<AddRound>(inv.data).round == s.photolangage[0]);
}

TEST_CASE("photolangage: SetRoundPrompt switches between a catalogue prompt and a typed one") {
    const Session s = photo_session();
    Session changed = apply_and_revert(s, SetRoundPrompt{"r1", "", "Une photo pour « demain » ?"});
    CHECK(changed.photolangage[0].prompt_key.empty());
    CHECK(changed.photolangage[0].prompt_text == "Une photo pour « demain » ?");
    changed = apply_and_revert(s, SetRoundPrompt{"r2", "prompt.aide", "Choisissez une photo qui représente ce qui vous aide."});
    CHECK(changed.photolangage[1].prompt_key == "prompt.aide");
    CHECK(changed.photolangage[0] == s.photolangage[0]);
}

TEST_CASE("photolangage: SetSlotCount shrinking keeps the removed choices in its inverse") {
    const Session s = photo_session();
    Session changed = apply_and_revert(s, SetSlotCount{"r2", 1, {}});
    CHECK(changed.photolangage[1].slot_count == 1);
    REQUIRE(changed.photolangage[1].slots.size() == 1);
    CHECK(changed.photolangage[1].slots[0] == s.photolangage[1].slots[0]);

    Session w = s;
    const Command inv = Command{SetSlotCount{"r2", 1, {}}, "c1"}.apply(w, 1);
    REQUIRE(std::holds_alternative<SetSlotCount>(inv.data));
    const auto& back = std::get<SetSlotCount>(inv.data);
    CHECK(back.count == 3);
    REQUIRE(back.added.size() == 2);
    CHECK_FALSE(back.added[0].has_value());
    CHECK(back.added[1]->card_id == "regards-40");

    // Growing adds empty slots; its inverse shrinks back.
    changed = apply_and_revert(s, SetSlotCount{"r1", 3, {}});
    CHECK(changed.photolangage[0].slot_count == 3);
    REQUIRE(changed.photolangage[0].slots.size() == 3);
    CHECK_FALSE(changed.photolangage[0].slots[2].has_value());
    CHECK(changed.photolangage[0].slots[0] == s.photolangage[0].slots[0]);
}

TEST_CASE("photolangage: SetSlot places, replaces and clears a choice") {
    const Session s = photo_session();
    Session changed = apply_and_revert(s, SetSlot{"r2", 1, choice("regards-03")});
    CHECK(changed.photolangage[1].slots[1]->card_id == "regards-03");
    changed = apply_and_revert(s, SetSlot{"r1", 0, choice("regards-05", "autre")});
    CHECK(changed.photolangage[0].slots[0]->words == "autre");
    changed = apply_and_revert(s, SetSlot{"r1", 1, std::nullopt});
    CHECK_FALSE(changed.photolangage[0].slots[1].has_value());
    CHECK(all_choices(changed).size() == 3);
    // The same card in two rounds.
    changed = apply_and_revert(s, SetSlot{"r2", 1, choice("regards-12")});
    CHECK(changed.photolangage[0].slots[1]->card_id == changed.photolangage[1].slots[1]->card_id);
}

TEST_CASE("photolangage: SetChoiceWords and SetChoiceThemes edit one choice and revert exactly") {
    const Session s = photo_session();
    Session changed = apply_and_revert(s, SetChoiceWords{"r1", 1, "« J’ai envie d’y croire », dit-il."});
    CHECK(changed.photolangage[0].slots[1]->words == "« J’ai envie d’y croire », dit-il.");
    CHECK(changed.photolangage[0].slots[1]->card_id == "regards-12");
    changed = apply_and_revert(s, SetChoiceWords{"r1", 0, ""});
    CHECK(changed.photolangage[0].slots[0]->words.empty());
    changed = apply_and_revert(s, SetChoiceThemes{"r2", 2, {"logement"}});
    CHECK(changed.photolangage[1].slots[2]->themes == std::vector<std::string>{"logement"});
    changed = apply_and_revert(s, SetChoiceThemes{"r1", 0, {}});
    CHECK(changed.photolangage[0].slots[0]->themes.empty());
}

TEST_CASE("photolangage: unknown round ids and slots out of range change nothing, nor do their inverses") {
    const Session s = photo_session();
    const std::vector<CommandData> bad = {
        AddRound{round_of("r1", 1)},             // id already used
        AddRound{round_of("", 1)},               // no id
        RemoveRound{"nope"},
        SetRoundPrompt{"nope", "prompt.aide", "x"},
        SetSlotCount{"nope", 2, {}},
        SetSlotCount{"r1", 0, {}},
        SetSlotCount{"r1", 4, {}},
        SetSlotCount{"r1", 2, {}},               // already 2
        SetSlot{"nope", 0, choice("x")},
        SetSlot{"r1", 2, choice("x")},
        SetSlot{"r1", -1, std::nullopt},
        SetChoiceWords{"r1", 5, "x"},
        SetChoiceWords{"r2", 1, "x"},            // empty slot: no choice to describe
        SetChoiceWords{"nope", 0, "x"},
        SetChoiceThemes{"r2", 1, {"x"}},
        SetChoiceThemes{"r2", -3, {"x"}},
        NoChange{},
    };
    for (size_t i = 0; i < bad.size(); ++i) {
        CAPTURE(i);
        Session w = s;
        const Command inv = Command{bad[i], "c1"}.apply(w, 1);
        CHECK(w == s);
        CHECK(std::holds_alternative<NoChange>(inv.data));
        inv.apply(w, 2);
        CHECK(w == s);
    }

    // The editor records no undo step and saves nothing for them.
    Fixture f;
    for (const auto& c : bad) f.run(c);
    CHECK_FALSE(f.editor.can_undo());
    CHECK(f.seen.empty());
    CHECK(f.editor.session() == photo_session());
}

// [SECTION] Undo/redo through SessionEditor

TEST_CASE("photolangage: a whole round is undone and redone step by step") {
    Fixture f;
    const Session start = f.editor.session();
    f.run(AddRound{round_of("r3", 2)});
    f.now += 10;
    f.run(SetSlot{"r3", 0, choice("regards-21")});
    f.now += 10;
    f.run(SetChoiceWords{"r3", 0, "La porte s’ouvre."});
    f.now += 10;
    f.run(SetChoiceThemes{"r3", 0, {"sortie"}});
    f.now += 10;
    f.run(SetSlotCount{"r3", 1, {}});
    f.now += 10;
    f.run(SetRoundPrompt{"r3", "prompt.sortie", "Choisissez une photo qui représente votre sortie de détention."});
    f.now += 10;
    f.run(RemoveRound{"r1"});
    const Session end = f.editor.session();
    REQUIRE(end.photolangage.size() == 2);
    CHECK(end.photolangage[1].slots[0]->words == "La porte s’ouvre.");
    CHECK(f.editor.undo_label_key() == std::string("cmd.photo_remove_round"));
    CHECK(f.seen.size() == 7);

    int undone = 0;
    while (f.editor.undo()) ++undone;
    CHECK(undone == 7);
    CHECK(same_content(f.editor.session(), start));
    CHECK(f.editor.redo_label_key() == std::string("cmd.photo_add_round"));
    while (f.editor.redo()) {}
    CHECK(same_content(f.editor.session(), end));
    CHECK(f.editor.session().revision == 21); // 7 changes, 7 undos, 7 redos
}

TEST_CASE("photolangage: every command has a cmd.photo_ label key") {
    const std::vector<CommandData> all = {AddRound{}, RemoveRound{}, SetRoundPrompt{}, SetSlotCount{},
                                          SetSlot{}, SetChoiceWords{}, SetChoiceThemes{}};
    std::set<std::string> keys;
    for (const auto& c : all) {
        const std::string k = Command{c, "c1"}.label_key();
        CHECK(k.rfind("cmd.photo_", 0) == 0);
        keys.insert(k);
    }
    CHECK(keys.size() == all.size());
}

TEST_CASE("photolangage: words typed within 3 seconds on the same choice are one undo step") {
    Fixture f;
    f.now = 1000;
    f.run(SetChoiceWords{"r1", 1, "L"});
    f.now = 1001;
    f.run(SetChoiceWords{"r1", 1, "La"});
    f.now = 1004;
    f.run(SetChoiceWords{"r1", 1, "La r"});
    f.now = 1007;
    f.run(SetChoiceWords{"r1", 1, "La route"});
    CHECK(f.round(0).slots[1]->words == "La route");
    REQUIRE(f.editor.undo());
    CHECK(f.round(0).slots[1]->words == "Cœur à l’ouvrage, ma sœur… 🙂");
    CHECK_FALSE(f.editor.can_undo());
    REQUIRE(f.editor.redo());
    CHECK(f.round(0).slots[1]->words == "La route");
    CHECK_FALSE(f.editor.can_redo());
    CHECK(f.seen.size() == 6); // every keystroke is still saved
}

TEST_CASE("photolangage: words on another choice, after a pause or after notes are separate undo steps") {
    Fixture f;
    f.now = 1000;
    f.run(SetChoiceWords{"r1", 1, "un"});
    f.now = 1001;
    f.run(SetChoiceWords{"r1", 0, "deux"});     // other slot
    f.now = 1002;
    f.run(SetChoiceWords{"r2", 0, "trois"});    // other round
    f.now = 1003;
    f.run(SetNotes{"notes"});                   // notes do not merge into words
    f.now = 1004;
    f.run(SetChoiceWords{"r2", 0, "quatre"});   // words do not merge into notes
    f.now = 1010;
    f.run(SetChoiceWords{"r2", 0, "cinq"});     // after a pause
    int steps = 0;
    while (f.editor.undo()) ++steps;
    CHECK(steps == 6);
    CHECK(same_content(f.editor.session(), photo_session()));
}

// [SECTION] Serialization

TEST_CASE("photolangage: binary and JSON round-trips keep rounds, empty slots and french words") {
    const Session s = photo_session();
    const std::string bytes = encode_binary(s);
    const Session back = decode_binary(bytes);
    CHECK(back == s);
    CHECK(encode_binary(back) == bytes);
    CHECK(back.photolangage[1].slots[0]->card_id == "regards-07");
    CHECK_FALSE(back.photolangage[1].slots[1].has_value());

    const std::string json = to_json(s);
    CHECK(json.find("\"photolangage\"") != std::string::npos);
    CHECK(json.find("Cœur à l’ouvrage") != std::string::npos);
    const Session from_json = session_from_json(json);
    CHECK(from_json == s);
    CHECK(to_json(from_json) == json);
}

TEST_CASE("photolangage: a v1 binary payload decodes with no rounds") {
    // Encoded by hand: Session class version 1 and the v1 field list, nothing after `revision`.
    // Portable binary: 1 byte endianness flag, then for the first use of each class its version (u32).
    std::string v1;
    const auto u8 = [&](std::uint8_t b) { v1.push_back(static_cast<char>(b)); };
    const auto u32 = [&](std::uint32_t v) { for (int i = 0; i < 4; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i))); };
    const auto u64 = [&](std::uint64_t v) { for (int i = 0; i < 8; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i))); };
    const auto str = [&](const std::string& s) { u64(s.size()); v1 += s; };
    u8(1);             // little endian
    u32(1);            // Session version 1
    str("a1b2c3d4e5f60718");
    u32(1);            // Participant version 1
    str("Lefèvre");
    str("Zoé");
    u32(1);            // Date version 1
    u32(1990); u32(5); u32(17); // year, month, day (int32 each)
    str("2025-00417");
    str("Maison d’arrêt de Fresnes");
    u8(1);             // legal_status (uint8 enum)
    u32(2025); u32(3); u32(7);  // entry date (Date version already sent)
    u64(1); str("fr"); // languages
    str("c-001");
    str("Émile Lœwy");
    u64(1741608000); u64(1741611900); u64(1741615800); // created/started/ended
    u8(1);             // consent
    u64(1741611960);
    str("« notes »");
    u8(1);             // status finalized
    u64(1);            // one history entry
    u32(1);            // HistoryEntry version 1
    u64(1741608000); str("c-001"); str("created"); str("");
    u64(37);           // revision
    const Session s = decode_binary(v1);
    CHECK(s.id == "a1b2c3d4e5f60718");
    CHECK(s.participant.establishment == "Maison d’arrêt de Fresnes");
    CHECK(s.participant.entry_date == Date{2025, 3, 7});
    CHECK(s.counsellor_name == "Émile Lœwy");
    CHECK(s.status == SessionStatus::Finalized);
    REQUIRE(s.history.size() == 1);
    CHECK(s.history[0].what == "created");
    CHECK(s.revision == 37);
    CHECK(s.photolangage.empty());

    // Re-encoded, it is a current payload: the same session plus an empty round list (v2) and an
    // empty timeline (v3: Timeline class version u32 + episode count u64), no boards (v4: u64) and
    // an empty synthesis (v5: Synthesis class version u32, no sections, no recommendations, no stamp: 36 bytes).
    CHECK(decode_binary(encode_binary(s)) == s);
    CHECK(encode_binary(s).size() == v1.size() + 8 + 12 + 8 + 36);
}

TEST_CASE("photolangage: v1 JSON without rounds decodes with no rounds") {
    std::string json = to_json(golden_v1::sessions()[0]);
    // Turn today's JSON into what v1 wrote: Session version 1 (today 5), no "photolangage" member
    // (the "timeline", "boards" and "synthesis" members left behind are not read for a version 1 session).
    const size_t ver = json.find("\"cereal_class_version\": 5");
    REQUIRE(ver != std::string::npos);
    json.replace(ver, 25, "\"cereal_class_version\": 1");
    const size_t name = json.find("\"photolangage\"");
    REQUIRE(name != std::string::npos);
    const size_t member = json.rfind(',', name);
    REQUIRE(member != std::string::npos);
    const size_t end = json.find(']', member);
    REQUIRE(end != std::string::npos);
    json.erase(member, end + 1 - member);
    CHECK(json.find("photolangage") == std::string::npos);
    const Session s = session_from_json(json);
    CHECK(s == golden_v1::sessions()[0]);
    CHECK(s.photolangage.empty());
}

TEST_CASE("photolangage: damaged payloads with rounds throw DecodeError or load sane rounds") {
    const std::string bytes = encode_binary(photo_session());
    for (size_t n = 0; n < bytes.size(); ++n) {
        CAPTURE(n);
        CHECK_THROWS_AS(decode_binary(bytes.substr(0, n)), DecodeError);
    }
    std::mt19937 rng(3);
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string bad = bytes;
        bad[i] = static_cast<char>(bad[i] ^ static_cast<char>(1 + rng() % 255));
        try {
            const Session s = decode_binary(bad);
            for (const auto& r : s.photolangage) {
                CHECK(r.slot_count >= kMinSlots);
                CHECK(r.slot_count <= kMaxSlots);
                CHECK(r.slots.size() == static_cast<size_t>(r.slot_count));
            }
        } catch (const DecodeError&) {
        }
    }
    // A huge count (the last 8 bytes of a session without rounds before its empty synthesis, 36
    // bytes since v5) must not allocate it.
    std::string huge = encode_binary(Session{});
    const size_t end = huge.size() - 36;
    for (size_t i = end - 8; i < end; ++i) huge[i] = '\xff';
    CHECK_THROWS_AS(decode_binary(huge), DecodeError);
    huge[end - 1] = '\0';
    huge[end - 2] = '\0';
    CHECK_THROWS_AS(decode_binary(huge), DecodeError);
}

// [SECTION] Prompt catalogue

TEST_CASE("photolangage: the shipped French and English prompt catalogues load with the same keys") {
    std::string error;
    const auto fr = load_prompts(std::string(AMORCE_SOURCE_DIR) + "/assets/photolangage/prompts.tsv", &error);
    REQUIRE_MESSAGE(fr, error);
    const auto en = load_prompts(std::string(AMORCE_SOURCE_DIR) + "/assets/photolangage/prompts.en.tsv", &error);
    REQUIRE_MESSAGE(en, error);
    CHECK(fr->size() >= 8);
    REQUIRE(fr->size() == en->size());
    for (size_t i = 0; i < fr->size(); ++i) CHECK((*fr)[i].key == (*en)[i].key);
    for (const char* key : {"prompt.parcours", "prompt.demain", "prompt.aide", "prompt.difficulte",
                            "prompt.travail", "prompt.fierte"})
        CHECK_MESSAGE(find_prompt(*fr, key) != nullptr, key);
    REQUIRE(find_prompt(*fr, "prompt.parcours"));
    CHECK(find_prompt(*fr, "prompt.parcours")->text == "Choisissez une photo qui représente votre parcours.");
    CHECK(find_prompt(*fr, "prompt.demain")->text == "Choisissez une photo qui représente ce que vous aimeriez faire demain.");
    CHECK(find_prompt(*fr, "prompt.nope") == nullptr);
    // French typography, as in the UI catalogue.
    for (const auto& p : *fr) {
        for (const char* bad : {" :", " ?", " !", " ;", " »", "« ", "'"})
            CHECK_MESSAGE(p.text.find(bad) == std::string::npos, p.key << " contains '" << bad << "'");
    }
}

TEST_CASE("photolangage: prompt catalogue skips comments and blank lines and keeps file order") {
    TempFile f("# comment\n\nprompt.b\tDeuxième\r\nprompt.a\tPremière « ici »\n");
    std::string error;
    const auto p = load_prompts(f.path.string(), &error);
    REQUIRE_MESSAGE(p, error);
    REQUIRE(p->size() == 2);
    CHECK((*p)[0].key == "prompt.b");
    CHECK((*p)[0].text == "Deuxième");
    CHECK((*p)[1].text == "Première « ici »");
}

TEST_CASE("photolangage: a malformed prompt line is reported with file and line number") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"prompt.a\tUn\nprompt.b sans tabulation\n", ":2: expected key<TAB>text"},
        {"\tsans clé\n", ":1: empty key"},
        {"prompt.a\t\n", ":1: empty text"},
        {"prompt.a\tUn\n# x\nprompt.a\tDeux\n", ":3: duplicate key 'prompt.a'"},
        {"prompt.a\tUn\tDeux\n", ":1: more than one tab"},
        {"prompt a\tUn\n", ":1: space in key"},
    };
    for (const auto& [content, message] : cases) {
        CAPTURE(content);
        TempFile f(content);
        std::string error;
        CHECK_FALSE(load_prompts(f.path.string(), &error).has_value());
        CHECK(error.find(f.path.string() + message) == 0);
    }
    CHECK_FALSE(load_prompts("/dev/null/nope.tsv").has_value()); // no error pointer: fine too
}

TEST_CASE("photolangage: a missing prompt catalogue is a clear error") {
    std::string error;
    CHECK_FALSE(load_prompts("/nonexistent/prompts.tsv", &error).has_value());
    CHECK(error == "cannot read prompt catalogue /nonexistent/prompts.tsv");
}
