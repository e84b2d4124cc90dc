#include "core/commands.hpp"

#include <algorithm>

namespace amorce::core {

namespace {

template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

void add_history(Session& s, std::int64_t now, const std::string& who, const char* what,
                 std::string detail = {}) {
    s.history.push_back(HistoryEntry{now, who, what, std::move(detail)});
}

// A slot that exists in the round (nullptr if the round or the index does not).
std::optional<PhotoChoice>* find_slot(Session& s, const std::string& round_id, int slot) {
    PhotoRound* r = find_round(s, round_id);
    if (!r || slot < 0 || static_cast<size_t>(slot) >= r->slots.size()) return nullptr;
    return &r->slots[static_cast<size_t>(slot)];
}

bool same_words_target(const CommandData& a, const CommandData& b) {
    const auto* x = std::get_if<SetChoiceWords>(&a);
    const auto* y = std::get_if<SetChoiceWords>(&b);
    return x && y && x->round_id == y->round_id && x->slot == y->slot;
}

// Dragging a box (MoveEpisode) or editing it in the panel (UpdateEpisode), same episode.
bool same_episode_target(const CommandData& a, const CommandData& b) {
    if (const auto* x = std::get_if<MoveEpisode>(&a))
        if (const auto* y = std::get_if<MoveEpisode>(&b)) return x->episode_id == y->episode_id;
    if (const auto* x = std::get_if<UpdateEpisode>(&a))
        if (const auto* y = std::get_if<UpdateEpisode>(&b)) return x->episode.id == y->episode.id;
    return false;
}

// Dragging a scale's handle: SetScale of the same scale.
bool same_scale_target(const CommandData& a, const CommandData& b) {
    const auto* x = std::get_if<SetScale>(&a);
    const auto* y = std::get_if<SetScale>(&b);
    return x && y && x->board_id == y->board_id && x->scale_id == y->scale_id;
}

// Typing a section's text, or a recommendation's text.
bool same_synthesis_target(const CommandData& a, const CommandData& b) {
    if (const auto* x = std::get_if<SetSectionText>(&a))
        if (const auto* y = std::get_if<SetSectionText>(&b)) return x->section == y->section;
    if (const auto* x = std::get_if<UpdateRecommendation>(&a))
        if (const auto* y = std::get_if<UpdateRecommendation>(&b)) return x->recommendation.key == y->recommendation.key;
    return false;
}

// Everything but finalizing, reopening and NoChange changes the session's content: refused unless
// the session is a draft.
bool changes_content(const CommandData& d) {
    return !std::holds_alternative<Finalize>(d) && !std::holds_alternative<Reopen>(d) &&
           !std::holds_alternative<NoChange>(d);
}

bool valid_section(SectionId id) { return static_cast<int>(id) < kSectionCount; }

// A recommendation as the commands store it: label trimmed to one line, text cleaned.
Recommendation cleaned(const Recommendation& r) {
    Recommendation out = r;
    out.label = typeset_inline(r.label);
    out.text = clean_text(r.text);
    return out;
}

size_t insert_at(int index, size_t size) {
    return index < 0 || static_cast<size_t>(index) > size ? size : static_cast<size_t>(index);
}

BoardScale* find_scale(Board& b, const std::string& scale_id) {
    for (auto& scale : b.scales)
        if (scale.id == scale_id) return &scale;
    return nullptr;
}

BoardCard* find_card(Board& b, const std::string& card_id) {
    for (auto& card : b.cards)
        if (card.id == card_id) return &card;
    return nullptr;
}

// Takes a card out of its column (no-op when in the pool).
void unplace(Board& b, const std::pair<int, int>& at) {
    if (at.first < 0) return;
    auto& column = b.placed[static_cast<size_t>(at.first)];
    column.erase(column.begin() + at.second);
}

} // namespace

Command Command::apply(Session& s, std::int64_t now) const {
    if (s.status != SessionStatus::Draft && changes_content(data)) return Command{NoChange{}, who};
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
            [&](const AddRound& c) -> Command {
                if (c.round.id.empty() || find_round(s, c.round.id)) return Command{NoChange{}, who};
                PhotoRound r = c.round;
                r.slot_count = std::clamp(r.slot_count, kMinSlots, kMaxSlots);
                r.slots.resize(static_cast<size_t>(r.slot_count));
                const size_t at = c.index < 0 || static_cast<size_t>(c.index) > s.photolangage.size()
                                      ? s.photolangage.size()
                                      : static_cast<size_t>(c.index);
                s.photolangage.insert(s.photolangage.begin() + static_cast<std::ptrdiff_t>(at), std::move(r));
                return Command{RemoveRound{c.round.id}, who};
            },
            [&](const RemoveRound& c) -> Command {
                const int i = round_index(s, c.round_id);
                if (i < 0) return Command{NoChange{}, who};
                Command inverse{AddRound{std::move(s.photolangage[static_cast<size_t>(i)]), i}, who};
                s.photolangage.erase(s.photolangage.begin() + i);
                return inverse;
            },
            [&](const SetRoundPrompt& c) -> Command {
                PhotoRound* r = find_round(s, c.round_id);
                if (!r) return Command{NoChange{}, who};
                Command inverse{SetRoundPrompt{c.round_id, r->prompt_key, r->prompt_text}, who};
                r->prompt_key = c.key;
                r->prompt_text = c.text;
                return inverse;
            },
            [&](const SetSlotCount& c) -> Command {
                PhotoRound* r = find_round(s, c.round_id);
                if (!r || c.count < kMinSlots || c.count > kMaxSlots || r->slots.empty())
                    return Command{NoChange{}, who};
                const size_t old_n = r->slots.size();
                const size_t new_n = static_cast<size_t>(c.count);
                if (new_n == old_n) return Command{NoChange{}, who};
                SetSlotCount inv{c.round_id, static_cast<int>(old_n), {}};
                if (new_n < old_n) {
                    inv.added.assign(r->slots.begin() + static_cast<std::ptrdiff_t>(new_n), r->slots.end());
                    r->slots.resize(new_n);
                } else {
                    r->slots.resize(new_n);
                    for (size_t i = 0; i < c.added.size() && old_n + i < new_n; ++i) r->slots[old_n + i] = c.added[i];
                }
                r->slot_count = c.count;
                return Command{std::move(inv), who};
            },
            [&](const SetSlot& c) -> Command {
                auto* slot = find_slot(s, c.round_id, c.slot);
                if (!slot) return Command{NoChange{}, who};
                Command inverse{SetSlot{c.round_id, c.slot, std::move(*slot)}, who};
                *slot = c.choice;
                return inverse;
            },
            [&](const SetChoiceWords& c) -> Command {
                auto* slot = find_slot(s, c.round_id, c.slot);
                if (!slot || !*slot) return Command{NoChange{}, who};
                Command inverse{SetChoiceWords{c.round_id, c.slot, (*slot)->words}, who};
                (*slot)->words = c.words;
                return inverse;
            },
            [&](const SetChoiceThemes& c) -> Command {
                auto* slot = find_slot(s, c.round_id, c.slot);
                if (!slot || !*slot) return Command{NoChange{}, who};
                Command inverse{SetChoiceThemes{c.round_id, c.slot, (*slot)->themes}, who};
                (*slot)->themes = c.themes;
                return inverse;
            },
            [&](const AddEpisode& c) -> Command {
                auto& list = s.timeline.episodes;
                if (c.episode.id.empty() || find_episode(s.timeline, c.episode.id) || list.size() >= kMaxEpisodes)
                    return Command{NoChange{}, who};
                TimelineEpisode e = c.episode;
                normalize_episode(e);
                const size_t at = c.index < 0 || static_cast<size_t>(c.index) > list.size()
                                      ? list.size()
                                      : static_cast<size_t>(c.index);
                list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), std::move(e));
                return Command{RemoveEpisode{c.episode.id}, who};
            },
            [&](const RemoveEpisode& c) -> Command {
                const int i = episode_index(s.timeline, c.episode_id);
                if (i < 0) return Command{NoChange{}, who};
                auto& list = s.timeline.episodes;
                Command inverse{AddEpisode{std::move(list[static_cast<size_t>(i)]), i}, who};
                list.erase(list.begin() + i);
                return inverse;
            },
            [&](const UpdateEpisode& c) -> Command {
                TimelineEpisode* e = find_episode(s.timeline, c.episode.id);
                if (!e) return Command{NoChange{}, who};
                TimelineEpisode updated = c.episode;
                normalize_episode(updated);
                if (updated == *e) return Command{NoChange{}, who};
                Command inverse{UpdateEpisode{std::move(*e)}, who};
                *e = std::move(updated);
                return inverse;
            },
            [&](const MoveEpisode& c) -> Command {
                TimelineEpisode* e = find_episode(s.timeline, c.episode_id);
                if (!e || !c.start.is_set()) return Command{NoChange{}, who};
                TimelineEpisode moved = *e;
                moved.start = c.start;
                if (!moved.is_event()) moved.end = c.end;
                normalize_episode(moved);
                if (moved == *e) return Command{NoChange{}, who};
                Command inverse{MoveEpisode{c.episode_id, e->start, e->end}, who};
                *e = std::move(moved);
                return inverse;
            },
            [&](const AddBoard& c) -> Command {
                if (c.board.id.empty() || find_board(s, c.board.id) ||
                    s.boards.size() >= static_cast<size_t>(kMaxBoardsPerSession))
                    return Command{NoChange{}, who};
                Board b = c.board;
                normalize_board(b);
                const size_t at = insert_at(c.index, s.boards.size());
                s.boards.insert(s.boards.begin() + static_cast<std::ptrdiff_t>(at), std::move(b));
                return Command{RemoveBoard{c.board.id}, who};
            },
            [&](const RemoveBoard& c) -> Command {
                const int i = board_index(s, c.board_id);
                if (i < 0) return Command{NoChange{}, who};
                Command inverse{AddBoard{std::move(s.boards[static_cast<size_t>(i)]), i}, who};
                s.boards.erase(s.boards.begin() + i);
                return inverse;
            },
            [&](const PlaceCard& c) -> Command {
                Board* b = find_board(s, c.board_id);
                if (!b || !b->find_card(c.card_id) || c.column < -1 ||
                    c.column >= static_cast<int>(b->columns.size()))
                    return Command{NoChange{}, who};
                b->placed.resize(b->columns.size());
                const std::pair<int, int> from = b->position(c.card_id);
                if (c.column == -1 && from.first == -1) return Command{NoChange{}, who};
                unplace(*b, from);
                if (c.column >= 0) {
                    auto& column = b->placed[static_cast<size_t>(c.column)];
                    const size_t at = insert_at(c.index, column.size());
                    column.insert(column.begin() + static_cast<std::ptrdiff_t>(at), c.card_id);
                }
                if (b->position(c.card_id) == from) return Command{NoChange{}, who};
                return Command{PlaceCard{c.board_id, c.card_id, from.first, from.second}, who};
            },
            [&](const AddCustomCard& c) -> Command {
                Board* b = find_board(s, c.board_id);
                const std::string label = trim_card_text(c.card.label);
                if (!b || b->kind != BoardKind::Sort || check_card_text(label) != CardTextProblem::None ||
                    c.column < -1 || c.column >= static_cast<int>(b->columns.size()) ||
                    b->cards.size() >= static_cast<size_t>(kMaxBoardCards))
                    return Command{NoChange{}, who};
                BoardCard card = c.card;
                card.label = label;
                card.custom = true;
                // The undo of a RemoveCustomCard brings the card back under its own id; a new card
                // takes the next number.
                int n = custom_card_number(card.id);
                if (n == 0 || b->find_card(card.id)) n = b->next_custom;
                card.id = "custom." + std::to_string(n);
                if (b->find_card(card.id)) return Command{NoChange{}, who}; // damaged next_custom
                b->next_custom = std::max(b->next_custom, n + 1);
                // Custom cards stay after the template cards, in number order (restores the pool order).
                auto pos = std::find_if(b->cards.begin(), b->cards.end(),
                                        [&](const BoardCard& other) { return custom_card_number(other.id) > n; });
                b->cards.insert(pos, card);
                b->placed.resize(b->columns.size());
                if (c.column >= 0) {
                    auto& column = b->placed[static_cast<size_t>(c.column)];
                    column.insert(column.begin() + static_cast<std::ptrdiff_t>(insert_at(c.index, column.size())), card.id);
                }
                return Command{RemoveCustomCard{c.board_id, card.id}, who};
            },
            [&](const RemoveCustomCard& c) -> Command {
                Board* b = find_board(s, c.board_id);
                const BoardCard* card = b ? b->find_card(c.card_id) : nullptr;
                if (!card || !card->custom) return Command{NoChange{}, who};
                const std::pair<int, int> at = b->position(c.card_id);
                Command inverse{AddCustomCard{c.board_id, *card, at.first, at.second}, who};
                unplace(*b, at);
                b->cards.erase(b->cards.begin() + (card - b->cards.data()));
                // Removing the newest card gives its number back, so that undoing its AddCustomCard
                // leaves the board exactly as before (a redo then gets the same id again).
                const int n = custom_card_number(c.card_id);
                if (n > 0 && n == b->next_custom - 1) b->next_custom = n;
                return inverse;
            },
            [&](const EditCustomCard& c) -> Command {
                Board* b = find_board(s, c.board_id);
                BoardCard* card = b ? find_card(*b, c.card_id) : nullptr;
                const std::string label = trim_card_text(c.label);
                if (!card || !card->custom || check_card_text(label) != CardTextProblem::None ||
                    (card->label == label && card->pictogram == c.pictogram))
                    return Command{NoChange{}, who};
                Command inverse{EditCustomCard{c.board_id, c.card_id, card->label, card->pictogram}, who};
                card->label = label;
                card->pictogram = c.pictogram;
                return inverse;
            },
            [&](const SetScale& c) -> Command {
                Board* b = find_board(s, c.board_id);
                BoardScale* scale = b ? find_scale(*b, c.scale_id) : nullptr;
                if (!scale) return Command{NoChange{}, who};
                const int value = c.value == -1 ? -1 : std::clamp(c.value, kScaleMin, kScaleMax);
                if (value == scale->value) return Command{NoChange{}, who};
                Command inverse{SetScale{c.board_id, c.scale_id, scale->value}, who};
                scale->value = value;
                return inverse;
            },
            [&](const SetSectionText& c) -> Command {
                if (!valid_section(c.section)) return Command{NoChange{}, who};
                SynthesisSection& section = s.synthesis.section(c.section);
                std::string text = clean_text(c.text);
                if (text == section.text) return Command{NoChange{}, who};
                Command inverse{SetSectionText{c.section, std::move(section.text)}, who};
                section.text = std::move(text);
                return inverse;
            },
            [&](const ApplyDraft& c) -> Command {
                ApplyDraft inverse;
                bool changed = false;
                for (const SectionDraft& d : c.sections) {
                    if (!valid_section(d.section)) continue;
                    SynthesisSection& section = s.synthesis.section(d.section);
                    inverse.sections.push_back(SectionDraft{d.section, section.text, section.drafted});
                    std::string text = clean_text(d.text), drafted = clean_text(d.drafted);
                    changed = changed || text != section.text || drafted != section.drafted;
                    section.text = std::move(text);
                    section.drafted = std::move(drafted);
                }
                if (!changed) return Command{NoChange{}, who};
                // Restoring in reverse order undoes a list that names a section twice.
                std::reverse(inverse.sections.begin(), inverse.sections.end());
                return Command{std::move(inverse), who};
            },
            [&](const AddRecommendation& c) -> Command {
                auto& list = s.synthesis.recommendations;
                Recommendation r = cleaned(c.recommendation);
                if (r.key.empty() || r.label.empty() || s.synthesis.find_recommendation(r.key) ||
                    list.size() >= kMaxRecommendations)
                    return Command{NoChange{}, who};
                const std::string key = r.key;
                list.insert(list.begin() + static_cast<std::ptrdiff_t>(insert_at(c.index, list.size())), std::move(r));
                return Command{RemoveRecommendation{key}, who};
            },
            [&](const UpdateRecommendation& c) -> Command {
                const int i = s.synthesis.recommendation_index(c.recommendation.key);
                Recommendation r = cleaned(c.recommendation);
                if (i < 0 || r.label.empty()) return Command{NoChange{}, who};
                Recommendation& old = s.synthesis.recommendations[static_cast<size_t>(i)];
                if (old == r) return Command{NoChange{}, who};
                Command inverse{UpdateRecommendation{std::move(old)}, who};
                old = std::move(r);
                return inverse;
            },
            [&](const RemoveRecommendation& c) -> Command {
                const int i = s.synthesis.recommendation_index(c.key);
                if (i < 0) return Command{NoChange{}, who};
                auto& list = s.synthesis.recommendations;
                Command inverse{AddRecommendation{std::move(list[static_cast<size_t>(i)]), i}, who};
                list.erase(list.begin() + i);
                return inverse;
            },
            [&](const Finalize& c) -> Command {
                if (!check_finalize(s).empty()) return Command{NoChange{}, who};
                const std::string by = c.who.empty() ? who : c.who;
                const std::int64_t at = c.at ? c.at : now;
                s.status = SessionStatus::Finalized;
                s.synthesis.finalized_by = by;
                s.synthesis.finalized_at = at;
                add_history(s, at, by, "finalized");
                return Command{Reopen{by, now, "undo"}, who};
            },
            [&](const Reopen& c) -> Command {
                std::string reason = clean_text(c.reason);
                for (char& ch : reason)
                    if (ch == '\n') ch = ' ';
                if (s.status != SessionStatus::Finalized || is_blank_text(reason)) return Command{NoChange{}, who};
                const std::string by = c.who.empty() ? who : c.who;
                const std::int64_t at = c.at ? c.at : now;
                Command inverse{Finalize{s.synthesis.finalized_by, s.synthesis.finalized_at}, who};
                s.status = SessionStatus::Draft;
                s.synthesis.finalized_by.clear();
                s.synthesis.finalized_at = 0;
                add_history(s, at, by, "reopened", typeset_inline(reason));
                return inverse;
            },
            [&](const NoChange&) -> Command { return Command{NoChange{}, who}; },
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
                          [](const AddRound&) { return "cmd.photo_add_round"; },
                          [](const RemoveRound&) { return "cmd.photo_remove_round"; },
                          [](const SetRoundPrompt&) { return "cmd.photo_prompt"; },
                          [](const SetSlotCount&) { return "cmd.photo_slot_count"; },
                          [](const SetSlot&) { return "cmd.photo_choice"; },
                          [](const SetChoiceWords&) { return "cmd.photo_words"; },
                          [](const SetChoiceThemes&) { return "cmd.photo_themes"; },
                          [](const AddEpisode&) { return "cmd.timeline_add"; },
                          [](const RemoveEpisode&) { return "cmd.timeline_remove"; },
                          [](const UpdateEpisode&) { return "cmd.timeline_update"; },
                          [](const MoveEpisode&) { return "cmd.timeline_move"; },
                          [](const AddBoard&) { return "cmd.board_add"; },
                          [](const RemoveBoard&) { return "cmd.board_remove"; },
                          [](const PlaceCard&) { return "cmd.card_place"; },
                          [](const AddCustomCard&) { return "cmd.card_add"; },
                          [](const RemoveCustomCard&) { return "cmd.card_remove"; },
                          [](const EditCustomCard&) { return "cmd.card_edit"; },
                          [](const SetScale&) { return "cmd.scale"; },
                          [](const SetSectionText&) { return "cmd.synthesis_text"; },
                          [](const ApplyDraft&) { return "cmd.synthesis_draft"; },
                          [](const AddRecommendation&) { return "cmd.preco_add"; },
                          [](const UpdateRecommendation&) { return "cmd.preco_update"; },
                          [](const RemoveRecommendation&) { return "cmd.preco_remove"; },
                          [](const Finalize&) { return "cmd.finalize"; },
                          [](const Reopen&) { return "cmd.reopen"; },
                          [](const NoChange&) { return ""; },
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
    // Nothing changed (unknown round, slot out of range...): no undo step, no save.
    if (std::holds_alternative<NoChange>(inverse.data)) return;
    last_ = {command.label_key(), Change::How::Do};
    // Finalizing or reopening is a milestone, not an undo step: the steps before it are dropped
    // (their inverses could not apply to a finalized session, and an undo must never reopen one
    // without a reason). The history keeps both.
    if (std::holds_alternative<Finalize>(command.data) || std::holds_alternative<Reopen>(command.data)) {
        undo_.clear();
        redo_.clear();
        changed();
        return;
    }
    redo_.clear();
    // Typing notes or a choice's words, dragging a timeline box or a scale's handle: keep the oldest inverse so one
    // undo removes the whole burst.
    bool merge = false;
    if (!undo_.empty() && now - undo_.back().at <= kMergeNotesSeconds) {
        const CommandData& last = undo_.back().forward.data;
        merge = (std::holds_alternative<SetNotes>(command.data) && std::holds_alternative<SetNotes>(last)) ||
                same_words_target(command.data, last) || same_episode_target(command.data, last) ||
                same_scale_target(command.data, last) || same_synthesis_target(command.data, last);
    }
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
    last_ = {step.forward.label_key(), Change::How::Undo};
    redo_.push_back(std::move(step));
    changed();
    return true;
}

bool SessionEditor::redo() {
    if (redo_.empty()) return false;
    Step step = std::move(redo_.back());
    redo_.pop_back();
    step.inverse = step.forward.apply(session_, clock());
    last_ = {step.forward.label_key(), Change::How::Redo};
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
