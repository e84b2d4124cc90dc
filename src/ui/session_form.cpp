// « Nouvel entretien »: who the person is, and their consent. Large fields, dates typed as
// jj/mm/aaaa, French messages under each field after the first attempt to continue.
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace amorce::ui {

const std::vector<const char*>& language_keys() {
    static const std::vector<const char*> keys = {
        "lang.fr", "lang.ar", "lang.en", "lang.es", "lang.pt", "lang.ro", "lang.ru", "lang.tr", "lang.other",
    };
    return keys;
}

SessionFormState new_form_state(const std::string& establishment, const core::Date& today) {
    SessionFormState s;
    s.establishment = establishment;
    s.entry_date = today.to_french();
    s.languages.assign(language_keys().size(), false);
    return s;
}

bool FormErrors::any() const {
    return !(last_name.empty() && first_name.empty() && birth_date.empty() && ecrou.empty() &&
             establishment.empty() && legal_status.empty() && entry_date.empty() && consent.empty());
}

namespace {
const char* date_error_key(core::DateError e) {
    switch (e) {
    case core::DateError::Empty: return "form.err.required";
    case core::DateError::Format: return "form.err.date_format";
    case core::DateError::NotADate: return "form.err.not_a_date";
    case core::DateError::OutOfRange: return "form.err.date_range";
    case core::DateError::None: break;
    }
    return "form.err.date_format";
}

const char* problem_key(core::ParticipantField f, core::FieldProblem p) {
    using F = core::ParticipantField;
    using P = core::FieldProblem;
    switch (p) {
    case P::Required: return f == F::LegalStatus ? "form.err.choose" : "form.err.required";
    case P::TooLong: return "form.err.too_long";
    case P::BadCharacters: return "form.err.bad_chars";
    case P::InFuture: return f == F::BirthDate ? "form.err.birth_future" : "form.err.entry_future";
    case P::TooYoung: return "form.err.too_young";
    case P::TooOld: return "form.err.too_old";
    case P::BeforeBirth: return "form.err.entry_before_birth";
    }
    return "form.err.required";
}

std::string trimmed(const std::string& s) {
    size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    size_t e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}
} // namespace

FormErrors check_form(const SessionFormState& s, const core::Date& today, core::Participant* out) {
    FormErrors errors;
    core::Participant p;
    p.last_name = trimmed(s.last_name);
    p.first_name = trimmed(s.first_name);
    p.ecrou = trimmed(s.ecrou);
    p.establishment = trimmed(s.establishment);
    p.legal_status = s.legal_status == 0   ? core::LegalStatus::Prevenu
                     : s.legal_status == 1 ? core::LegalStatus::Condamne
                                           : core::LegalStatus::Unknown;
    for (size_t i = 0; i < s.languages.size() && i < language_keys().size(); ++i)
        if (s.languages[i]) p.languages.push_back(std::string(language_keys()[i]).substr(5)); // "lang.fr" -> "fr"

    core::DateError de = core::DateError::None;
    if (auto d = core::parse_french_date(s.birth_date, &de)) p.birth_date = *d;
    else errors.birth_date = tr(date_error_key(de));
    if (auto d = core::parse_french_date(s.entry_date, &de)) p.entry_date = *d;
    else errors.entry_date = tr(date_error_key(de));

    for (const auto& issue : core::validate(p, today)) {
        std::string* slot = nullptr;
        switch (issue.field) {
        case core::ParticipantField::LastName: slot = &errors.last_name; break;
        case core::ParticipantField::FirstName: slot = &errors.first_name; break;
        case core::ParticipantField::BirthDate: slot = &errors.birth_date; break;
        case core::ParticipantField::Ecrou: slot = &errors.ecrou; break;
        case core::ParticipantField::LegalStatus: slot = &errors.legal_status; break;
        case core::ParticipantField::EntryDate: slot = &errors.entry_date; break;
        case core::ParticipantField::Establishment: slot = &errors.establishment; break;
        }
        if (slot && slot->empty()) *slot = tr(problem_key(issue.field, issue.problem));
    }
    if (!s.consent) errors.consent = tr("form.err.consent");
    if (out) *out = p;
    return errors;
}

FormResult draw_session_form(SessionFormState& s, const core::Date& today) {
    const Theme& t = theme();
    FormResult result;
    core::Participant participant;
    const FormErrors errors = check_form(s, today, &participant);
    // Errors show only after a first attempt; on that attempt the form scrolls to the first one.
    auto shown = [&](const std::string& e) {
        if (!s.submitted) return std::string();
        if (s.scroll_to_error && !e.empty()) {
            ImGui::SetScrollHereY(0.15f);
            s.scroll_to_error = false;
        }
        return e;
    };

    begin_screen("##form");
    const float full_w = ImGui::GetContentRegionAvail().x;
    if (icon_button("form.back", ICON_BACK, tr("common.back"))) result.action = FormAction::Cancel;
    ImGui::SameLine(0, t.gap * 2);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.target - (t.title ? t.title->FontSize : t.body_px)) * 0.5f);
    text(tr("form.title"), t.title, colors::Text, 0);

    const bool show_summary = s.submitted && errors.any();
    const float footer_h = t.target + t.pad * 1.5f + (show_summary ? t.body_px * 1.6f : 0.0f);
    begin_touch_scroll("form.scroll", ImVec2(0, -footer_h));
    const float avail = ImGui::GetContentRegionAvail().x - t.gap;
    const bool two_cols = avail > 880.0f * t.dp;
    const float col_w = two_cols ? (avail - t.pad * 2) * 0.5f : avail;
    // Two fields side by side in landscape, stacked in portrait. Each column starts at the same
    // y (SameLine would shift the right one by the frame padding of the left one's last field).
    auto pair = [&](auto&& left, auto&& right) {
        if (!two_cols) {
            left(col_w);
            right(col_w);
            return;
        }
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        left(col_w);
        ImGui::EndGroup();
        const float left_bottom = ImGui::GetItemRectMax().y;
        ImGui::SetCursorScreenPos(ImVec2(start.x + col_w + t.pad * 2, start.y));
        ImGui::BeginGroup();
        right(col_w);
        ImGui::EndGroup();
        const float bottom = std::max(left_bottom, ImGui::GetItemRectMax().y);
        ImGui::SetCursorScreenPos(ImVec2(start.x, bottom + ImGui::GetStyle().ItemSpacing.y));
    };

    text(tr("form.section_person"), t.bold, colors::Primary, 0);
    pair([&](float w) { text_field("form.last_name", tr("form.last_name"), s.last_name, shown(errors.last_name), "", w); },
         [&](float w) { text_field("form.first_name", tr("form.first_name"), s.first_name, shown(errors.first_name), "", w); });
    pair([&](float w) { text_field("form.birth_date", tr("form.birth_date"), s.birth_date, shown(errors.birth_date), tr("form.date_hint"), w); },
         [&](float w) { text_field("form.ecrou", tr("form.ecrou"), s.ecrou, shown(errors.ecrou), "", w); });
    pair([&](float w) { text_field("form.establishment", tr("form.establishment"), s.establishment, shown(errors.establishment), "", w); },
         [&](float w) { text_field("form.entry_date", tr("form.entry_date"), s.entry_date, shown(errors.entry_date), tr("form.date_hint"), w); });

    const std::string legal_error = shown(errors.legal_status);
    text(tr("form.legal_status"), t.bold, colors::Text, 0);
    segmented("form.legal", {tr("form.prevenu"), tr("form.condamne")}, s.legal_status);
    if (!legal_error.empty()) text(legal_error, t.body, colors::Danger, -1);

    text(tr("form.languages"), t.bold, colors::Text, 0);
    {
        const auto& keys = language_keys();
        s.languages.resize(keys.size(), false);
        float x = 0;
        for (size_t i = 0; i < keys.size(); ++i) {
            const std::string label = tr(keys[i]);
            ImFont* f = t.body ? t.body : ImGui::GetFont();
            const float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x + t.pad * 2 + f->FontSize * 1.3f;
            if (i > 0) {
                if (x + t.gap + w < avail) ImGui::SameLine(0, t.gap);
                else x = 0;
            }
            bool on = s.languages[i];
            const std::string id = std::string("form.") + keys[i];
            if (chip(id.c_str(), label, on)) s.languages[i] = on;
            x += w + t.gap;
        }
    }

    ImGui::Dummy(ImVec2(1, t.gap));
    const std::string consent_error = shown(errors.consent);
    text(tr("form.section_consent"), t.bold, colors::Primary, 0);
    checkbox("form.consent", tr("form.consent"), s.consent);
    if (!consent_error.empty()) text(consent_error, t.body, colors::Danger, -1);
    ImGui::Dummy(ImVec2(1, t.pad));
    end_touch_scroll();

    // Footer: always visible. The error summary has its own line so nothing covers it.
    ImGui::Separator();
    if (show_summary) text(std::string(ICON_WARNING) + "  " + tr("form.fix_errors"), t.bold, colors::Danger, 0);
    const float bw = std::min((full_w - t.gap * 2) * 0.5f, 420.0f * t.dp);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + full_w - bw * 2 - t.gap * 2);
    if (button("form.cancel", nullptr, tr("common.cancel"), ButtonKind::Secondary, ImVec2(bw, 0)))
        result.action = FormAction::Cancel;
    ImGui::SameLine(0, t.gap * 2);
    if (button("form.create", ICON_CHECK, tr("form.create"), ButtonKind::Primary, ImVec2(bw, 0))) {
        s.submitted = true;
        if (!errors.any()) {
            result.action = FormAction::Create;
            result.participant = participant;
            result.consent = s.consent;
        } else {
            s.scroll_to_error = true;
        }
    }
    end_screen();
    return result;
}

} // namespace amorce::ui
