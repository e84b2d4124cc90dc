// The French catalogue installed for one test (ui::tr() then answers in French), removed after.
#pragma once

#include "ui/i18n.hpp"

#include <doctest/doctest.h>

#include <string>

namespace amorce::test {

struct FrenchCatalog {
    ui::Catalog catalog;
    FrenchCatalog() {
        std::string error;
        REQUIRE(catalog.load(std::string(AMORCE_ASSETS_DIR) + "/i18n", "fr", &error));
        ui::set_catalog(&catalog);
    }
    ~FrenchCatalog() { ui::set_catalog(nullptr); }
};

} // namespace amorce::test
