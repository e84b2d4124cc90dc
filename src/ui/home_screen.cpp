// Counsellor home: who is logged in, search, « Nouvel entretien », and the session list sorted
// by deadline with the days left before the synthesis is due.
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstring>

namespace amorce::ui {

// [SECTION] Helpers shared by screens
std::string format_days_left(int days) {
    if (days > 1) return trf("deadline.days_left", {std::to_string(days)});
    if (days == 1) return tr("deadline.one_day_left");
    if (days == 0) return tr("deadline.today");
    if (days == -1) return tr("deadline.late_one");
    return trf("deadline.late_days", {std::to_string(-days)});
}

const char* status_label(core::SessionStatus s) {
    switch (s) {
    case core::SessionStatus::Draft: return tr("status.draft");
    case core::SessionStatus::Finalized: return tr("status.finalized");
    case core::SessionStatus::Exported: return tr("status.exported");
    }
    return "";
}

namespace {
// Folds ASCII case and the accented Latin letters French uses, so "eloise" finds "Éloïse".
std::string fold(const std::string& s) {
    static const struct { const char* from; char to; } map[] = {
        {"à", 'a'}, {"â", 'a'}, {"ä", 'a'}, {"á", 'a'}, {"ã", 'a'}, {"ç", 'c'}, {"é", 'e'}, {"è", 'e'},
        {"ê", 'e'}, {"ë", 'e'}, {"î", 'i'}, {"ï", 'i'}, {"í", 'i'}, {"ô", 'o'}, {"ö", 'o'}, {"ó", 'o'},
        {"ù", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"ú", 'u'}, {"ÿ", 'y'}, {"ñ", 'n'}, {"À", 'a'}, {"Â", 'a'},
        {"Ä", 'a'}, {"Ç", 'c'}, {"É", 'e'}, {"È", 'e'}, {"Ê", 'e'}, {"Ë", 'e'}, {"Î", 'i'}, {"Ï", 'i'},
        {"Ô", 'o'}, {"Ö", 'o'}, {"Ù", 'u'}, {"Û", 'u'}, {"Ü", 'u'}, {"Ÿ", 'y'}, {"Ñ", 'n'},
    };
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            ++i;
            continue;
        }
        bool done = false;
        for (const auto& m : map) {
            const size_t n = std::strlen(m.from);
            if (s.compare(i, n, m.from) == 0) {
                out += m.to;
                i += n;
                done = true;
                break;
            }
        }
        if (!done) {
            out += s[i];
            ++i;
        }
    }
    return out;
}
} // namespace

bool home_filter_matches(HomeFilter f, const core::SessionSummary& s, const core::Date& today) {
    switch (f) {
    case HomeFilter::All: return true;
    // Every synthesis still to write, the late ones included (they are the most urgent).
    case HomeFilter::ToFinalize: return s.status == core::SessionStatus::Draft;
    case HomeFilter::Late: return s.status == core::SessionStatus::Draft && s.days_left(today) < 0;
    case HomeFilter::Finalized: return s.status == core::SessionStatus::Finalized;
    case HomeFilter::Exported: return s.status == core::SessionStatus::Exported;
    }
    return true;
}

bool matches_search(const std::string& haystack, const std::string& needle) {
    if (needle.empty()) return true;
    return fold(haystack).find(fold(needle)) != std::string::npos;
}

// [SECTION] Home screen
namespace {

void refresh_filter(const HomeModel& model, HomeState& state) {
    if (state.cached_version == model.sessions_version && state.cached_search == state.search &&
        state.cached_filter == state.filter)
        return;
    state.cached_version = model.sessions_version;
    state.cached_search = state.search;
    state.cached_filter = state.filter;
    state.visible.clear();
    const auto& list = *model.sessions;
    for (size_t i = 0; i < list.size(); ++i) {
        if (!list[i].damaged && !home_filter_matches(state.filter, list[i], model.today)) continue;
        if (list[i].damaged || matches_search(list[i].display_name + " " + list[i].ecrou, state.search))
            state.visible.push_back(static_cast<int>(i));
    }
    // Work still to do first (drafts and damaged records, by deadline), then finalized, then
    // exported; the store already sorts by deadline, so a stable sort on status keeps that order.
    std::stable_sort(state.visible.begin(), state.visible.end(), [&](int a, int b) {
        auto rank = [&](int i) { return list[static_cast<size_t>(i)].damaged ? 0 : static_cast<int>(list[static_cast<size_t>(i)].status); };
        return rank(a) < rank(b);
    });
}

struct FilterInfo {
    HomeFilter filter;
    const char* id;
    const char* label_key;
};
constexpr FilterInfo kFilters[] = {
    {HomeFilter::All, "home.filter.all", "home.filter.all"},
    {HomeFilter::ToFinalize, "home.filter.todo", "home.filter.todo"},
    {HomeFilter::Late, "home.filter.late", "home.filter.late"},
    {HomeFilter::Finalized, "home.filter.finalized", "home.filter.finalized"},
    {HomeFilter::Exported, "home.filter.exported", "home.filter.exported"},
};

// The filter chips with how many interviews each holds; a tap on the chosen one shows all again.
void filter_chips(const HomeModel& model, HomeState& state) {
    const Theme& t = theme();
    const auto& list = *model.sessions;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImFont* font = t.body ? t.body : ImGui::GetFont();
    bool first = true;
    for (const FilterInfo& f : kFilters) {
        int n = 0;
        for (const auto& s : list) n += home_filter_matches(f.filter, s, model.today) ? 1 : 0;
        const std::string label = std::string(tr(f.label_key)) + " · " + std::to_string(n);
        bool on = state.filter == f.filter;
        const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.c_str()).x + t.pad * 2 + (on ? font->FontSize * 1.3f : 0);
        if (!first) {
            ImGui::SameLine(0, t.gap);
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
        }
        first = false;
        if (chip(f.id, label, on)) state.filter = on ? f.filter : HomeFilter::All;
    }
}

// One session row: a large tappable card. Returns true when tapped.
// old_draft_days: a draft flagged by the retention policy (days since the interview), else 0.
bool session_row(const core::SessionSummary& s, const core::Date& today, float width, float height,
                 int old_draft_days) {
    const Theme& t = theme();
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImVec2 p0 = w->DC.CursorPos;
    const ImVec2 p1(p0.x + width, p0.y + height);
    bool held = false;
    const std::string id = "home.session." + s.id;
    const bool tapped = tap_area(id.c_str(), ImVec2(width, height), &held);
    ImDrawList* dl = w->DrawList;
    dl->AddRectFilled(p0, p1, held ? colors::SurfacePressed : colors::Surface, t.radius);
    dl->AddRect(p0, p1, colors::Border, t.radius, 0, std::max(1.0f, t.dp));

    const float x = p0.x + t.pad;
    const float line1 = p0.y + t.pad * 0.8f;
    const float line2 = line1 + t.body_px * 1.35f;
    std::string name, detail, badge;
    ImU32 badge_fg = colors::Text, badge_bg = colors::Background;
    if (s.damaged) {
        name = tr("home.damaged_title");
        detail = tr("home.damaged_detail");
        badge = tr("home.damaged_badge");
        badge_fg = colors::Danger;
        badge_bg = colors::DangerSoft;
    } else {
        name = s.display_name;
        detail = trf("home.row_detail", {s.ecrou, s.interview_date.to_french()});
        if (s.status == core::SessionStatus::Draft) {
            const int days = s.days_left(today);
            badge = old_draft_days > 0 ? trf("home.old_draft_badge", {std::to_string(old_draft_days)})
                                       : format_days_left(days);
            if (days < 0 || old_draft_days > 0) {
                badge_fg = colors::Danger;
                badge_bg = colors::DangerSoft;
            } else if (days <= 1) {
                badge_fg = colors::Warning;
                badge_bg = colors::WarningSoft;
            } else {
                badge_fg = colors::Primary;
                badge_bg = colors::PrimarySoft;
            }
        } else {
            badge = status_label(s.status);
            badge_fg = colors::Success;
            badge_bg = colors::SuccessSoft;
        }
    }
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const ImVec2 bs = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, badge.c_str());
    const float bw = bs.x + t.pad * 1.5f;
    const float bh = t.body_px * 1.6f;
    const ImVec2 b0(p1.x - t.pad - bw, p0.y + (height - bh) * 0.5f);
    const float text_right = b0.x - t.gap * 2;
    dl->PushClipRect(p0, ImVec2(text_right, p1.y), true);
    dl->AddText(bold, bold->FontSize, ImVec2(x, line1), s.damaged ? colors::Danger : colors::Text, name.c_str());
    dl->AddText(body, body->FontSize, ImVec2(x, line2), colors::Muted, detail.c_str());
    dl->PopClipRect();
    dl->AddRectFilled(b0, ImVec2(b0.x + bw, b0.y + bh), badge_bg, bh * 0.5f);
    dl->AddText(body, body->FontSize, ImVec2(b0.x + t.pad * 0.75f, b0.y + (bh - bs.y) * 0.5f), badge_fg, badge.c_str());
    record_last_item(id, name + " — " + detail + " — " + badge);
    return tapped;
}

// A full-width message card sized to its wrapped text, with an optional button on the right.
// Returns true when the button is tapped.
bool notice_card(const char* id, const std::string& message, ImU32 bg, ImU32 fg, const char* button_label) {
    const Theme& t = theme();
    ImFont* font = t.body ? t.body : ImGui::GetFont();
    ImFont* bold = t.bold ? t.bold : font;
    const float width = ImGui::GetContentRegionAvail().x;
    const float button_w = button_label
                               ? bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, button_label).x + t.pad * 2.5f + t.gap * 2
                               : 0.0f;
    const float wrap = width - t.pad * 2 - button_w;
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, message.c_str());
    const float height = std::max(ts.y, button_label ? t.target : 0.0f) + t.pad * 2;
    bool tapped = false;
    card_begin(id, ImVec2(width, height), bg);
    const ImVec2 origin = ImGui::GetCursorPos();
    ImGui::SetCursorPosY(origin.y + std::max(0.0f, (height - t.pad * 2 - ts.y) * 0.5f));
    text(message, t.body, fg, wrap);
    if (button_label) {
        ImGui::SetCursorPos(ImVec2(width - t.pad - button_w + t.gap * 2, origin.y + (height - t.pad * 2 - t.target) * 0.5f));
        tapped = button((std::string(id) + ".ok").c_str(), nullptr, button_label, ButtonKind::Secondary);
    }
    card_end();
    return tapped;
}

} // namespace

HomeResult draw_home(const HomeModel& model, HomeState& state) {
    const Theme& t = theme();
    HomeResult result;
    begin_screen("##home");
    const float full_w = ImGui::GetContentRegionAvail().x;
    const bool narrow = full_w < 900.0f * t.dp;

    // Header: title on the left, counsellor and settings on the right.
    text(tr("app.title"), t.title, colors::Primary, 0);
    ImGui::SameLine(0, t.gap * 2);
    if (!narrow || !model.can_admin) { // portrait with « Administration »: no room for the subtitle
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + (t.title ? (t.title->FontSize - t.body_px) * 0.6f : 0));
        text(tr("home.subtitle"), t.body, colors::Muted, 0);
    }
    const std::string who = std::string(ICON_USER) + "  " + model.counsellor_name;
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const float who_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, who.c_str()).x;
    // « Jeux de photos » sits left of the touch-test button, the counsellor's name left of both.
    const char* decks_label = tr("home.decks");
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    const float decks_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, decks_label).x +
                          bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, ICON_PHOTOS).x + t.gap * 1.25f + t.pad * 2.5f;
    const float lock_w = model.can_lock ? t.target + t.gap * 2 : 0.0f;
    const float decks_x = full_w + t.pad - t.target - t.gap * 2 - decks_w - lock_w;
    // « Administration » (administrators only) left of « Jeux de photos ».
    const char* admin_label = tr("home.admin");
    const float admin_w = model.can_admin ? bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, admin_label).x +
                                                bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, ICON_SETTINGS).x + t.gap * 1.25f + t.pad * 2.5f
                                          : 0.0f;
    const float admin_x = decks_x - (model.can_admin ? admin_w + t.gap * 2 : 0.0f);
    if (!narrow) {
        ImGui::SameLine(admin_x - who_w - t.gap * 3);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.target - t.body_px) * 0.25f);
        text(who, t.body, colors::Muted, 0);
    }
    if (model.can_admin) {
        ImGui::SameLine(admin_x);
        ImGui::SetCursorPosY(t.pad * 0.5f);
        if (button("home.admin", ICON_SETTINGS, admin_label, ButtonKind::Secondary, ImVec2(admin_w, 0))) result.action = HomeAction::Admin;
    }
    ImGui::SameLine(decks_x);
    ImGui::SetCursorPosY(t.pad * 0.5f);
    if (button("home.decks", ICON_PHOTOS, decks_label, ButtonKind::Secondary, ImVec2(decks_w, 0)))
        result.action = HomeAction::Decks;
    if (model.can_lock) {
        ImGui::SameLine(0, t.gap * 2);
        if (icon_button("home.lock", ICON_LOCK, tr("home.lock"))) result.action = HomeAction::Lock;
    }
    ImGui::SameLine(full_w - t.target + t.pad);
    ImGui::SetCursorPosY(t.pad * 0.5f);
    if (icon_button("home.touch_test", ICON_TOUCH, tr("home.touch_test"))) result.action = HomeAction::TouchTest;
    if (narrow) text(who, t.body, colors::Muted, 0); // no room on the title line in portrait

    if (!model.save_error.empty()) notice_card("home.save_error", std::string(ICON_WARNING) + "  " + tr("home.save_error"),
                                               colors::DangerSoft, colors::Danger, nullptr);
    if (!model.notice.empty() && !state.notice_dismissed) {
        if (notice_card("home.notice", std::string(ICON_WARNING) + "  " + model.notice, colors::WarningSoft,
                        colors::Warning, tr("common.understood")))
            state.notice_dismissed = true;
    }
    // Drafts left too long (retention): finish them or delete them; nothing is deleted for you.
    if (model.old_drafts && !model.old_drafts->empty() && !state.old_drafts_dismissed) {
        const std::string n = std::to_string(model.old_drafts->size());
        const std::string days = std::to_string(model.old_draft_days);
        const std::string msg = model.old_drafts->size() == 1 ? trf("home.old_drafts_one", {days})
                                                                : trf("home.old_drafts", {n, days});
        if (notice_card("home.old_drafts", std::string(ICON_WARNING) + "  " + msg, colors::WarningSoft, colors::Warning,
                        tr("common.understood")))
            state.old_drafts_dismissed = true;
    }

    // Search + new interview.
    const char* new_label = tr("home.new_session");
    const float new_w = std::min(full_w * 0.45f, 360.0f * t.dp);
    ImGui::SetNextItemWidth(full_w - new_w - t.gap * 2);
    ImGui::PushID("home.search");
    ImGui::InputTextWithHint("##search", (std::string(ICON_SEARCH) + "  " + tr("home.search_hint")).c_str(), &state.search);
    record_last_item("home.search", state.search);
    ImGui::PopID();
    ImGui::SameLine(0, t.gap * 2);
    if (button("home.new_session", ICON_PLUS, new_label, ButtonKind::Primary, ImVec2(new_w, 0)))
        result.action = HomeAction::NewSession;

    const auto& list = *model.sessions;
    ImGui::Dummy(ImVec2(1, t.gap * 0.5f));
    if (!list.empty()) filter_chips(model, state);
    refresh_filter(model, state);
    if (list.empty()) {
        text(tr("home.empty"), t.body, colors::Muted, -1);
    } else {
        std::string count = state.search.empty() && state.filter == HomeFilter::All
                                ? trf(list.size() == 1 ? "home.count_one" : "home.count", {std::to_string(list.size())})
                                : trf(state.visible.size() == 1 ? "home.count_found_one" : "home.count_found",
                                      {std::to_string(state.visible.size())});
        // « Exporter » at the right end of the count line: it acts on the list's finalized
        // interviews (the title line is full in portrait).
        const char* export_label = tr("home.export");
        const float export_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, export_label).x +
                               bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, ICON_EXPORT).x + t.gap * 1.25f + t.pad * 2.5f;
        const float count_y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(count_y + (t.target - t.body_px) * 0.5f);
        text(count, t.bold, colors::Muted, 0);
        ImGui::SameLine(full_w + t.pad - t.gap - export_w);
        ImGui::SetCursorPosY(count_y);
        if (button("home.export", ICON_EXPORT, export_label, ButtonKind::Secondary, ImVec2(export_w, 0)))
            result.action = HomeAction::Export;
        const float row_h = std::round(t.body_px * 2.9f + t.pad * 1.2f);
        begin_touch_scroll("home.list", ImVec2(0, 0));
        const float row_w = ImGui::GetContentRegionAvail().x - t.gap;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(state.visible.size()), row_h + ImGui::GetStyle().ItemSpacing.y);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& s = list[static_cast<size_t>(state.visible[static_cast<size_t>(i)])];
                int old_days = 0;
                if (model.old_drafts && s.status == core::SessionStatus::Draft) {
                    const auto it = model.old_drafts->find(s.id);
                    if (it != model.old_drafts->end()) old_days = it->second;
                }
                if (session_row(s, model.today, row_w, row_h, old_days)) {
                    result.action = s.damaged ? HomeAction::OpenDamaged : HomeAction::OpenSession;
                    result.session_id = s.id;
                }
            }
        }
        if (state.visible.empty())
            text(tr(state.search.empty() ? "home.filter_empty" : "home.no_match"), t.body, colors::Muted, -1);
        end_touch_scroll();
    }
    end_screen();
    return result;
}

} // namespace amorce::ui
