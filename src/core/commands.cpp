#include "core/commands.hpp"

namespace amorce::core {

namespace {

template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

void add_history(Session& s, std::int64_t now, const std::string& who, const char* what,
                 std::string detail = {}) {
    s.history.push_back(HistoryEntry{now, who, what, std::move(detail)});
}

} // namespace

Command Command::apply(Session& s, std::int64_t now) const {
    return std::visit(
        Overloaded{
            [&](const UpdateParticipant& c) -> Command {
                Command inverse{UpdateParticipant{s.participant}, who};
                s.participant = c.participant;
                return inverse;
            },
            [&](const SetConsent& c) -> Command {
                Command inverse{SetConsent{s.consent, s.consent_at}, who};
                s.consent = c.consent;
                s.consent_at = c.consent ? (c.at ? c.at : now) : 0;
                return inverse;
            },
            [&](const SetNotes& c) -> Command {
                Command inverse{SetNotes{s.notes}, who};
                s.notes = c.text;
                return inverse;
            },
            [&](const StartInterview& c) -> Command {
                Command inverse{StartInterview{s.started_at}, who};
                s.started_at = c.at;
                if (c.at) add_history(s, now, who, "interview_started");
                return inverse;
            },
            [&](const EndInterview& c) -> Command {
                Command inverse{EndInterview{s.ended_at}, who};
                s.ended_at = c.at;
                add_history(s, now, who, c.at ? "interview_ended" : "interview_reopened");
                return inverse;
            },
        },
        data);
}

const char* Command::label_key() const {
    return std::visit(Overloaded{
                          [](const UpdateParticipant&) { return "cmd.participant"; },
                          [](const SetConsent&) { return "cmd.consent"; },
                          [](const SetNotes&) { return "cmd.notes"; },
                          [](const StartInterview&) { return "cmd.start"; },
                          [](const EndInterview&) { return "cmd.end"; },
                      },
                      data);
}

SessionEditor::SessionEditor(Session session, Sink sink)
    : clock([] { return unix_now(); }), session_(std::move(session)), sink_(std::move(sink)) {}

void SessionEditor::changed() {
    ++session_.revision;
    if (sink_) sink_(session_);
}

void SessionEditor::execute(Command command) {
    const std::int64_t now = clock();
    Command inverse = command.apply(session_, now);
    redo_.clear();
    // Typing notes: keep the oldest inverse so one undo removes the whole burst.
    const bool merge = !undo_.empty() && std::holds_alternative<SetNotes>(command.data) &&
                       std::holds_alternative<SetNotes>(undo_.back().forward.data) &&
                       now - undo_.back().at <= kMergeNotesSeconds;
    if (merge) {
        undo_.back().forward = std::move(command);
        undo_.back().at = now;
    } else {
        undo_.push_back(Step{std::move(command), std::move(inverse), now});
        if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
    }
    changed();
}

bool SessionEditor::undo() {
    if (undo_.empty()) return false;
    Step step = std::move(undo_.back());
    undo_.pop_back();
    step.inverse.apply(session_, clock());
    redo_.push_back(std::move(step));
    changed();
    return true;
}

bool SessionEditor::redo() {
    if (redo_.empty()) return false;
    Step step = std::move(redo_.back());
    redo_.pop_back();
    step.inverse = step.forward.apply(session_, clock());
    undo_.push_back(std::move(step));
    changed();
    return true;
}

const char* SessionEditor::undo_label_key() const {
    return undo_.empty() ? nullptr : undo_.back().forward.label_key();
}
const char* SessionEditor::redo_label_key() const {
    return redo_.empty() ? nullptr : redo_.back().forward.label_key();
}

} // namespace amorce::core
