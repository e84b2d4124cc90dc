// Unit tests for the synthesis (src/core/synthesis.*): Léa's demo-like session drafted sentence by
// sentence, the empty session, re-drafting that never overwrites edited text without asking,
// suggested recommendations, finalize checks and the lock, reopening with a reason, the data files
// (assets/synthesis/), serialization (Session cereal version 5) and very long texts.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "core/commands.hpp"
#include "core/serialize.hpp"
#include "core/session.hpp"
#include "core/synthesis.hpp"
#include "core/tsv.hpp"

#include "../data/golden_v4.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace amorce::core;
namespace fs = std::filesystem;
using Lines = std::vector<std::string>;

namespace {

const std::string kAssets = std::string(AMORCE_SOURCE_DIR) + "/assets";

const SynthesisAssets& assets() {
    static const SynthesisAssets a = [] {
        std::string error;
        auto loaded = load_synthesis_assets(kAssets, &error);
        INFO(error);
        REQUIRE(loaded);
        return *loaded;
    }();
    return a;
}

// Expected French written with ordinary spaces: the non-breaking ones (before : ; ? ! » and n°,
// after «) and the ’ apostrophe are put in here, so the drafts must have them.
std::string fr(std::string s) {
    const std::string nbsp = "\xC2\xA0";
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\'') {
            out += "\xE2\x80\x99";
        } else if (s[i] == ' ' && i + 1 < s.size() &&
                   (s[i + 1] == ':' || s[i + 1] == ';' || s[i + 1] == '?' || s[i + 1] == '!' ||
                    s.compare(i + 1, 2, "\xC2\xBB") == 0)) {
            out += nbsp;
        } else if (s[i] == ' ' && i >= 2 && (s.compare(i - 2, 2, "\xC2\xAB") == 0 || s.compare(i - 2, 2, "n\xC2\xB0") == 0 ||
                                             (i >= 3 && s.compare(i - 3, 3, "n\xC2\xB0") == 0))) {
            out += nbsp;
        } else {
            out += s[i];
        }
    }
    return out;
}
Lines fr(std::initializer_list<const char*> lines) {
    Lines out;
    for (const char* l : lines) out.push_back(fr(std::string(l)));
    return out;
}

// Sentence by sentence, so that a failure names the sentence.
void check_sentences(const Draft& d, SectionId id, const Lines& want) {
    CAPTURE(section_key(id));
    const Lines got = d[id].sentences();
    for (size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
        CAPTURE(i);
        CHECK((i < got.size() ? got[i] : "<none>") == (i < want.size() ? want[i] : "<none>"));
    }
}

// [SECTION] Léa, as src/app/demo.cpp builds her session, interviewed on 10 March 2025.

PhotoChoice choice(const char* deck, const char* card, const char* words, std::vector<std::string> themes) {
    PhotoChoice c;
    c.deck_id = deck;
    c.card_id = card;
    c.words = words;
    c.themes = std::move(themes);
    return c;
}

Session base() {
    Session s;
    s.id = "demo000000000001";
    s.participant.last_name = "Démo";
    s.participant.first_name = "Léa";
    s.participant.birth_date = Date{1994, 2, 14};
    s.participant.ecrou = "DEMO-0001";
    s.participant.establishment = "Maison d’arrêt de démonstration";
    s.participant.legal_status = LegalStatus::Prevenu;
    s.participant.entry_date = Date{2025, 3, 8};
    s.participant.languages = {"fr"};
    s.counsellor_id = "demo";
    s.counsellor_name = "Camille Démo (conseillère)";
    s.started_at = 1741611900; // 2025-03-10 13:05 UTC
    s.created_at = s.started_at - 300;
    s.ended_at = s.started_at + 3300;
    s.consent = true;
    s.consent_at = s.started_at;
    s.notes = "Personne fictive. Intéressée par la cuisine ; a travaillé en restauration.";
    return s;
}

void add_photolangage(Session& s) {
    PhotoRound parcours = new_round("prompt.parcours", "Choisissez une photo qui représente votre parcours.", 2,
                                    s.started_at + 120);
    parcours.id = "demo-round-1";
    parcours.slots[0] = choice("regards", "sentier-montagne",
                               "C’est un chemin qui monte. J’ai eu des hauts et des bas, mais j’ai toujours avancé.",
                               {"effort"});
    parcours.slots[1] = choice("regards", "ponton-brume", "Là, je ne vois pas bien où je vais.", {"difficulté"});
    PhotoRound demain = new_round("prompt.demain",
                                  "Choisissez une photo qui représente ce que vous aimeriez faire demain.", 1,
                                  s.started_at + 900);
    demain.id = "demo-round-2";
    demain.slots[0] = choice("quotidien", "cuisinier", "Travailler en cuisine, passer mon CAP.", {"travail", "formation"});
    s.photolangage = {parcours, demain};
}

void add_timeline(Session& s) {
    const auto add = [&](const char* id, Lane lane, FuzzyDate start, FuzzyDate end) -> TimelineEpisode& {
        TimelineEpisode e = new_episode(lane, start, end);
        e.id = id;
        s.timeline.episodes.push_back(e);
        return s.timeline.episodes.back();
    };
    add("demo-tl-cap", Lane::Education, FuzzyDate::of_month(2010, 9), FuzzyDate::of_month(2012, 6)).training =
        TrainingDetails{"CAP cuisine", Answer::Yes, 3};
    add("demo-tl-commis", Lane::Employment, FuzzyDate::of_month(2012, 9), FuzzyDate::of_month(2014, 8)).job =
        JobDetails{"Commis de cuisine", "G1602", "Brasserie du Port", Contract::Cdd, WorkTime::Full};
    add("demo-tl-serveuse", Lane::Employment, FuzzyDate::of_year(2016), FuzzyDate::of_year(2019)).job =
        JobDetails{"Serveuse", "G1803", "Agence d’intérim", Contract::Temp, WorkTime::Part};
    add("demo-tl-chomage", Lane::NoWork, FuzzyDate::of_year(2020), {}).title = "Recherche d’emploi";
    TimelineEpisode& detention = add("demo-tl-detention", Lane::Justice, FuzzyDate::of_month(2025, 3), {});
    detention.kind = EpisodeKind::Event;
    detention.event = EventType::DetentionEntry;
}

// The five boards, sorted through the same commands as the demo.
void add_boards(Session& s, const std::string& boards_dir) {
    const auto templates = load_board_templates(boards_dir, {}, nullptr);
    std::int64_t at = s.started_at + 1500;
    const auto open = [&](const char* template_id) -> std::string {
        for (const BoardTemplate& t : templates)
            if (t.board.template_id == template_id) {
                Board b = new_board(t, at);
                b.id = std::string("demo-board-") + template_id;
                Command{AddBoard{b, -1}, s.counsellor_id}.apply(s, at);
                return b.id;
            }
        return {};
    };
    const auto put = [&](const std::string& board, const char* column, std::vector<const char*> cards) {
        const Board* b = find_board(s, board);
        if (!b) return;
        const int c = b->column_index(column);
        for (const char* card : cards) Command{PlaceCard{board, card, c, -1}, s.counsellor_id}.apply(s, at += 20);
    };
    const std::string afe = open("atouts_freins_envies");
    put(afe, "atouts", {"skill.cooking", "quality.punctual", "skill.teamwork"});
    BoardCard own;
    own.label = "Garder mon calme dans le coup de feu";
    own.custom = true;
    Command{AddCustomCard{afe, own, 0, -1}, s.counsellor_id}.apply(s, at += 20);
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
        Command{SetScale{scales, scale, value}, s.counsellor_id}.apply(s, at += 20);
}


Session lea() {
    Session s = base();
    add_photolangage(s);
    add_timeline(s);
    add_boards(s, kAssets + "/boards");
    return s;
}

// Editor with a controllable clock and a sink that counts saves.
struct Fixture {
    std::int64_t now = 1741700000;
    int saves = 0;
    SessionEditor editor;

    explicit Fixture(Session s = lea()) : editor(std::move(s), [this](const Session&) { ++saves; }) {
        editor.clock = [this] { return now; };
    }
    void run(CommandData d, const char* who = "c-1") { editor.execute(Command{std::move(d), who}); }
    const Session& session() const { return editor.session(); }
    // Drafts every section (nothing edited yet) and adds one recommendation: ready to finalize.
    void ready() {
        run(ApplyDraft{redraft(session().synthesis, draft_synthesis(session(), assets())).changes});
        run(AddRecommendation{make_recommendation(*find_recommendation_type(assets().catalogue, "logement"),
                                                  Priority::High, "Demande SIAO à faire.")});
    }
};

} // namespace

// [SECTION] Drafting, sentence by sentence

TEST_CASE("synthesis: Léa's parcours sections are drafted from her timeline, sentence by sentence") {
    const Draft d = draft_synthesis(lea(), assets());
    check_sentences(d, SectionId::ParcoursFormation,
                    fr({"De septembre 2010 à juin 2012 : CAP cuisine (niveau 3), diplôme obtenu.",
                        "Plus haut diplôme obtenu : CAP cuisine, niveau 3 (CAP, BEP)."}));
    check_sentences(
        d, SectionId::ParcoursPro,
        fr({"De septembre 2012 à août 2014, Léa a travaillé comme commis de cuisine en CDD à temps plein (Brasserie du Port).",
            "De 2016 à 2019, Léa a travaillé comme serveuse en intérim à temps partiel (Agence d'intérim).",
            "Au total, Léa a travaillé 6 ans.",
            "L'emploi le plus long a duré 4 ans (serveuse).",
            "Le dernier emploi s'est terminé en 2019.",
            "Période sans emploi depuis 2020 (recherche d'emploi).",
            "Périodes non renseignées sur la frise depuis ses 16 ans : de février à août 2010 (7 mois) et "
            "de septembre 2014 à décembre 2015 (1 an et 4 mois)."}));
    // Paragraphs: the jobs, the totals, the periods without work, the gaps.
    CHECK(d[SectionId::ParcoursPro].paragraphs.size() == 4);
    CHECK(d.text(SectionId::ParcoursFormation) ==
          fr("De septembre 2010 à juin 2012 : CAP cuisine (niveau 3), diplôme obtenu. "
             "Plus haut diplôme obtenu : CAP cuisine, niveau 3 (CAP, BEP)."));
}

TEST_CASE("synthesis: Léa's skills, projects and obstacles are drafted from her boards, timeline and record") {
    const Draft d = draft_synthesis(lea(), assets());
    check_sentences(d, SectionId::Competences,
                    fr({"Atouts que Léa se reconnaît : cuisiner, être à l'heure, travailler en équipe et "
                        "« Garder mon calme dans le coup de feu ».",
                        "Métiers déjà exercés : commis de cuisine (G1602) et serveuse (G1803)."}));
    check_sentences(
        d, SectionId::Projets,
        fr({"Léa a 31 ans à la date de l'entretien.",
            "Situation pénale : en attente de jugement (détention provisoire).",
            "Envies exprimées : passer un diplôme, trouver un travail et avoir un logement.",
            "Métiers qui intéressent Léa : cuisinier/cuisinière, boulanger/boulangère et serveur/serveuse.",
            "Profil d'intérêts (RIASEC) : R-S-A, soit réaliste (activités concrètes et manuelles), social (aider et "
            "être en contact) et artistique (créer et s'exprimer).",
            "Métiers écartés : chauffeur routier et maçon/maçonne.",
            "Ce qui compte le plus pour Léa dans un travail : un emploi stable, des horaires réguliers, une bonne "
            "ambiance, apprendre et du temps pour sa famille.",
            "Priorités pour la sortie, par ordre d'importance : le logement, l'emploi, la formation, la famille, "
            "la santé, les droits et les papiers, l'argent et les déplacements.",
            "Auto-évaluation (de 0 à 10) : motivation 8, confiance en soi 5, santé 7, moral 4, soutien des proches 6 "
            "et projet pour la sortie 7."}));
    check_sentences(d, SectionId::Freins,
                    fr({"Freins exprimés : le logement, le permis de conduire et la confiance en soi.",
                        "Éloignement de l'emploi : 5 ans et 3 mois sans emploi à la date de l'entretien."}));
}

TEST_CASE("synthesis: Léa's own words are quoted with the round's question, and the suggestions close the draft") {
    const Draft d = draft_synthesis(lea(), assets());
    check_sentences(
        d, SectionId::Paroles,
        fr({"À la question « Choisissez une photo qui représente votre parcours », Léa a répondu : « C'est un chemin "
            "qui monte. J'ai eu des hauts et des bas, mais j'ai toujours avancé. »",
            "Sur une autre photo : « Là, je ne vois pas bien où je vais. »",
            "À la question « Choisissez une photo qui représente ce que vous aimeriez faire demain », Léa a répondu : "
            "« Travailler en cuisine, passer mon CAP. »"}));
    CHECK(d[SectionId::Paroles].paragraphs.size() == 2); // one per round
    check_sentences(d, SectionId::Preconisations,
                    fr({"Pistes suggérées par les outils de l'entretien : formation qualifiante, validation des acquis "
                        "de l'expérience (VAE), accompagnement vers l'emploi à la sortie, logement, permis de conduire "
                        "et remobilisation (confiance en soi)."}));
}

TEST_CASE("synthesis: once préconisations are chosen, the comment names them and the tools' other leads after") {
    Session s = lea();
    for (const char* key : {"logement", "travail_detention"})
        s.synthesis.recommendations.push_back(make_recommendation(*find_recommendation_type(assets().catalogue, key)));
    check_sentences(draft_synthesis(s, assets()), SectionId::Preconisations,
                    fr({"Préconisations retenues avec Léa : logement et travail en détention.",
                        "Les outils de l'entretien font aussi ressortir : formation qualifiante, validation des acquis "
                        "de l'expérience (VAE), accompagnement vers l'emploi à la sortie, permis de conduire et "
                        "remobilisation (confiance en soi)."}));
    // Every suggestion chosen: no other lead.
    s.synthesis.recommendations.clear();
    for (const auto& sug : suggest_recommendations(lea(), assets()))
        s.synthesis.recommendations.push_back(make_recommendation(*find_recommendation_type(assets().catalogue, sug.key)));
    CHECK(draft_synthesis(s, assets())[SectionId::Preconisations].sentences().size() == 1);
}

TEST_CASE("synthesis: drafting is deterministic and its French typography is right") {
    const Session s = lea();
    const Draft a = draft_synthesis(s, assets());
    const Draft b = draft_synthesis(s, assets());
    for (SectionId id : kSections) {
        CAPTURE(section_key(id));
        CHECK(a.text(id) == b.text(id));
        for (const std::string& sentence : a[id].sentences()) {
            CAPTURE(sentence);
            CHECK(is_valid_utf8(sentence));
            for (const char* bad : {" :", " ;", " ?", " !", "« ", " »", "'", "[", "{"})
                CHECK(sentence.find(bad) == std::string::npos);
            // Starts with a capital letter or a guillemet, ends with a period or a closing guillemet.
            CHECK((sentence.back() == '.' || sentence.compare(sentence.size() - 2, 2, "\xC2\xBB") == 0));
            CHECK(sentence[0] != ' ');
        }
    }
    // The draft is measured at the interview, not today: the same session drafted again later is the same.
    Session later = s;
    later.revision += 100;
    CHECK(draft_synthesis(later, assets()).text(SectionId::ParcoursPro) == a.text(SectionId::ParcoursPro));
}

TEST_CASE("synthesis: a session where no tool was used still drafts every section, with a clear mark") {
    const Draft d = draft_synthesis(base(), assets());
    check_sentences(d, SectionId::ParcoursFormation, fr({"La frise n'a pas été remplie pendant l'entretien."}));
    check_sentences(d, SectionId::ParcoursPro, fr({"La frise n'a pas été remplie pendant l'entretien."}));
    check_sentences(d, SectionId::Competences, fr({"Aucun support d'expression n'a été utilisé pendant l'entretien."}));
    check_sentences(d, SectionId::Projets,
                    fr({"Léa a 31 ans à la date de l'entretien.",
                        "Situation pénale : en attente de jugement (détention provisoire).",
                        "Aucun support d'expression n'a été utilisé pendant l'entretien."}));
    check_sentences(d, SectionId::Freins, fr({"Aucun support d'expression n'a été utilisé pendant l'entretien."}));
    check_sentences(d, SectionId::Paroles, fr({"Le photolangage n'a pas été utilisé pendant l'entretien."}));
    check_sentences(d, SectionId::Preconisations,
                    fr({"Aucun outil n'a été utilisé pendant l'entretien : les préconisations restent à établir avec Léa."}));

    // Nothing known at all, not even a first name or a birth date: « la personne », and still no empty section.
    const Draft bare = draft_synthesis(Session{}, assets());
    for (SectionId id : kSections) CHECK_FALSE(bare.text(id).empty());
    check_sentences(bare, SectionId::Projets, fr({"Aucun support d'expression n'a été utilisé pendant l'entretien."}));
    check_sentences(bare, SectionId::Preconisations,
                    fr({"Aucun outil n'a été utilisé pendant l'entretien : les préconisations restent à établir avec la personne."}));
}

TEST_CASE("synthesis: tools opened but left empty say so, section by section") {
    Session s = base();
    s.participant.first_name = "";
    s.participant.legal_status = LegalStatus::Condamne;
    // A photolangage round with a photo but no words, another with nothing chosen.
    PhotoRound r1 = new_round("", "Qu'est-ce qui vous a aidé à tenir, ici ?", 2, s.started_at);
    r1.id = "r1";
    r1.slots[0] = choice("regards", "pont", "", {});
    r1.slots[1] = choice("regards", "mer", "  ", {});
    PhotoRound r2 = new_round("prompt.demain", "Choisissez une photo.", 1, s.started_at);
    r2.id = "r2";
    s.photolangage = {r1, r2};
    // A timeline with only a detention entry: no training, no job.
    TimelineEpisode entry = new_event(EventType::DetentionEntry, FuzzyDate::of_month(2025, 3));
    entry.id = "t1";
    s.timeline.episodes = {entry};
    // A scales board only (no atouts or freins columns), nothing set.
    const auto templates = load_board_templates(kAssets + "/boards", {}, nullptr);
    for (const BoardTemplate& t : templates)
        if (t.board.template_id == "echelles") s.boards.push_back(new_board(t, s.started_at));
    REQUIRE(s.boards.size() == 1);

    const Draft d = draft_synthesis(s, assets());
    check_sentences(d, SectionId::ParcoursFormation, fr({"Aucune scolarité ni formation n'est indiquée sur la frise."}));
    check_sentences(d, SectionId::ParcoursPro,
                    fr({"Aucun emploi n'est indiqué sur la frise.",
                        "Période non renseignée sur la frise depuis ses 16 ans : de février 2010 à mars 2025 (15 ans et 2 mois)."}));
    check_sentences(d, SectionId::Competences, fr({"Les atouts n'ont pas été abordés avec les supports d'expression."}));
    check_sentences(d, SectionId::Projets,
                    fr({"La personne a 31 ans à la date de l'entretien.", "Situation pénale : condamnation prononcée.",
                        "Aucune envie ni priorité n'a été exprimée sur les supports d'expression."}));
    check_sentences(d, SectionId::Freins,
                    fr({"Les freins n'ont pas été abordés avec les supports d'expression.",
                        "Aucune expérience d'emploi n'est indiquée sur la frise."}));
    check_sentences(d, SectionId::Paroles,
                    fr({"À la question « Qu'est-ce qui vous a aidé à tenir, ici ? », la personne a choisi deux photos ; "
                        "ses mots n'ont pas été notés.",
                        "À la question « Choisissez une photo », aucune photo n'a été choisie."}));
    check_sentences(d, SectionId::Preconisations,
                    fr({"Pistes suggérées par les outils de l'entretien : formation qualifiante."}));

    // Rounds opened but no photo chosen anywhere.
    s.photolangage = {r2};
    check_sentences(draft_synthesis(s, assets()), SectionId::Paroles,
                    fr({"Aucune photo n'a été choisie pendant le photolangage."}));
}

TEST_CASE("synthesis: dates read as French periods with elision, approximations and open ends") {
    Session s = base();
    const auto job = [&](const char* id, FuzzyDate start, FuzzyDate end, const char* title, Contract contract) {
        TimelineEpisode e = new_episode(Lane::Employment, start, end);
        e.id = id;
        e.job.title = title;
        e.job.contract = contract;
        s.timeline.episodes.push_back(e);
    };
    job("j1", FuzzyDate::of_month(2011, 4), FuzzyDate::of_month(2012, 10), "Électricien", Contract::Apprenticeship);
    job("j2", FuzzyDate::of_year(2013, true), FuzzyDate::of_month(2013, 8), "Plongeur", Contract::Seasonal);
    job("j3", FuzzyDate::of_year(2014), FuzzyDate::of_year(2014), "", Contract::Undeclared);
    job("j4", FuzzyDate::of_month(2024, 8), {}, "Agent SNCF", Contract::Unknown);
    job("j5", FuzzyDate::of_year(2030), {}, "Cuisinier", Contract::Cdi); // after the interview: left out
    TimelineEpisode bac = new_episode(Lane::Education, FuzzyDate::of_month(2008, 9), FuzzyDate::of_year(2010, true));
    bac.id = "e1";
    bac.training = TrainingDetails{"Bac pro électrotechnique", Answer::No, 4};
    TimelineEpisode diploma = new_event(EventType::Diploma, FuzzyDate::of_month(2008, 6));
    diploma.id = "e2";
    diploma.training = TrainingDetails{"CAP électricien", Answer::Unknown, 3};
    s.timeline.episodes.push_back(bac);
    s.timeline.episodes.push_back(diploma);
    const Draft d = draft_synthesis(s, assets());
    check_sentences(d, SectionId::ParcoursFormation,
                    fr({"En juin 2008 : CAP électricien (niveau 3), diplôme obtenu.",
                        "De septembre 2008 à 2010 environ : Bac pro électrotechnique (niveau 4), diplôme non obtenu.",
                        "Plus haut diplôme obtenu : CAP électricien, niveau 3 (CAP, BEP)."}));
    const Lines pro = d[SectionId::ParcoursPro].sentences();
    REQUIRE(pro.size() >= 6);
    CHECK(pro[0] == fr("D'avril 2011 à octobre 2012, Léa a travaillé comme électricien en apprentissage."));
    CHECK(pro[1] == fr("De 2013 environ à août 2013, Léa a travaillé comme plongeur en contrat saisonnier."));
    CHECK(pro[2] == fr("En 2014, Léa a occupé un emploi sans déclaration."));
    CHECK(pro[3] == fr("Depuis août 2024, Léa travaille comme agent SNCF."));
    CHECK(pro[4] == fr("Au total, Léa a travaillé 3 ans et 11 mois."));
    CHECK(pro[5] == fr("L'emploi le plus long a duré 1 an et 7 mois (électricien)."));
    CHECK(pro[6] == fr("Un emploi était en cours à la date de l'entretien."));
    CHECK(d[SectionId::Competences].sentences().back() ==
          fr("Métiers déjà exercés : électricien, plongeur et agent SNCF."));
}

// [SECTION] Re-drafting never overwrites edited text without asking

TEST_CASE("synthesis: re-drafting updates untouched sections, asks before replacing edited ones, and undoes") {
    Fixture f;
    // First draft: every section filled, nothing edited.
    RedraftPlan plan = redraft(f.session().synthesis, draft_synthesis(f.session(), assets()));
    CHECK(plan.would_overwrite.empty());
    REQUIRE(plan.changes.size() == static_cast<size_t>(kSectionCount));
    f.run(ApplyDraft{plan.changes});
    for (SectionId id : kSections) {
        CHECK_FALSE(f.session().synthesis.section(id).text.empty());
        CHECK_FALSE(f.session().synthesis.section(id).edited());
    }
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.synthesis_draft");
    // Drafting again with nothing new changes nothing.
    CHECK(redraft(f.session().synthesis, draft_synthesis(f.session(), assets())).changes.empty());

    // The counsellor rewrites the obstacles section.
    f.now += 10;
    const std::string mine = "Freins : logement (hébergée chez sa sœur avant l’incarcération), permis.";
    f.run(SetSectionText{SectionId::Freins, mine});
    CHECK(f.session().synthesis.section(SectionId::Freins).edited());
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.synthesis_text");

    // New data: a debt obstacle and a job as cook. Freins and parcours change in the draft.
    Session changed = f.session();
    Command{PlaceCard{"demo-board-atouts_freins_envies", "obstacle.debts", 1, -1}, "c-1"}.apply(changed, f.now);
    const Draft fresh = draft_synthesis(changed, assets());
    plan = redraft(f.session().synthesis, fresh);
    REQUIRE(plan.would_overwrite == std::vector<SectionId>{SectionId::Freins});
    // Kept: its text stays, only the proposal (drafted) is updated.
    const auto kept = std::find_if(plan.changes.begin(), plan.changes.end(),
                                   [](const SectionDraft& c) { return c.section == SectionId::Freins; });
    REQUIRE(kept != plan.changes.end());
    CHECK(kept->text == mine);
    CHECK(kept->drafted == fresh.text(SectionId::Freins));
    CHECK(kept->drafted.find("les dettes") != std::string::npos);

    // With the explicit choice to overwrite it, the draft replaces it.
    const RedraftPlan overwrite = redraft(f.session().synthesis, fresh, plan.would_overwrite);
    CHECK(overwrite.would_overwrite == plan.would_overwrite);
    const auto replaced = std::find_if(overwrite.changes.begin(), overwrite.changes.end(),
                                       [](const SectionDraft& c) { return c.section == SectionId::Freins; });
    REQUIRE(replaced != overwrite.changes.end());
    CHECK(replaced->text == fresh.text(SectionId::Freins));

    // Applying the "keep" plan: the counsellor's text is still there, marked edited against the new proposal.
    f.now += 10;
    f.run(ApplyDraft{plan.changes});
    CHECK(f.session().synthesis.section(SectionId::Freins).text == mine);
    CHECK(f.session().synthesis.section(SectionId::Freins).drafted == fresh.text(SectionId::Freins));
    CHECK(f.session().synthesis.section(SectionId::Freins).edited());
    // Undo restores text and drafted exactly.
    REQUIRE(f.editor.undo());
    CHECK(f.session().synthesis.section(SectionId::Freins).text == mine);
    CHECK(f.session().synthesis.section(SectionId::Freins).drafted != fresh.text(SectionId::Freins));
    REQUIRE(f.editor.undo()); // the edit
    CHECK_FALSE(f.session().synthesis.section(SectionId::Freins).edited());
    REQUIRE(f.editor.undo()); // the first draft
    CHECK(f.session().synthesis.empty());
    CHECK_FALSE(f.editor.can_undo());
}

TEST_CASE("synthesis: typing the drafted text back is not an edit; clearing a drafted section is one") {
    Fixture f;
    f.ready();
    const std::string drafted = f.session().synthesis.section(SectionId::Projets).drafted;
    f.run(SetSectionText{SectionId::Projets, drafted + " Ajout."});
    CHECK(f.session().synthesis.section(SectionId::Projets).edited());
    f.run(SetSectionText{SectionId::Projets, drafted});
    CHECK_FALSE(f.session().synthesis.section(SectionId::Projets).edited());
    f.run(SetSectionText{SectionId::Projets, ""});
    CHECK(f.session().synthesis.section(SectionId::Projets).edited());
    const RedraftPlan plan = redraft(f.session().synthesis, draft_synthesis(f.session(), assets()));
    CHECK(plan.would_overwrite == std::vector<SectionId>{SectionId::Projets});
}

TEST_CASE("synthesis: consecutive edits of one section merge into one undo step, another section does not") {
    Fixture f(base());
    f.run(SetSectionText{SectionId::Projets, "C"});
    f.now += 1;
    f.run(SetSectionText{SectionId::Projets, "CAP"});
    f.now += 2;
    f.run(SetSectionText{SectionId::Projets, "CAP cuisine"});
    f.now += 1;
    f.run(SetSectionText{SectionId::Freins, "Logement"});
    f.now += 10;
    f.run(SetSectionText{SectionId::Freins, "Logement, permis"});
    CHECK(f.saves == 5);
    REQUIRE(f.editor.undo());
    CHECK(f.session().synthesis.section(SectionId::Freins).text == "Logement");
    REQUIRE(f.editor.undo());
    CHECK(f.session().synthesis.section(SectionId::Freins).text.empty());
    REQUIRE(f.editor.undo());
    CHECK(f.session().synthesis.section(SectionId::Projets).text.empty());
    CHECK_FALSE(f.editor.can_undo());
    // The same text again is no change: no undo step, no save.
    const int saves = f.saves;
    f.run(SetSectionText{SectionId::Projets, ""});
    CHECK(f.saves == saves);
}

// [SECTION] Recommendations

TEST_CASE("synthesis: the recommendation catalogue loads, and bad catalogue lines are refused with their line") {
    const auto& cat = assets().catalogue;
    CHECK(cat.size() >= 14);
    for (const char* key : {"savoirs_base", "formation_qualifiante", "vae", "travail_detention", "emploi_sortie",
                            "mission_locale", "sante_addictions", "logement", "droits_papiers", "permis", "autre"})
        CHECK_MESSAGE(find_recommendation_type(cat, key), key);
    const RecommendationType* ml = find_recommendation_type(cat, "mission_locale");
    REQUIRE(ml);
    CHECK(ml->label == "Mission locale");
    CHECK(ml->max_age == 26);
    CHECK(ml->hint == "moins de 26 ans");
    CHECK(find_recommendation_type(cat, "savoirs_base")->label == "Savoirs de base et lutte contre l’illettrisme");
    for (const auto& t : cat) {
        CAPTURE(t.key);
        for (const char* bad : {" :", " ;", " ?", " !", "« ", " »", "'"}) CHECK(t.label.find(bad) == std::string::npos);
    }

    amorce::test::TempDir dir;
    const auto refused = [&](const std::string& content, const std::string& message) {
        const std::string path = (dir.path / "p.tsv").string();
        std::ofstream(path) << content;
        std::string error;
        CHECK_FALSE(load_recommendation_catalogue(path, &error));
        CHECK_MESSAGE(error.find(message) != std::string::npos, error);
    };
    refused("# ok\nlogement\tLogement\nlogement\tLogement bis\n", "p.tsv:3: duplicate key 'logement'");
    refused("logement\n", "p.tsv:1: expected key<TAB>label");
    refused("Logement\tLogement\n", "p.tsv:1: bad key 'Logement'");
    refused("logement\t \n", "p.tsv:1: empty label");
    refused("ml\tMission locale\tage>26\n", "p.tsv:1: unknown condition 'age>26'");
    refused("ml\tMission locale\tage<26\thint\textra\n", "p.tsv:1: more than 4 fields");
    std::string error;
    CHECK_FALSE(load_recommendation_catalogue((dir.path / "missing.tsv").string(), &error));
    CHECK(error.find("cannot read") != std::string::npos);
}

TEST_CASE("synthesis: recommendations are added with a priority and text, updated, removed, and undone") {
    Fixture f(base());
    const auto& cat = assets().catalogue;
    Recommendation lodging = make_recommendation(*find_recommendation_type(cat, "logement"), Priority::High,
                                                 "Contacter le SIAO\x07 avant la sortie.\r\nVoir l'assistante sociale.");
    f.run(AddRecommendation{lodging});
    REQUIRE(f.session().synthesis.recommendations.size() == 1);
    const Recommendation& added = f.session().synthesis.recommendations[0];
    CHECK(added.key == "logement");
    CHECK(added.label == "Logement");
    CHECK(added.priority == Priority::High);
    CHECK(added.text == "Contacter le SIAO avant la sortie.\nVoir l'assistante sociale."); // control characters stripped
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.preco_add");

    // The same key again, an empty key or label: refused, no undo step.
    const int saves = f.saves;
    f.run(AddRecommendation{lodging});
    f.run(AddRecommendation{Recommendation{"", "Sans clé", Priority::Low, ""}});
    f.run(AddRecommendation{Recommendation{"autre", "  ", Priority::Low, ""}});
    CHECK(f.saves == saves);

    f.run(AddRecommendation{make_recommendation(*find_recommendation_type(cat, "permis"), Priority::Low), 0});
    REQUIRE(f.session().synthesis.recommendations.size() == 2);
    CHECK(f.session().synthesis.recommendations[0].key == "permis"); // inserted at index 0

    // Updating the priority and text of one, typed in a burst: one undo step.
    Recommendation permis = f.session().synthesis.recommendations[0];
    f.now += 10;
    permis.priority = Priority::Medium;
    f.run(UpdateRecommendation{permis});
    f.now += 1;
    permis.text = "Code en détention";
    f.run(UpdateRecommendation{permis});
    CHECK(f.session().synthesis.find_recommendation("permis")->text == "Code en détention");
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.preco_update");
    f.run(UpdateRecommendation{Recommendation{"inconnue", "Inconnue", Priority::Low, ""}}); // unknown key: refused
    REQUIRE(f.editor.undo());
    CHECK(f.session().synthesis.find_recommendation("permis")->priority == Priority::Low);
    CHECK(f.session().synthesis.find_recommendation("permis")->text.empty());
    REQUIRE(f.editor.redo());

    f.now += 10;
    f.run(RemoveRecommendation{"permis"});
    CHECK(f.session().synthesis.recommendations.size() == 1);
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.preco_remove");
    REQUIRE(f.editor.undo());
    REQUIRE(f.session().synthesis.recommendations.size() == 2);
    CHECK(f.session().synthesis.recommendations[0].key == "permis"); // back in its place
    CHECK(f.session().synthesis.recommendations[0].text == "Code en détention");

    // A cap keeps a runaway list in check.
    Session full = base();
    for (size_t i = 0; i < kMaxRecommendations; ++i)
        full.synthesis.recommendations.push_back(Recommendation{"k" + std::to_string(i), "Autre", Priority::Low, ""});
    CHECK(std::holds_alternative<NoChange>(Command{AddRecommendation{lodging}, "c-1"}.apply(full, 1).data));
}

TEST_CASE("synthesis: suggestions come from obstacles, wishes, priorities, age, diplomas and scales, never added by themselves") {
    const Session s = lea();
    const auto keys = [](const std::vector<Suggestion>& list) {
        std::vector<std::string> out;
        for (const auto& x : list) out.push_back(x.key);
        return out;
    };
    std::vector<Suggestion> sug = suggest_recommendations(s, assets());
    CHECK(keys(sug) == std::vector<std::string>{"formation_qualifiante", "vae", "emploi_sortie", "logement", "permis",
                                                "remobilisation"});
    CHECK(s.synthesis.recommendations.empty());
    REQUIRE(sug[3].key == "logement");
    CHECK(sug[3].label == "Logement");
    CHECK(sug[3].reasons == fr({"« Le logement » parmi les freins", "« Avoir un logement » parmi les envies",
                                "« Mon logement » en priorité n° 1 pour la sortie"}));
    CHECK(sug[1].reasons == fr({"6 ans d'expérience professionnelle", "« Passer un diplôme » parmi les envies"}));

    // Chosen ones are not suggested again (unless asked, for the draft).
    Session chosen = s;
    chosen.synthesis.recommendations.push_back(make_recommendation(*find_recommendation_type(assets().catalogue, "logement")));
    CHECK(keys(suggest_recommendations(chosen, assets())).size() == 5);
    CHECK(keys(suggest_recommendations(chosen, assets(), true)).size() == 6);

    // Under 26 at the interview: Mission locale. 26 exactly: not any more. Unknown age: not suggested.
    Session young = base();
    young.participant.birth_date = Date{2000, 1, 1}; // 25 on 10 March 2025
    sug = suggest_recommendations(young, assets());
    REQUIRE(keys(sug) == std::vector<std::string>{"mission_locale"});
    CHECK(sug[0].reasons == fr({"25 ans à la date de l'entretien"}));
    CHECK(condition_holds(*find_recommendation_type(assets().catalogue, "mission_locale"), young));
    young.participant.birth_date = Date{1999, 3, 10}; // 26 that day
    CHECK(suggest_recommendations(young, assets()).empty());
    CHECK_FALSE(condition_holds(*find_recommendation_type(assets().catalogue, "mission_locale"), young));
    young.participant.birth_date = Date{};
    CHECK(suggest_recommendations(young, assets()).empty());
    CHECK(condition_holds(*find_recommendation_type(assets().catalogue, "mission_locale"), young));

    // Reading and writing among the obstacles -> savoirs de base; the licence as a wish -> permis;
    // no diploma on a filled timeline -> formation qualifiante; a low health scale -> santé.
    Session other = lea();
    Board* afe = find_board(other, "demo-board-atouts_freins_envies");
    REQUIRE(afe);
    Command{PlaceCard{afe->id, "obstacle.literacy", 1, 0}, "c"}.apply(other, 1);
    Command{PlaceCard{afe->id, "obstacle.licence", -1, -1}, "c"}.apply(other, 1);
    Command{PlaceCard{afe->id, "wish.licence", 2, -1}, "c"}.apply(other, 1);
    Command{SetScale{"demo-board-echelles", "sante", 2}, "c"}.apply(other, 1);
    other.timeline.episodes.erase(other.timeline.episodes.begin()); // the CAP
    sug = suggest_recommendations(other, assets());
    CHECK(keys(sug) == std::vector<std::string>{"savoirs_base", "formation_qualifiante", "vae", "emploi_sortie",
                                                "sante_addictions", "logement", "permis", "remobilisation"});
    CHECK(sug[0].reasons == fr({"« Lire et écrire » parmi les freins"}));
    CHECK(sug[1].reasons[0] == fr("aucun diplôme obtenu n'est indiqué sur la frise"));
    CHECK(sug[4].reasons == fr({"« Ma santé » à 2 sur 10"}));
    CHECK(sug[6].reasons == fr({"« Passer le permis » parmi les envies"}));
}

// [SECTION] Finalizing, the lock, reopening

TEST_CASE("synthesis: check_finalize names each blank required section and a missing recommendation") {
    Session s = base();
    std::vector<FinalizeIssue> issues = check_finalize(s);
    CHECK(issues == std::vector<FinalizeIssue>{{FinalizeProblem::EmptySection, SectionId::ParcoursFormation},
                                               {FinalizeProblem::EmptySection, SectionId::ParcoursPro},
                                               {FinalizeProblem::EmptySection, SectionId::Projets},
                                               {FinalizeProblem::EmptySection, SectionId::Freins},
                                               {FinalizeProblem::NoRecommendation}});
    CHECK(std::string(finalize_problem_key(FinalizeProblem::EmptySection)) == "empty_section");
    CHECK(std::string(finalize_problem_key(FinalizeProblem::NoRecommendation)) == "no_recommendation");
    CHECK(std::string(finalize_problem_key(FinalizeProblem::NotDraft)) == "not_draft");
    for (SectionId id : kRequiredSections) s.synthesis.section(id).text = "Texte.";
    // Blank (spaces, non-breaking spaces, line breaks) counts as empty; optional sections may be empty.
    s.synthesis.section(SectionId::Freins).text = " \xC2\xA0\n ";
    s.synthesis.recommendations.push_back(Recommendation{"autre", "Autre préconisation", Priority::Low, ""});
    CHECK(check_finalize(s) == std::vector<FinalizeIssue>{{FinalizeProblem::EmptySection, SectionId::Freins}});
    s.synthesis.section(SectionId::Freins).text = "Logement.";
    CHECK(check_finalize(s).empty());
    s.status = SessionStatus::Exported;
    CHECK(check_finalize(s) == std::vector<FinalizeIssue>{{FinalizeProblem::NotDraft}});
}

TEST_CASE("synthesis: finalizing stamps who and when and locks every content change, notes included") {
    Fixture f;
    // Not ready: refused, nothing saved.
    int saves = f.saves;
    f.run(Finalize{"c-7", 0});
    CHECK(f.session().status == SessionStatus::Draft);
    CHECK(f.saves == saves);

    f.ready();
    REQUIRE(check_finalize(f.session()).empty());
    REQUIRE(f.editor.can_undo());
    f.now = 1741800000;
    f.run(Finalize{"c-7", 0}, "c-1");
    const Session& s = f.session();
    CHECK(s.status == SessionStatus::Finalized);
    CHECK(s.synthesis.finalized_by == "c-7");
    CHECK(s.synthesis.finalized_at == 1741800000);
    REQUIRE_FALSE(s.history.empty());
    CHECK(s.history.back() == HistoryEntry{1741800000, "c-7", "finalized", ""});
    // A finalization is not an undo step, and the steps before it are gone.
    CHECK_FALSE(f.editor.can_undo());
    CHECK_FALSE(f.editor.can_redo());
    CHECK_FALSE(f.editor.undo());

    // Every command that changes the content is refused: no change, no save, no undo step.
    const Session before = f.session();
    saves = f.saves;
    Participant p = before.participant;
    p.first_name = "Lina";
    TimelineEpisode e = new_episode(Lane::Projects, FuzzyDate::of_year(2026));
    e.id = "new";
    const std::vector<CommandData> refused = {
        UpdateParticipant{p},
        SetConsent{false, 0},
        SetNotes{"Notes après finalisation"},
        StartInterview{0},
        EndInterview{0},
        AddRound{new_round("", "Question", 1, 1), -1},
        RemoveRound{"demo-round-1"},
        SetRoundPrompt{"demo-round-1", "", "Autre"},
        SetSlotCount{"demo-round-1", 1, {}},
        SetSlot{"demo-round-1", 0, std::nullopt},
        SetChoiceWords{"demo-round-1", 0, "Autres mots"},
        SetChoiceThemes{"demo-round-1", 0, {}},
        AddEpisode{e, -1},
        RemoveEpisode{"demo-tl-cap"},
        UpdateEpisode{before.timeline.episodes[0]},
        MoveEpisode{"demo-tl-cap", FuzzyDate::of_year(2009), FuzzyDate::of_year(2011)},
        RemoveBoard{"demo-board-metiers"},
        PlaceCard{"demo-board-atouts_freins_envies", "skill.cooking", -1, -1},
        RemoveCustomCard{"demo-board-atouts_freins_envies", "custom.1"},
        EditCustomCard{"demo-board-atouts_freins_envies", "custom.1", "Autre", ""},
        SetScale{"demo-board-echelles", "moral", 9},
        SetSectionText{SectionId::Freins, "Autre texte"},
        ApplyDraft{{SectionDraft{SectionId::Freins, "x", "x"}}},
        AddRecommendation{Recommendation{"permis", "Permis de conduire", Priority::Low, ""}},
        UpdateRecommendation{Recommendation{"logement", "Logement", Priority::Low, "changé"}},
        RemoveRecommendation{"logement"},
        Finalize{"c-7", 0},
    };
    for (const CommandData& d : refused) {
        const std::string label = Command{d, "c-1"}.label_key();
        CAPTURE(label);
        f.run(d);
        CHECK(f.saves == saves);
        CHECK(f.session() == before);
        CHECK_FALSE(f.editor.can_undo());
    }
    // Applied directly too (the guard is in Command::apply, not only in the editor).
    Session direct = before;
    CHECK(std::holds_alternative<NoChange>(Command{SetNotes{"x"}, "c"}.apply(direct, 1).data));
    CHECK(direct == before);
    // Exported is locked as well.
    direct.status = SessionStatus::Exported;
    CHECK(std::holds_alternative<NoChange>(Command{SetSectionText{SectionId::Projets, "x"}, "c"}.apply(direct, 1).data));
}

TEST_CASE("synthesis: reopening needs a reason, kept in the history, and the session is editable again") {
    Fixture f;
    f.ready();
    f.now = 1741800000;
    f.run(Finalize{"c-7", 0});
    REQUIRE(f.session().status == SessionStatus::Finalized);
    const size_t history = f.session().history.size();
    int saves = f.saves;
    // No reason, or only spaces and control characters: refused.
    for (const char* reason : {"", "   ", "\xC2\xA0\n\t", "\x01\x02"}) {
        f.run(Reopen{"c-8", 0, reason});
        CHECK(f.session().status == SessionStatus::Finalized);
        CHECK(f.saves == saves);
    }
    f.now = 1741900000;
    f.run(Reopen{"c-8", 0, "  Erreur sur l'employeur :\ncorrigée avec la personne.  "});
    const Session& s = f.session();
    CHECK(s.status == SessionStatus::Draft);
    CHECK(s.synthesis.finalized_by.empty());
    CHECK(s.synthesis.finalized_at == 0);
    REQUIRE(s.history.size() == history + 1);
    CHECK(s.history.back().what == "reopened");
    CHECK(s.history.back().who == "c-8");
    CHECK(s.history.back().at == 1741900000);
    CHECK(s.history.back().detail == fr("Erreur sur l'employeur : corrigée avec la personne."));
    CHECK(s.history[history - 1].what == "finalized"); // the finalization stays in the history
    CHECK_FALSE(f.editor.can_undo());                   // reopening is not undone either
    CHECK(std::string(Command{Reopen{}, ""}.label_key()) == "cmd.reopen");
    CHECK(std::string(Command{Finalize{}, ""}.label_key()) == "cmd.finalize");

    // Editable again, and finalized again by someone else.
    f.now += 10;
    f.run(SetSectionText{SectionId::ParcoursPro, "Corrigé."});
    CHECK(f.session().synthesis.section(SectionId::ParcoursPro).text == "Corrigé.");
    CHECK(f.editor.can_undo());
    f.run(Finalize{"", 0}, "c-9"); // `who` empty: the command's who
    CHECK(f.session().status == SessionStatus::Finalized);
    CHECK(f.session().synthesis.finalized_by == "c-9");

    // A draft is not reopened; an exported session neither.
    Session draft = base();
    CHECK(std::holds_alternative<NoChange>(Command{Reopen{"c", 1, "raison"}, "c"}.apply(draft, 1).data));
    Session exported = f.session();
    exported.status = SessionStatus::Exported;
    CHECK(std::holds_alternative<NoChange>(Command{Reopen{"c", 1, "raison"}, "c"}.apply(exported, 1).data));

    // Applied directly, Finalize and Reopen return each other as inverses.
    Session direct = f.session();
    const Command inv = Command{Reopen{"c-1", 5, "relecture"}, "c-1"}.apply(direct, 5);
    REQUIRE(std::holds_alternative<Finalize>(inv.data));
    CHECK(std::get<Finalize>(inv.data).who == "c-9");
    inv.apply(direct, 6);
    CHECK(direct.status == SessionStatus::Finalized);
    CHECK(direct.synthesis.finalized_by == "c-9");
}

TEST_CASE("synthesis: a session finalized before version 5 (as the demo's FICTIF Stéphane was) loads, stays locked and reopens") {
    // A finalized session from before the synthesis (the demo's Stéphane until he got one, see
    // test_demo.cpp): no synthesis at all, status Finalized, a "finalized" history entry.
    Session stephane = base();
    stephane.id = "demo000000000003";
    stephane.participant.last_name = "Fictif";
    stephane.participant.first_name = "Stéphane";
    stephane.status = SessionStatus::Finalized;
    stephane.history.push_back({stephane.started_at + 2 * 86400, "demo", "finalized", ""});
    const Session back = decode_binary(encode_binary(stephane));
    CHECK(back == stephane);
    CHECK(back.synthesis.empty());
    Session s = back;
    CHECK(std::holds_alternative<NoChange>(Command{SetNotes{"x"}, "demo"}.apply(s, 1).data));
    CHECK_FALSE(std::holds_alternative<NoChange>(Command{Reopen{"demo", 1, "Synthèse à rédiger"}, "demo"}.apply(s, 1).data));
    CHECK(s.status == SessionStatus::Draft);
    // Its draft comes out like any other session's.
    CHECK_FALSE(draft_synthesis(s, assets()).text(SectionId::Projets).empty());
}

// [SECTION] Data files

TEST_CASE("synthesis: the French phrases have every key the drafting needs and French typography") {
    const Phrases& p = assets().phrases;
    CHECK(missing_phrase_keys(p).empty());
    for (SectionId id : kSections) CHECK(p.has(std::string("section.") + section_key(id)));
    CHECK(p.get(std::string("section.") + section_key(SectionId::ParcoursFormation)) == "Parcours scolaire et formation");
    CHECK(p.get("section.competences") == "Compétences et connaissances");
    CHECK(p.get("section.paroles") == "Paroles de la personne");
    CHECK(p.get("section.preconisations") == "Préconisations");
    CHECK(p.get("priority.high") == "haute");
    CHECK(p.get("no.such.key") == "[no.such.key]");
    CHECK(p.format("period.range", {"2012", "2014"}) == "de 2012 à 2014");
    for (const std::string& k : p.keys()) {
        const std::string v = p.get(k);
        CAPTURE(k);
        CHECK(is_valid_utf8(v));
        for (const char* bad : {" :", " ;", " ?", " !", "« ", " »", "'"}) CHECK(v.find(bad) == std::string::npos);
    }
}

TEST_CASE("synthesis: every card and scale of the shipped boards reads in the third person, jobs excepted") {
    const Phrases& p = assets().phrases;
    std::vector<std::pair<std::string, TemplateProblem>> problems;
    const auto templates = load_board_templates(kAssets + "/boards", {}, &problems);
    REQUIRE(templates.size() >= 5);
    int cards = 0;
    for (const BoardTemplate& t : templates) {
        for (const BoardCard& c : t.board.cards) {
            if (!c.riasec.empty()) continue; // job cards: « Cuisinier, cuisinière » -> « cuisinier/cuisinière »
            CHECK_MESSAGE(p.has("card." + c.id), "missing card." << c.id);
            ++cards;
        }
        for (const BoardScale& sc : t.board.scales) CHECK_MESSAGE(p.has("scale." + sc.id), "missing scale." << sc.id);
    }
    CHECK(cards >= 50);
}

TEST_CASE("synthesis: bad phrase files are refused with their line, and the assets loader names missing keys") {
    amorce::test::TempDir dir;
    const auto refused = [&](const std::string& content, const std::string& message) {
        const std::string path = (dir.path / "phrases.tsv").string();
        std::ofstream(path) << content;
        std::string error;
        CHECK_FALSE(load_phrases(path, &error));
        CHECK_MESSAGE(error.find(message) != std::string::npos, error);
    };
    refused("a\tA\na\tB\n", "phrases.tsv:2: duplicate key 'a'");
    refused("# c\nno tab\n", "phrases.tsv:2: expected key<TAB>text");
    refused("a b\tA\n", "phrases.tsv:1: space in key 'a b'");
    refused("a\t\n", "phrases.tsv:1: empty text for 'a'");
    refused("a\tA\tB\n", "phrases.tsv:1: more than one tab");
    refused("\tA\n", "phrases.tsv:1: empty key");
    // A synthesis folder whose phrases lack keys: the loader says which.
    fs::create_directories(dir.path / "synthesis");
    std::ofstream(dir.path / "synthesis" / "phrases.fr.tsv") << "quote\t« {0} »\n";
    fs::copy_file(kAssets + "/synthesis/preconisations.tsv", dir.path / "synthesis" / "preconisations.tsv");
    std::string error;
    CHECK_FALSE(load_synthesis_assets(dir.path.string(), &error));
    CHECK(error.find("missing") != std::string::npos);
    CHECK(error.find("frise.unused") != std::string::npos);
}

// [SECTION] Serialization and bad input

TEST_CASE("synthesis: sections, recommendations and the stamp round-trip in binary and JSON") {
    Fixture f;
    f.ready();
    f.run(SetSectionText{SectionId::Freins, "Logement ; « permis » à passer.\nDettes ?"});
    f.run(AddRecommendation{Recommendation{"autre", "Atelier « cuisine » en détention", Priority::Low, "À voir."}});
    f.run(Finalize{"c-7", 1741800000});
    const Session s = f.session();
    REQUIRE(s.status == SessionStatus::Finalized);
    const Session bin = decode_binary(encode_binary(s));
    CHECK(bin == s);
    CHECK(bin.synthesis.section(SectionId::Freins).edited());
    CHECK(bin.synthesis.recommendations.size() == 2);
    CHECK(bin.synthesis.recommendations[0].priority == Priority::High);
    const std::string json = to_json(s);
    CHECK(session_from_json(json) == s);
    CHECK(json.find("\"key\": \"parcours_formation\"") != std::string::npos);
    CHECK(json.find("\"priority\": \"high\"") != std::string::npos);
    CHECK(json.find("\"finalized_by\": \"c-7\"") != std::string::npos);

    // Only sections with text are written: an empty synthesis adds 36 bytes to a payload.
    Session empty = base();
    Session one = empty;
    one.synthesis.section(SectionId::Paroles).text = "x";
    CHECK(decode_binary(encode_binary(one)) == one);
    CHECK(decode_binary(encode_binary(one)).synthesis.section(SectionId::ParcoursFormation).text.empty());
}

TEST_CASE("synthesis: stored data with unknown keys or duplicates loads sane") {
    Session s = base();
    s.synthesis.section(SectionId::Projets) = SynthesisSection{"Projet", "Projet"};
    s.synthesis.section(SectionId::Freins) = SynthesisSection{"Freins", "Brouillon"};
    s.synthesis.recommendations = {Recommendation{"logement", "Logement", Priority::High, ""},
                                   Recommendation{"permis", "Permis de conduire", Priority::Low, ""}};
    std::string json = to_json(s);
    const auto replace = [&](const std::string& from, const std::string& to) {
        const size_t at = json.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        json.replace(at, from.size(), to);
    };
    replace("\"key\": \"projets\"", "\"key\": \"section_future\""); // a later release's section: skipped
    replace("\"priority\": \"low\"", "\"priority\": \"urgente\"");  // unknown priority: medium
    replace("\"key\": \"permis\"", "\"key\": \"logement\"");        // duplicate key: dropped
    const Session back = session_from_json(json);
    CHECK(back.synthesis.section(SectionId::Projets).text.empty());
    CHECK(back.synthesis.section(SectionId::Freins) == SynthesisSection{"Freins", "Brouillon"});
    REQUIRE(back.synthesis.recommendations.size() == 1);
    CHECK(back.synthesis.recommendations[0].key == "logement");
    CHECK(back.synthesis.recommendations[0].priority == Priority::High);

    // Truncated or damaged binary payloads with a synthesis throw DecodeError or load a valid synthesis.
    Fixture f;
    f.ready();
    const std::string bytes = encode_binary(f.session());
    for (size_t n = bytes.size() - 400; n < bytes.size(); ++n) CHECK_THROWS_AS(decode_binary(bytes.substr(0, n)), DecodeError);
}

TEST_CASE("synthesis: a v4 payload decodes with an empty synthesis") {
    const Session v4 = golden_v4::sessions()[0];
    REQUIRE(v4.synthesis.empty());
    // Today's encoding ends with the empty synthesis (36 bytes); a v4 payload is the same bytes
    // without it, Session version 4.
    std::string bytes = encode_binary(v4);
    REQUIRE(bytes[1] == 5);
    bytes[1] = 4;
    bytes.resize(bytes.size() - 36);
    const Session back = decode_binary(bytes);
    CHECK(back == v4);
    CHECK(back.status == SessionStatus::Finalized); // finalized before version 5: still finalized
    bytes[1] = 5;
    CHECK_THROWS_AS(decode_binary(bytes), DecodeError);
}

TEST_CASE("synthesis: a 20,000-character section is kept whole; control characters are stripped on edit") {
    Fixture f(base());
    std::string big;
    while (amorce::core::utf8_length(big) < 20000) big += "Cœur à l’ouvrage, « sœur » ; ";
    REQUIRE(utf8_length(big) >= 20000);
    f.run(SetSectionText{SectionId::Projets, big});
    CHECK(f.session().synthesis.section(SectionId::Projets).text == big);
    const Session back = decode_binary(encode_binary(f.session()));
    CHECK(back.synthesis.section(SectionId::Projets).text == big);
    CHECK(session_from_json(to_json(f.session())) == f.session());

    f.now += 10;
    std::string raw = "Ligne 1\r\nLigne 2\rLigne";
    raw += '\0';
    raw += " 3\tfin\x1b[31m\x7f ok \xC2\x85 \xC3\xA9\xFF";
    f.run(SetSectionText{SectionId::Freins, raw});
    CHECK(f.session().synthesis.section(SectionId::Freins).text == "Ligne 1\nLigne 2\nLigne 3 fin[31m ok  é");
    CHECK(clean_text("a\x01" "b\nc") == "ab\nc");
    CHECK(clean_text("sans souci") == "sans souci");

    // 20,000 characters of the person's words are drafted whole too.
    Session s = base();
    PhotoRound r = new_round("", "Votre parcours ?", 1, 1);
    r.id = "r";
    r.slots[0] = choice("d", "c", big.c_str(), {});
    s.photolangage = {r};
    const std::string paroles = draft_synthesis(s, assets()).text(SectionId::Paroles);
    CHECK(paroles.size() > big.size());
    CHECK(paroles.find(typeset_inline(big)) != std::string::npos);
}

TEST_CASE("synthesis: typeset_inline fixes French spacing and apostrophes in the person's words") {
    CHECK(typeset_inline("  C'est « bien » : oui ; non ? si !  ") ==
          fr("C'est « bien » : oui ; non ? si !"));
    CHECK(typeset_inline("ligne\nsuivante") == "ligne suivante");
    CHECK(typeset_inline("déjà\xC2\xA0: ok") == "déjà\xC2\xA0: ok");
    CHECK(is_blank_text(" \xC2\xA0\n"));
    CHECK_FALSE(is_blank_text(" a "));
}

TEST_CASE("synthesis: section and priority keys round-trip") {
    for (SectionId id : kSections) CHECK(section_from_key(section_key(id)) == id);
    CHECK_FALSE(section_from_key("identite"));
    CHECK(std::string(section_key(SectionId::ParcoursFormation)) == "parcours_formation");
    CHECK(std::string(section_key(SectionId::Preconisations)) == "preconisations");
    for (Priority p : kPriorities) CHECK(priority_from_key(priority_key(p)) == p);
    CHECK_FALSE(priority_from_key("urgente"));
    for (const CommandData& d : std::vector<CommandData>{SetSectionText{}, ApplyDraft{}, AddRecommendation{},
                                                          UpdateRecommendation{}, RemoveRecommendation{}, Finalize{},
                                                          Reopen{}}) {
        const std::string k = Command{d, "c"}.label_key();
        CHECK(k.rfind("cmd.", 0) == 0);
    }
}
