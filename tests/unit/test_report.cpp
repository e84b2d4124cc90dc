// Unit tests for src/report (the synthesis PDF): the French line breaker and glyph fitting on
// their own, then whole documents written with libharu and read back with poppler-utils
// (pdftotext, pdftoppm) and qpdf: section titles, the person's words and every French character
// come out of the text layer, « ? » stands for an emoji or CJK, the PDF is structurally valid, a
// 20,000-character section flows over pages, a missing or damaged photo gives « Photo
// indisponible », and a failed write leaves no file.
// The tools come from `./scripts/setup.sh --test`; without them these tests fail and say so.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "report/synthesis_pdf.hpp"
#include "report/text_layout.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace amorce;
using namespace amorce::report;
namespace fs = std::filesystem;

namespace {

const std::string kPhotos = std::string(AMORCE_SOURCE_DIR) + "/photolangage";

// Every French letter and sign the font must cover (DESIGN §2).
const std::string kFrenchChars = "àâæçéèêëîïôœùûüÿ ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ « » ’ … – — € 3\u00A0000";

// --- tools ----------------------------------------------------------------------------------

bool have_tool(const char* name) {
    const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

// Fails the test with the reason when a tool is missing (the test command installs them).
void require_tools() {
    for (const char* tool : {"pdftotext", "pdftoppm", "qpdf"}) {
        INFO("'" << std::string(tool) << "' is missing: install poppler-utils and qpdf (./scripts/setup.sh --test)");
        REQUIRE(have_tool(tool));
    }
}

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (const char c : s) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

// stdout of a shell command, and its exit status.
std::string run(const std::string& cmd, int* status = nullptr) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int rc = ::pclose(p);
    if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

// The PDF's text, with every run of spaces, non-breaking spaces and line breaks made one space
// (the line breaker decides where lines end, not the test).
std::string pdf_text(const std::string& pdf) {
    int status = -1;
    // stderr dropped: poppler warns about libharu's ToUnicode CMap (« begincidrange »), harmlessly.
    const std::string raw = run("pdftotext -enc UTF-8 " + quoted(pdf) + " - 2>/dev/null", &status);
    REQUIRE(status == 0);
    std::string flat;
    bool space = false;
    for (size_t i = 0; i < raw.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(raw[i]);
        const bool nbsp = c == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xA0;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == '\t' || nbsp) {
            if (nbsp) ++i;
            space = true;
            continue;
        }
        if (space && !flat.empty()) flat += ' ';
        space = false;
        flat += static_cast<char>(c);
    }
    return flat;
}

std::string flat(std::string s) {
    std::string out;
    bool space = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
        if (c == ' ' || c == '\n' || nbsp) {
            if (nbsp) ++i;
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

int page_count(const std::string& pdf) {
    int status = -1;
    const std::string out = run("qpdf --show-npages " + quoted(pdf) + " 2>&1", &status);
    REQUIRE(status == 0);
    return std::atoi(out.c_str());
}

void check_qpdf(const std::string& pdf) {
    int status = -1;
    const std::string out = run("qpdf --check " + quoted(pdf) + " 2>&1", &status);
    INFO(out);
    CHECK(status == 0); // 2: errors, 3: warnings
    CHECK(out.find("No syntax or stream encoding errors found") != std::string::npos);
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

size_t count(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
    return n;
}

// --- the document -------------------------------------------------------------------------

core::TimelineEpisode period(core::Lane lane, int y0, int m0, int y1, int m1, const std::string& title) {
    const auto date = [](int y, int m) {
        return y == 0 ? core::FuzzyDate{} : m ? core::FuzzyDate::of_month(y, m) : core::FuzzyDate::of_year(y);
    };
    core::TimelineEpisode e = core::new_episode(lane, date(y0, m0), date(y1, m1));
    e.title = title;
    return e;
}

core::TimelineEpisode event(core::EventType type, int y, int m, const std::string& title = {}) {
    core::TimelineEpisode e = core::new_event(type, core::FuzzyDate::of_month(y, m));
    e.title = title;
    return e;
}

// About `chars` bytes of French prose in paragraphs of four sentences.
std::string long_text(size_t chars) {
    const std::string base =
        "Au fil de l’entretien, la personne décrit un parcours fait de périodes d’emploi courtes, "
        "d’intérim et de saisons agricoles ; elle dit avoir « toujours travaillé avec ses mains » et "
        "souhaite aujourd’hui se former. Elle évoque sa sœur, qui l’a hébergée, et un cœur d’ouvrage "
        "qu’elle veut retrouver : reprendre un rythme, obtenir un diplôme, préparer la sortie ! ";
    std::string s;
    int n = 0;
    while (s.size() < chars) {
        s += base;
        if (++n % 4 == 0) s += "\n\n";
    }
    return s;
}

// Léa-like: every block used, 30 timeline episodes, a JPEG, a PNG and a missing photo, an emoji
// in the words and CJK in a section, an empty section, a 20,000-character section.
SynthesisDocument sample_document() {
    SynthesisDocument d;
    d.establishment = "Maison d’arrêt de Lyon-Corbas";
    d.interview_date = core::Date{2026, 11, 23};
    d.due_date = core::Date{2026, 11, 28};
    d.counsellor = "Camille Démo";
    d.identity.name = "DÉMO Léa";
    d.identity.birth_date = core::Date{1998, 4, 12};
    d.identity.ecrou = "2026-04512";
    d.identity.legal_status = "Prévenue";
    d.identity.entry_date = core::Date{2026, 11, 18};
    d.identity.languages = {"français", "arabe (parlé)"};
    d.footer = "Amorce — synthèse de l’entretien socio-professionnel — DÉMO Léa";

    using L = core::Lane;
    d.timeline.timeline.episodes = {
        period(L::Education, 2004, 0, 2009, 0, "École primaire"),
        period(L::Education, 2009, 9, 2013, 6, "Collège Jean-Moulin"),
        period(L::Education, 2013, 9, 2015, 6, "CAP cuisine"),
        event(core::EventType::Diploma, 2015, 6, "CAP cuisine"),
        period(L::Education, 2021, 3, 2021, 9, "Formation CACES"),
        period(L::Employment, 2015, 7, 2015, 9, "Saisonnière"),
        period(L::Employment, 2015, 10, 2016, 12, "Commis de cuisine"),
        period(L::Employment, 2017, 3, 2017, 8, "Intérim logistique"),
        period(L::Employment, 2018, 1, 2019, 6, "Préparatrice de commandes"),
        period(L::Employment, 2019, 7, 2019, 9, "Vendanges"),
        period(L::Employment, 2020, 2, 2020, 3, "Plonge"),
        period(L::Employment, 2021, 10, 2023, 5, "Cariste en CDI"),
        period(L::Employment, 2024, 1, 2024, 4, "Livreuse"),
        period(L::Employment, 2025, 6, 0, 0, "Serveuse"),
        period(L::NoWork, 2017, 0, 2017, 0, ""),
        period(L::NoWork, 2020, 4, 2021, 2, "Chômage (confinement)"),
        period(L::NoWork, 2023, 6, 2023, 12, "Arrêt maladie"),
        period(L::Personal, 1998, 4, 2016, 0, "Chez ses parents"),
        period(L::Personal, 2016, 0, 2019, 0, "Foyer jeunes travailleurs"),
        period(L::Personal, 2019, 0, 2022, 0, "Appartement avec sa sœur"),
        event(core::EventType::ChildBirth, 2020, 8),
        event(core::EventType::Move, 2022, 2),
        period(L::Personal, 2022, 3, 0, 0, "Logement à Vénissieux"),
        period(L::Justice, 2019, 3, 2019, 9, "Sursis probatoire"),
        event(core::EventType::DetentionEntry, 2026, 11),
        period(L::Justice, 2026, 11, 0, 0, "Détention provisoire"),
        period(L::Projects, 2027, 0, 2028, 0, "Titre pro cuisinier"),
        period(L::Projects, 2028, 0, 2030, 0, "Emploi en restauration collective"),
        period(L::Projects, 2027, 6, 2027, 12, "Permis B"),
        period(L::Education, 2016, 0, 2016, 0, "Stage"),
    };
    d.has_timeline = true;
    d.timeline.birth_date = d.identity.birth_date;
    d.timeline.today = d.interview_date;

    d.words = {
        {kPhotos + "/regards/01-pont.jpg", "Choisissez une photo qui représente votre parcours.",
         "Un pont, parce que j’ai l’impression d’être entre deux rives : ce que j’ai fait et ce que je veux faire. "
         "Il faut juste traverser."},
        {kPhotos + "/quotidien/arbre.png", "Qu’est-ce qui compte pour vous ?",
         "L’arbre, c’est ma fille. Elle grandit même quand je ne suis pas là."},
        {kPhotos + "/regards/cette-photo-n-existe-pas.jpg", "Qu’est-ce qui vous donne de l’énergie ?",
         "Cuisiner pour les autres, voir leur tête quand c’est bon \xF0\x9F\x98\x80 — même à 5 h du matin."},
    };
    d.boards = {
        {"Atouts, freins, envies",
         {"Mes atouts : la cuisine, le travail en équipe, la ponctualité",
          "Ce qui me freine : le logement, les dettes, le permis de conduire",
          "Ce que je veux : me former, trouver un emploi stable"}},
        {"Les métiers", {"Ça m’intéresse : cuisinier / cuisinière (G1602)", "Profil d’intérêts : R-S-A"}},
        {"Où en êtes-vous ?", {"Ma motivation : 8 / 10", "Confiance en moi : 3 / 10"}},
    };
    d.recommendations = {
        {"Formation qualifiante", Priority::High,
         "Titre professionnel de cuisinier (niveau 3) ; se renseigner sur l’offre de formation de l’établissement."},
        {"Logement", Priority::Medium, "Contact avec le SPIP pour une solution d’hébergement à la sortie."},
        {"Permis de conduire", Priority::Low, ""},
    };
    using A = Attachment;
    d.sections = {
        {"Parcours scolaire et formation",
         "Léa a quitté le collège en 2013 puis a préparé un CAP cuisine, obtenu en 2015 (niveau\u00A03).\n\n"
         "Elle dit aimer « apprendre en faisant » et redoute l’écrit ; lettres : " + kFrenchChars + ".",
         A::Timeline},
        {"Parcours professionnel", long_text(20000), A::None},
        {"Compétences et connaissances", "", A::None},
        {"Projets", "Se former en cuisine, puis travailler en restauration collective. Son prénom en chinois : "
                    "\xE8\x8E\x89\xE5\xA8\x85 (hors police).", A::None},
        {"Freins", "Le logement à la sortie, des dettes (environ 3\u00A0000\u00A0€), l’absence de permis.", A::Boards},
        {"Paroles de la personne", "", A::Words},
        {"Préconisations", "Orientation prioritaire vers la formation.", A::Recommendations},
    };
    return d;
}

// A fixed-width measure for the line breaker: one unit per code point.
float cps(std::string_view s) { return static_cast<float>(decode_utf8(s).size()); }

std::string joined(const TextLine& l) {
    std::string s;
    for (size_t i = 0; i < l.words.size(); ++i) s += (i ? " " : "") + l.words[i];
    return s;
}

} // namespace

// --- the line breaker and glyph fitting ----------------------------------------------------------

TEST_CASE("report: the line breaker never starts a line with : ; ! ? » nor ends one with «, keeps non-breaking spaces and loses no word") {
    const std::string text =
        "Elle a dit : « je veux travailler » ; puis : pourquoi pas ? Vraiment ! Le montant est de "
        "3\u00A0000\u00A0€ et la réponse « oui » arrive bientôt ; « non » jamais ! Question : "
        "« laquelle ? » Enfin : « d’accord » !";
    // The longest unbreakable piece is « travailler » ; » (14): every width from there on.
    CHECK(break_pieces("Elle a dit : « je veux » ; oui ! « non »") ==
          std::vector<std::string>{"Elle", "a", "dit :", "« je", "veux » ;", "oui !", "« non »"});
    CHECK(break_pieces("un\ndeux") == std::vector<std::string>{"un", "\n", "deux"});
    for (int width = 14; width <= 60; ++width) {
        CAPTURE(width);
        const auto lines = break_lines(text, static_cast<float>(width), 1.0f, cps);
        std::string all;
        for (const TextLine& l : lines) {
            REQUIRE(!l.words.empty());
            const std::string first = l.words.front();
            for (const char* bad : {":", ";", "!", "?", "\xC2\xBB"}) CHECK(first.rfind(bad, 0) != 0);
            const std::string last = l.words.back();
            CHECK(!(last.size() >= 2 && last.substr(last.size() - 2) == "\xC2\xAB"));
            // A line is never wider than asked unless a single piece is cut to fit.
            CHECK(l.natural_width <= static_cast<float>(width) + 0.001f);
            all += (all.empty() ? "" : " ") + joined(l);
        }
        // The non-breaking spaces hold: « 3 000 € » is never split.
        CHECK(all.find("3\u00A0000\u00A0€") != std::string::npos);
        // Nothing lost, nothing added (pieces cut inside a long word rejoin without a space).
        std::string squeezed_all, squeezed_text;
        for (const char c : all) if (c != ' ') squeezed_all += c;
        for (const char c : text) if (c != ' ') squeezed_text += c;
        CHECK(squeezed_all == squeezed_text);
    }
}

TEST_CASE("report: justified lines fill the width, the last line of a paragraph and a line before a line break are left-aligned") {
    const std::string text = "un deux trois quatre cinq six sept huit neuf dix onze douze treize\nquatorze quinze seize "
                             "dix-sept dix-huit dix-neuf vingt";
    const auto lines = break_lines(text, 20.0f, 1.0f, cps, 100.0f);
    REQUIRE(lines.size() >= 4);
    for (size_t i = 0; i < lines.size(); ++i) {
        const TextLine& l = lines[i];
        CAPTURE(joined(l));
        const bool before_break = joined(l).find("treize") != std::string::npos;
        if (i + 1 == lines.size() || before_break) {
            CHECK_FALSE(l.justify);
        } else {
            CHECK(l.justify);
            // The justified gaps make the line exactly the width.
            float words = 0;
            for (const float w : l.widths) words += w;
            const float gap = 1.0f + (20.0f - l.natural_width) / static_cast<float>(l.words.size() - 1);
            CHECK(words + gap * static_cast<float>(l.words.size() - 1) == doctest::Approx(20.0f));
        }
    }
    // A line that would need gaps wider than 4 spaces stays left-aligned.
    const auto loose = break_lines("aaaa bbbb cccccccccccccccc", 20.0f, 1.0f, cps);
    REQUIRE(loose.size() == 2);
    CHECK_FALSE(loose[0].justify);
    // A word longer than a line is cut between characters, every piece within the width.
    const auto cut = break_lines(std::string(45, 'x') + " fin", 20.0f, 1.0f, cps);
    REQUIRE(cut.size() == 3);
    CHECK(cut[0].words == std::vector<std::string>{std::string(20, 'x')});
    CHECK(cut[2].words == std::vector<std::string>{std::string(5, 'x'), "fin"});
    // Paragraphs: blank lines separate them, a single line break stays inside.
    CHECK(split_paragraphs("\n\nun\ndeux\n  \n\ntrois\n") == std::vector<std::string>{"un\ndeux", "trois"});
    CHECK(split_paragraphs(" \n \n").empty());
    CHECK(is_blank(" \u00A0\n\t"));
    CHECK_FALSE(is_blank(" a "));
}

TEST_CASE("report: characters outside the font become ? and invisible ones go, French text is kept as it is") {
    // A font with Latin, general punctuation and the euro sign, nothing else.
    const auto latin = [](char32_t cp) { return cp < 0x250 || (cp >= 0x2010 && cp <= 0x20AC && cp != 0x202F); };
    CHECK(fit_to_font("Cœur à l’ouvrage : « oui » — 3\u00A0000\u00A0€…", latin) ==
          "Cœur à l’ouvrage : « oui » — 3\u00A0000\u00A0€…");
    CHECK(fit_to_font("bon \xF0\x9F\x98\x80 !", latin) == "bon ? !");                  // emoji
    CHECK(fit_to_font("\xE8\x8E\x89\xE5\xA8\x85", latin) == "??");                          // CJK
    CHECK(fit_to_font("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", latin) == "?");                   // thumbs up + skin tone
    CHECK(fit_to_font("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA7", latin) == "??");      // man ZWJ girl
    CHECK(fit_to_font("a\xE2\x80\xAF:", latin) == "a\u00A0:");                             // narrow nbsp
    CHECK(fit_to_font("a\tb\r\nc\rd\x01" "e\xC2\x85" "f", latin) == "a b\nc\ndef");         // controls
    CHECK(fit_to_font("a\r\nb", latin, false) == "a b");
    CHECK(fit_to_font("bad \xFF\xFE byte", latin) == "bad ?? byte");                         // invalid UTF-8
    CHECK(fit_to_font("\xE2\x80\x91-\xE2\x88\x92", latin) == "---");                        // hyphens, minus
    // « … » ends a cut text, on whole characters.
    CHECK(ellipsize("Préparatrice", 6.0f, cps) == "Prépa…");
    CHECK(ellipsize("court", 6.0f, cps) == "court");
    CHECK(ellipsize("long", 0.5f, cps).empty());
}

// --- whole documents ------------------------------------------------------------------------

TEST_CASE("report: a full synthesis PDF is valid and its text layer holds every section title, the person's words and French characters") {
    require_tools();
    amorce::test::TempDir dir("amorce-report-test");
    const std::string out = dir.str() + "/synthese.pdf";
    const SynthesisDocument d = sample_document();
    std::string error;
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE_MESSAGE(write_synthesis_pdf(d, out, &error), error);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("synthesis PDF written in " << ms << " ms, " << fs::file_size(out) << " bytes");
    CHECK(error.empty());
    CHECK(files_in(dir.path) == std::vector<std::string>{"synthese.pdf"}); // no temporary file left

    check_qpdf(out);
    const int pages = page_count(out);
    CHECK(pages > 2); // the 20,000 characters flow over pages

    const std::string text = pdf_text(out);
    for (const Section& s : d.sections) CHECK_MESSAGE(text.find(s.title) != std::string::npos, s.title);
    // Header, identity, footer on every page.
    for (const char* s : {"Synthèse de l’entretien socio-professionnel", "Maison d’arrêt de Lyon-Corbas",
                          "23/11/2026", "Camille Démo", "28/11/2026", "Brouillon", "DÉMO Léa", "12/04/1998",
                          "2026-04512", "Prévenue", "18/11/2026", "français, arabe (parlé)"})
        CHECK_MESSAGE(text.find(s) != std::string::npos, s);
    CHECK(count(text, "Document confidentiel") == static_cast<size_t>(pages));
    for (int p = 1; p <= pages; ++p) {
        const std::string n = "Page " + std::to_string(p) + " / " + std::to_string(pages);
        CHECK_MESSAGE(text.find(n) != std::string::npos, n);
    }
    // The person's words with the round's question, quoted.
    CHECK(text.find("« Un pont, parce que j’ai l’impression d’être entre deux rives : ce que j’ai fait et ce que je "
                    "veux faire. Il faut juste traverser. »") != std::string::npos);
    CHECK(text.find("L’arbre, c’est ma fille.") != std::string::npos);
    CHECK(text.find("Choisissez une photo qui représente votre parcours.") != std::string::npos);
    // Every French character of the font comes out as itself.
    CHECK(text.find(flat(kFrenchChars)) != std::string::npos);
    CHECK(text.find("Elle évoque sa sœur, qui l’a hébergée, et un cœur d’ouvrage") != std::string::npos);
    // The emoji and the CJK became « ? »; nothing of them is left.
    CHECK(text.find("quand c’est bon ? — même à 5 h du matin") != std::string::npos);
    CHECK(text.find("en chinois : ?? (hors police)") != std::string::npos);
    CHECK(text.find("\xF0\x9F") == std::string::npos);
    CHECK(text.find("\xE8\x8E\x89") == std::string::npos);
    // The missing photo and the empty section are marked.
    CHECK(count(text, "Photo indisponible") == 1);
    CHECK(count(text, "Section non renseignée") == 1);
    // Timeline: lane names, the years axis, the key; boards and préconisations.
    for (const char* s : {"Scolarité et formation", "Vie personnelle", "Justice", "Projets", "2010", "2020",
                          "Période non renseignée", "Date de l’entretien", "Naissance d’un enfant",
                          "Atouts, freins, envies", "Profil d’intérêts : R-S-A", "Formation qualifiante",
                          "Priorité haute", "Priorité moyenne", "Priorité basse",
                          "Contact avec le SPIP pour une solution d’hébergement à la sortie."})
        CHECK_MESSAGE(text.find(s) != std::string::npos, s);

    // Pages 1 and 2 render (the picture itself is looked at by a person: pdftoppm -png -r 60).
    int status = -1;
    run("pdftoppm -png -r 60 -f 1 -l 2 " + quoted(out) + " " + quoted(dir.str() + "/page") + " 2>/dev/null", &status);
    CHECK(status == 0);
    for (const char* png : {"page-1.png", "page-2.png"}) {
        CAPTURE(png);
        REQUIRE(fs::exists(dir.path / png));
        CHECK(fs::file_size(dir.path / png) > 10000);
    }
}

TEST_CASE("report: a damaged or unreadable photo and a session with no tool used still give a valid PDF with clear marks") {
    require_tools();
    amorce::test::TempDir dir("amorce-report-test");
    // A JPEG cut in the middle, a text file named .png, an empty file.
    std::string jpeg;
    {
        std::ifstream in(kPhotos + "/regards/01-pont.jpg", std::ios::binary);
        jpeg.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        REQUIRE(jpeg.size() > 5000);
    }
    std::ofstream(dir.path / "cut.jpg", std::ios::binary) << jpeg.substr(0, jpeg.size() / 2);
    std::ofstream(dir.path / "text.png") << "not a picture";
    std::ofstream(dir.path / "empty.jpg");

    SynthesisDocument d;
    d.interview_date = core::Date{2026, 11, 23};
    d.finalized = true;
    d.finalized_on = core::Date{2026, 11, 25};
    d.finalized_by = "Camille Démo";
    d.sections = {{"Parcours scolaire et formation", "", Attachment::Timeline},
                  {"Paroles de la personne", " \n ", Attachment::Words},
                  {"Préconisations", "À définir avec le SPIP.", Attachment::Recommendations}};
    d.words = {{(dir.path / "cut.jpg").string(), "", "Un."},
               {(dir.path / "text.png").string(), "Question ?", ""},
               {(dir.path / "empty.jpg").string(), "", "Trois."},
               {"", "", "Sans photo."},
               {kPhotos + "/regards/01-pont.jpg", "", "Le même pont."},
               {kPhotos + "/regards/01-pont.jpg", "", "Encore le pont."}};
    const std::string out = dir.str() + "/vide.pdf";
    std::string error;
    REQUIRE_MESSAGE(write_synthesis_pdf(d, out, &error), error);
    check_qpdf(out);
    const std::string text = pdf_text(out);
    CHECK(text.find("Finalisée le 25/11/2026 par Camille Démo") != std::string::npos);
    CHECK(text.find("Brouillon") == std::string::npos);
    CHECK(count(text, "Photo indisponible") == 4);
    CHECK(text.find("Pas de paroles notées.") != std::string::npos);
    CHECK(text.find("« Encore le pont. »") != std::string::npos);
    CHECK(text.find("Aucune préconisation choisie.") != std::string::npos);
    CHECK(count(text, "Section non renseignée") == 1); // formation: no text, no timeline
    CHECK(count(text, "non renseign") >= 6); // the header and identity fields left empty
    // The same photo shown twice is embedded once: two placements of one image object.
    int status = -1;
    const std::string images = run("pdfimages -list " + quoted(out) + " 2>/dev/null", &status);
    REQUIRE(status == 0);
    std::istringstream lines(images);
    std::string line;
    std::vector<std::string> objects;
    for (int n = 0; std::getline(lines, line); ++n) {
        if (n < 2) continue; // header and rule
        std::istringstream fields(line);
        std::vector<std::string> f{std::istream_iterator<std::string>(fields), std::istream_iterator<std::string>()};
        REQUIRE(f.size() > 10);
        objects.push_back(f[10]); // object ID
    }
    CHECK(objects.size() == 2);
    CHECK(std::set<std::string>(objects.begin(), objects.end()).size() == 1);

    // Nothing at all: one page, still valid.
    const std::string bare = dir.str() + "/rien.pdf";
    REQUIRE_MESSAGE(write_synthesis_pdf(SynthesisDocument{}, bare, &error), error);
    check_qpdf(bare);
    CHECK(page_count(bare) == 1);
    CHECK(pdf_text(bare).find("Page 1 / 1") != std::string::npos);
}

TEST_CASE("report: a timeline of 1,000 overlapping episodes and a 20,000-character word stay within their pages") {
    require_tools();
    amorce::test::TempDir dir("amorce-report-test");
    SynthesisDocument d;
    d.has_timeline = true;
    d.timeline.today = core::Date{2026, 11, 23};
    for (int i = 0; i < 1000; ++i)
        d.timeline.timeline.episodes.push_back(
            period(core::kLanes[static_cast<size_t>(i % core::kLaneCount)], 1990 + i % 30, 1 + i % 12, 2020, 0,
                   "Épisode " + std::to_string(i)));
    d.sections = {{"Frise", "", Attachment::Timeline}, {"Un mot", std::string(20000, 'a'), Attachment::None}};
    const std::string out = dir.str() + "/frise.pdf";
    std::string error;
    REQUIRE_MESSAGE(write_synthesis_pdf(d, out, &error), error);
    check_qpdf(out);
    CHECK(page_count(out) >= 3);
    // The word was cut into lines: every a is there.
    const std::string text = pdf_text(out);
    CHECK(std::count(text.begin(), text.end(), 'a') >= 20000);
}

TEST_CASE("report: writing into a missing or read-only folder or over a folder fails, says why and leaves no file behind") {
    amorce::test::TempDir dir("amorce-report-test");
    const SynthesisDocument d = sample_document();
    std::string error;

    // A folder that does not exist.
    CHECK_FALSE(write_synthesis_pdf(d, dir.str() + "/absent/synthese.pdf", &error));
    CHECK(error.find("does not exist") != std::string::npos);
    CHECK(files_in(dir.path).empty());

    // A file where the folder should be.
    std::ofstream(dir.path / "fichier") << "x";
    error.clear();
    CHECK_FALSE(write_synthesis_pdf(d, dir.str() + "/fichier/synthese.pdf", &error));
    CHECK_FALSE(error.empty());

    // The output path is a folder: the temporary file is written, the rename fails, it is removed.
    fs::create_directory(dir.path / "dossier.pdf");
    error.clear();
    CHECK_FALSE(write_synthesis_pdf(d, dir.str() + "/dossier.pdf", &error));
    CHECK(error.find("folder") != std::string::npos);
    CHECK(files_in(dir.path) == std::vector<std::string>{"dossier.pdf", "fichier"});

    // Fonts that cannot be read: nothing written.
    SynthesisDocument no_font = d;
    no_font.font_regular = dir.str() + "/absente.ttf";
    error.clear();
    CHECK_FALSE(write_synthesis_pdf(no_font, dir.str() + "/synthese.pdf", &error));
    CHECK(error.find("absente.ttf") != std::string::npos);
    SynthesisDocument bad_font = d;
    bad_font.font_bold = dir.str() + "/fichier"; // not a TrueType font
    error.clear();
    CHECK_FALSE(write_synthesis_pdf(bad_font, dir.str() + "/synthese.pdf", &error));
    CHECK(error.find("TrueType") != std::string::npos);
    CHECK(files_in(dir.path) == std::vector<std::string>{"dossier.pdf", "fichier"});

    // A read-only folder. Root writes anywhere: then the write runs in a child process that has
    // become the unprivileged user « nobody » first.
    const fs::path ro = dir.path / "lecture-seule";
    fs::create_directory(ro);
    ::chmod(ro.c_str(), 0555);
    if (::geteuid() != 0) {
        error.clear();
        CHECK_FALSE(write_synthesis_pdf(d, (ro / "synthese.pdf").string(), &error));
    } else {
        ::chmod(dir.path.c_str(), 0755); // nobody must reach the folder
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(fds[0]);
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
            std::string why;
            const bool ok = write_synthesis_pdf(d, (ro / "synthese.pdf").string(), &why);
            if (::write(fds[1], why.data(), why.size()) < 0) ::_exit(4);
            ::_exit(ok ? 0 : 1);
        }
        ::close(fds[1]);
        error.clear();
        char buf[512];
        for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) error.append(buf, static_cast<size_t>(n));
        ::close(fds[0]);
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 1); // 0: written anyway, 3: could not become nobody
    }
    CAPTURE(error);
    CHECK(error.find("Permission denied") != std::string::npos);
    CHECK(files_in(ro).empty());
    ::chmod(ro.c_str(), 0755);

    // Writing again over an existing PDF replaces it whole, without a temporary file left.
    const std::string out = dir.str() + "/synthese.pdf";
    std::ofstream(out) << "ancien contenu";
    error.clear();
    REQUIRE_MESSAGE(write_synthesis_pdf(d, out, &error), error);
    std::ifstream in(out, std::ios::binary);
    std::string head(5, '\0');
    in.read(&head[0], 5);
    CHECK(head == "%PDF-");
    CHECK(files_in(dir.path) == std::vector<std::string>{"dossier.pdf", "fichier", "lecture-seule", "synthese.pdf"});
}
