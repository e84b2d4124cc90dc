// The translation catalog: every key the code uses exists in French and English, French
// typography is right, and format arguments are substituted.
#include "deck/deck.hpp"
#include "deck/import.hpp"
#include "ui/i18n.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using amorce::ui::Catalog;

namespace {
// Keys passed to tr()/trf(), plus literals with prefixes that only the catalog uses (tables of
// tab labels, command labels, languages, messages). Widget ids look similar but are not keys.
std::set<std::string> keys_used_in_sources() {
    const std::regex call(R"re(\btrf?\(\s*"([a-z_]+\.[a-z_.]+)")re");
    const std::regex table(R"re("((?:tab|cmd|lang|deadline|status|notice|form\.err|deck\.problem|deck\.import)\.[a-z_.]+)")re");
    std::set<std::string> out;
    for (const char* dir : {"/src/ui", "/src/app", "/src/core"}) {
        for (const auto& e : std::filesystem::directory_iterator(std::string(AMORCE_SOURCE_DIR) + dir)) {
            std::ifstream in(e.path());
            std::stringstream ss;
            ss << in.rdbuf();
            const std::string text = ss.str();
            for (const std::regex* re : {&call, &table})
                for (std::sregex_iterator it(text.begin(), text.end(), *re), end; it != end; ++it) out.insert((*it)[1]);
        }
    }
    return out;
}
} // namespace

TEST_CASE("i18n: every key used by the code is in the French and English catalogs") {
    Catalog fr, en;
    std::string error;
    REQUIRE_MESSAGE(fr.load(std::string(AMORCE_ASSETS_DIR) + "/i18n", "fr", &error), error);
    REQUIRE_MESSAGE(en.load(std::string(AMORCE_ASSETS_DIR) + "/i18n", "en", &error), error);
    const auto used = keys_used_in_sources();
    CHECK(used.size() > 40);
    // English must define every key itself (not just fall back to French).
    std::ifstream en_file(std::string(AMORCE_ASSETS_DIR) + "/i18n/en.tsv");
    std::set<std::string> en_keys;
    for (std::string line; std::getline(en_file, line);)
        if (!line.empty() && line[0] != '#' && line.find('\t') != std::string::npos) en_keys.insert(line.substr(0, line.find('\t')));
    for (const auto& k : used) {
        CHECK_MESSAGE(fr.has(k.c_str()), "missing in fr.tsv: " << k);
        CHECK_MESSAGE(en_keys.count(k) == 1, "missing in en.tsv: " << k);
    }
}

// Keys built at run time from a prefix and a code ("deck.problem." + problem_key(code)): the
// source scan above cannot see them, so every code is listed here.
TEST_CASE("i18n: every deck problem and import refusal has a French and English text") {
    Catalog fr, en;
    std::string error;
    REQUIRE(fr.load(std::string(AMORCE_ASSETS_DIR) + "/i18n", "fr", &error));
    REQUIRE(en.load(std::string(AMORCE_ASSETS_DIR) + "/i18n", "en", &error));
    std::vector<std::string> keys;
    using amorce::deck::ProblemCode;
    for (int c = 0; c <= static_cast<int>(ProblemCode::ImageCorrupt); ++c)
        keys.push_back(std::string("deck.problem.") + amorce::deck::problem_key(static_cast<ProblemCode>(c)));
    using amorce::deck::ImportError;
    for (int e = static_cast<int>(ImportError::Problems); e <= static_cast<int>(ImportError::RenameFailed); ++e)
        keys.push_back(std::string("deck.import.") + amorce::deck::import_error_key(static_cast<ImportError>(e)));
    CHECK(keys.size() == 29 + 11);
    for (const auto& k : keys) {
        CHECK_MESSAGE(k.find("unknown") == std::string::npos, k);
        CHECK_MESSAGE(fr.has(k.c_str()), "missing in fr.tsv: " << k);
        CHECK_MESSAGE(en.has(k.c_str()), "missing in en.tsv: " << k);
        CHECK_MESSAGE(std::string(en.get(k.c_str())) != fr.get(k.c_str()), "not translated in en.tsv: " << k);
    }
}

TEST_CASE("i18n: French texts use non-breaking spaces before colons and inside guillemets") {
    Catalog fr;
    std::string error;
    REQUIRE(fr.load(std::string(AMORCE_ASSETS_DIR) + "/i18n", "fr", &error));
    for (const auto& k : fr.keys()) {
        const std::string v = fr.get(k.c_str());
        for (const char* p : {" :", " ?", " !", " ;"})
            CHECK_MESSAGE(v.find(p) == std::string::npos, k << ": ordinary space before '" << (p + 1) << "'");
        CHECK_MESSAGE(v.find("« ") == std::string::npos, k << ": ordinary space after «");
        CHECK_MESSAGE(v.find(" »") == std::string::npos, k << ": ordinary space before »");
        CHECK_MESSAGE(v.find('\'') == std::string::npos, k << ": straight apostrophe, use ’");
    }
}

TEST_CASE("i18n: arguments are substituted and unknown keys stay visible") {
    Catalog fr;
    std::string error;
    REQUIRE(fr.load(std::string(AMORCE_ASSETS_DIR) + "/i18n", "fr", &error));
    amorce::ui::set_catalog(&fr);
    CHECK(amorce::ui::trf("deadline.days_left", {"4"}) == "4 jours restants");
    CHECK(amorce::ui::trf("deadline.late_days", {"12"}) == "En retard de 12 jours");
    CHECK(std::string(amorce::ui::tr("no.such.key")) == "no.such.key");
    amorce::ui::set_catalog(nullptr);
}

TEST_CASE("i18n: a malformed catalog line is reported with its line number") {
    const auto dir = std::filesystem::temp_directory_path() / "amorce-i18n-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "fr.tsv") << "# comment\nok.key\tTexte\nbroken line without tab\n";
    Catalog c;
    std::string error;
    CHECK_FALSE(c.load(dir.string(), "fr", &error));
    CHECK(error.find("fr.tsv:3") != std::string::npos);
    std::filesystem::remove_all(dir);
}
