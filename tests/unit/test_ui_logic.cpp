// UI logic that needs no rendering: search matching, deadline wording, the new-session form's
// checks and messages (with the real French catalog).
#include "french_catalog.hpp"
#include "ui/i18n.hpp"
#include "ui/screens.hpp"

#include <doctest/doctest.h>

using namespace amorce;

namespace {
using amorce::test::FrenchCatalog;

ui::SessionFormState filled_form() {
    ui::SessionFormState s = ui::new_form_state("Maison d’arrêt de Lyon-Corbas", core::Date{2026, 11, 27});
    s.last_name = "  N’Diaye ";
    s.first_name = "Aïssatou";
    s.birth_date = "7/3/1985";
    s.ecrou = "12345";
    s.legal_status = 1;
    s.languages[0] = true; // français
    s.languages[1] = true; // arabe
    s.consent = true;
    return s;
}
} // namespace

TEST_CASE("ui: search ignores case and accents and matches inside names and écrou numbers") {
    CHECK(ui::matches_search("LEFÈVRE Zoé 123456", "lefevre"));
    CHECK(ui::matches_search("LEFÈVRE Zoé 123456", "ZOE"));
    CHECK(ui::matches_search("ŒLSCHLÄGER Jérôme", "jérôme"));
    CHECK(ui::matches_search("DÉMO Léa DEMO-0001", "demo-0001"));
    CHECK(ui::matches_search("anything", ""));
    CHECK_FALSE(ui::matches_search("LEFÈVRE Zoé 123456", "lefebvre"));
    CHECK_FALSE(ui::matches_search("DÉMO Léa", "karim"));
}

TEST_CASE("ui: days left are worded in French, late ones included") {
    FrenchCatalog fr;
    CHECK(ui::format_days_left(4) == "4 jours restants");
    CHECK(ui::format_days_left(1) == "1 jour restant");
    CHECK(ui::format_days_left(0) == "À rendre aujourd’hui");
    CHECK(ui::format_days_left(-1) == "En retard d’1 jour");
    CHECK(ui::format_days_left(-6) == "En retard de 6 jours");
}

TEST_CASE("ui: a complete form gives a trimmed participant with languages and no errors") {
    FrenchCatalog fr;
    core::Participant p;
    const ui::FormErrors e = ui::check_form(filled_form(), core::Date{2026, 11, 27}, &p);
    CHECK_FALSE(e.any());
    CHECK(p.last_name == "N’Diaye");
    CHECK(p.birth_date == core::Date{1985, 3, 7});
    CHECK(p.entry_date == core::Date{2026, 11, 27});
    CHECK(p.legal_status == core::LegalStatus::Condamne);
    CHECK(p.languages == std::vector<std::string>{"fr", "ar"});
    CHECK(p.establishment == "Maison d’arrêt de Lyon-Corbas");
}

TEST_CASE("ui: form errors are the French messages the counsellor sees") {
    FrenchCatalog fr;
    ui::SessionFormState s = filled_form();
    s.birth_date = "31/02/1990";
    s.first_name = "";
    s.consent = false;
    s.legal_status = -1;
    ui::FormErrors e = ui::check_form(s, core::Date{2026, 11, 27}, nullptr);
    CHECK(e.birth_date == "Cette date n’existe pas.");
    CHECK(e.first_name == "Ce champ est obligatoire.");
    CHECK(e.consent == "Le consentement est nécessaire pour commencer.");
    CHECK(e.legal_status == "Choisissez une réponse.");
    CHECK(e.entry_date.empty());

    s = filled_form();
    s.birth_date = "12/05/2099";
    e = ui::check_form(s, core::Date{2026, 11, 27}, nullptr);
    CHECK(e.birth_date == "La date de naissance ne peut pas être dans le futur.");
    CHECK(e.entry_date.empty()); // one wrong year marks one field, not two

    s = filled_form();
    s.birth_date = "01/01/2012";
    e = ui::check_form(s, core::Date{2026, 11, 27}, nullptr);
    CHECK(e.birth_date == "L’entretien concerne les personnes majeures (18 ans ou plus).");

    s = filled_form();
    s.entry_date = "2024-01-01";
    e = ui::check_form(s, core::Date{2026, 11, 27}, nullptr);
    CHECK(e.entry_date.rfind("Écrivez la date ainsi", 0) == 0);
}

TEST_CASE("ui: a card dragged over a column lands before the card whose middle is below the finger") {
    // Three cards 60 px tall, 8 px apart, starting at y = 100.
    const std::vector<float> tops = {100, 168, 236};
    CHECK(ui::drop_index_at(tops, 60, 90) == 0);   // above the first card
    CHECK(ui::drop_index_at(tops, 60, 125) == 0);  // upper half of the first card
    CHECK(ui::drop_index_at(tops, 60, 140) == 1);  // lower half of the first card
    CHECK(ui::drop_index_at(tops, 60, 250) == 2);
    CHECK(ui::drop_index_at(tops, 60, 400) == 3);  // under the last: at the end
    CHECK(ui::drop_index_at({}, 60, 120) == 0);    // an empty column
}

TEST_CASE("ui: moving a card down its own column counts the column without it") {
    // The core's PlaceCard index counts the column without the moved card (core: boards).
    CHECK(ui::place_index({0, 0}, 0, 2) == 1);   // first card dropped before the third: second place
    CHECK(ui::place_index({0, 2}, 0, 0) == 0);   // moving up: unchanged
    CHECK(ui::place_index({0, 1}, 0, 1) == 1);   // dropped where it is
    CHECK(ui::place_index({1, 0}, 0, 2) == 2);   // from another column: unchanged
    CHECK(ui::place_index({-1, -1}, 0, 3) == 3); // from the pile
}

TEST_CASE("review: a section reads « À rédiger », « Brouillon d’Amorce » or « Modifiée »") {
    using amorce::ui::section_state_key;
    amorce::core::SynthesisSection s;
    CHECK(std::string(section_state_key(s)) == "review.state.empty");
    s.text = "  \n ";
    s.drafted = "Un brouillon.";
    CHECK(std::string(section_state_key(s)) == "review.state.empty"); // cleared by the counsellor: blank again
    s.text = "Un brouillon.";
    CHECK(std::string(section_state_key(s)) == "review.state.drafted");
    s.text += " Motivée.";
    CHECK(std::string(section_state_key(s)) == "review.state.edited");
    s.drafted.clear(); // typed without any draft
    CHECK(std::string(section_state_key(s)) == "review.state.edited");
}
