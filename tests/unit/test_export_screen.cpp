// « Exporter » (issue 8) without rendering: the French message for each English export error,
// the words of the progress steps, sizes, and what the app says after an interrupted export.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "app/export_controller.hpp"
#include "ui/export_screen.hpp"
#include "french_catalog.hpp"
#include "ui/i18n.hpp"

#include <doctest/doctest.h>

using namespace amorce;

namespace {
using amorce::test::FrenchCatalog;
} // namespace

TEST_CASE("export screen: each English export error gets its French message") {
    FrenchCatalog fr;
    const std::pair<const char*, const char*> cases[] = {
        {"cannot write /d/.amorce-x.amorce.tmp: No space left on device", "export.error.full"},
        {"no central public key: give one (amorce export --key central.pub) or set it in the settings", "export.error.no_key"},
        {"the central public key in the settings is invalid: not base64", "export.error.bad_key"},
        {"session abc: the synthesis PDF cannot be made: font missing", "export.error.pdf"},
        {"cannot write in /media/key: Read-only file system", "export.error.folder"},
        {"cannot write in /proc: Permission denied", "export.error.folder"},
        {"the output folder /nowhere does not exist", "export.error.folder"},
        {"session abc has no finalized synthesis: nothing exported", "export.error.synthesis"},
        {"an earlier export was interrupted and cannot be settled yet: the store is locked", "export.error.interrupted"},
        {"something nobody expected", "export.error.generic"},
    };
    for (const auto& [english, key] : cases) {
        CHECK_MESSAGE(std::string(ui::export_error_key(english)) == key, english);
        CHECK(fr.catalog.has(key));
    }
    CHECK(std::string(ui::tr("export.error.full")) == "Le support est plein. Libérez de la place, puis réessayez.");
}

TEST_CASE("export screen: progress steps and sizes in French words") {
    FrenchCatalog fr;
    const std::map<std::string, std::string> names{{"demo000000000003", "FICTIF Stéphane"}};
    CHECK(ui::export_step_words("session demo000000000003", names) == "entretien de FICTIF Stéphane");
    CHECK(ui::export_step_words("session unknown", names) == "un entretien");
    CHECK(ui::export_step_words("audit log", names) == "journal des actions");
    CHECK(ui::export_step_words("sealing", names) == "chiffrement et écriture du fichier");
    CHECK(ui::export_step_words("done", names) == "terminé");
    CHECK(ui::format_size(812) == "812 octets");
    CHECK(ui::format_size(48 * 1024) == "48 Ko");
    CHECK(ui::format_size(1258291) == "1,2 Mo");
}

TEST_CASE("export screen: an interrupted export that was settled is said in French, once") {
    FrenchCatalog fr;
    exporting::PendingExportReport r;
    CHECK(app::interrupted_export_words(r).empty());
    r.outcome = exporting::PendingExportReport::Outcome::Marked;
    r.marked = {"a"};
    CHECK(app::interrupted_export_words(r).find("1 entretien est maintenant marqué comme exporté") != std::string::npos);
    r.marked = {"a", "b", "c"};
    CHECK(app::interrupted_export_words(r).find("3 entretiens sont maintenant marqués") != std::string::npos);
    r.outcome = exporting::PendingExportReport::Outcome::Discarded; // nothing was delivered: nothing to say
    CHECK(app::interrupted_export_words(r).empty());
    r.outcome = exporting::PendingExportReport::Outcome::Failed;
    CHECK_FALSE(app::interrupted_export_words(r).empty());
}
