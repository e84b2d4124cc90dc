// Every change to a session is a Command. `SessionEditor::execute` applies it, keeps its inverse
// for undo/redo and hands the new state to the autosave sink: one object serves all three.
//
// To add a command (photolangage, timeline, boards...): add a struct with `apply(Session&)`
// returning its inverse Command, add it to the `Command` variant, and give it a label key.
#pragma once

#include "core/session.hpp"

#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace amorce::core {

struct Command;

struct UpdateParticipant { Participant participant; };
struct SetConsent { bool consent = false; std::int64_t at = 0; };
struct SetNotes { std::string text; };
struct StartInterview { std::int64_t at = 0; };
struct EndInterview { std::int64_t at = 0; };           // at = 0 reopens (undo of an end)

// Photolangage (photolangage.hpp). A command naming an unknown round or a slot out of range
// changes nothing: its inverse is NoChange and SessionEditor records no undo step for it.
struct AddRound {                  // inverse: RemoveRound
    PhotoRound round;              // slot_count is clamped to 1..3 and slots resized to match
    int index = -1;                // where to insert; -1 or out of range: at the end
};
struct RemoveRound { std::string round_id; };            // inverse: AddRound at the same index
struct SetRoundPrompt { std::string round_id, key, text; };
struct SetSlotCount {
    std::string round_id;
    int count = 1;                 // 1..3
    // Choices for the slots that growing adds (an undo of a shrink puts them back); may be empty.
    std::vector<std::optional<PhotoChoice>> added;
};
struct SetSlot {                   // place, replace (choice set) or clear (nullopt) a choice
    std::string round_id;
    int slot = 0;
    std::optional<PhotoChoice> choice;
};
struct SetChoiceWords { std::string round_id; int slot = 0; std::string words; }; // slot must hold a choice
struct SetChoiceThemes { std::string round_id; int slot = 0; std::vector<std::string> themes; };

// Timeline (timeline.hpp). Commands store what they are given, after normalize_episode (the
// context-free corrections); run check_episode first for the rest (birth year, far future,
// ROME code, the cap) and to get the message codes. A command naming an unknown episode, or
// changing nothing, is a NoChange.
struct AddEpisode {                // inverse: RemoveEpisode. Refused (NoChange) on an empty or
    TimelineEpisode episode;       // duplicate id, or when the timeline holds kMaxEpisodes.
    int index = -1;                // where to insert; -1 or out of range: at the end
};
struct RemoveEpisode { std::string episode_id; };        // inverse: AddEpisode at the same index
struct UpdateEpisode { TimelineEpisode episode; };       // replaces the episode with the same id (edit panel)
// New start/end while dragging a box or its edge handles (end unset = open; ignored for events).
// Send it when the snapped date changes, not every frame: consecutive moves of the same episode
// within kMergeNotesSeconds become one undo step.
struct MoveEpisode {
    std::string episode_id;
    FuzzyDate start;
    FuzzyDate end;
};
// Boards (boards.hpp). A command naming an unknown board, card, column or scale, or changing
// nothing, is a NoChange.
struct AddBoard {                  // inverse: RemoveBoard. Refused (NoChange) on an empty or
    Board board;                   // duplicate id, or when the session holds kMaxBoardsPerSession.
    int index = -1;                // where to insert; -1 or out of range: at the end
};
struct RemoveBoard { std::string board_id; };            // inverse: AddBoard at the same index
// Puts a card in a column at an index (-1 or past the end: last), or back in the pool
// (column -1). Covers sorting, moving between columns and reordering within one. The index
// counts the column without the card: in [a, b, c], moving a to index 2 gives [b, c, a].
// Back in the pool, a card takes its place in `cards` order again. Inverse: PlaceCard to where
// the card was.
struct PlaceCard {
    std::string board_id;
    std::string card_id;
    int column = -1;
    int index = -1;
};
// Adds a typed card (checked with check_card_text, trimmed; refused when empty or too long)
// with id "custom.<next_custom>" into a column (-1: the pool) at an index. `card.id` is ignored
// unless this is the undo of a RemoveCustomCard (then the id and position are restored): a
// "custom.<n>" id no card of the board has is kept. Refused on a scales board or a full board
// (kMaxBoardCards).
struct AddCustomCard {             // inverse: RemoveCustomCard
    std::string board_id;
    BoardCard card;
    int column = -1;
    int index = -1;
};
struct RemoveCustomCard { std::string board_id, card_id; }; // only custom cards; inverse: AddCustomCard
struct EditCustomCard { std::string board_id, card_id, label, pictogram; }; // inverse: the old text
// Sets a scale (-1 clears it; any other value is clamped to kScaleMin..kScaleMax). Consecutive SetScale of the same
// scale within kMergeNotesSeconds become one undo step (dragging the handle).
struct SetScale { std::string board_id, scale_id; int value = -1; };
// Synthesis (synthesis.hpp). While the session is not a draft (finalized or exported), every
// command that changes its content, these and all the ones above, is refused (NoChange); only
// Reopen applies then.
// The counsellor's text for a section, stored after clean_text (control characters removed, line
// breaks kept, any length). Consecutive SetSectionText of the same section within
// kMergeNotesSeconds become one undo step (typing). Inverse: the old text.
struct SetSectionText {
    SectionId section = SectionId::ParcoursFormation;
    std::string text;
};
// Sets text and drafted of the given sections (what redraft() planned). Inverse: ApplyDraft with the
// old text and drafted of the same sections.
struct ApplyDraft { std::vector<SectionDraft> sections; };
// Adds a recommendation (label trimmed; text cleaned like a section). Refused on an empty key or
// label, a key already chosen, or kMaxRecommendations. Inverse: RemoveRecommendation.
struct AddRecommendation {
    Recommendation recommendation;
    int index = -1;                // where to insert; -1 or out of range: at the end
};
// Replaces label, priority and text of the recommendation with the same key (consecutive updates
// of the same key within kMergeNotesSeconds become one undo step). Inverse: the old values.
struct UpdateRecommendation { Recommendation recommendation; };
struct RemoveRecommendation { std::string key; };        // inverse: AddRecommendation at the same index
// Draft -> Finalized when check_finalize finds nothing (else NoChange): stamps synthesis.finalized_by
// (`who`, else the command's who) and finalized_at (`at`, 0 = now) and adds a "finalized" history
// entry. SessionEditor then clears its undo/redo stacks: a finalization is not undone, it is reopened.
struct Finalize {
    std::string who;
    std::int64_t at = 0;
};
// Finalized -> Draft, only with a reason (cleaned, trimmed, not blank; else NoChange): adds a
// "reopened" history entry with the reason as its detail and clears the finalization stamp. An
// exported session is not reopened. SessionEditor clears its undo/redo stacks here too.
struct Reopen {
    std::string who;
    std::int64_t at = 0;
    std::string reason;
};
struct NoChange {};                // what a command that changed nothing returns as its inverse

using CommandData = std::variant<UpdateParticipant, SetConsent, SetNotes, StartInterview, EndInterview,
                                 AddRound, RemoveRound, SetRoundPrompt, SetSlotCount, SetSlot,
                                 SetChoiceWords, SetChoiceThemes, AddEpisode, RemoveEpisode, UpdateEpisode,
                                 MoveEpisode, AddBoard, RemoveBoard, PlaceCard, AddCustomCard,
                                 RemoveCustomCard, EditCustomCard, SetScale, SetSectionText, ApplyDraft,
                                 AddRecommendation, UpdateRecommendation, RemoveRecommendation, Finalize, Reopen,
                                 NoChange>;

struct Command {
    CommandData data;
    std::string who;       // counsellor id, for history entries

    // Applies the change and returns the command that undoes it.
    Command apply(Session& session, std::int64_t now) const;
    // Translation key of a short label ("cmd.notes", ...), for "Annuler : ..." tooltips/history.
    // NoChange has none (""): it is never kept on the undo stack.
    const char* label_key() const;
};

// Applies commands to one session; keeps undo/redo stacks; notifies the autosave sink.
class SessionEditor {
public:
    using Sink = std::function<void(const Session&)>;

    explicit SessionEditor(Session session, Sink sink = {});

    const Session& session() const { return session_; }
    void execute(Command command);
    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }
    bool undo();
    bool redo();
    const char* undo_label_key() const;
    const char* redo_label_key() const;
    // What the last execute(), undo() or redo() did (read by the sink, e.g. for the audit log):
    // the command's label key and how. Empty label before any change.
    struct Change {
        enum class How { Do, Undo, Redo };
        const char* label_key = "";
        How how = How::Do;
    };
    const Change& last_change() const { return last_; }

    // Consecutive SetNotes (or SetChoiceWords on the same round and slot, or MoveEpisode /
    // UpdateEpisode of the same episode, or SetScale of the same scale, or SetSectionText of the
    // same section, or UpdateRecommendation of the same key) within this many seconds become one
    // undo step (typing a paragraph, dragging a box or a scale's handle).
    static constexpr std::int64_t kMergeNotesSeconds = 3;
    static constexpr size_t kMaxUndo = 500;

    // Clock used for timestamps; tests replace it.
    std::function<std::int64_t()> clock;

private:
    struct Step {
        Command forward;
        Command inverse;
        std::int64_t at;
    };
    void changed();

    Session session_;
    Sink sink_;
    Change last_;
    std::vector<Step> undo_;
    std::vector<Step> redo_;
};

} // namespace amorce::core
