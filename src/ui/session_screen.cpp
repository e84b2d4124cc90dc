// The frame of the shared mode (« mode entretien »): three large tool tabs with pictograms,
// the counsellor's notes, undo/redo and « Terminer l'entretien ». The tools' own content comes
// with their issues; until then each tab shows what it will hold.
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace amorce::ui {

namespace {

struct TabInfo {
    SessionTab tab;
    const char* id;
    const char* icon;
    const char* label_key;
    const char* hint_key;
};
const TabInfo kTabs[] = {
    {SessionTab::Photolangage, "session.tab.photolangage", ICON_PHOTOS, "tab.photolangage", "tab.photolangage_hint"},
    {SessionTab::Timeline, "session.tab.timeline", ICON_TIMELINE, "tab.timeline", "tab.timeline_hint"},
    {SessionTab::Boards, "session.tab.boards", ICON_BOARDS, "tab.boards", "tab.boards_hint"},
};

// A large tab: pictogram above a short word. Returns true when tapped.
bool big_tab(const TabInfo& info, bool selected, float w, float h) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + w, p0.y + h);
    bool held = false;
    const bool tapped = tap_area(info.id, ImVec2(w, h), &held);
    ImDrawList* dl = win->DrawList;
    const ImU32 bg = selected ? colors::Primary : (held ? colors::SurfacePressed : colors::Surface);
    const ImU32 fg = selected ? colors::OnPrimary : colors::Primary;
    dl->AddRectFilled(p0, p1, bg, t.radius * 1.5f);
    if (!selected) dl->AddRect(p0, p1, colors::Border, t.radius * 1.5f, 0, std::max(1.0f, 1.5f * t.dp));
    const char* label = tr(info.label_key);
    ImFont* icon_font = t.huge ? t.huge : ImGui::GetFont();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    const float isz = std::min(icon_font->FontSize, h * 0.5f);
    const ImVec2 is = icon_font->CalcTextSizeA(isz, FLT_MAX, 0, info.icon);
    const ImVec2 ls = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label);
    const bool side_by_side = w > (is.x + ls.x + t.pad * 4) && h < is.y + ls.y + t.pad * 1.5f;
    if (side_by_side) {
        const float x = p0.x + (w - is.x - t.gap * 2 - ls.x) * 0.5f;
        dl->AddText(icon_font, isz, ImVec2(x, p0.y + (h - is.y) * 0.5f), fg, info.icon);
        dl->AddText(bold, bold->FontSize, ImVec2(x + is.x + t.gap * 2, p0.y + (h - ls.y) * 0.5f), fg, label);
    } else {
        const float top = p0.y + (h - is.y - ls.y - t.gap) * 0.5f;
        dl->AddText(icon_font, isz, ImVec2(p0.x + (w - is.x) * 0.5f, top), fg, info.icon);
        dl->AddText(bold, bold->FontSize, ImVec2(p0.x + (w - ls.x) * 0.5f, top + is.y + t.gap), fg, label);
    }
    record_last_item(info.id, label);
    return tapped;
}

void tool_placeholder(const TabInfo& info) {
    const Theme& t = theme();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImFont* icon_font = t.huge ? t.huge : ImGui::GetFont();
    const float isz = icon_font->FontSize * 1.6f;
    const ImVec2 is = icon_font->CalcTextSizeA(isz, FLT_MAX, 0, info.icon);
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 origin = win->DC.CursorPos;
    const float block_h = is.y + t.body_px * 5;
    const float top = origin.y + std::max(0.0f, (avail.y - block_h) * 0.4f);
    win->DrawList->AddText(icon_font, isz, ImVec2(origin.x + (avail.x - is.x) * 0.5f, top),
                           colors::rgb(0x1D, 0x5C, 0x8C, 0x70), info.icon);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, top + is.y + t.pad));
    const std::string title = tr(info.label_key);
    const std::string hint = tr(info.hint_key);
    ImFont* tf = t.title ? t.title : ImGui::GetFont();
    const float tw = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, title.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail.x - tw) * 0.5f));
    text(title, t.title, colors::Text, 0);
    ImFont* bf = t.body ? t.body : ImGui::GetFont();
    const float hw = std::min(bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, hint.c_str()).x, avail.x * 0.8f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail.x - hw) * 0.5f));
    text(hint, t.body, colors::Muted, hw + 2);
}

} // namespace

SessionResult draw_session_screen(const core::SessionEditor& editor, SessionScreenState& state,
                                  const SessionTools& tools, const std::string& save_error) {
    const Theme& t = theme();
    const core::Session& session = editor.session();
    SessionResult result;
    begin_screen("##session");
    const ImVec2 full = ImGui::GetContentRegionAvail();
    const bool portrait = full.y > full.x;

    // [SECTION] Top bar: who, undo/redo, notes, end.
    {
        const std::string who = session.participant.first_name.empty() ? session.participant.display_name()
                                                                         : session.participant.first_name;
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.target - (t.title ? t.title->FontSize : t.body_px)) * 0.5f);
        text(who, t.title, colors::Text, 0);
        // The tools of an ended interview are a counsellor screen (its way back needs no PIN):
        // say so, so that it is never mistaken for the shared mode and handed to the person.
        if (session.ended_at != 0) {
            ImGui::SameLine(0, t.gap * 2);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.title ? (t.title->FontSize - t.body_px) * 0.5f : 0));
            const bool narrow = full.x < 1100.0f * t.dp; // portrait: the short form leaves room for the buttons
            text(std::string(ICON_USER) + "  " + tr(narrow ? "session.counsellor_mode_short" : "session.counsellor_mode"),
                 t.bold, colors::Warning, 0);
        }
        const float end_w = std::min(full.x * 0.34f, 330.0f * t.dp);
        const float right = full.x - (t.target * 3 + t.gap * 3 + end_w) + t.pad;
        ImGui::SameLine(std::max(right, ImGui::GetCursorPosX()));
        ImGui::SetCursorPosY(t.pad);
        if (icon_button("session.undo", ICON_UNDO, tr("session.undo"), editor.can_undo())) result.action = SessionAction::Undo;
        ImGui::SameLine(0, t.gap);
        if (icon_button("session.redo", ICON_REDO, tr("session.redo"), editor.can_redo())) result.action = SessionAction::Redo;
        ImGui::SameLine(0, t.gap);
        if (icon_button("session.notes_toggle", ICON_NOTE, tr("session.notes"))) state.notes_open = !state.notes_open;
        ImGui::SameLine(0, t.gap);
        const bool running = session.ended_at == 0;
        if (button("session.end", running ? ICON_STOP : ICON_BACK, running ? tr("session.end") : tr("review.session.back"),
                   running ? ButtonKind::Danger : ButtonKind::Secondary, ImVec2(end_w, 0))) {
            // The counsellor's PIN is also the confirmation that the interview ends.
            if (running) {
                state.exit = SharedExitState{};
                state.exit.open = true;
                state.exit_ends = true;
            } else {
                result.action = SessionAction::EndInterview;
            }
        }
    }

    if (!save_error.empty()) {
        card_begin("session.save_error", ImVec2(-FLT_MIN, t.body_px * 1.6f + t.pad * 2), colors::DangerSoft);
        text(std::string(ICON_WARNING) + "  " + tr("home.save_error"), t.bold, colors::Danger, 0);
        card_end();
    }

    // A finalized (or exported) interview is read-only: its tools show what it holds, changes are
    // refused by the editor; say so rather than let taps do nothing.
    if (session.status != core::SessionStatus::Draft) {
        card_begin("session.locked", ImVec2(-FLT_MIN, t.body_px * 1.6f + t.pad * 2), colors::WarningSoft);
        text(std::string(ICON_LOCK) + "  " + tr(session.status == core::SessionStatus::Finalized ? "session.locked_finalized"
                                                                                                  : "session.locked_exported"),
             t.bold, colors::Warning, 0);
        card_end();
    }

    // [SECTION] Tabs: one row of three large targets.
    const float tab_h = std::round(std::max(t.target * 1.6f, full.y * (portrait ? 0.09f : 0.13f)));
    const float tab_w = (full.x - t.gap * 4) / 3.0f;
    for (int i = 0; i < 3; ++i) {
        if (i) ImGui::SameLine(0, t.gap * 2);
        if (big_tab(kTabs[i], state.tab == kTabs[i].tab, tab_w, tab_h)) state.tab = kTabs[i].tab;
    }

    // [SECTION] Tool area + notes panel (side in landscape, below in portrait).
    const ImVec2 rest = ImGui::GetContentRegionAvail();
    const bool notes = state.notes_open;
    const float notes_w = portrait ? rest.x : std::round(rest.x * 0.3f);
    const float notes_h = portrait ? std::round(rest.y * 0.3f) : rest.y;
    const ImVec2 tool_size = notes ? (portrait ? ImVec2(rest.x, rest.y - notes_h - t.gap * 2) : ImVec2(rest.x - notes_w - t.gap * 2, rest.y))
                                   : rest;
    PhotoBoardModel photo_model;
    photo_model.session = &session;
    photo_model.prompts = tools.prompts;
    photo_model.library = tools.photos;
    photo_model.gestures = tools.gestures;
    photo_model.who = session.counsellor_id;
    photo_model.now = tools.now;
    photo_model.read_only = session.status != core::SessionStatus::Draft;
    const bool photo_board = state.tab == SessionTab::Photolangage && tools.photos && tools.prompts;
    TimelineViewModel timeline_model;
    timeline_model.session = &session;
    timeline_model.gestures = tools.gestures;
    timeline_model.rome = tools.rome;
    timeline_model.today = tools.today;
    timeline_model.who = session.counsellor_id;
    const bool timeline = state.tab == SessionTab::Timeline && tools.gestures;
    BoardViewModel board_model;
    board_model.session = &session;
    board_model.templates = tools.boards;
    board_model.pictograms = tools.pictograms;
    board_model.gestures = tools.gestures;
    board_model.who = session.counsellor_id;
    board_model.now = tools.now;
    board_model.read_only = session.status != core::SessionStatus::Draft;
    const bool boards = state.tab == SessionTab::Boards && tools.boards;
    card_begin("##tool", tool_size);
    if (photo_board) draw_photo_board(photo_model, state.photos, &result.commands);
    else if (timeline) draw_timeline(timeline_model, state.timeline, &result.commands);
    else if (boards) draw_boards(board_model, state.boards, &result.commands);
    else
        for (const auto& info : kTabs)
            if (info.tab == state.tab) tool_placeholder(info);
    card_end();

    if (notes) {
        if (!portrait) ImGui::SameLine(0, t.gap * 2);
        card_begin("##notes", ImVec2(notes_w, notes_h));
        text(std::string(ICON_NOTE) + "  " + tr("session.notes_title"), t.bold, colors::Text, 0);
        std::string notes = session.notes;
        if (wrapped_text_area("session.notes", notes, state.notes, ImVec2(-FLT_MIN, -FLT_MIN)))
            result.commands.push_back(core::Command{core::SetNotes{notes}, session.counsellor_id});
        card_end();
    }

    // The board's full-screen photo and sheets, over everything.
    if (photo_board) draw_photo_overlays(photo_model, state.photos, &result.commands);
    if (timeline) draw_timeline_overlays(timeline_model, state.timeline, &result.commands);
    if (boards) draw_board_overlays(board_model, state.boards, &result.commands);

    // [SECTION] Leaving the shared mode: the counsellor's PIN (also after a long press in the
    // top-left corner, the way out that the person is not shown).
    if (session.interview_running() && !state.exit.open && corner_long_press()) {
        state.exit = SharedExitState{};
        state.exit.open = true;
        state.exit_ends = false;
    }
    std::string secret;
    switch (draw_shared_exit(state.exit, tools.counsellor_name, &secret)) {
    case SharedExitAction::Submit:
        result.action = SessionAction::LeaveShared;
        result.secret = std::move(secret);
        result.end_interview = state.exit_ends;
        break;
    case SharedExitAction::Cancel:
    case SharedExitAction::None: break;
    }

    end_screen();
    return result;
}

} // namespace amorce::ui
