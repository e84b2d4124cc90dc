// The synthesis (issue 6): seven sections drafted in French from what the tools captured and then
// edited by the counsellor, the recommendations (« préconisations ») chosen from a catalogue, and
// the finalize / reopen rules. Plain data and pure functions, no UI. Every change to a session's
// synthesis goes through a command (commands.hpp: SetSectionText, ApplyDraft, AddRecommendation,
// UpdateRecommendation, RemoveRecommendation, Finalize, Reopen).
//
// Table of contents
//   [SECTION] Sections
//   [SECTION] Recommendations and their catalogue (assets/synthesis/preconisations.tsv)
//   [SECTION] Phrases (assets/synthesis/phrases.fr.tsv)
//   [SECTION] Drafting
//   [SECTION] Re-drafting without losing the counsellor's text
//   [SECTION] Suggested recommendations
//   [SECTION] Finalizing
//   [SECTION] Text helpers
//
// How the UI uses it
//   assets = load_synthesis_assets(AMORCE_ASSETS_DIR)            once, at start
//   plan   = redraft(s.synthesis, draft_synthesis(s, *assets))   « Rédiger » / « Mettre à jour »
//   if plan.would_overwrite is not empty: ask, then
//     plan = redraft(s.synthesis, draft, plan.would_overwrite)    (the counsellor said « Remplacer »)
//   execute(ApplyDraft{plan.changes})                             (nothing to do when empty)
//   suggest_recommendations(s, *assets)                           chips the counsellor may add
//   check_finalize(s)                                             empty: « Finaliser » may be pressed
#pragma once

#include "core/boards.hpp"
#include "core/date.hpp"
#include "core/timeline.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace amorce::core {

struct Session;

// [SECTION] Sections ---------------------------------------------------------------------------

// Fixed ids, in the order of the document. Stored by their keys (section_key), never by number.
enum class SectionId : std::uint8_t {
    ParcoursFormation = 0, // « Parcours scolaire et formation »
    ParcoursPro = 1,       // « Parcours professionnel »
    Competences = 2,       // « Compétences et connaissances »
    Projets = 3,           // « Projets »
    Freins = 4,            // « Freins »
    Paroles = 5,           // « Paroles de la personne » (photolangage quotes)
    Preconisations = 6,    // « Préconisations »: the free text that goes with the recommendation list
};
inline constexpr int kSectionCount = 7;
inline constexpr std::array<SectionId, kSectionCount> kSections = {
    SectionId::ParcoursFormation, SectionId::ParcoursPro, SectionId::Competences, SectionId::Projets,
    SectionId::Freins,            SectionId::Paroles,     SectionId::Preconisations};
// Sections that must not be blank to finalize.
inline constexpr std::array<SectionId, 4> kRequiredSections = {SectionId::ParcoursFormation, SectionId::ParcoursPro,
                                                               SectionId::Projets, SectionId::Freins};

// "parcours_formation", "parcours_pro", "competences", "projets", "freins", "paroles", "preconisations".
// The French titles are the phrases "section.<key>".
const char* section_key(SectionId id);
std::optional<SectionId> section_from_key(const std::string& key);

struct SynthesisSection {
    std::string text;    // what is shown, printed and exported; the counsellor edits it
    std::string drafted; // the last text Amorce drafted for this section ("" = never drafted)

    // The counsellor's text differs from the last draft (typed, changed or cleared): re-drafting
    // must ask before replacing it. Typing the draft back exactly counts as not edited.
    bool edited() const { return text != drafted; }

    bool operator==(const SynthesisSection& o) const { return text == o.text && drafted == o.drafted; }
    bool operator!=(const SynthesisSection& o) const { return !(*this == o); }
};

// [SECTION] Recommendations and their catalogue ------------------------------------------------

enum class Priority : std::uint8_t { High = 0, Medium = 1, Low = 2 }; // haute, moyenne, basse
inline constexpr std::array<Priority, 3> kPriorities = {Priority::High, Priority::Medium, Priority::Low};
const char* priority_key(Priority p); // "high", "medium", "low" (stored); words: phrases "priority.<key>"
std::optional<Priority> priority_from_key(const std::string& key);

// One chosen recommendation.
struct Recommendation {
    std::string key;      // catalogue key ("logement"); unique within the synthesis
    std::string label;    // French label when it was chosen (the session stays readable if the catalogue changes)
    Priority priority = Priority::Medium;
    std::string text;     // the counsellor's free text (may be empty)

    bool operator==(const Recommendation& o) const {
        return key == o.key && label == o.label && priority == o.priority && text == o.text;
    }
    bool operator!=(const Recommendation& o) const { return !(*this == o); }
};
inline constexpr size_t kMaxRecommendations = 50;

// The session's synthesis (Session::synthesis, cereal Session version 5).
struct Synthesis {
    std::array<SynthesisSection, kSectionCount> sections; // in kSections order
    std::vector<Recommendation> recommendations;           // in the order they were added
    std::string finalized_by;        // counsellor id; set while the session is finalized (or exported)
    std::int64_t finalized_at = 0;   // unix seconds; 0 when not finalized

    SynthesisSection& section(SectionId id) { return sections[static_cast<size_t>(id)]; }
    const SynthesisSection& section(SectionId id) const { return sections[static_cast<size_t>(id)]; }
    const Recommendation* find_recommendation(const std::string& key) const;
    int recommendation_index(const std::string& key) const; // -1 when absent
    bool empty() const; // nothing written, drafted or chosen

    bool operator==(const Synthesis& o) const {
        return sections == o.sections && recommendations == o.recommendations && finalized_by == o.finalized_by &&
               finalized_at == o.finalized_at;
    }
    bool operator!=(const Synthesis& o) const { return !(*this == o); }
};

// Restores what the commands rely on, for data from storage: recommendations with an empty key or
// a key already seen are dropped; texts keep their content.
void normalize_synthesis(Synthesis& s);

// One entry of assets/synthesis/preconisations.tsv: `key<TAB>label[<TAB>condition[<TAB>hint]]`.
// The only condition understood is "age<N": the recommendation suits people under N at the
// interview (Mission locale: "age<26"); `hint` is how the UI says it (« moins de 26 ans »).
struct RecommendationType {
    std::string key;        // "mission_locale": lower-case letters, digits and '_'
    std::string label;      // « Mission locale »
    std::string condition;  // "" or "age<26"
    std::string hint;       // « moins de 26 ans » (may be empty)
    int max_age = 0;        // N of "age<N"; 0 = no age condition

    bool operator==(const RecommendationType& o) const {
        return key == o.key && label == o.label && condition == o.condition && hint == o.hint && max_age == o.max_age;
    }
};

// Entries in file order (the order the counsellor sees them). Empty lines and lines starting with
// '#' are skipped. On a missing file, a bad key, an empty label, an unknown condition, more than
// four fields or a duplicate key: nullopt, and `*error` names the file and line.
std::optional<std::vector<RecommendationType>> load_recommendation_catalogue(const std::string& path,
                                                                             std::string* error = nullptr);
const RecommendationType* find_recommendation_type(const std::vector<RecommendationType>& catalogue,
                                                   const std::string& key);
// The person's age at the interview, when the birth date is known.
std::optional<int> age_at_interview(const Session& s);
// No condition, or it holds (an unknown age never rules a recommendation out).
bool condition_holds(const RecommendationType& t, const Session& s);
// A recommendation of this type, ready for AddRecommendation.
Recommendation make_recommendation(const RecommendationType& t, Priority priority = Priority::Medium,
                                   std::string text = {});

// [SECTION] Phrases ----------------------------------------------------------------------------
// The sentence templates of the draft, `key<TAB>text` with {0}, {1}... placeholders, one language
// per file (phrases.fr.tsv; an English file can follow with the same keys). Also the section
// titles (section.<key>), the priorities (priority.<key>), month names, third-person forms of the
// board cards (card.<card id>: « Mon logement » -> « le logement »), scale names (scale.<id>) and,
// when the catalogue label in lower case does not fit a sentence, preconisation.<key>.
class Phrases {
public:
    bool has(const std::string& key) const { return map_.count(key) != 0; }
    // The text; a missing key gives "[key]", visible in the draft rather than silently empty.
    std::string get(const std::string& key) const;
    // get(key) with {0}, {1}... replaced by args (a placeholder without argument stays as is).
    std::string format(const std::string& key, const std::vector<std::string>& args) const;
    void set(const std::string& key, std::string text) { map_[key] = std::move(text); }
    std::vector<std::string> keys() const;

private:
    std::map<std::string, std::string> map_;
};

// On a missing file, a line without a tab, an empty key or text, a space in a key, or a duplicate
// key: nullopt, and `*error` names the file and line ("phrases.fr.tsv:12: duplicate key 'quote'").
std::optional<Phrases> load_phrases(const std::string& path, std::string* error = nullptr);
// Keys the drafting always uses (card.* and scale.* forms are optional: a card without one is quoted).
const std::vector<std::string>& required_phrase_keys();
std::vector<std::string> missing_phrase_keys(const Phrases& p);

// Both data files of the synthesis: <assets_dir>/synthesis/phrases.fr.tsv and preconisations.tsv.
struct SynthesisAssets {
    Phrases phrases;
    std::vector<RecommendationType> catalogue;
};
// Also fails (with the missing keys in `*error`) when the phrases lack a required key.
std::optional<SynthesisAssets> load_synthesis_assets(const std::string& assets_dir, std::string* error = nullptr);

// [SECTION] Drafting ---------------------------------------------------------------------------
// Deterministic: the same session and phrases always give the same text. Everything is measured
// at the interview date (Session::interview_date), never "today": a draft made a week later is
// the same. Each tool is one source function that appends paragraphs to the sections it feeds;
// a tool that was not used says so in the sections it mainly feeds (« La frise n’a pas été
// remplie pendant l’entretien. »), and a section left with nothing gets « draft.empty ».
//
//   source          feeds (sources in this order: their paragraphs follow each other in a section)
//   participant     projets (age at the interview, legal status)
//   boards          competences* (strengths), projets* (wishes, jobs of interest and interest code,
//                   jobs set aside, top values, priorities, scales), freins* (obstacles, low scales)
//   timeline        parcours_formation*, parcours_pro* (jobs, months employed, longest job, last end,
//                   periods without work, gaps since 16), competences (jobs done, ROME codes),
//                   projets (projects lane), freins (time since the last job, no job at all)
//   photolangage    paroles* (the person's words, quoted, with the round's question)
//   recommendations preconisations* (the suggested recommendations, see suggest_recommendations)
//   (* = the source writes its "not used" sentence there)
//
// A new tool plugs in with one more source function and one more line in draft_sources().

struct DraftSection {
    std::vector<std::vector<std::string>> paragraphs; // sentences, in order

    // Sentences joined by a space, paragraphs by a blank line ("\n\n").
    std::string text() const;
    std::vector<std::string> sentences() const;      // all sentences, in order (for tests)
    bool empty() const { return paragraphs.empty(); }
    void add(std::vector<std::string> paragraph);     // ignores an empty paragraph
};

struct Draft {
    std::array<DraftSection, kSectionCount> sections;

    DraftSection& operator[](SectionId id) { return sections[static_cast<size_t>(id)]; }
    const DraftSection& operator[](SectionId id) const { return sections[static_cast<size_t>(id)]; }
    std::string text(SectionId id) const { return (*this)[id].text(); }
};

// What the sources share, worked out once per draft.
struct DraftContext {
    DraftContext(const Session& session, const SynthesisAssets& assets);

    const Session& session;
    const SynthesisAssets& assets;
    const Phrases& phrases;
    Date interview;          // Session::interview_date()
    int interview_month = 0; // month index of the interview (timeline.hpp)
    std::optional<int> age;  // at the interview
    std::string name;        // the first name (typography fixed), else « la personne »
    TimelineFacts facts;     // derive_facts at the interview date
    BoardResults boards;     // derive_board_results
};

using DraftSourceFn = void (*)(const DraftContext&, Draft&);
struct DraftSource {
    const char* name; // "participant", "boards", "timeline", "photolangage", "recommendations"
    DraftSourceFn fn;
};
void draft_from_participant(const DraftContext& c, Draft& d);
void draft_from_boards(const DraftContext& c, Draft& d);
void draft_from_timeline(const DraftContext& c, Draft& d);
void draft_from_photolangage(const DraftContext& c, Draft& d);
void draft_from_recommendations(const DraftContext& c, Draft& d);
// The sources in the order their paragraphs appear within a section.
const std::vector<DraftSource>& draft_sources();

Draft draft_synthesis(const Session& s, const SynthesisAssets& assets);

// [SECTION] Re-drafting ------------------------------------------------------------------------

// One section's new state, as ApplyDraft sets it (its inverse restores the old one the same way).
struct SectionDraft {
    SectionId section = SectionId::ParcoursFormation;
    std::string text;
    std::string drafted;

    bool operator==(const SectionDraft& o) const {
        return section == o.section && text == o.text && drafted == o.drafted;
    }
};

struct RedraftPlan {
    // What ApplyDraft should set (empty: the synthesis already matches the draft). A section the
    // counsellor did not edit takes the new draft; an edited one keeps its text (only `drafted`
    // is updated, so the UI can show the new proposal) unless it is listed in `overwrite`.
    std::vector<SectionDraft> changes;
    // Edited sections whose text differs from the new draft: replacing them would lose the
    // counsellor's words. Ask, then call redraft again with the ones to overwrite.
    std::vector<SectionId> would_overwrite;
};
RedraftPlan redraft(const Synthesis& current, const Draft& draft, const std::vector<SectionId>& overwrite = {});

// [SECTION] Suggested recommendations -----------------------------------------------------------
// From the data, recommendations the UI can offer (never added by themselves), in catalogue order,
// only for keys of the catalogue whose condition holds:
//   savoirs_base          « Lire et écrire » among the obstacles
//   francais              « Parler français » among the obstacles
//   formation_qualifiante no diploma obtained on a filled timeline; a wish to train or get a
//                         diploma; training in the first 3 priorities
//   vae                   at least 12 months of work, and a wish for a diploma or no diploma
//   travail_detention     debts among the obstacles; money in the first 3 priorities
//   emploi_sortie         a wish to find work; work in the first 3 priorities; jobs of interest
//   mission_locale        under 26 at the interview (its catalogue condition)
//   sante_addictions      health or addiction among the obstacles; a wish for care; health in the
//                         first 3 priorities; health scale at 3 or less
//   logement              housing among the obstacles or wishes, or in the first 3 priorities
//   droits_papiers        identity papers or residence permit among the obstacles; rights in the
//                         first 3 priorities
//   permis                the driving licence among the obstacles or wishes
//   budget                debts among the obstacles; money in the first 3 priorities
//   mobilite              getting around among the obstacles; in the first 3 priorities
//   remobilisation        self-confidence among the obstacles; confidence or morale scale at 3 or less
//   famille               family or childcare among the obstacles; a wish to be with the family
//   creation_entreprise   a wish to start a business
struct Suggestion {
    std::string key;                  // catalogue key
    std::string label;                // catalogue label
    std::vector<std::string> reasons; // French, from the phrases (« « Le logement » parmi les freins »)
};
// Recommendations already chosen are left out unless `include_chosen`.
std::vector<Suggestion> suggest_recommendations(const Session& s, const SynthesisAssets& assets,
                                                bool include_chosen = false);

// [SECTION] Finalizing -------------------------------------------------------------------------

enum class FinalizeProblem : std::uint8_t {
    NotDraft,         // already finalized or exported
    EmptySection,     // a required section (kRequiredSections) is blank
    NoRecommendation, // no recommendation chosen
};
const char* finalize_problem_key(FinalizeProblem p); // "not_draft", "empty_section", "no_recommendation"
struct FinalizeIssue {
    FinalizeProblem problem;
    SectionId section = SectionId::ParcoursFormation; // the blank section (EmptySection only)

    bool operator==(const FinalizeIssue& o) const { return problem == o.problem && section == o.section; }
};
// Empty: the session may be finalized (the Finalize command applies the same check).
std::vector<FinalizeIssue> check_finalize(const Session& s);

// [SECTION] Text helpers -----------------------------------------------------------------------

// What the commands store for a section or a recommendation's text: control characters removed
// (U+0000-U+001F, U+007F, U+0080-U+009F) except line breaks; "\r\n" and "\r" become "\n", a tab
// a space; invalid UTF-8 bytes removed. Nothing else changes, whatever the length.
std::string clean_text(const std::string& text);
// Only spaces (ASCII or non-breaking) and line breaks.
bool is_blank_text(const std::string& text);
// French typography for a value inserted in a draft (a title, a card, the person's words): on one
// line, trimmed, ' -> ’, and an ordinary space before : ; ? ! » or after « made non-breaking.
std::string typeset_inline(const std::string& text);

} // namespace amorce::core
