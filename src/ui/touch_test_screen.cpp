// « Tester l'écran tactile »: a pad that counts taps, drags and long presses and shows pinch
// zoom and two-finger pan, so a counsellor can check a tablet before an interview (and UI
// scripts can check the gesture layer end to end).
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <cmath>
#include <cstdio>

namespace amorce::ui {

bool draw_touch_test(const platform::Gestures& g, TouchTestState& s) {
    const Theme& t = theme();
    bool back = false;
    begin_screen("##touchtest");
    if (icon_button("touchtest.back", ICON_BACK, tr("common.back"))) back = true;
    ImGui::SameLine(0, t.gap * 2);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.target - (t.title ? t.title->FontSize : t.body_px)) * 0.5f);
    text(tr("touchtest.title"), t.title, colors::Text, 0);
    text(tr("touchtest.help"), t.body, colors::Muted, -1);

    char buf[160];
    std::snprintf(buf, sizeof buf, "%s : %d", tr("touchtest.taps"), s.taps);
    text(buf, t.bold, colors::Text, 0);
    ImGui::SameLine(0, t.pad * 2);
    std::snprintf(buf, sizeof buf, "%s : %d", tr("touchtest.long_presses"), s.long_presses);
    text(buf, t.bold, colors::Text, 0);
    ImGui::SameLine(0, t.pad * 2);
    std::snprintf(buf, sizeof buf, "%s : %d (%.0f px)", tr("touchtest.drags"), s.drags, s.last_drag_px);
    text(buf, t.bold, colors::Text, 0);
    std::snprintf(buf, sizeof buf, "%s : %.2f", tr("touchtest.zoom"), s.zoom);
    text(buf, t.bold, colors::Text, 0);
    ImGui::SameLine(0, t.pad * 2);
    std::snprintf(buf, sizeof buf, "%s : %.0f, %.0f", tr("touchtest.pan"), s.pan.x, s.pan.y);
    text(buf, t.bold, colors::Text, 0);

    // The pad.
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + avail.x, p0.y + avail.y);
    bool held = false;
    if (tap_area("touchtest.pad", avail, &held)) ++s.taps;
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemDeactivated() && !released_as_tap()) {
        ++s.drags;
        s.last_drag_px = std::sqrt(io.MouseDragMaxDistanceSqr[0]);
    }
    const ImRect pad(p0, p1);
    if (g.long_press && pad.Contains(g.long_press_pos)) ++s.long_presses;
    if (g.pinching && pad.Contains(g.pinch_center)) {
        s.zoom *= g.pinch_scale;
        s.pan.x += g.pan_delta.x;
        s.pan.y += g.pan_delta.y;
    }
    ImDrawList* dl = win->DrawList;
    dl->AddRectFilled(p0, p1, held ? colors::PrimarySoft : colors::Surface, t.radius);
    dl->AddRect(p0, p1, colors::Border, t.radius, 0, std::max(1.0f, 1.5f * t.dp));
    // A square that follows zoom and pan, so the gesture is visible.
    const ImVec2 c((p0.x + p1.x) * 0.5f + s.pan.x, (p0.y + p1.y) * 0.5f + s.pan.y);
    const float half = std::min(avail.x, avail.y) * 0.15f * s.zoom;
    dl->PushClipRect(p0, p1, true);
    dl->AddRectFilled(ImVec2(c.x - half, c.y - half), ImVec2(c.x + half, c.y + half), colors::rgb(0x1D, 0x5C, 0x8C, 0x50), t.radius);
    dl->PopClipRect();
    record_last_item("touchtest.pad", "");
    end_screen();
    return back;
}

} // namespace amorce::ui
