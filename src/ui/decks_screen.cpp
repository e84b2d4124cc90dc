// « Jeux de photos »: installed decks on one side, the import on the other (stacked in portrait).
// The import is two steps: « Vérifier » shows every problem, card by card; « Importer » is only
// possible once the check of that very folder found none.
//
// [SECTION] Helpers
// [SECTION] Installed decks
// [SECTION] Import area
// [SECTION] Screen
#include "ui/decks_screen.hpp"

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace amorce::ui {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

std::string trim_path(const std::string& path) {
    const size_t b = path.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const size_t e = path.find_last_not_of(" \t\r\n");
    std::string s = path.substr(b, e - b + 1);
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

std::string problem_card_label(const deck::Problem& p) {
    if (p.deck_level) return tr("decks.problem_deck");
    if (!p.card.empty() && p.card[0] == '#') return trf("decks.problem_card_number", {p.card.substr(1)});
    return trf("decks.problem_card", {p.card});
}

namespace {

std::string mb(std::uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20); }

// Text from a deck.json (written by someone else) with no-break spaces where French typography
// wants them, so a line never starts with « ; » or « : » (ImGui only wraps at ordinary spaces).
std::string french_spacing(std::string s) {
    static const char* const nbsp = "\xc2\xa0";
    for (const char* mark : {" ;", " :", " !", " ?", " \xc2\xbb"})
        for (size_t p = s.find(mark); p != std::string::npos; p = s.find(mark, p + 2)) s.replace(p, 1, nbsp);
    for (size_t p = s.find("\xc2\xab "); p != std::string::npos; p = s.find("\xc2\xab ", p + 4))
        s.replace(p + 2, 1, nbsp);
    return s;
}

// A panel whose height follows its content: the content is drawn first on a foreground channel,
// then the background behind it once its size is known. No child window, so the panel scrolls
// with its parent and text inside it wraps at `inner_width()`.
class Panel {
public:
    Panel(ImU32 bg, ImU32 border) : bg_(bg), border_(border) {
        const Theme& t = theme();
        width_ = ImGui::GetContentRegionAvail().x -
                 std::max(2.0f, 2.0f * t.dp); // the border stays inside the clip
        start_ = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        ImGui::BeginGroup();
        ImGui::Dummy(ImVec2(width_, t.pad * 0.5f));
        ImGui::Indent(t.pad);
    }
    ~Panel() {
        const Theme& t = theme();
        ImGui::Unindent(t.pad);
        ImGui::Dummy(ImVec2(width_, t.pad * 0.5f));
        ImGui::EndGroup();
        const ImVec2 end(start_.x + width_, ImGui::GetItemRectMax().y);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSetCurrent(0);
        dl->AddRectFilled(start_, end, bg_, t.radius);
        dl->AddRect(start_, end, border_, t.radius, 0, std::max(1.0f, t.dp));
        dl->ChannelsMerge();
    }
    Panel(const Panel&) = delete;
    Panel& operator=(const Panel&) = delete;
    float inner_width() const { return width_ - theme().pad * 2; }

private:
    ImU32 bg_, border_;
    ImVec2 start_;
    float width_ = 0;
};

void section_title(const char* label) { text(label, theme().bold, colors::Primary, 0); }

//-----------------------------------------------------------------------------
// [SECTION] Installed decks
//-----------------------------------------------------------------------------

void draw_installed(const DecksModel& model) {
    const Theme& t = theme();
    section_title(tr("decks.installed"));
    if (!model.decks) {
        text(tr("decks.loading"), t.body, colors::Muted, -1);
        return;
    }
    if (model.decks->empty()) {
        text(tr("decks.none_installed"), t.body, colors::Muted, -1);
        return;
    }
    for (const InstalledDeck& d : *model.decks) {
        ImGui::PushID(d.id.c_str());
        Panel panel(colors::Surface, colors::Border);
        const float w = panel.inner_width();
        text(french_spacing(d.title), t.bold, colors::Text, w);
        std::string count = d.cards == 1          ? tr("decks.cards_one")
                            : d.usable == d.cards ? trf("decks.cards_all_usable", {std::to_string(d.cards)})
                                                  : trf("decks.cards_some_usable",
                                                        {std::to_string(d.cards), std::to_string(d.usable)});
        count += " · ";
        count += tr(d.shipped ? "decks.shipped" : "decks.imported");
        text(count, t.body, d.usable == d.cards ? colors::Muted : colors::Warning, w);
        if (!d.licence.empty())
            text(trf("decks.licence", {french_spacing(d.licence)}), t.body, colors::Muted, w);
        ImGui::PopID();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Import area
//-----------------------------------------------------------------------------

// A folder found on a USB stick: a large row with its name and its full path. True when tapped.
bool found_row(int index, const std::string& path, float width) {
    const Theme& t = theme();
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const std::string id = "decks.found." + std::to_string(index);
    const float height = std::max(t.target, std::round(t.body_px * 2.6f + t.pad));
    const ImVec2 p0 = w->DC.CursorPos;
    const ImVec2 p1(p0.x + width, p0.y + height);
    bool held = false;
    const bool tapped = tap_area(id.c_str(), ImVec2(width, height), &held);
    ImDrawList* dl = w->DrawList;
    dl->AddRectFilled(p0, p1, held ? colors::SurfacePressed : colors::Surface, t.radius);
    dl->AddRect(p0, p1, colors::Border, t.radius, 0, std::max(1.0f, t.dp));
    const size_t slash = path.find_last_of('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const float x = p0.x + t.pad;
    const float y = p0.y + (height - t.body_px * 2.3f) * 0.5f;
    const ImVec2 icon_size = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, ICON_NEXT);
    dl->PushClipRect(p0, ImVec2(p1.x - t.pad * 2 - icon_size.x, p1.y), true);
    dl->AddText(bold, bold->FontSize, ImVec2(x, y), colors::Text, name.c_str());
    dl->AddText(body, body->FontSize, ImVec2(x, y + t.body_px * 1.25f), colors::Muted, path.c_str());
    dl->PopClipRect();
    dl->AddText(bold, bold->FontSize, ImVec2(p1.x - t.pad - icon_size.x, p0.y + (height - icon_size.y) * 0.5f),
                colors::Primary, ICON_NEXT);
    record_last_item(id, name + " — " + path);
    return tapped;
}

// The problems of a refused check, grouped by card (load_deck lists them deck first, then by card).
void draw_problems(const deck::ImportResult& r, float width) {
    const Theme& t = theme();
    const std::vector<deck::Problem>& problems = r.problems;
    for (size_t i = 0; i < problems.size(); ++i) {
        const deck::Problem& p = problems[i];
        const bool new_group =
            i == 0 || p.deck_level != problems[i - 1].deck_level || p.card != problems[i - 1].card;
        if (new_group) {
            if (i > 0) ImGui::Dummy(ImVec2(1, t.gap * 0.25f));
            std::string header = problem_card_label(p);
            if (!p.deck_level && !p.file.empty()) header += "  ·  " + p.file;
            text(header, t.bold, colors::Text, width);
        }
        const std::string key = std::string("deck.problem.") + deck::problem_key(p.code);
        text("•  " + std::string(tr(key.c_str())), t.body, colors::Text, width);
    }
}

std::string refusal_text(const deck::ImportResult& r) {
    const std::string key = std::string("deck.import.") + deck::import_error_key(r.error);
    switch (r.error) {
    case deck::ImportError::AlreadyInstalled: return trf(key.c_str(), {r.deck_id});
    case deck::ImportError::TooLarge: return trf(key.c_str(), {mb(r.bytes)});
    case deck::ImportError::TooManyFiles: return trf(key.c_str(), {std::to_string(r.files)});
    case deck::ImportError::NotEnoughSpace: return trf(key.c_str(), {mb(r.bytes)});
    default: return tr(key.c_str());
    }
}

void draw_result(const DecksModel& model, const std::string& path) {
    const Theme& t = theme();
    if (model.busy == DecksBusy::Checking || model.busy == DecksBusy::Importing) {
        Panel panel(colors::PrimarySoft, colors::PrimarySoft);
        text(std::string(ICON_INFO) + "  " +
                 tr(model.busy == DecksBusy::Checking ? "decks.checking" : "decks.importing"),
             t.bold, colors::Primary, panel.inner_width());
        return;
    }
    const deck::ImportResult* r = model.result;
    if (!r || model.result_path != path) {
        if (!path.empty()) text(tr("decks.check_first"), t.body, colors::Muted, -1);
        return;
    }
    if (r->ok) {
        Panel panel(colors::SuccessSoft, colors::SuccessSoft);
        const std::string n = std::to_string(r->cards);
        text(std::string(ICON_CHECK) + "  " +
                 trf(model.result_is_import ? "decks.done" : "decks.ready", {french_spacing(r->title), n}),
             t.bold, colors::Success, panel.inner_width());
        return;
    }
    Panel panel(colors::DangerSoft, colors::DangerSoft);
    const float w = panel.inner_width();
    text(std::string(ICON_WARNING) + "  " + tr("decks.refused"), t.bold, colors::Danger, w);
    if (r->error == deck::ImportError::Problems) {
        const size_t n = r->problems.size();
        text(n == 1 ? std::string(tr("decks.problems_one")) : trf("decks.problems", {std::to_string(n)}),
             t.body, colors::Danger, w);
        ImGui::Dummy(ImVec2(1, t.gap * 0.25f));
        draw_problems(*r, w);
    } else {
        text(refusal_text(*r), t.body, colors::Danger, w);
        if (!r->file.empty()) text(trf("decks.file", {r->file}), t.body, colors::Muted, w);
    }
}

void draw_import(const DecksModel& model, DecksState& state, DecksResult* result) {
    const Theme& t = theme();
    const bool idle = model.busy == DecksBusy::None;
    section_title(tr("decks.import_title"));
    text(tr("decks.import_help"), t.body, colors::Muted, -1);

    const float width = ImGui::GetContentRegionAvail().x;
    if (!model.found) {
        text(tr("decks.searching"), t.body, colors::Muted, -1);
    } else {
        if (model.found->empty()) {
            text(tr("decks.found_none"), t.body, colors::Muted, -1);
        } else {
            text(tr("decks.found"), t.bold, colors::Text, 0);
            for (size_t i = 0; i < model.found->size(); ++i) {
                if (found_row(static_cast<int>(i), (*model.found)[i], width) && idle) {
                    state.path = (*model.found)[i];
                    result->action = DecksAction::Check;
                    result->path = state.path;
                }
            }
        }
        if (button("decks.rescan", ICON_SEARCH, tr("decks.rescan"), ButtonKind::Quiet, ImVec2(0, 0), idle))
            result->action = DecksAction::Rescan;
    }

    ImGui::Dummy(ImVec2(1, t.gap * 0.5f));
    // A check started from a row far down the list: its outcome must not land below the fold.
    if (state.scroll_to_result) {
        ImGui::SetScrollHereY(0.0f);
        state.scroll_to_result = false;
    }
    text_field("decks.path", tr("decks.path"), state.path, "", tr("decks.path_hint"),
               width - t.target - t.gap * 1.5f);
    ImGui::SameLine(0, t.gap * 1.5f);
    if (icon_button("decks.clear", ICON_CLOSE, tr("decks.clear"), !state.path.empty())) state.path.clear();

    const std::string path = trim_path(state.path);
    const bool checked_ok =
        model.result && !model.result_is_import && model.result->ok && model.result_path == path;
    const float bw = std::min((width - t.gap * 2) * 0.5f, 320.0f * t.dp);
    if (button("decks.check", ICON_SEARCH, tr("decks.check"), ButtonKind::Secondary, ImVec2(bw, 0),
               idle && !path.empty())) {
        result->action = DecksAction::Check;
        result->path = path;
    }
    ImGui::SameLine(0, t.gap * 2);
    if (button("decks.import", ICON_PLUS, tr("decks.import"), ButtonKind::Primary, ImVec2(bw, 0),
               idle && checked_ok)) {
        result->action = DecksAction::Import;
        result->path = path;
    }
    ImGui::Dummy(ImVec2(1, t.gap * 0.5f));
    draw_result(model, path);
    ImGui::Dummy(ImVec2(1, t.pad));
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Screen
//-----------------------------------------------------------------------------

DecksResult draw_decks_screen(const DecksModel& model, DecksState& state) {
    const Theme& t = theme();
    DecksResult result;
    begin_screen("##decks");
    // Leaving during an import would hide its outcome: back waits for it (a few seconds at most).
    if (icon_button("decks.back", ICON_BACK, tr("common.back"), model.busy != DecksBusy::Importing))
        result.action = DecksAction::Back;
    ImGui::SameLine(0, t.gap * 2);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                         (t.target - (t.title ? t.title->FontSize : t.body_px)) * 0.5f);
    text(tr("decks.title"), t.title, colors::Text, 0);
    ImGui::Dummy(ImVec2(1, t.gap * 0.5f));

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool wide = avail.x > 900.0f * t.dp;
    if (wide) {
        // Landscape: the import (what the counsellor came for) on the left, the list on the right.
        const float col = std::floor((avail.x - t.pad * 2) * 0.5f);
        begin_touch_scroll("decks.import_area", ImVec2(col, 0));
        ImGui::PushItemWidth(-t.gap);
        draw_import(model, state, &result);
        ImGui::PopItemWidth();
        end_touch_scroll();
        ImGui::SameLine(0, t.pad * 2);
        begin_touch_scroll("decks.list", ImVec2(0, 0));
        draw_installed(model);
        end_touch_scroll();
    } else {
        // Portrait: one column, the import first, then the list.
        begin_touch_scroll("decks.scroll", ImVec2(0, 0));
        ImGui::PushItemWidth(-t.gap);
        draw_import(model, state, &result);
        ImGui::PopItemWidth();
        draw_installed(model);
        end_touch_scroll();
    }
    end_screen();
    return result;
}

} // namespace amorce::ui
