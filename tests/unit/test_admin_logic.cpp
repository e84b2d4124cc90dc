// « Administration » (issue 7) without rendering: the French line of each audit entry, the kind
// groups of the journal's filter, its periods, the checks of a new account, the settings'
// steppers, and the journal's paging over a group of kinds (with a fake log, then a real store).
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "app/admin.hpp"
#include "store_fixtures.hpp"
#include "ui/admin_screen.hpp"
#include "french_catalog.hpp"
#include "ui/i18n.hpp"

#include <map>

using namespace amorce;

namespace {
using amorce::test::FrenchCatalog;

std::string accounts(const std::string& id) {
    static const std::map<std::string, std::string> names{{"demo", "Camille Démo (conseillère)"}, {"jordan", "Jordan Essai"}};
    const auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
}
std::string sessions(const std::string& id) { return id == "0123456789abcdef" ? "DÉMO Léa" : ""; }

ui::AuditLine line(const std::string& who, const std::string& what, const std::string& target, const std::string& detail) {
    return ui::audit_line({1, 1'800'000'000, who, what, target, detail}, accounts, sessions);
}
} // namespace

TEST_CASE("admin: an audit entry reads in French words, with names from memory and never a raw kind") {
    FrenchCatalog fr;
    const ui::AuditLine created = line("demo", "account_created", "jordan", "counsellor");
    CHECK(created.who == "Camille Démo (conseillère)");
    CHECK(created.what == "Compte créé");
    CHECK(created.target == "Jordan Essai");
    CHECK(created.detail == "conseiller");
    CHECK(created.when == core::format_unix_french(1'800'000'000));
    CHECK_FALSE(created.alert);
    // The same detail means something else for another kind.
    CHECK(line("demo", "secret_changed", "jordan", "admin").detail == "par un administrateur");
    CHECK(line("demo", "account_created", "demo", "admin").detail == "administrateur");
    // Who did it: the recovery key, Amorce itself (retention), an account no longer known.
    CHECK(line("#recovery", "unlock_recovery", "#recovery", "").who == "Clé de secours");
    const ui::AuditLine purge = line("", "purge", "fedcba9876543210", "retention:30d");
    CHECK(purge.who == "Amorce");
    CHECK(purge.what == "Suppression");
    CHECK(purge.target == "Entretien fedcba98"); // purged: only its short id is left
    CHECK(purge.detail == "délai de conservation passé (30 jours)");
    CHECK(line("gone", "lock", "", "idle").who == "gone");
    // A session is named from the list in memory.
    CHECK(line("demo", "open", "0123456789abcdef", "").target == "DÉMO Léa");
    CHECK(line("demo", "open", "0123456789abcdef", "").what == "Ouverture d’un entretien");
    // Reasons: lock, failed logins (the target repeating who is not shown twice), reopen as typed.
    CHECK(line("demo", "lock", "", "idle").detail == "inactivité");
    CHECK(line("demo", "lock", "", "button").detail == "bouton");
    const ui::AuditLine refused = line("jordan", "login_failed", "jordan", "unlock");
    CHECK(refused.what == "Code refusé");
    CHECK(refused.target.empty());
    CHECK(refused.detail == "déverrouillage");
    CHECK(refused.alert);
    CHECK(line("", "login_failed", "", "unlock:unknown_account").detail == "identifiant inconnu");
    CHECK(line("demo", "reopen", "0123456789abcdef", "Erreur dans la synthèse").detail == "Erreur dans la synthèse");
    // A change names its command by its label key, translated; undo and redo are said.
    CHECK(line("demo", "change", "0123456789abcdef", "cmd.notes").detail == "Notes");
    CHECK(line("demo", "change", "0123456789abcdef", "cmd.notes:undo").detail == "Notes (annulé)");
    CHECK(line("demo", "change", "0123456789abcdef", "cmd.notes:redo").detail == "Notes (rétabli)");
    CHECK(line("demo", "change", "0123456789abcdef", "cmd.not_a_key").detail == "cmd.not_a_key");
    // Unknown details stay as stored (never a catalog key shown raw).
    CHECK(line("demo", "lock", "", "something_new").detail == "something_new");
}

TEST_CASE("admin: every audit kind has a French name, a group, and every chain problem a French message") {
    FrenchCatalog fr;
    for (const std::string& k : store::audit_kinds()) {
        INFO(k);
        const ui::AuditLine l = line("demo", k, "", "");
        CHECK(l.what != k);
        CHECK(l.what.find("audit.") == std::string::npos);
        CHECK(ui::audit_group_of(k) != ui::AuditGroup::All);
    }
    for (int p = 1; p <= static_cast<int>(store::AuditProblem::HeadRebuilt); ++p) {
        const std::string key = std::string("audit.problem.") + store::problem_key(static_cast<store::AuditProblem>(p));
        CHECK_MESSAGE(fr.catalog.has(key.c_str()), key);
    }
    for (const char* key : {"admin.settings.error.empty", "admin.settings.error.not_a_number", "admin.settings.error.too_small",
                            "admin.settings.error.too_large"})
        CHECK(fr.catalog.has(key));
    CHECK(ui::audit_group_of("login_failed") == ui::AuditGroup::Logins);
    CHECK(ui::audit_group_of("reopen") == ui::AuditGroup::Sessions);
    CHECK(ui::audit_group_of("purge") == ui::AuditGroup::Exports);
    CHECK(ui::audit_group_of("admin_unlock") == ui::AuditGroup::Accounts);
    CHECK(ui::audit_group_of("no_such_kind") == ui::AuditGroup::All);
    CHECK(app::audit_group_kinds(ui::AuditGroup::All).empty());
    CHECK(app::audit_group_kinds(ui::AuditGroup::Exports) == std::vector<std::string>{"export", "purge"});
}

TEST_CASE("admin: the journal's periods start at local midnight of today or of six days before") {
    const core::Date today{2026, 11, 27};
    CHECK_FALSE(ui::period_first_day(ui::AuditPeriod::All, today).is_set());
    CHECK(ui::period_first_day(ui::AuditPeriod::Today, today) == today);
    CHECK(ui::period_first_day(ui::AuditPeriod::Week, today) == core::Date{2026, 11, 21});
    CHECK(ui::period_first_day(ui::AuditPeriod::Week, core::Date{2026, 3, 2}) == core::Date{2026, 2, 24});
    // Midnight is the first second of that local day.
    const std::int64_t m = ui::local_midnight(today);
    CHECK(core::local_date_of(m) == today);
    CHECK(core::local_date_of(m - 1) == core::Date{2026, 11, 26});
    CHECK(core::format_unix_french(m) == "27/11/2026 00:00");
}

TEST_CASE("admin: a new account's name and identifier are checked before any secret is hashed") {
    const std::vector<ui::AdminAccount> existing{{"demo", "Camille Démo", true, 0, false}};
    CHECK(ui::normalize_account_id("  Jordan ") == "jordan");
    CHECK(ui::new_account_problem("Jordan Essai", "jordan", existing).empty());
    CHECK(ui::new_account_problem("  ", "jordan", existing) == "admin.add.name_missing");
    CHECK(ui::new_account_problem("Jordan", "", existing) == "admin.add.id_missing");
    CHECK(ui::new_account_problem("Jordan", "jordan essai", existing) == "admin.add.id_invalid");
    CHECK(ui::new_account_problem("Jordan", "jérôme", existing) == "admin.add.id_invalid");
    CHECK(ui::new_account_problem("Jordan", std::string(65, 'a'), existing) == "admin.add.id_invalid");
    CHECK(ui::new_account_problem("Jordan", "j.essai-2_b", existing).empty());
    CHECK(ui::new_account_problem("Autre", "demo", existing) == "admin.add.id_taken");
}

TEST_CASE("admin: the settings' steppers move along their ladders and stop at the ends") {
    const auto& days = ui::retention_days_ladder();
    CHECK(days.front() == core::RetentionPolicy::kMinDays);
    CHECK(days.back() == core::RetentionPolicy::kMaxDays);
    for (int d : days) CHECK(core::check_retention_days(d) == core::RetentionValueError::None);
    CHECK(ui::ladder_step(30, 1, days) == 45);
    CHECK(ui::ladder_step(30, -1, days) == 21);
    CHECK(ui::ladder_step(365, 1, days) == 365);
    CHECK(ui::ladder_step(1, -1, days) == 1);
    CHECK(ui::ladder_step(25, 1, days) == 30); // a value set elsewhere joins the ladder
    CHECK(ui::ladder_step(25, -1, days) == 21);
    const auto& minutes = ui::lock_minutes_ladder();
    CHECK(ui::ladder_step(5, 1, minutes) == 10);
    CHECK(ui::ladder_step(5, -1, minutes) == 3);
    CHECK(minutes.front() * 60 >= 30); // the app refuses less than 30 s
    CHECK(minutes.back() * 60 <= 24 * 3600);
}

TEST_CASE("admin: a journal page over a group of kinds is the newest entries of those kinds, and says when older ones remain") {
    // A fake log: seq 1..40, kinds in turn.
    const std::vector<std::string> kinds{"login_ok", "open", "export", "lock"};
    std::vector<store::AuditEntry> log;
    for (int s = 1; s <= 40; ++s) log.push_back({s, 1000 + s, "demo", kinds[static_cast<size_t>(s % 4)], "", "", "", ""});
    int queries = 0;
    auto fetch = [&](const store::AuditFilter& f) {
        ++queries;
        std::vector<store::AuditEntry> out;
        for (auto it = log.rbegin(); it != log.rend(); ++it) {
            if (f.what && it->what != *f.what) continue;
            if (f.before_seq > 0 && it->seq >= f.before_seq) continue;
            if (f.from && it->at < *f.from) continue;
            out.push_back(*it);
            if (f.limit > 0 && static_cast<int>(out.size()) >= f.limit) break;
        }
        return out;
    };
    bool more = false;
    // Logins and locks: seq 40, 39, 36, 35, 32, ... (s % 4 == 0 is login_ok, 3 is lock).
    auto page = app::audit_page(fetch, {"login_ok", "lock"}, {}, 0, 5, &more);
    REQUIRE(page.size() == 5);
    CHECK(page[0].seq == 40);
    CHECK(page[1].seq == 39);
    CHECK(page[2].seq == 36);
    CHECK(page[4].seq == 32);
    CHECK(more);
    CHECK(queries == 2);
    // The next page continues below the last one shown, to the end.
    std::vector<std::int64_t> seen;
    for (const auto& e : page) seen.push_back(e.seq);
    while (more) {
        page = app::audit_page(fetch, {"login_ok", "lock"}, {}, seen.back(), 5, &more);
        for (const auto& e : page) seen.push_back(e.seq);
    }
    CHECK(seen.size() == 20);
    CHECK(std::is_sorted(seen.rbegin(), seen.rend()));
    // Every kind, and the other filters passed on.
    store::AuditFilter since;
    since.from = 1035;
    page = app::audit_page(fetch, {}, since, 0, 50, &more);
    CHECK(page.size() == 6);
    CHECK_FALSE(more);
}

TEST_CASE("admin: the journal of a real store, filtered by group, person and paging, reads the account just created") {
    store_fx::TempDir dir;
    auto st = store_fx::open_store(dir.path);
    store_fx::setup_encrypted(*st); // admin, then camille
    std::string error;
    REQUIRE(st->add_account("jordan", "Jordan Essai", store::Role::Counsellor, "583920", &error));
    st->lock("button");
    REQUIRE(st->unlock("admin", store_fx::kAdminPin).ok());
    auto fetch = [&](const store::AuditFilter& f) { return st->audit_entries(f, &error); };
    bool more = false;
    auto accounts = app::audit_page(fetch, app::audit_group_kinds(ui::AuditGroup::Accounts), {}, 0, 50, &more);
    REQUIRE_FALSE(accounts.empty());
    CHECK(accounts.front().what == "account_created");
    CHECK(accounts.front().target == "jordan");
    for (const auto& e : accounts) CHECK(ui::audit_group_of(e.what) == ui::AuditGroup::Accounts);
    store::AuditFilter by_admin;
    by_admin.who = "admin";
    auto logins = app::audit_page(fetch, app::audit_group_kinds(ui::AuditGroup::Logins), by_admin, 0, 1, &more);
    REQUIRE(logins.size() == 1);
    CHECK(logins.front().what == "login_ok");
    CHECK(more); // the lock before it
    CHECK(error.empty());
}
