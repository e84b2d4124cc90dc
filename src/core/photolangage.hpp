// Photolangage: rounds of "choose a photo and say why". Plain data; every change goes through a
// command (commands.hpp: AddRound, RemoveRound, SetRoundPrompt, SetSlotCount, SetSlot,
// SetChoiceWords, SetChoiceThemes). No UI and no deck loading here: a choice names a card by
// deck id + card id, the deck itself lives in src/deck.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace amorce::core {

struct Session;

// One photo chosen by the person, with their own words (recorded by the counsellor, quoted in
// the synthesis; may be empty) and optional themes.
struct PhotoChoice {
    std::string deck_id;
    std::string card_id;
    std::string words;
    std::vector<std::string> themes;

    bool operator==(const PhotoChoice& o) const {
        return deck_id == o.deck_id && card_id == o.card_id && words == o.words && themes == o.themes;
    }
    bool operator!=(const PhotoChoice& o) const { return !(*this == o); }
};

inline constexpr int kMinSlots = 1;
inline constexpr int kMaxSlots = 3;

// One question and the 1..3 photos chosen for it. The same card may be chosen in several rounds.
struct PhotoRound {
    std::string id;                 // unique within the session
    std::string prompt_key;         // catalogue key ("prompt.parcours"), empty when typed
    std::string prompt_text;        // the text shown (catalogue text, or typed by the counsellor)
    int slot_count = 1;             // kMinSlots..kMaxSlots
    std::vector<std::optional<PhotoChoice>> slots = std::vector<std::optional<PhotoChoice>>(1);
    std::int64_t started_at = 0;    // unix seconds

    bool operator==(const PhotoRound& o) const {
        return id == o.id && prompt_key == o.prompt_key && prompt_text == o.prompt_text &&
               slot_count == o.slot_count && slots == o.slots && started_at == o.started_at;
    }
    bool operator!=(const PhotoRound& o) const { return !(*this == o); }
};

// A new round with a random id, `slot_count` (clamped to 1..3) empty slots, started at `now`.
PhotoRound new_round(std::string prompt_key, std::string prompt_text, int slot_count, std::int64_t now);

// Lookup by id; nullptr / -1 when absent.
const PhotoRound* find_round(const Session& s, const std::string& round_id);
PhotoRound* find_round(Session& s, const std::string& round_id);
int round_index(const Session& s, const std::string& round_id);

// Every choice of every round, in round order then slot order (for the synthesis).
std::vector<const PhotoChoice*> all_choices(const Session& s);

// [SECTION] Prompt catalogue (assets/photolangage/prompts.tsv, prompts.en.tsv)
// One prompt per line: `key<TAB>text`; empty lines and lines starting with '#' are skipped.
struct Prompt {
    std::string key;   // "prompt.parcours"
    std::string text;  // « Choisissez une photo qui représente votre parcours. »
};

// The prompts in file order (the order the counsellor sees them). On a missing file, a line
// without a tab, an empty key or text, or a duplicate key: nullopt, and `*error` names the file
// and line ("prompts.tsv:4: expected key<TAB>text").
std::optional<std::vector<Prompt>> load_prompts(const std::string& path, std::string* error = nullptr);
const Prompt* find_prompt(const std::vector<Prompt>& prompts, const std::string& key);

} // namespace amorce::core
