// Unit tests for the --demo data (src/app/demo.cpp, app::seed_demo) seeded into a fresh store:
// FICTIF Stéphane's interview is finalized the way a counsellor finalizes one (a written
// synthesis, préconisations, the Finalize stamp and history entry), DÉMO Léa and EXEMPLE Karim
// stay drafts, and seeding twice adds nothing.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "app/app.hpp"
#include "core/commands.hpp"
#include "core/session.hpp"
#include "core/synthesis.hpp"
#include "report/from_session.hpp"
#include "store/store.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

using namespace amorce;

namespace {

const std::string kAssets = std::string(AMORCE_SOURCE_DIR) + "/assets";

std::unique_ptr<store::Store> seeded(const test::TempDir& dir) {
    std::string error;
    auto st = store::Store::open((dir.path / "data").string(), &error);
    INFO(error);
    REQUIRE(st);
    app::seed_demo(*st, kAssets);
    return st;
}

core::Session load(const store::Store& st, const std::string& id) {
    std::string error;
    auto s = st.load(id, &error);
    INFO(id << ": " << error);
    REQUIRE(s);
    return *s;
}

} // namespace

TEST_CASE("demo: FICTIF Stéphane is finalized by the demo counsellor, with a written synthesis and préconisations") {
    test::TempDir dir;
    const auto st = seeded(dir);
    const core::Session s = load(*st, "demo000000000003");
    CHECK(s.participant.first_name == "Stéphane");
    CHECK(s.status == core::SessionStatus::Finalized);

    // The Finalize stamp: the demo counsellor, two days after the interview (so already past).
    CHECK(s.synthesis.finalized_by == "demo");
    CHECK(s.synthesis.finalized_at == s.started_at + 2 * 86400);
    CHECK(s.synthesis.finalized_at < core::unix_now());
    int finalized_entries = 0;
    for (const core::HistoryEntry& h : s.history)
        if (h.what == "finalized") {
            ++finalized_entries;
            CHECK(h.who == "demo");
            CHECK(h.at == s.synthesis.finalized_at);
        }
    CHECK(finalized_entries == 1);

    // Something to draft from: a timeline and the person's words.
    CHECK(s.timeline.episodes.size() >= 5);
    REQUIRE_FALSE(s.photolangage.empty());

    // Every required section written; the counsellor added to the draft (edited) in some.
    for (core::SectionId id : core::kRequiredSections) {
        CAPTURE(core::section_key(id));
        CHECK_FALSE(core::is_blank_text(s.synthesis.section(id).text));
        CHECK_FALSE(s.synthesis.section(id).drafted.empty()); // drafted by « Rédiger », not typed from nothing
    }
    CHECK(s.synthesis.section(core::SectionId::Projets).edited());
    CHECK_FALSE(core::is_blank_text(s.synthesis.section(core::SectionId::Paroles).text));

    // Préconisations from the catalogue, with a priority and the counsellor's words.
    std::string error;
    const auto assets = core::load_synthesis_assets(kAssets, &error);
    INFO(error);
    REQUIRE(assets);
    REQUIRE(s.synthesis.recommendations.size() >= 1);
    CHECK(s.synthesis.recommendations.size() <= 3);
    bool has_high = false;
    for (const core::Recommendation& r : s.synthesis.recommendations) {
        CAPTURE(r.key);
        CHECK(core::find_recommendation_type(assets->catalogue, r.key) != nullptr);
        CHECK_FALSE(core::is_blank_text(r.text));
        has_high = has_high || r.priority == core::Priority::High;
    }
    CHECK(has_high);

    // What the Finalize command checked holds: reopened, the same synthesis may be finalized again.
    core::Session reopened = s;
    core::Command{core::Reopen{"demo", 0, "Relecture"}, "demo"}.apply(reopened, s.synthesis.finalized_at + 60);
    REQUIRE(reopened.status == core::SessionStatus::Draft);
    CHECK(core::check_finalize(reopened).empty());

    // His PDF says « Finalisée le … par » the demo counsellor and prints the counsellor's own text.
    const report::SynthesisDocument doc = report::document_from_session(s, *assets, {});
    CHECK(doc.finalized);
    CHECK(doc.finalized_by == "Camille Démo (conseillère)");
    CHECK(doc.finalized_on == core::local_date_of(s.synthesis.finalized_at));
    CHECK(doc.recommendations.size() == s.synthesis.recommendations.size());
}

TEST_CASE("demo: DÉMO Léa stays a draft with every tool used, EXEMPLE Karim an empty draft; seeding twice adds nothing") {
    test::TempDir dir;
    const auto st = seeded(dir);
    const core::Session lea = load(*st, "demo000000000001");
    CHECK(lea.status == core::SessionStatus::Draft);
    CHECK(lea.synthesis.empty()); // a UI script drafts and finalizes her
    CHECK_FALSE(lea.photolangage.empty());
    CHECK_FALSE(lea.timeline.episodes.empty());
    CHECK(lea.boards.size() == 5);
    const core::Session karim = load(*st, "demo000000000002");
    CHECK(karim.status == core::SessionStatus::Draft);
    CHECK(karim.synthesis.empty());
    CHECK(karim.photolangage.empty());
    CHECK(karim.timeline.episodes.empty());
    CHECK(karim.boards.empty());
    CHECK(st->list().size() == 3);
    const core::Session stephane = load(*st, "demo000000000003");
    app::seed_demo(*st, kAssets);
    CHECK(st->list().size() == 3);
    CHECK(load(*st, "demo000000000003") == stephane);
    CHECK(st->counsellors().size() == 1);
}
