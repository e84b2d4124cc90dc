#include "report/from_session.hpp"

namespace amorce::report {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

Attachment attachment_of(core::SectionId id) {
    switch (id) {
    case core::SectionId::ParcoursFormation: return Attachment::Timeline;
    case core::SectionId::Projets: return Attachment::Boards; // wishes, jobs, values, priorities
    case core::SectionId::Paroles: return Attachment::Words;
    case core::SectionId::Preconisations: return Attachment::Recommendations;
    default: return Attachment::None;
    }
}

Priority priority_of(core::Priority p) {
    switch (p) {
    case core::Priority::High: return Priority::High;
    case core::Priority::Low: return Priority::Low;
    default: return Priority::Medium;
    }
}

// One board in lines: each column with its cards, each scale that has a value.
BoardSummary summarize_board(const core::Board& b) {
    BoardSummary out;
    out.title = b.title;
    for (size_t c = 0; c < b.columns.size() && c < b.placed.size(); ++c) {
        std::vector<std::string> labels;
        for (const std::string& id : b.placed[c])
            if (const core::BoardCard* card = b.find_card(id)) labels.push_back(card->label);
        if (!labels.empty()) out.lines.push_back(b.columns[c].label + "\u00a0: " + join(labels, ", "));
    }
    for (const core::BoardScale& sc : b.scales)
        if (sc.value >= 0) out.lines.push_back(sc.label + "\u00a0: " + std::to_string(sc.value) + " / 10");
    return out;
}

} // namespace

SynthesisDocument document_from_session(const core::Session& s, const core::SynthesisAssets& assets,
                                        const std::vector<deck::Deck>& decks, const std::string& finalizer_name) {
    SynthesisDocument doc;
    const core::Participant& p = s.participant;
    doc.establishment = p.establishment;
    doc.interview_date = s.interview_date();
    doc.counsellor = s.counsellor_name;
    doc.due_date = s.due_date();
    doc.finalized = s.status != core::SessionStatus::Draft && s.synthesis.finalized_at != 0;
    if (doc.finalized) {
        doc.finalized_on = core::local_date_of(s.synthesis.finalized_at);
        doc.finalized_by = finalizer_name.empty() ? s.counsellor_name : finalizer_name;
    }
    doc.identity.name = p.display_name();
    doc.identity.birth_date = p.birth_date;
    doc.identity.ecrou = p.ecrou;
    doc.identity.legal_status = p.legal_status == core::LegalStatus::Prevenu    ? "Prévenu (détention provisoire)"
                                : p.legal_status == core::LegalStatus::Condamne ? "Condamné"
                                                                                : "";
    doc.identity.entry_date = p.entry_date;
    // Language codes as words (the form stores "fr", "ar"...); an unknown code is printed as is.
    static const std::pair<const char*, const char*> kLanguages[] = {
        {"fr", "français"}, {"ar", "arabe"},    {"en", "anglais"}, {"es", "espagnol"}, {"pt", "portugais"},
        {"ro", "roumain"},  {"ru", "russe"},    {"tr", "turc"},    {"other", "autre langue"}};
    for (const std::string& code : p.languages) {
        std::string word = code;
        for (const auto& [c, w] : kLanguages)
            if (code == c) word = w;
        doc.identity.languages.push_back(word);
    }

    // The sections: the counsellor's text; a section never written nor drafted, the draft's.
    const core::Draft draft = core::draft_synthesis(s, assets);
    for (core::SectionId id : core::kSections) {
        const core::SynthesisSection& sec = s.synthesis.section(id);
        Section out;
        out.title = assets.phrases.get(std::string("section.") + core::section_key(id));
        out.text = sec.text.empty() && sec.drafted.empty() ? draft.text(id) : sec.text;
        out.attachment = attachment_of(id);
        doc.sections.push_back(std::move(out));
    }

    doc.has_timeline = !s.timeline.episodes.empty();
    doc.timeline.timeline = s.timeline;
    doc.timeline.birth_date = p.birth_date;
    doc.timeline.today = s.interview_date();

    for (const core::PhotoRound& round : s.photolangage)
        for (const auto& slot : round.slots) {
            if (!slot) continue;
            PersonWords w;
            for (const deck::Deck& d : decks)
                if (d.id == slot->deck_id)
                    if (const deck::Card* c = d.find(slot->card_id); c && c->available()) w.photo_path = c->path.string();
            w.question = round.prompt_text;
            w.words = slot->words;
            doc.words.push_back(std::move(w));
        }
    for (const core::Board& b : s.boards) {
        BoardSummary sum = summarize_board(b);
        if (!sum.lines.empty()) doc.boards.push_back(std::move(sum));
    }
    for (const core::Recommendation& r : s.synthesis.recommendations)
        doc.recommendations.push_back({r.label, priority_of(r.priority), r.text});
    doc.footer = p.display_name() + " · " + p.ecrou;
    return doc;
}

} // namespace amorce::report
