// Look and sizes: a light, calm, high-contrast theme. Every size derives from dp (display
// density) so targets stay ≥ 48 dp on any tablet; nothing is a pixel constant.
#pragma once

#include <imgui.h>

#include <string>

namespace amorce::ui {

namespace colors {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
    return (a << 24) | (b << 16) | (g << 8) | r;
}
inline constexpr ImU32 Background = rgb(0xF6, 0xF3, 0xEE);
inline constexpr ImU32 Surface = rgb(0xFF, 0xFF, 0xFF);
inline constexpr ImU32 SurfacePressed = rgb(0xE8, 0xE2, 0xD8);
inline constexpr ImU32 Border = rgb(0xCF, 0xC7, 0xBB);
inline constexpr ImU32 Text = rgb(0x1F, 0x23, 0x28);
inline constexpr ImU32 Muted = rgb(0x55, 0x5E, 0x69);
inline constexpr ImU32 Primary = rgb(0x1D, 0x5C, 0x8C);
inline constexpr ImU32 PrimaryPressed = rgb(0x15, 0x46, 0x6B);
inline constexpr ImU32 PrimarySoft = rgb(0xDC, 0xE9, 0xF4);
inline constexpr ImU32 OnPrimary = rgb(0xFF, 0xFF, 0xFF);
inline constexpr ImU32 Success = rgb(0x2E, 0x6B, 0x45);
inline constexpr ImU32 SuccessSoft = rgb(0xDD, 0xF0, 0xE3);
inline constexpr ImU32 Danger = rgb(0xA8, 0x23, 0x1B);
inline constexpr ImU32 DangerSoft = rgb(0xFB, 0xE4, 0xE1);
inline constexpr ImU32 Warning = rgb(0x7A, 0x4F, 0x00);
inline constexpr ImU32 WarningSoft = rgb(0xFF, 0xF0, 0xD0);
inline constexpr ImU32 Disabled = rgb(0x9A, 0xA0, 0xA6);
} // namespace colors

struct Theme {
    float dp = 1.0f;          // pixels per dp
    float target = 56.0f;     // minimum touch target side, pixels (≥ 48 dp)
    float gap = 8.0f;         // spacing between targets, pixels (8 dp)
    float pad = 16.0f;        // inner padding, pixels
    float radius = 10.0f;
    float body_px = 22.0f;
    ImFont* body = nullptr;   // Atkinson Hyperlegible Regular + icons
    ImFont* bold = nullptr;   // Bold + icons
    ImFont* title = nullptr;  // Bold, larger
    ImFont* huge = nullptr;   // pictograms on the shared screens (icons only, large)

    // Loads the fonts for this dp into ImGui's atlas (clears it first) and styles ImGui.
    // Returns false with *error if a font file is missing; ImGui's default font is used then.
    bool apply(float dp, const std::string& assets_dir, std::string* error);
};

// The theme in use (set by the app before drawing).
const Theme& theme();
void set_theme(const Theme* theme);

} // namespace amorce::ui
