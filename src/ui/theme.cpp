#include "ui/theme.hpp"

#include "ui/icons.hpp"

#include <cmath>
#include <fstream>

namespace amorce::ui {

namespace {
const Theme* g_theme = nullptr;

// Everything French needs: Latin-1 (« » à-ÿ, U+00A0), Latin Extended-A (œ Œ Ÿ), General
// Punctuation (’ … – — •), the euro sign.
const ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0};

bool file_exists(const std::string& p) { return std::ifstream(p).good(); }

ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
} // namespace

const Theme& theme() {
    static const Theme fallback;
    return g_theme ? *g_theme : fallback;
}
void set_theme(const Theme* t) { g_theme = t; }

bool Theme::apply(float new_dp, const std::string& assets_dir, std::string* error) {
    dp = new_dp;
    target = std::round(56.0f * dp);
    gap = std::round(8.0f * dp);
    pad = std::round(16.0f * dp);
    radius = std::round(10.0f * dp);
    body_px = std::round(24.0f * dp);

    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const std::string regular = assets_dir + "/fonts/AtkinsonHyperlegible-Regular.ttf";
    const std::string boldf = assets_dir + "/fonts/AtkinsonHyperlegible-Bold.ttf";
    const std::string icons = assets_dir + "/fonts/fa-solid-900.ttf";
    bool ok = true;
    if (!file_exists(regular) || !file_exists(boldf) || !file_exists(icons)) {
        if (error) *error = "font files missing under " + assets_dir + "/fonts";
        ok = false;
    }

    auto add = [&](const std::string& file, float px, bool with_icons) -> ImFont* {
        if (!ok) {
            ImFontConfig cfg;
            cfg.SizePixels = px;
            return io.Fonts->AddFontDefault(&cfg);
        }
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        ImFont* f = io.Fonts->AddFontFromFileTTF(file.c_str(), px, &cfg, kTextRanges);
        if (with_icons) {
            ImFontConfig icfg;
            icfg.MergeMode = true;
            icfg.PixelSnapH = true;
            icfg.GlyphMinAdvanceX = px * 1.1f;
            icfg.GlyphOffset = ImVec2(0, px * 0.05f);
            io.Fonts->AddFontFromFileTTF(icons.c_str(), px * 0.9f, &icfg, ICON_GLYPH_RANGES);
        }
        return f;
    };
    body = add(regular, body_px, true);
    bold = add(boldf, body_px, true);
    title = add(boldf, std::round(body_px * 1.45f), true);
    if (ok) {
        ImFontConfig icfg;
        icfg.PixelSnapH = true;
        huge = io.Fonts->AddFontFromFileTTF(icons.c_str(), std::round(body_px * 2.4f), &icfg, ICON_GLYPH_RANGES);
    } else {
        huge = title;
    }
    io.FontDefault = body;

    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(pad, pad);
    style.FramePadding = ImVec2(pad * 0.75f, (target - body_px) * 0.5f);
    style.ItemSpacing = ImVec2(gap * 1.5f, gap * 1.5f);
    style.ItemInnerSpacing = ImVec2(gap, gap);
    style.TouchExtraPadding = ImVec2(gap * 0.5f, gap * 0.5f);
    style.ScrollbarSize = std::round(14.0f * dp);
    style.GrabMinSize = std::round(28.0f * dp);
    style.WindowRounding = 0;
    style.ChildRounding = radius;
    style.FrameRounding = radius;
    style.PopupRounding = radius;
    style.ScrollbarRounding = radius;
    style.GrabRounding = radius;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = std::max(1.0f, std::round(1.5f * dp));
    style.ChildBorderSize = std::max(1.0f, std::round(1.0f * dp));
    style.PopupBorderSize = std::max(1.0f, std::round(1.0f * dp));
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = v4(colors::Text);
    c[ImGuiCol_TextDisabled] = v4(colors::Muted);
    c[ImGuiCol_WindowBg] = v4(colors::Background);
    c[ImGuiCol_ChildBg] = v4(colors::rgb(0, 0, 0, 0));
    c[ImGuiCol_PopupBg] = v4(colors::Surface);
    c[ImGuiCol_ModalWindowDimBg] = v4(colors::rgb(0x1F, 0x23, 0x28, 0x70));
    c[ImGuiCol_Border] = v4(colors::Border);
    c[ImGuiCol_FrameBg] = v4(colors::Surface);
    c[ImGuiCol_FrameBgHovered] = v4(colors::Surface);
    c[ImGuiCol_FrameBgActive] = v4(colors::Surface);
    c[ImGuiCol_Button] = v4(colors::Surface);
    c[ImGuiCol_ButtonHovered] = v4(colors::Surface);
    c[ImGuiCol_ButtonActive] = v4(colors::SurfacePressed);
    c[ImGuiCol_CheckMark] = v4(colors::Primary);
    c[ImGuiCol_TextSelectedBg] = v4(colors::PrimarySoft);
    c[ImGuiCol_NavHighlight] = v4(colors::Primary);
    c[ImGuiCol_ScrollbarBg] = v4(colors::rgb(0, 0, 0, 0));
    c[ImGuiCol_ScrollbarGrab] = v4(colors::Border);
    c[ImGuiCol_ScrollbarGrabHovered] = v4(colors::Border);
    c[ImGuiCol_ScrollbarGrabActive] = v4(colors::Muted);
    c[ImGuiCol_Separator] = v4(colors::Border);
    ImGui::GetStyle() = style;
    // io.MouseDragThreshold (tap vs drag, 8 dp) is set by the platform with its touch slop.
    return ok;
}

} // namespace amorce::ui
