// The synthesis PDF (issue 6): an A4 French report written with libharu from a plain input
// struct, so that it depends on nothing but core (dates, the timeline model) and deck (image
// checks). The caller fills a SynthesisDocument from a session and the synthesis model; this
// library only lays it out.
//
// Table of contents
//   [SECTION] Input
//   [SECTION] Writing
//
// What the pages hold
//   page 1    header: « Synthèse de l’entretien socio-professionnel », establishment, interview
//             date, counsellor, due date, status badge (« Brouillon » / « Finalisée le … par … »);
//             the identity block (name, birth date, numéro d'écrou, legal status, entry date,
//             languages)
//   then      the sections in order: a heading, the text as justified paragraphs (blank text:
//             « Section non renseignée » in grey), then what is attached to the section
//             (Attachment): the timeline drawn as vectors, the photos with the person's words,
//             the boards summary, the préconisations. An attachment no section carries is
//             drawn at the end under its own heading, so nothing given is ever left out.
//   every     running header from page 2; footer « Document confidentiel », footer text,
//   page      « Page n / N ».
//
// Typography: Atkinson Hyperlegible (the app's TTF, embedded) through libharu's UTF-8 encoder.
// Paragraphs are justified (the last line of a paragraph, and a line before a line break, left
// aligned); a line never starts with « : ; ! ? » nor ends with «; non-breaking spaces hold.
// Characters the font lacks become « ? » (invisible joiners and emoji modifiers are dropped;
// thin spaces become non-breaking spaces). Photos: JPEG or PNG thumbnails; a missing or damaged
// file gives a grey box « Photo indisponible », never a failure.
#pragma once

#include "core/date.hpp"
#include "core/timeline.hpp"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace amorce::report {

// [SECTION] Input ------------------------------------------------------------------------------

// The life timeline as a figure: lanes with their names, a years axis, a box per period (short
// label inside when it fits), events as diamonds (listed with their dates under the figure),
// periods without information (core::find_gaps) hatched across the school / work / no-work lanes,
// the reference day as a red line.
struct TimelineFigure {
    core::Timeline timeline;
    core::Date birth_date;   // may be unset: the axis then starts at the first episode
    core::Date today;        // the reference day; the interview date keeps the PDF reproducible
    // Lane names in core::kLanes order (the catalog's timeline.lane.*); French defaults.
    std::array<std::string, core::kLaneCount> lane_names = {
        "Scolarité et formation", "Emploi", "Sans emploi / inactivité", "Vie personnelle", "Justice", "Projets"};
    // Event names by type (timeline.event.*), used for events without a title; French defaults.
    std::map<core::EventType, std::string> event_names = {
        {core::EventType::Diploma, "Diplôme obtenu"},
        {core::EventType::ChildBirth, "Naissance d’un enfant"},
        {core::EventType::DetentionEntry, "Entrée en détention"},
        {core::EventType::Release, "Sortie de détention"},
        {core::EventType::Move, "Déménagement"},
        {core::EventType::Other, "Autre événement"}};
    std::string today_label = "Entretien";             // beside the red line
    std::string gap_label = "Période non renseignée";  // legend of the hatching
};

// One photo chosen by the person, with the round's question and their own words.
struct PersonWords {
    std::string photo_path; // JPEG or PNG; empty or unreadable: a grey « Photo indisponible » box
    std::string question;   // the round's question (may be empty)
    std::string words;      // the person's words (may be empty: « Pas de paroles notées »)
};

// One board, summarised in lines (« Mes atouts : la cuisine, le travail en équipe »).
struct BoardSummary {
    std::string title;
    std::vector<std::string> lines;
};

// A préconisation's priority (core::Priority maps one to one).
enum class Priority { High, Medium, Low };

// One chosen préconisation.
struct RecommendationItem {
    std::string label;                      // « Logement »
    Priority priority = Priority::Medium;   // printed « Priorité haute / moyenne / basse »
    std::string text;                       // the counsellor's free text (may be empty)
};

// What is drawn after a section's text.
enum class Attachment {
    None,
    Timeline,        // SynthesisDocument::timeline (when has_timeline)
    Words,           // SynthesisDocument::words
    Boards,          // SynthesisDocument::boards
    Recommendations, // SynthesisDocument::recommendations
};

struct Section {
    std::string title; // « Parcours professionnel »
    // Paragraphs separated by a blank line; a single line break is kept as a line break.
    // Blank (spaces, line breaks): « Section non renseignée » in grey.
    std::string text;
    Attachment attachment = Attachment::None;
};

struct Identity {
    std::string name;                // « DUPONT Jean »
    core::Date birth_date;           // unset: « non renseignée »
    std::string ecrou;               // numéro d'écrou
    std::string legal_status;        // « Prévenu », « Condamné » (words from the caller)
    core::Date entry_date;
    std::vector<std::string> languages;
};

struct SynthesisDocument {
    // Header (page 1).
    std::string title = "Synthèse de l’entretien socio-professionnel";
    std::string establishment;
    core::Date interview_date;
    std::string counsellor;
    core::Date due_date;             // unset: not printed
    bool finalized = false;          // false: « Brouillon »
    core::Date finalized_on;         // « Finalisée le 12/03/2026 par Camille Démo »
    std::string finalized_by;

    Identity identity;
    std::vector<Section> sections;   // in print order

    bool has_timeline = false;
    TimelineFigure timeline;
    std::vector<PersonWords> words;
    std::vector<BoardSummary> boards;
    std::vector<RecommendationItem> recommendations;

    std::string footer;              // after « Document confidentiel » on every page (may be empty)

    // The TTF files (regular and bold). Empty: the app's assets/fonts/AtkinsonHyperlegible-*.ttf
    // (default_fonts_dir()).
    std::string font_regular;
    std::string font_bold;
};

// Where the built-in fonts are (the source tree's assets/fonts at build time).
std::string default_fonts_dir();

// « Priorité haute », « Priorité moyenne », « Priorité basse ».
const char* priority_words(Priority p);

// [SECTION] Writing ----------------------------------------------------------------------------

// Writes the document to out_path: built in memory, written to a temporary file in the same
// folder (".<name>.tmp-XXXXXX"), flushed, then renamed over out_path (atomic: a reader sees the
// old file or the new one). On failure returns false, leaves no file behind (out_path untouched)
// and *error (if given) says why in English: a font that cannot be read, a folder that does not
// exist or cannot be written, a full disk, a libharu error.
bool write_synthesis_pdf(const SynthesisDocument& doc, const std::string& out_path, std::string* error);

// The same document as PDF bytes (for the export bundle or a test). False with *error on failure.
bool render_synthesis_pdf(const SynthesisDocument& doc, std::string* pdf, std::string* error);

} // namespace amorce::report
