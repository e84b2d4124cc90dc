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

using CommandData = std::variant<UpdateParticipant, SetConsent, SetNotes, StartInterview, EndInterview>;

struct Command {
    CommandData data;
    std::string who;       // counsellor id, for history entries

    // Applies the change and returns the command that undoes it.
    Command apply(Session& session, std::int64_t now) const;
    // Translation key of a short label ("cmd.notes", ...), for "Annuler : ..." tooltips/history.
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

    // Consecutive SetNotes within this many seconds become one undo step (typing a paragraph).
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
    std::vector<Step> undo_;
    std::vector<Step> redo_;
};

} // namespace amorce::core
