// Every pictogram the UI names (src/ui/icons.hpp) must exist in the shipped icon font and be in
// the glyph ranges the theme rasterises: otherwise the user sees an empty box instead of it.
#include "ui/icons.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<unsigned> icon_codepoints_in_header() {
    std::ifstream in(std::string(AMORCE_SOURCE_DIR) + "/src/ui/icons.hpp");
    std::vector<unsigned> cps;
    std::string line;
    const std::regex re(R"(inline constexpr const char\* ICON_\w+\s*=.*U\+([0-9A-Fa-f]{4,5}))");
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_search(line, m, re)) cps.push_back(static_cast<unsigned>(std::stoul(m[1].str(), nullptr, 16)));
    return cps;
}

bool in_ranges(unsigned cp) {
    for (const unsigned short* r = ICON_GLYPH_RANGES; r[0]; r += 2)
        if (cp >= r[0] && cp <= r[1]) return true;
    return false;
}

} // namespace

TEST_CASE("icons: every ICON_ constant is in the glyph ranges and drawn by the icon font") {
    const std::vector<unsigned> cps = icon_codepoints_in_header();
    REQUIRE(cps.size() >= 30);
    ImGuiContext* ctx = ImGui::CreateContext();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const std::string font = std::string(AMORCE_SOURCE_DIR) + "/assets/fonts/fa-solid-900.ttf";
    ImFont* f = atlas->AddFontFromFileTTF(font.c_str(), 20.0f, nullptr,
                                          reinterpret_cast<const ImWchar*>(ICON_GLYPH_RANGES));
    REQUIRE(f != nullptr);
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsAlpha8(&px, &w, &h);
    for (unsigned cp : cps) {
        CAPTURE(cp);
        CHECK(in_ranges(cp));
        CHECK(cp >= ICON_RANGE_MIN);
        CHECK(cp <= ICON_RANGE_MAX);
        CHECK(f->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
    }
    ImGui::DestroyContext(ctx);
}
