// Review and synthesis (counsellor mode): what an interview produced, the synthesis sections
// drafted by core and edited here, the préconisations, finalize and reopen. The screen returns
// core commands and actions; the app applies them (it also writes the PDF).
//
// [SECTION] Helpers
// [SECTION] Overview: everything the interview produced
// [SECTION] Navigation
// [SECTION] Pages: section, préconisations, finalize
// [SECTION] Sheets: redraft, finalize, reopen
// [SECTION] Entry point
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include "core/boards.hpp"
#include "core/timeline.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace amorce::ui {

// [SECTION] Helpers
const char* section_state_key(const core::SynthesisSection& s) {
    if (core::is_blank_text(s.text)) return "review.state.empty";
    if (!s.edited()) return "review.state.drafted";
    return "review.state.edited";
}

namespace {

std::string section_title(core::SectionId id) { return tr(("synthesis.section." + std::string(core::section_key(id))).c_str()); }

bool is_required(core::SectionId id) {
    return std::find(core::kRequiredSections.begin(), core::kRequiredSections.end(), id) != core::kRequiredSections.end();
}

void vspace(float h) { ImGui::Dummy(ImVec2(1, h)); }

// A page scrolled by finger, recorded under `id` so that scripts can drag it.
// A page opened from the navigation starts at its top.
void begin_page_scroll(const char* id, ImVec2 size, ReviewState& st) {
    begin_touch_scroll(id, size);
    if (st.scroll_top) {
        ImGui::SetScrollY(0.0f);
        st.scroll_top = false;
    }
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    registry().record(id, w->Rect().Min, w->Rect().Max, "");
}

// A grey hint inside the field just drawn while it is empty and not being edited (ImGui 1.86
// has no hint for multi-line fields).
void field_hint(const std::string& value, const char* hint) {
    if (!value.empty() || ImGui::IsItemActive()) return;
    const ImVec2 p = ImGui::GetItemRectMin();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + style.FramePadding.x, p.y + style.FramePadding.y), colors::Muted, hint);
}

// A field just tapped on a scrolled page goes to the top of the page, so that the keyboard that
// opens next never hides it (typing into a hidden field would be lost).
void bring_up_if_activated() {
    if (!ImGui::IsItemActivated()) return;
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImGui::SetScrollFromPosY(ImGui::GetItemRectMin().y - w->Pos.y - theme().target * 2.4f, 0.0f); // its title too
}

// A heading inside a page: larger bold text with space above.
void heading(const std::string& s, bool first = false) {
    const Theme& t = theme();
    if (!first) vspace(t.pad);
    text(s, t.title, colors::Text, 0);
    vspace(t.gap * 0.5f);
}

// [SECTION] Overview: everything the interview produced
std::string episode_label(const core::TimelineEpisode& e) {
    if (!e.title.empty()) return e.title;
    if (e.lane == core::Lane::Employment && !e.job.title.empty()) return e.job.title;
    if (!e.training.title.empty()) return e.training.title;
    if (e.is_event()) return tr(("timeline.event." + std::string(core::event_key(e.event))).c_str());
    return tr(("timeline.lane." + std::string(core::lane_key(e.lane))).c_str());
}

void build_overview(const core::Session& s, ReviewState& st) {
    using Line = ReviewState::Line;
    auto& out = st.overview;
    out.clear();
    auto add = [&](Line::Kind k, std::string text) { out.push_back(Line{k, std::move(text), {}, {}, -1}); };

    add(Line::Heading, tr("review.overview.notes"));
    if (core::is_blank_text(s.notes)) add(Line::Muted, tr("review.overview.no_notes"));
    else add(Line::Body, s.notes);

    add(Line::Heading, tr("review.overview.photos"));
    bool any_photo = false;
    for (const auto& round : s.photolangage) {
        bool header = false;
        for (const auto& slot : round.slots) {
            if (!slot) continue;
            if (!header) {
                add(Line::Sub, round.prompt_text.empty() ? tr("review.overview.no_question") : round.prompt_text);
                header = true;
            }
            out.push_back(Line{Line::Photo, slot->words, slot->deck_id, slot->card_id, -1});
            any_photo = true;
        }
    }
    if (!any_photo) add(Line::Muted, tr("review.overview.no_photos"));

    add(Line::Heading, tr("review.overview.timeline"));
    const core::DateWords& words = timeline_date_words();
    bool any_episode = false;
    for (core::Lane lane : core::kLanes) {
        std::vector<const core::TimelineEpisode*> in_lane;
        for (const auto& e : s.timeline.episodes)
            if (e.lane == lane) in_lane.push_back(&e);
        if (in_lane.empty()) continue;
        std::stable_sort(in_lane.begin(), in_lane.end(),
                         [](const auto* a, const auto* b) { return a->first_month() < b->first_month(); });
        add(Line::Sub, tr(("timeline.lane." + std::string(core::lane_key(lane))).c_str()));
        for (const auto* e : in_lane)
            add(Line::Body, core::period_label(e->start, e->end, !e->is_event(), words) + " · " + episode_label(*e));
        any_episode = true;
    }
    if (!any_episode) add(Line::Muted, tr("review.overview.no_timeline"));

    add(Line::Heading, tr("review.overview.boards"));
    for (const auto& b : s.boards) {
        add(Line::Sub, b.title);
        if (b.kind == core::BoardKind::Scales) {
            for (const auto& sc : b.scales) out.push_back(Line{Line::Scale, sc.label, {}, {}, sc.value});
            continue;
        }
        std::vector<const core::BoardCard*> interested;
        for (size_t c = 0; c < b.columns.size() && c < b.placed.size(); ++c) {
            if (b.placed[c].empty()) continue;
            std::string line = b.columns[c].label + "\u00a0: ";
            for (size_t i = 0; i < b.placed[c].size(); ++i) {
                const core::BoardCard* card = b.find_card(b.placed[c][i]);
                if (!card) continue;
                if (i) line += ", ";
                line += card->label;
                if (b.columns[c].role == core::ColumnRole::Interested) interested.push_back(card);
            }
            add(Line::Body, line);
        }
        const std::string code = core::interest_code(interested);
        if (!code.empty()) {
            std::string dashed;
            for (char ch : code) dashed += dashed.empty() ? std::string(1, ch) : std::string("-") + ch;
            add(Line::Body, trf("board.interest_code", {dashed}));
        }
        const int left = b.left_to_sort();
        if (left == static_cast<int>(b.cards.size())) add(Line::Muted, tr("review.overview.board_untouched"));
        else if (left == 1) add(Line::Muted, tr("review.overview.cards_left_one"));
        else if (left > 1) add(Line::Muted, trf("review.overview.cards_left", {std::to_string(left)}));
    }
    if (s.boards.empty()) add(Line::Muted, tr("review.overview.no_boards"));
}

// A photo cropped to a square, or a calm placeholder while it loads or when it is missing.
void draw_square_photo(PhotoLibrary* lib, const std::string& deck_id, const std::string& card_id, float side) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + side, p0.y + side);
    ImGui::Dummy(ImVec2(side, side));
    if (!ImGui::IsItemVisible()) return;
    ImDrawList* dl = win->DrawList;
    const deck::Deck* deck = nullptr;
    const deck::Card* card = nullptr;
    if (lib)
        for (const auto& d : lib->decks())
            if (d.id == deck_id) {
                deck = &d;
                card = d.find(card_id);
                break;
            }
    PhotoTexture tex;
    if (deck && card) tex = lib->thumbnail(*deck, *card);
    if (tex.id && tex.width > 0 && tex.height > 0) {
        const float aspect = static_cast<float>(tex.width) / static_cast<float>(tex.height);
        ImVec2 uv0(0, 0), uv1(1, 1);
        if (aspect > 1) {
            const float cut = (1 - 1 / aspect) * 0.5f;
            uv0.x = cut;
            uv1.x = 1 - cut;
        } else {
            const float cut = (1 - aspect) * 0.5f;
            uv0.y = cut;
            uv1.y = 1 - cut;
        }
        dl->AddImageRounded(tex.id, p0, p1, uv0, uv1, IM_COL32_WHITE, t.radius);
        return;
    }
    dl->AddRectFilled(p0, p1, colors::SurfacePressed, t.radius);
    const bool missing = !deck || !card || tex.failed;
    const char* icon = missing ? ICON_UNAVAILABLE : ICON_IMAGE;
    ImFont* f = t.bold ? t.bold : ImGui::GetFont();
    const ImVec2 is = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, icon);
    dl->AddText(f, f->FontSize, ImVec2(p0.x + (side - is.x) * 0.5f, p0.y + (side - is.y) * 0.5f), colors::Muted, icon);
    if (missing) record_last_item("", tr("review.overview.photo_missing"));
}

void draw_overview(const ReviewModel& m, ReviewState& st, ImVec2 size) {
    const Theme& t = theme();
    begin_page_scroll("review.overview", size, st);
    bool first = true;
    for (const auto& line : st.overview) {
        switch (line.kind) {
        case ReviewState::Line::Heading:
            heading(line.text, first);
            first = false;
            break;
        case ReviewState::Line::Sub:
            vspace(t.gap * 0.5f);
            text(line.text, t.bold, colors::Text);
            break;
        case ReviewState::Line::Body: text(line.text, t.body, colors::Text); break;
        case ReviewState::Line::Muted: text(line.text, t.body, colors::Muted); break;
        case ReviewState::Line::Photo: {
            const float side = std::round(96.0f * t.dp);
            draw_square_photo(m.photos, line.deck_id, line.card_id, side);
            ImGui::SameLine(0, t.pad);
            ImGui::BeginGroup();
            if (line.text.empty()) text(tr("review.overview.no_words"), t.body, colors::Muted);
            else text(std::string(ICON_QUOTE) + "  " + line.text, t.body, colors::Text);
            ImGui::EndGroup();
            vspace(t.gap * 0.5f);
            break;
        }
        case ReviewState::Line::Scale: {
            // Label, then ten small steps filled up to the value, then « 7 / 10 ».
            const std::string value = line.value < 0 ? std::string(tr("review.overview.scale_unset"))
                                                     : std::to_string(line.value) + " / " + std::to_string(core::kScaleMax);
            text(line.text + "\u00a0: " + value, t.body, colors::Text, 0);
            if (line.value >= 0) {
                ImGuiWindow* win = ImGui::GetCurrentWindow();
                const ImVec2 p = win->DC.CursorPos;
                const float step = std::round(22.0f * t.dp), h = std::round(10.0f * t.dp);
                for (int i = 0; i < core::kScaleMax; ++i) {
                    const ImVec2 a(p.x + i * (step + 3 * t.dp), p.y + 2 * t.dp);
                    win->DrawList->AddRectFilled(a, ImVec2(a.x + step, a.y + h),
                                                 i < line.value ? colors::Primary : colors::SurfacePressed, 3 * t.dp);
                }
                ImGui::Dummy(ImVec2((step + 3 * t.dp) * core::kScaleMax, h + 6 * t.dp));
            }
            break;
        }
        }
    }
    vspace(t.pad);
    end_touch_scroll();
}

// [SECTION] Navigation
struct NavItem {
    std::string id;
    const char* icon;   // coloured like the dot unless selected
    std::string label;
    std::string status; // short, right-aligned (may be empty)
    ImU32 dot;          // status colour
    bool selected;
};

bool nav_row(const NavItem& item, ImVec2 size) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    bool held = false;
    const bool tapped = tap_area(item.id.c_str(), size, &held);
    ImDrawList* dl = win->DrawList;
    dl->AddRectFilled(p0, p1, item.selected ? colors::PrimarySoft : (held ? colors::SurfacePressed : colors::Surface), t.radius);
    if (item.selected) dl->AddRectFilled(p0, ImVec2(p0.x + 5 * t.dp, p1.y), colors::Primary, t.radius, ImDrawFlags_RoundCornersLeft);
    ImFont* f = item.selected && t.bold ? t.bold : (t.body ? t.body : ImGui::GetFont());
    const float fs = f->FontSize;
    float x = p0.x + t.pad;
    const float y = p0.y + (size.y - fs) * 0.5f;
    dl->AddText(f, fs, ImVec2(x, y), item.selected ? colors::Primary : (item.dot ? item.dot : colors::Muted), item.icon);
    x += fs * 1.5f;
    const float dot_r = 5.0f * t.dp;
    float right = p1.x - t.pad;
    if (item.dot) {
        dl->AddCircleFilled(ImVec2(right - dot_r, p0.y + size.y * 0.5f), dot_r, item.dot);
        right -= dot_r * 2 + t.gap;
    }
    if (!item.status.empty()) {
        // The status only when the whole label still fits beside it (the dot always says it).
        ImFont* sf = t.body ? t.body : ImGui::GetFont();
        const float ss = sf->FontSize * 0.8f;
        const float sw = sf->CalcTextSizeA(ss, FLT_MAX, 0, item.status.c_str()).x;
        const float lw = f->CalcTextSizeA(fs, FLT_MAX, 0, item.label.c_str()).x;
        if (lw + t.gap * 2 + sw <= right - x) {
            dl->AddText(sf, ss, ImVec2(right - sw, p0.y + (size.y - ss) * 0.5f), colors::Muted, item.status.c_str());
            right -= sw + t.gap;
        }
    }
    static std::string shown;
    ellipsize_into(shown, f, fs, item.label, right - x);
    dl->AddText(f, fs, ImVec2(x, y), item.selected ? colors::Primary : colors::Text, shown.c_str());
    record_last_item(item.id, item.label + (item.status.empty() ? "" : " · " + item.status));
    return tapped;
}

std::vector<NavItem> nav_items(const core::Session& s, const ReviewState& st) {
    std::vector<NavItem> items;
    items.push_back({"review.nav.overview", ICON_COMMENT, tr("review.nav.overview"), {}, 0, st.page == ReviewPage::Overview});
    for (core::SectionId id : core::kSections) {
        if (id == core::SectionId::Preconisations) continue;
        const auto& sec = s.synthesis.section(id);
        // The state says itself three ways: an icon, a colour, and a word when it fits.
        const std::string key = section_state_key(sec);
        const bool empty = key == "review.state.empty", drafted = key == "review.state.drafted";
        const char* icon = empty ? (is_required(id) ? ICON_WARNING : ICON_MINUS) : (drafted ? ICON_EDIT : ICON_CHECK);
        const ImU32 dot = empty ? (is_required(id) ? colors::Danger : colors::Disabled) : (drafted ? colors::Primary : colors::Success);
        // Once finalized every section is simply written: no « Brouillon » in the menu.
        const std::string status = s.status != core::SessionStatus::Draft && !empty ? std::string() : std::string(tr(key.c_str()));
        items.push_back({std::string("review.nav.") + core::section_key(id), icon, section_title(id), status, dot,
                         st.page == ReviewPage::Section && st.section == id});
    }
    const size_t n = s.synthesis.recommendations.size();
    items.push_back({"review.nav.preconisations", ICON_ROAD, section_title(core::SectionId::Preconisations),
                     n == 0 ? std::string(tr("review.state.none")) : std::to_string(n), n == 0 ? colors::Danger : colors::Success,
                     st.page == ReviewPage::Recommendations});
    const bool locked = s.status != core::SessionStatus::Draft;
    items.push_back({"review.nav.finalize", locked ? ICON_LOCK : ICON_CHECK, tr(locked ? "review.nav.finalized" : "review.nav.finalize"),
                     {}, locked ? colors::Success : 0, st.page == ReviewPage::Finalize});
    return items;
}

// [SECTION] Pages: section, préconisations, finalize

// « Rédiger » for all sections (one_section: only st.section). Applies at once when nothing the
// counsellor wrote would be replaced, else opens the confirmation.
void start_redraft(const ReviewModel& m, ReviewState& st, bool one_section, ReviewResult& r) {
    const core::Session& s = m.editor->session();
    const core::Draft draft = core::draft_synthesis(s, *m.assets);
    core::RedraftPlan plan = core::redraft(s.synthesis, draft);
    if (one_section) {
        plan.changes.erase(std::remove_if(plan.changes.begin(), plan.changes.end(),
                                          [&](const auto& c) { return c.section != st.section; }),
                           plan.changes.end());
        plan.would_overwrite.erase(std::remove_if(plan.would_overwrite.begin(), plan.would_overwrite.end(),
                                                  [&](auto id) { return id != st.section; }),
                                   plan.would_overwrite.end());
    }
    if (!plan.would_overwrite.empty()) {
        st.confirm_redraft = true;
        st.redraft_one = one_section;
        st.would_overwrite = plan.would_overwrite;
        return;
    }
    if (plan.changes.empty()) {
        st.message = tr("review.draft_up_to_date");
        st.message_error = false;
        return;
    }
    r.commands.push_back(core::Command{core::ApplyDraft{std::move(plan.changes)}, m.who});
    st.message.clear();
}

void finish_redraft(const ReviewModel& m, ReviewState& st, bool replace, ReviewResult& r) {
    const core::Session& s = m.editor->session();
    const core::Draft draft = core::draft_synthesis(s, *m.assets);
    core::RedraftPlan plan = core::redraft(s.synthesis, draft, replace ? st.would_overwrite : std::vector<core::SectionId>{});
    if (st.redraft_one)
        plan.changes.erase(std::remove_if(plan.changes.begin(), plan.changes.end(),
                                          [&](const auto& c) { return c.section != st.section; }),
                           plan.changes.end());
    if (!plan.changes.empty()) r.commands.push_back(core::Command{core::ApplyDraft{std::move(plan.changes)}, m.who});
    st.confirm_redraft = false;
}

void draw_section_page(const ReviewModel& m, ReviewState& st, ImVec2 size, ReviewResult& r) {
    const Theme& t = theme();
    const core::Session& s = m.editor->session();
    const bool editable = s.status == core::SessionStatus::Draft;
    const core::SectionId id = st.section;
    const auto& sec = s.synthesis.section(id);
    const ImVec2 start = ImGui::GetCursorPos();
    text(section_title(id), t.title, colors::Text, 0);
    ImGui::SameLine(0, t.pad);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ((t.title ? t.title->FontSize : t.body_px) - t.body_px) * 0.6f);
    text(tr(section_state_key(sec)), t.body, colors::Muted, 0);
    if (is_required(id) && core::is_blank_text(sec.text)) text(tr("review.required"), t.body, colors::Danger, 0);
    const float used = ImGui::GetCursorPos().y - start.y;
    const float bar_h = t.target + t.gap * 2;
    const ImVec2 field(size.x, std::max(t.target * 2, size.y - used - bar_h));
    const size_t i = static_cast<size_t>(id);
    const std::string field_id = std::string("review.text.") + core::section_key(id);
    if (editable) {
        std::string value = sec.text;
        if (wrapped_text_area(field_id.c_str(), value, st.texts[i], field))
            r.commands.push_back(core::Command{core::SetSectionText{id, value}, m.who});
        field_hint(value, tr("review.section_hint"));
    } else {
        card_begin(field_id.c_str(), field, colors::Background);
        text(core::is_blank_text(sec.text) ? std::string(tr("review.state.empty")) : sec.text, t.body,
             core::is_blank_text(sec.text) ? colors::Muted : colors::Text);
        card_end();
    }
    vspace(t.gap);
    if (editable) {
        if (button("review.redraft_section", ICON_EDIT, tr("review.redraft_section"), ButtonKind::Secondary, ImVec2(0, 0),
                   m.assets != nullptr))
            start_redraft(m, st, true, r);
        ImGui::SameLine(0, t.gap * 2);
    }
    // « Section suivante »: the counsellor reads the synthesis in order.
    const auto next = std::find(core::kSections.begin(), core::kSections.end(), id) + 1;
    if (button("review.next", ICON_NEXT, tr("review.next"), ButtonKind::Quiet)) {
        if (next == core::kSections.end() || *next == core::SectionId::Preconisations) st.page = ReviewPage::Recommendations;
        else st.section = *next;
    }
}

// A catalogue entry: « + » and the label on one full-width row, the condition in grey after it.
bool catalogue_row(const std::string& id, const std::string& label, const std::string& hint, bool enabled) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 p0 = win->DC.CursorPos;
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 p1(p0.x + w, p0.y + t.target);
    bool held = false;
    const bool tapped = tap_area(id.c_str(), ImVec2(w, t.target), &held) && enabled;
    ImDrawList* dl = win->DrawList;
    if (held && enabled) dl->AddRectFilled(p0, p1, colors::SurfacePressed, t.radius);
    dl->AddLine(ImVec2(p0.x, p1.y - 0.5f), ImVec2(p1.x, p1.y - 0.5f), colors::SurfacePressed, std::max(1.0f, t.dp));
    ImFont* b = t.bold ? t.bold : ImGui::GetFont();
    ImFont* f = t.body ? t.body : ImGui::GetFont();
    const ImU32 fg = enabled ? colors::Primary : colors::Disabled;
    const float y = p0.y + (t.target - b->FontSize) * 0.5f;
    dl->AddText(b, b->FontSize, ImVec2(p0.x + t.gap, y), fg, ICON_PLUS);
    const float x = p0.x + t.gap + b->FontSize * 1.6f;
    static std::string shown;
    ellipsize_into(shown, b, b->FontSize, label, p1.x - x - t.gap);
    dl->AddText(b, b->FontSize, ImVec2(x, y), fg, shown.c_str());
    if (!hint.empty()) {
        const float lw = b->CalcTextSizeA(b->FontSize, FLT_MAX, 0, shown.c_str()).x;
        const std::string h = "(" + hint + ")";
        if (x + lw + t.gap + f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, h.c_str()).x < p1.x)
            dl->AddText(f, f->FontSize, ImVec2(x + lw + t.gap, p0.y + (t.target - f->FontSize) * 0.5f), colors::Muted, h.c_str());
    }
    record_last_item(id, label + (hint.empty() ? "" : " (" + hint + ")"), enabled);
    return tapped;
}

WrappedText& rec_field(ReviewState& st, const std::string& key) {
    for (auto& [k, w] : st.rec_texts)
        if (k == key) return w;
    st.rec_texts.emplace_back(key, WrappedText{});
    return st.rec_texts.back().second;
}

void draw_recommendations_page(const ReviewModel& m, ReviewState& st, ImVec2 size, ReviewResult& r) {
    const Theme& t = theme();
    const core::Session& s = m.editor->session();
    const bool editable = s.status == core::SessionStatus::Draft;
    begin_page_scroll("review.recs", size, st);
    heading(section_title(core::SectionId::Preconisations), true);
    const auto& recs = s.synthesis.recommendations;
    if (recs.empty()) text(tr("review.recs.none"), t.body, colors::Muted);
    const std::vector<std::string> priorities = {tr("synthesis.priority.high"), tr("synthesis.priority.medium"),
                                                 tr("synthesis.priority.low")};
    for (const auto& rec : recs) {
        const std::string base = "review.rec." + rec.key;
        ImGui::PushID(rec.key.c_str());
        ImGui::BeginGroup();
        vspace(t.gap);
        text(rec.label, t.bold, colors::Text, 0);
        if (editable) {
            ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - t.target));
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - t.gap);
            if (icon_button((base + ".remove").c_str(), ICON_TRASH, tr("review.recs.remove")))
                r.commands.push_back(core::Command{core::RemoveRecommendation{rec.key}, m.who});
            int p = static_cast<int>(rec.priority);
            if (segmented((base + ".priority").c_str(), priorities, p)) {
                core::Recommendation changed = rec;
                changed.priority = static_cast<core::Priority>(p);
                r.commands.push_back(core::Command{core::UpdateRecommendation{changed}, m.who});
            }
            std::string value = rec.text;
            if (wrapped_text_area((base + ".text").c_str(), value, rec_field(st, rec.key),
                                  ImVec2(-FLT_MIN, t.body_px * 3.2f + t.pad))) {
                core::Recommendation changed = rec;
                changed.text = value;
                r.commands.push_back(core::Command{core::UpdateRecommendation{changed}, m.who});
            }
            bring_up_if_activated();
            field_hint(value, tr("review.recs.text_hint"));
        } else {
            text(tr(("review.recs.priority." + std::string(core::priority_key(rec.priority))).c_str()), t.body, colors::Muted);
            if (!rec.text.empty()) text(rec.text, t.body, colors::Text);
        }
        ImGui::EndGroup();
        ImGui::PopID();
    }
    if (editable && m.assets) {
        // Suggestions from what the interview captured, with why.
        if (!st.suggestions.empty()) {
            heading(tr("review.recs.suggested"));
            for (const auto& sug : st.suggestions) {
                const std::string id = "review.suggest." + sug.key;
                const auto* type = core::find_recommendation_type(m.assets->catalogue, sug.key);
                if (button(id.c_str(), ICON_PLUS, sug.label.c_str(), ButtonKind::Secondary, ImVec2(0, 0),
                           type && recs.size() < core::kMaxRecommendations))
                    r.commands.push_back(core::Command{core::AddRecommendation{core::make_recommendation(*type), -1}, m.who});
                if (!sug.reasons.empty()) {
                    std::string why;
                    for (const auto& reason : sug.reasons) why += (why.empty() ? "" : "\u00a0; ") + reason;
                    text(why, t.body, colors::Muted);
                }
                vspace(t.gap * 0.5f);
            }
        }
        heading(tr(st.suggestions.empty() ? "review.recs.catalogue" : "review.recs.others"));
        // One row per entry, the label left-aligned in full; an entry that does not suit the
        // person (Mission locale after 26) stays listed, greyed, with its condition.
        for (const auto& type : m.assets->catalogue) {
            if (s.synthesis.find_recommendation(type.key)) continue;
            if (std::any_of(st.suggestions.begin(), st.suggestions.end(), [&](const auto& g) { return g.key == type.key; }))
                continue; // offered above, with why
            const bool ok = core::condition_holds(type, s) && recs.size() < core::kMaxRecommendations;
            const std::string id = "review.catalogue." + type.key;
            if (catalogue_row(id, type.label, type.hint, ok))
                r.commands.push_back(core::Command{core::AddRecommendation{core::make_recommendation(type), -1}, m.who});
        }
    }
    // The free text that goes with the list.
    heading(tr("review.recs.comment"));
    const auto& sec = s.synthesis.section(core::SectionId::Preconisations);
    if (editable) {
        std::string value = sec.text;
        if (wrapped_text_area("review.text.preconisations", value, st.texts[static_cast<size_t>(core::SectionId::Preconisations)],
                              ImVec2(-FLT_MIN, t.body_px * 5 + t.pad)))
            r.commands.push_back(core::Command{core::SetSectionText{core::SectionId::Preconisations, value}, m.who});
        bring_up_if_activated();
        field_hint(value, tr("review.recs.comment_hint"));
    } else {
        text(core::is_blank_text(sec.text) ? std::string(tr("review.state.empty")) : sec.text, t.body,
             core::is_blank_text(sec.text) ? colors::Muted : colors::Text);
    }
    vspace(t.pad);
    end_touch_scroll();
}

void draw_finalize_page(const ReviewModel& m, ReviewState& st, ImVec2 size, ReviewResult& r) {
    const Theme& t = theme();
    const core::Session& s = m.editor->session();
    begin_page_scroll("review.finalize_page", size, st);
    if (s.status == core::SessionStatus::Draft) {
        heading(tr("review.finalize.title"), true);
        const auto issues = core::check_finalize(s);
        auto check_row = [&](const std::string& id, const std::string& label, bool ok, ReviewPage page, core::SectionId sec) {
            const float h = t.target;
            ImGuiWindow* win = ImGui::GetCurrentWindow();
            const ImVec2 p0 = win->DC.CursorPos;
            const float w = ImGui::GetContentRegionAvail().x;
            bool held = false;
            const bool tapped = tap_area(id.c_str(), ImVec2(w, h), &held);
            if (held) win->DrawList->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + h), colors::SurfacePressed, t.radius);
            ImFont* f = t.bold ? t.bold : ImGui::GetFont();
            win->DrawList->AddText(f, f->FontSize, ImVec2(p0.x + t.gap, p0.y + (h - f->FontSize) * 0.5f),
                                   ok ? colors::Success : colors::Danger, ok ? ICON_CHECK : ICON_CLOSE);
            ImFont* b = t.body ? t.body : ImGui::GetFont();
            win->DrawList->AddText(b, b->FontSize, ImVec2(p0.x + t.gap + f->FontSize * 1.8f, p0.y + (h - b->FontSize) * 0.5f),
                                   colors::Text, label.c_str());
            win->DrawList->AddText(f, f->FontSize, ImVec2(p0.x + w - t.gap - f->FontSize, p0.y + (h - f->FontSize) * 0.5f),
                                   colors::Muted, ICON_NEXT);
            record_last_item(id, label + (ok ? " ✓" : " ✗"));
            if (tapped) {
                st.page = page;
                st.section = sec;
            }
        };
        for (core::SectionId id : core::kRequiredSections) {
            const bool blank = std::any_of(issues.begin(), issues.end(), [&](const auto& i) {
                return i.problem == core::FinalizeProblem::EmptySection && i.section == id;
            });
            check_row(std::string("review.check.") + core::section_key(id),
                      trf(blank ? "review.finalize.section_missing" : "review.finalize.section_ok", {section_title(id)}), !blank,
                      ReviewPage::Section, id);
        }
        const bool no_rec = std::any_of(issues.begin(), issues.end(),
                                        [](const auto& i) { return i.problem == core::FinalizeProblem::NoRecommendation; });
        check_row("review.check.recommendations", tr(no_rec ? "review.finalize.no_rec" : "review.finalize.rec_ok"), !no_rec,
                  ReviewPage::Recommendations, st.section);
        vspace(t.pad);
        text(tr("review.finalize.explain"), t.body, colors::Muted);
        vspace(t.gap);
        if (button("review.finalize", ICON_LOCK, tr("review.finalize.button"), ButtonKind::Primary, ImVec2(0, 0), issues.empty()))
            st.confirm_finalize = true;
    } else {
        heading(tr(s.status == core::SessionStatus::Exported ? "review.finalize.exported_title" : "review.finalize.done_title"), true);
        const std::string who = m.finalizer_name.empty() ? s.synthesis.finalized_by : m.finalizer_name;
        if (s.synthesis.finalized_at)
            text(trf("review.finalize.stamp", {core::format_unix_french(s.synthesis.finalized_at), who}), t.bold, colors::Success);
        vspace(t.gap);
        if (button("review.pdf_page", ICON_PDF, tr("review.pdf"), ButtonKind::Primary)) r.action = ReviewAction::WritePdf;
        if (s.status == core::SessionStatus::Finalized) {
            vspace(t.pad);
            text(tr("review.reopen.explain"), t.body, colors::Muted);
            if (button("review.reopen", ICON_EDIT, tr("review.reopen.button"), ButtonKind::Secondary)) {
                st.reopen_open = true;
                st.reopen_reason.clear();
            }
        }
    }
    // What happened to the synthesis (finalized, reopened and why).
    bool header = false;
    for (auto it = s.history.rbegin(); it != s.history.rend(); ++it) {
        if (it->what != "finalized" && it->what != "reopened") continue;
        if (!header) {
            heading(tr("review.history"));
            header = true;
        }
        std::string line = core::format_unix_french(it->at) + " · " +
                           tr(it->what == "finalized" ? "review.history.finalized" : "review.history.reopened");
        if (!it->detail.empty()) line += "\u00a0: «\u00a0" + it->detail + "\u00a0»";
        text(line, t.body, colors::Text);
    }
    vspace(t.pad);
    end_touch_scroll();
}

// [SECTION] Sheets: redraft, finalize, reopen
void draw_sheets(const ReviewModel& m, ReviewState& st, ReviewResult& r) {
    const Theme& t = theme();
    const core::Session& s = m.editor->session();
    if (st.confirm_redraft && m.assets && begin_sheet("##review_redraft", 0.9f, 720.0f)) {
        text(tr("review.redraft.title"), t.title, colors::Text, -1);
        std::string names;
        for (auto id : st.would_overwrite) names += (names.empty() ? "" : ", ") + section_title(id);
        text(trf("review.redraft.text", {names}), t.body, colors::Text, -1);
        vspace(t.gap);
        // For one section, keeping the text is cancelling; for all, it still updates the others.
        const int n = st.redraft_one ? 2 : 3;
        const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2 * (n - 1)) / n;
        if (button("review.redraft.cancel", nullptr, tr("review.cancel"), ButtonKind::Quiet, ImVec2(bw, 0))) {
            st.confirm_redraft = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine(0, t.gap * 2);
        if (!st.redraft_one) {
            if (button("review.redraft.keep", nullptr, tr("review.redraft.keep"), ButtonKind::Secondary, ImVec2(bw, 0))) {
                finish_redraft(m, st, false, r);
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine(0, t.gap * 2);
        }
        if (button("review.redraft.replace", nullptr, tr("review.redraft.replace"), ButtonKind::Danger, ImVec2(bw, 0))) {
            finish_redraft(m, st, true, r);
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (st.confirm_finalize && begin_sheet("##review_finalize", 0.9f, 680.0f)) {
        text(tr("review.finalize.confirm_title"), t.title, colors::Text, -1);
        text(tr("review.finalize.confirm_text"), t.body, colors::Text, -1);
        vspace(t.gap);
        const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
        if (button("review.finalize.cancel", nullptr, tr("review.cancel"), ButtonKind::Secondary, ImVec2(bw, 0))) {
            st.confirm_finalize = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine(0, t.gap * 2);
        if (button("review.finalize.confirm", ICON_LOCK, tr("review.finalize.confirm"), ButtonKind::Primary, ImVec2(bw, 0))) {
            r.commands.push_back(core::Command{core::Finalize{m.who, 0}, m.who});
            st.confirm_finalize = false;
            st.message = tr("review.finalized_message");
            st.message_sticky = true;
            st.message_error = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (st.reopen_open && begin_sheet("##review_reopen", 0.9f, 720.0f)) {
        text(tr("review.reopen.title"), t.title, colors::Text, -1);
        text(tr("review.reopen.text"), t.body, colors::Muted, -1);
        wrapped_text_area("review.reopen.reason", st.reopen_reason, st.reopen_field, ImVec2(-FLT_MIN, t.body_px * 3.5f + t.pad));
        vspace(t.gap);
        const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
        if (button("review.reopen.cancel", nullptr, tr("review.cancel"), ButtonKind::Secondary, ImVec2(bw, 0))) {
            st.reopen_open = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine(0, t.gap * 2);
        const bool ok = !core::is_blank_text(st.reopen_reason);
        if (button("review.reopen.confirm", ICON_EDIT, tr("review.reopen.confirm"), ButtonKind::Primary, ImVec2(bw, 0), ok)) {
            r.commands.push_back(core::Command{core::Reopen{m.who, 0, st.reopen_reason}, m.who});
            st.reopen_open = false;
            st.message = tr("review.reopened_message");
            st.message_sticky = true;
            st.message_error = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    (void)s;
}

} // namespace

// [SECTION] Entry point
ReviewResult draw_review(const ReviewModel& m, ReviewState& st) {
    const Theme& t = theme();
    ReviewResult r;
    const core::Session& s = m.editor->session();
    if (st.cached_revision != s.revision) {
        // A note about the last action (« déjà à jour », PDF saved) is stale once anything changes.
        if (st.cached_revision != ~0ull && !st.message_error && !st.message_sticky) st.message.clear();
        st.message_sticky = false;
        st.cached_revision = s.revision;
        build_overview(s, st);
        st.suggestions = m.assets ? core::suggest_recommendations(s, *m.assets) : std::vector<core::Suggestion>{};
    }
    begin_screen("##review");
    const ImVec2 full = ImGui::GetContentRegionAvail();
    const bool portrait = full.y > full.x;

    // [SECTION] Top bar: back, who, undo/redo, tools, PDF.
    {
        if (button("review.back", ICON_BACK, tr("review.back"), ButtonKind::Secondary)) r.action = ReviewAction::Back;
        ImGui::SameLine(0, t.pad);
        // Narrow screens: the two buttons lose their words, the person's name keeps its room.
        const bool compact = full.x < 1000.0f * t.dp;
        const float tools_w = compact ? t.target : std::round(std::min(full.x * 0.2f, 200.0f * t.dp));
        const float pdf_w = compact ? t.target : std::round(std::min(full.x * 0.14f, 140.0f * t.dp));
        const float right_w = t.target * 2 + tools_w + pdf_w + t.gap * 6;
        const float name_x = ImGui::GetCursorPosX();
        const float name_w = std::max(0.0f, full.x - right_w - (name_x - ImGui::GetStyle().WindowPadding.x) - t.pad);
        ImFont* tf = t.title ? t.title : ImGui::GetFont();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.target - tf->FontSize) * 0.5f);
        text(ellipsize(tf, tf->FontSize, s.participant.display_name(), name_w), tf, colors::Text, 0);
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), full.x - right_w + ImGui::GetStyle().WindowPadding.x + t.pad));
        ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y);
        if (icon_button("review.undo", ICON_UNDO, tr("session.undo"), m.editor->can_undo())) r.action = ReviewAction::Undo;
        ImGui::SameLine(0, t.gap);
        if (icon_button("review.redo", ICON_REDO, tr("session.redo"), m.editor->can_redo())) r.action = ReviewAction::Redo;
        ImGui::SameLine(0, t.gap * 2);
        if (compact ? icon_button("review.tools", ICON_BOARDS, tr("review.tools"))
                    : button("review.tools", ICON_BOARDS, tr("review.tools"), ButtonKind::Secondary, ImVec2(tools_w, 0)))
            r.action = ReviewAction::OpenTools;
        ImGui::SameLine(0, t.gap);
        if (compact ? icon_button("review.pdf", ICON_PDF, tr("review.pdf"))
                    : button("review.pdf", ICON_PDF, tr("review.pdf_short"), ButtonKind::Secondary, ImVec2(pdf_w, 0)))
            r.action = ReviewAction::WritePdf;
    }
    // Who, when, how long is left.
    {
        std::string line = trf("home.row_detail", {s.participant.ecrou, s.interview_date().to_french()});
        if (s.status == core::SessionStatus::Draft) line += " · " + format_days_left(s.days_left(m.today));
        line += " · ";
        line += status_label(s.status);
        text(line, t.body, s.status == core::SessionStatus::Draft && s.days_left(m.today) < 0 ? colors::Danger : colors::Muted, 0);
    }
    if (!st.message.empty()) {
        card_begin("review.message", ImVec2(-FLT_MIN, t.body_px * 1.6f + t.pad * 2),
                   st.message_error ? colors::DangerSoft : colors::SuccessSoft);
        text(std::string(st.message_error ? ICON_WARNING : ICON_CHECK) + "  " + st.message, t.bold,
             st.message_error ? colors::Danger : colors::Success, 0);
        card_end();
    }
    if (!m.assets) text(tr("review.no_assets"), t.body, colors::Danger);

    // [SECTION] Navigation (a column in landscape, a grid above the page in portrait) + the page.
    const auto items = nav_items(s, st);
    const bool editable = s.status == core::SessionStatus::Draft;
    const bool any_text = std::any_of(s.synthesis.sections.begin(), s.synthesis.sections.end(),
                                      [](const auto& sec) { return !sec.drafted.empty() || !core::is_blank_text(sec.text); });
    const ImVec2 rest = ImGui::GetContentRegionAvail();
    ImVec2 page_size;
    auto select = [&](size_t i) {
        st.scroll_top = true;
        if (i == 0) st.page = ReviewPage::Overview;
        else if (i == items.size() - 1) st.page = ReviewPage::Finalize;
        else if (i == items.size() - 2) st.page = ReviewPage::Recommendations;
        else {
            st.page = ReviewPage::Section;
            st.section = core::kSections[i - 1];
        }
    };
    const char* draft_label = tr(any_text ? "review.redraft_all" : "review.draft_all");
    if (portrait) {
        const int cols = 2;
        const float w = (rest.x - t.gap * (cols - 1)) / cols;
        for (size_t i = 0; i < items.size(); ++i) {
            if (i % cols) ImGui::SameLine(0, t.gap);
            if (nav_row(items[i], ImVec2(w, t.target))) select(i);
        }
        if (editable) {
            vspace(t.gap * 0.5f);
            if (button("review.draft", ICON_EDIT, draft_label, any_text ? ButtonKind::Secondary : ButtonKind::Primary,
                       ImVec2(-FLT_MIN, 0), m.assets != nullptr))
                start_redraft(m, st, false, r);
        }
        vspace(t.gap);
        page_size = ImGui::GetContentRegionAvail();
    } else {
        const float nav_w = std::round(std::min(rest.x * 0.34f, 420.0f * t.dp));
        ImGui::BeginChild("##review_nav", ImVec2(nav_w, rest.y), false, ImGuiWindowFlags_NoScrollbar);
        for (size_t i = 0; i < items.size(); ++i) {
            if (nav_row(items[i], ImVec2(nav_w, t.target))) select(i);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + t.gap * 0.5f);
        }
        if (editable) {
            vspace(t.gap);
            if (button("review.draft", ICON_EDIT, draft_label, any_text ? ButtonKind::Secondary : ButtonKind::Primary,
                       ImVec2(nav_w, 0), m.assets != nullptr))
                start_redraft(m, st, false, r);
        }
        ImGui::EndChild();
        ImGui::SameLine(0, t.gap * 2);
        page_size = ImVec2(rest.x - nav_w - t.gap * 2, rest.y);
    }
    card_begin("##review_page", page_size);
    const ImVec2 inner = ImGui::GetContentRegionAvail();
    switch (st.page) {
    case ReviewPage::Overview: draw_overview(m, st, inner); break;
    case ReviewPage::Section: draw_section_page(m, st, inner, r); break;
    case ReviewPage::Recommendations: draw_recommendations_page(m, st, inner, r); break;
    case ReviewPage::Finalize: draw_finalize_page(m, st, inner, r); break;
    }
    card_end();
    draw_sheets(m, st, r);
    end_screen();
    return r;
}

} // namespace amorce::ui
