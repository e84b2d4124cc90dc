// --demo data: a demo counsellor and three clearly fictional people, so a newcomer sees a
// realistic list (one due soon, one late, one finalized) at first start. Léa's interview has
// two photolangage rounds with the person's words, a timeline of her parcours and all five
// boards (a draft). Stéphane's is finalized: a short parcours, one photolangage round and a
// synthesis drafted, completed, with three préconisations, finalized by the demo counsellor.
#include "app/app.hpp"

#include <cstdio>

#include "core/synthesis.hpp"
#include "export/bundle.hpp"

#include <filesystem>

namespace amorce::app {

namespace {
core::Session demo_session(const std::string& id, const char* last, const char* first, core::Date birth,
                           const char* ecrou, core::LegalStatus legal, int days_ago, const char* notes,
                           const store::Counsellor& c, const std::string& establishment) {
    const std::int64_t day = 86400;
    const std::int64_t started = core::unix_now() - days_ago * day;
    core::Session s;
    s.id = id;
    s.participant.last_name = last;
    s.participant.first_name = first;
    s.participant.birth_date = birth;
    s.participant.ecrou = ecrou;
    s.participant.establishment = establishment;
    s.participant.legal_status = legal;
    s.participant.entry_date = core::local_date_of(started - 2 * day);
    s.participant.languages = {"fr"};
    s.counsellor_id = c.id;
    s.counsellor_name = c.display_name;
    s.created_at = started - 300;
    s.started_at = started;
    s.ended_at = started + 3300;
    s.consent = true;
    s.consent_at = started;
    s.notes = notes;
    s.status = core::SessionStatus::Draft;
    s.history = {{s.created_at, c.id, "created", ""},
                 {started, c.id, "interview_started", ""},
                 {s.ended_at, c.id, "interview_ended", ""}};
    s.revision = 1;
    return s;
}
core::PhotoChoice choice(const char* deck, const char* card, const char* words, std::vector<std::string> themes) {
    core::PhotoChoice c;
    c.deck_id = deck;
    c.card_id = card;
    c.words = words;
    c.themes = std::move(themes);
    return c;
}

// Two photolangage rounds, as a counsellor would have noted them.
void add_demo_photolangage(core::Session& s) {
    core::PhotoRound parcours = core::new_round(
        "prompt.parcours", "Choisissez une photo qui représente votre parcours.", 2, s.started_at + 120);
    parcours.id = "demo-round-1";
    parcours.slots[0] = choice("regards", "sentier-montagne",
                               "C’est un chemin qui monte. J’ai eu des hauts et des bas, mais j’ai toujours avancé.",
                               {"effort"});
    parcours.slots[1] = choice("regards", "ponton-brume", "Là, je ne vois pas bien où je vais.", {"difficulté"});
    core::PhotoRound demain = core::new_round(
        "prompt.demain", "Choisissez une photo qui représente ce que vous aimeriez faire demain.", 1,
        s.started_at + 900);
    demain.id = "demo-round-2";
    demain.slots[0] = choice("quotidien", "cuisinier", "Travailler en cuisine, passer mon CAP.", {"travail", "formation"});
    s.photolangage = {parcours, demain};
}

// Léa's parcours on the timeline: CAP, a CDD, a gap (hatched), intérim, unemployment, detention.
void add_demo_timeline(core::Session& s) {
    using core::FuzzyDate;
    const auto add = [&](const char* id, core::Lane lane, FuzzyDate start, FuzzyDate end) -> core::TimelineEpisode& {
        core::TimelineEpisode e = core::new_episode(lane, start, end);
        e.id = id;
        s.timeline.episodes.push_back(e);
        return s.timeline.episodes.back();
    };
    add("demo-tl-cap", core::Lane::Education, FuzzyDate::of_month(2010, 9), FuzzyDate::of_month(2012, 6)).training =
        core::TrainingDetails{"CAP cuisine", core::Answer::Yes, 3};
    add("demo-tl-commis", core::Lane::Employment, FuzzyDate::of_month(2012, 9), FuzzyDate::of_month(2014, 8)).job =
        core::JobDetails{"Commis de cuisine", "G1602", "Brasserie du Port", core::Contract::Cdd, core::WorkTime::Full};
    add("demo-tl-serveuse", core::Lane::Employment, FuzzyDate::of_year(2016), FuzzyDate::of_year(2019)).job =
        core::JobDetails{"Serveuse", "G1803", "Agence d’intérim", core::Contract::Temp, core::WorkTime::Part};
    add("demo-tl-chomage", core::Lane::NoWork, FuzzyDate::of_year(2020), {}).title = "Recherche d’emploi";
    const core::Date entry = s.participant.entry_date;
    core::TimelineEpisode& detention =
        add("demo-tl-detention", core::Lane::Justice, FuzzyDate::of_month(entry.year, entry.month), {});
    detention.kind = core::EpisodeKind::Event;
    detention.event = core::EventType::DetentionEntry;
}

// Léa's boards, sorted through the same commands as on the screen. Cards she did not pick stay
// in the pile (nobody has to sort them all). Skipped if the templates cannot be read.
void add_demo_boards(core::Session& s, const std::string& assets_dir) {
    const auto templates = core::load_board_templates(assets_dir + "/boards", {}, nullptr);
    std::int64_t at = s.started_at + 1500;
    const auto open = [&](const char* template_id) -> std::string {
        for (const core::BoardTemplate& t : templates)
            if (t.board.template_id == template_id) {
                core::Board b = core::new_board(t, at);
                b.id = std::string("demo-board-") + template_id;
                core::Command{core::AddBoard{b, -1}, s.counsellor_id}.apply(s, at);
                return b.id;
            }
        return {};
    };
    const auto put = [&](const std::string& board, const char* column, std::vector<const char*> cards) {
        const core::Board* b = core::find_board(s, board);
        if (!b) return;
        const int c = b->column_index(column);
        for (const char* card : cards) core::Command{core::PlaceCard{board, card, c, -1}, s.counsellor_id}.apply(s, at += 20);
    };
    const std::string afe = open("atouts_freins_envies");
    put(afe, "atouts", {"skill.cooking", "quality.punctual", "skill.teamwork"});
    core::BoardCard own;
    own.label = "Garder mon calme dans le coup de feu";
    own.custom = true;
    core::Command{core::AddCustomCard{afe, own, 0, -1}, s.counsellor_id}.apply(s, at += 20);
    put(afe, "freins", {"obstacle.housing", "obstacle.licence", "obstacle.confidence"});
    put(afe, "envies", {"wish.diploma", "wish.job", "wish.housing"});
    const std::string jobs = open("metiers");
    put(jobs, "interesse", {"job.cook", "job.baker", "job.waiter"});
    put(jobs, "hesite", {"job.care_assistant"});
    put(jobs, "pas_pour_moi", {"job.truck_driver", "job.mason"});
    const std::string values = open("valeurs");
    put(values, "tres_important", {"value.stability", "value.hours", "value.atmosphere", "value.learning", "value.family_time"});
    put(values, "important", {"value.salary", "value.team"});
    put(values, "pas_important", {"value.outdoors"});
    const std::string priorities = open("priorites");
    put(priorities, "rang", {"priority.housing", "priority.job", "priority.training", "priority.family", "priority.health",
                             "priority.rights", "priority.money", "priority.mobility"});
    const std::string scales = open("echelles");
    for (const auto& [scale, value] : std::vector<std::pair<const char*, int>>{
             {"motivation", 8}, {"confiance", 5}, {"sante", 7}, {"moral", 4}, {"entourage", 6}, {"projet", 7}})
        core::Command{core::SetScale{scales, scale, value}, s.counsellor_id}.apply(s, at += 20);
}

// Stéphane's parcours: a BEP left without the diploma, intérim, eleven years as a forklift driver
// on a permanent contract, a fixed-term job, then looking for work; his daughter's birth, the
// detention, and his project. Added through the same command as on the screen.
void add_stephane_timeline(core::Session& s) {
    using core::FuzzyDate;
    std::int64_t at = s.started_at + 600;
    const auto add = [](const char* id, core::Lane lane, FuzzyDate start, FuzzyDate end) {
        core::TimelineEpisode e = core::new_episode(lane, start, end);
        e.id = id;
        return e;
    };
    const auto put = [&](core::TimelineEpisode e) {
        core::Command{core::AddEpisode{std::move(e), -1}, s.counsellor_id}.apply(s, at += 40);
    };
    core::TimelineEpisode bep =
        add("demo-st-bep", core::Lane::Education, FuzzyDate::of_month(1995, 9), FuzzyDate::of_month(1997, 6));
    bep.training = core::TrainingDetails{"BEP électrotechnique", core::Answer::No, 3};
    put(bep);
    core::TimelineEpisode interim =
        add("demo-st-interim", core::Lane::Employment, FuzzyDate::of_year(1998), FuzzyDate::of_year(2003));
    interim.job = core::JobDetails{"Manutentionnaire", "N1105", "Agence d’intérim", core::Contract::Temp,
                                   core::WorkTime::Full};
    put(interim);
    core::TimelineEpisode cariste =
        add("demo-st-cariste", core::Lane::Employment, FuzzyDate::of_month(2004, 3), FuzzyDate::of_month(2015, 10));
    cariste.job = core::JobDetails{"Cariste", "N1101", "Entrepôt des Quatre-Routes", core::Contract::Cdi,
                                   core::WorkTime::Full};
    put(cariste);
    core::TimelineEpisode preparateur =
        add("demo-st-preparateur", core::Lane::Employment, FuzzyDate::of_year(2016), FuzzyDate::of_year(2018));
    preparateur.job = core::JobDetails{"Préparateur de commandes", "N1103", "Plateforme logistique",
                                       core::Contract::Cdd, core::WorkTime::Full};
    put(preparateur);
    core::TimelineEpisode search = add("demo-st-recherche", core::Lane::NoWork, FuzzyDate::of_year(2019), {});
    search.title = "Recherche d’emploi";
    put(search);
    core::TimelineEpisode daughter = add("demo-st-fille", core::Lane::Personal, FuzzyDate::of_month(2008, 5), {});
    daughter.kind = core::EpisodeKind::Event;
    daughter.event = core::EventType::ChildBirth;
    daughter.title = "Naissance de sa fille";
    put(daughter);
    const core::Date entry = s.participant.entry_date;
    core::TimelineEpisode detention =
        add("demo-st-detention", core::Lane::Justice, FuzzyDate::of_month(entry.year, entry.month), {});
    detention.kind = core::EpisodeKind::Event;
    detention.event = core::EventType::DetentionEntry;
    put(detention);
    core::TimelineEpisode project = add("demo-st-projet", core::Lane::Projects, FuzzyDate::of_year(entry.year + 1),
                                        FuzzyDate::of_year(entry.year + 2));
    project.title = "Formation d’électricien du bâtiment";
    put(project);
}

// One photolangage round, two photos with his words.
void add_stephane_photolangage(core::Session& s) {
    core::PhotoRound demain = core::new_round(
        "prompt.demain", "Choisissez une photo qui représente ce que vous aimeriez faire demain.", 2,
        s.started_at + 300);
    demain.id = "demo-st-round-1";
    demain.slots[0] = choice("quotidien", "ouvrier-batiment",
                             "Travailler sur les chantiers, faire l’électricité des maisons. "
                             "C’était déjà mon idée au BEP.",
                             {"travail", "formation"});
    demain.slots[1] = choice("quotidien", "famille", "Revoir ma fille, qu’elle soit fière de moi.", {"famille"});
    s.photolangage = {demain};
}

// Stéphane's synthesis as the counsellor made it on the screen: « Rédiger » (draft, redraft,
// ApplyDraft), a few words added to two sections, three préconisations from the catalogue, then
// « Finaliser » two days after the interview. Without the synthesis assets (they ship with the
// app) he stays a draft rather than a finalized interview with an empty synthesis.
void finalize_stephane(core::Session& s, const std::string& assets_dir, const std::string& counsellor_id) {
    const auto assets = core::load_synthesis_assets(assets_dir);
    if (!assets) return;
    std::int64_t at = s.ended_at + 3600;
    const auto run = [&](core::CommandData d) { core::Command{std::move(d), counsellor_id}.apply(s, at += 60); };
    const auto add_reco = [&](const char* key, core::Priority priority, const char* text) {
        if (const core::RecommendationType* t = core::find_recommendation_type(assets->catalogue, key))
            run(core::AddRecommendation{core::make_recommendation(*t, priority, text), -1});
    };
    const core::RedraftPlan plan = core::redraft(s.synthesis, core::draft_synthesis(s, *assets));
    if (!plan.changes.empty()) run(core::ApplyDraft{plan.changes});
    const auto append = [&](core::SectionId id, const char* words) {
        run(core::SetSectionText{id, s.synthesis.section(id).text + "\n\n" + words});
    };
    append(core::SectionId::Projets,
           "Stéphane veut se former en électricité du bâtiment\u00a0: il en garde le goût depuis son BEP et souhaite "
           "commencer dès que possible, en détention si une place se libère.");
    append(core::SectionId::Freins,
           "Il craint que son âge et son casier judiciaire lui ferment des portes\u00a0; il n’a plus de nouvelles de "
           "sa fille depuis son incarcération.");
    add_reco("formation_qualifiante", core::Priority::High,
             "Électricité du bâtiment, niveau CAP. Dossier à préparer avec le SPIP avant la commission.");
    add_reco("vae", core::Priority::Medium,
             "Faire reconnaître ses onze ans de cariste\u00a0; retrouver ses certificats de travail.");
    add_reco("famille", core::Priority::Low, "Reprendre contact avec sa fille, à son rythme.");
    run(core::Finalize{counsellor_id, s.started_at + 2 * 86400});
}

} // namespace

void seed_demo(store::Store& store, const std::string& assets_dir) {
    if (store.meta("demo_seeded")) return;
    const store::Counsellor c{"demo", "Camille Démo (conseillère)"};
    // The demo counsellor is the site administrator, with a PIN the README gives: the data folder
    // is encrypted like a real one and opens locked on the next start.
    if (!store.has_accounts()) {
        std::string error;
        if (auto key = store.create_admin(c.id, c.display_name, kDemoSecret, &error))
            std::fprintf(stderr, "amorce: demo: counsellor « %s », PIN %s, recovery key %s\n", c.id.c_str(), kDemoSecret,
                         key->c_str());
        else
            std::fprintf(stderr, "amorce: demo: cannot create the demo account: %s\n", error.c_str());
    }
    store.add_counsellor(c);
    const std::string establishment = "Maison d’arrêt de démonstration";
    store.set_meta("establishment", establishment);
    core::Session lea = demo_session("demo000000000001", "Démo", "Léa", core::Date{1994, 2, 14}, "DEMO-0001",
                                     core::LegalStatus::Prevenu, 1,
                                     "Personne fictive. Intéressée par la cuisine ; a travaillé en restauration.", c,
                                     establishment);
    add_demo_photolangage(lea);
    add_demo_timeline(lea);
    add_demo_boards(lea, assets_dir);
    store.save_now(lea);
    store.save_now(demo_session("demo000000000002", "Exemple", "Karim", core::Date{1987, 9, 3}, "DEMO-0002",
                                core::LegalStatus::Condamne, 7,
                                "Personne fictive. Permis B, expérience dans le bâtiment.", c, establishment));
    core::Session stephane = demo_session("demo000000000003", "Fictif", "Stéphane", core::Date{1979, 12, 24},
                                          "DEMO-0003", core::LegalStatus::Condamne, 3,
                                          "Personne fictive. Souhaite une formation qualifiante.", c, establishment);
    add_stephane_photolangage(stephane);
    add_stephane_timeline(stephane);
    finalize_stephane(stephane, assets_dir, c.id);
    store.save_now(stephane);
    // A demo central key pair (DATA/demo-central/), its public key in the settings: a newcomer can
    // export at once and verify with DATA/demo-central/central.key. Real sites use `amorce keygen`.
    std::string key_error;
    if (!exporting::ensure_demo_central_key(store, std::filesystem::path(store.path()).parent_path().string(), &key_error))
        std::fprintf(stderr, "amorce: demo: no demo central key: %s\n", key_error.c_str());
    store.set_meta("demo_seeded", "1");
}

} // namespace amorce::app
