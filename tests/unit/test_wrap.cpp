// Word wrap of the multi-line fields (ImGui 1.86 cannot wrap an editable field by itself).
#include "ui/widgets.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <sstream>

namespace {
struct FontContext {
    ImGuiContext* ctx;
    ImFont* font;
    FontContext() {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        font = io.Fonts->AddFontDefault();
        io.Fonts->Build();
    }
    ~FontContext() { ImGui::DestroyContext(ctx); }
};
} // namespace

TEST_CASE("wrap: long notes break at spaces, every line fits, and unwrapping gives the text back") {
    FontContext fc;
    const std::string plain =
        "Parle volontiers de son frère ; veut reprendre la maçonnerie après un CAP.\n"
        "Deuxième paragraphe : a travaillé en intérim dans le bâtiment pendant trois ans, puis sans emploi.";
    amorce::ui::WrappedText st;
    const float width = 160.0f;
    amorce::ui::wrap_text(st, plain, fc.font, 13.0f, width);
    CHECK(st.display.size() == plain.size());          // positions never move
    CHECK(st.soft.size() >= 4);                         // it really wrapped
    CHECK(amorce::ui::unwrap_text(st) == plain);        // the hard break is kept, soft ones undone
    std::istringstream lines(st.display);
    int count = 0;
    for (std::string line; std::getline(lines, line); ++count)
        CHECK(fc.font->CalcTextSizeA(13.0f, FLT_MAX, 0, line.c_str()).x <= width + 0.5f);
    CHECK(count == static_cast<int>(st.soft.size()) + 2);
    for (int p : st.soft) CHECK(plain[static_cast<size_t>(p)] == ' ');
}

TEST_CASE("wrap: a word longer than the line overflows instead of being cut or lost") {
    FontContext fc;
    const std::string plain = "Anticonstitutionnellementtrèslongmotsansespace fin";
    amorce::ui::WrappedText st;
    amorce::ui::wrap_text(st, plain, fc.font, 13.0f, 60.0f);
    CHECK(amorce::ui::unwrap_text(st) == plain);
    CHECK(st.display.find("Anticonstitutionnellementtrèslongmotsansespace") == 0);
}

TEST_CASE("wrap: a wider field re-wraps with fewer breaks") {
    FontContext fc;
    const std::string plain(300, 'a');
    std::string words;
    for (int i = 0; i < 40; ++i) words += "mot" + std::to_string(i) + " ";
    amorce::ui::WrappedText narrow, wide;
    amorce::ui::wrap_text(narrow, words, fc.font, 13.0f, 100.0f);
    amorce::ui::wrap_text(wide, words, fc.font, 13.0f, 400.0f);
    CHECK(narrow.soft.size() > wide.soft.size() * 2);
    CHECK(amorce::ui::unwrap_text(wide) == words);
}

TEST_CASE("wrap: never breaks after « or before » : ; ! ? (French typography)") {
    FontContext fc;
    std::string plain;
    for (int i = 0; i < 12; ++i) plain += "mot « citation » ; puis : fin ! ";
    for (float width : {90.0f, 110.0f, 130.0f, 170.0f, 230.0f}) {
        amorce::ui::WrappedText st;
        amorce::ui::wrap_text(st, plain, fc.font, 13.0f, width);
        CHECK(amorce::ui::unwrap_text(st) == plain);
        CHECK_FALSE(st.soft.empty());
        for (int p : st.soft) {
            const size_t q = static_cast<size_t>(p);
            CHECK_FALSE(plain.compare(q - 2, 2, "\xc2\xab") == 0);
            CHECK_FALSE(plain.compare(q + 1, 2, "\xc2\xbb") == 0);
            CHECK(std::string(":;!?").find(plain[q + 1]) == std::string::npos);
        }
    }
}
