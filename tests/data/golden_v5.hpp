// Content of tests/data/golden-v5/amorce.db (schema version 1, Session cereal payload version 5:
// photolangage rounds, the life timeline, expression boards and the synthesis), shared by the generator
// (tests/data/make_golden.cpp) and the test that opens the file (tests/unit/test_store.cpp).
//
// FROZEN: the committed file was written from exactly this content. Never edit these values;
// a later schema version gets its own golden_vN.hpp and golden-vN/ directory (see README.md).
// Fields added to Session after v5 keep their defaults here: that is what a v5 file must load as.
#pragma once

#include "core/session.hpp"

#include <vector>

namespace golden_v5 {

inline constexpr const char* kDir = "golden-v5";

// One timeline entry, every field given (keeps the sessions below readable).
inline amorce::core::TimelineEpisode episode(const char* id, amorce::core::Lane lane, amorce::core::EpisodeKind kind,
                                             amorce::core::FuzzyDate start, amorce::core::FuzzyDate end,
                                             const char* title, const char* note) {
    amorce::core::TimelineEpisode e;
    e.id = id;
    e.lane = lane;
    e.kind = kind;
    e.start = start;
    e.end = end;
    e.title = title;
    e.note = note;
    return e;
}

// Board parts, every field given.
inline amorce::core::BoardColumn column(const char* id, const char* label, const char* pictogram,
                                        amorce::core::ColumnRole role, int ranked = 0) {
    amorce::core::BoardColumn c;
    c.id = id;
    c.label = label;
    c.pictogram = pictogram;
    c.role = role;
    c.ranked = ranked;
    return c;
}

inline amorce::core::BoardCard card(const char* id, const char* label, const char* pictogram = "",
                                    const char* riasec = "", const char* rome = "", bool custom = false) {
    amorce::core::BoardCard c;
    c.id = id;
    c.label = label;
    c.pictogram = pictogram;
    c.riasec = riasec;
    c.rome = rome;
    c.custom = custom;
    return c;
}

inline amorce::core::BoardScale scale(const char* id, const char* label, const char* low, const char* high, int value) {
    amorce::core::BoardScale s;
    s.id = id;
    s.label = label;
    s.low_label = low;
    s.high_label = high;
    s.value = value;
    return s;
}

// One synthesis section: the text shown and the last draft.
inline void section(amorce::core::Synthesis& sy, amorce::core::SectionId id, const char* text, const char* drafted) {
    sy.section(id) = amorce::core::SynthesisSection{text, drafted};
}

inline std::vector<amorce::core::Session> sessions() {
    using namespace amorce::core;
    std::vector<Session> out;

    // 1. Interview held and finalized; every field used.
    Session a;
    a.id = "a1b2c3d4e5f60718";
    a.participant.last_name = "Lefèvre";
    a.participant.first_name = "Zoé";
    a.participant.birth_date = Date{1990, 5, 17};
    a.participant.ecrou = "2025-00417";
    a.participant.establishment = "Maison d’arrêt de Fresnes";
    a.participant.legal_status = LegalStatus::Prevenu;
    a.participant.entry_date = Date{2025, 3, 7};
    a.participant.languages = {"fr", "ar"};
    a.counsellor_id = "c-001";
    a.counsellor_name = "Émile Lœwy";
    a.created_at = 1741608000;  // 2025-03-10 12:00 UTC
    a.started_at = 1741611900;  // 2025-03-10 13:05 UTC
    a.ended_at = 1741615800;    // 2025-03-10 14:10 UTC
    a.consent = true;
    a.consent_at = 1741611960;
    a.notes = "« Je veux passer le CAP cuisine. » Cœur à l’ouvrage, sœur à Lyon ; "
              "freins : logement, permis. Très motivée…";
    a.status = SessionStatus::Finalized;
    a.history = {HistoryEntry{1741608000, "c-001", "created", ""},
                 HistoryEntry{1741611900, "c-001", "interview_started", ""},
                 HistoryEntry{1741615800, "c-001", "interview_ended", "fin à l’heure"}};
    a.revision = 37;
    {
        PhotoRound r1;
        r1.id = "r-0001";
        r1.prompt_key = "prompt.parcours";
        r1.prompt_text = "Choisissez une photo qui représente votre parcours.";
        r1.slot_count = 2;
        r1.slots = {PhotoChoice{"regards", "regards-07", "« C’est la route : on ne sait jamais où elle mène. »",
                                {"parcours", "mobilité"}},
                    PhotoChoice{"quotidien", "cuisine", "Le cœur à l’ouvrage, comme ma sœur…", {}}};
        r1.started_at = 1741612000;
        PhotoRound r2;
        r2.id = "r-0002";
        r2.prompt_key = "prompt.demain";
        r2.prompt_text = "Choisissez une photo qui représente ce que vous aimeriez faire demain.";
        r2.slot_count = 3;
        r2.slots = {PhotoChoice{"regards", "regards-07", "", {"projet"}}, std::nullopt,
                    PhotoChoice{"quotidien", "toque", "Être cheffe ; ouvrir un restaurant à Lyon !", {"travail", "famille"}}};
        r2.started_at = 1741612900;
        a.photolangage = {r1, r2};
    }
    {
        // Every lane, periods and events, year / year-month / « vers » dates, an open end, job and
        // training details, every contract kind used at least once across the file, a blank entry.
        using K = EpisodeKind;
        Timeline& t = a.timeline;
        TimelineEpisode school = episode("e-0001", Lane::Education, K::Episode, FuzzyDate{2005, 9, false},
                                         FuzzyDate{2007, 6, false}, "", "Lycée professionnel à Créteil");
        school.training = TrainingDetails{"CAP cuisine", Answer::Yes, 3};
        TimelineEpisode bac = episode("e-0002", Lane::Education, K::Episode, FuzzyDate{2007, 0, false},
                                      FuzzyDate{2008, 0, true}, "Bac pro (abandonné)", "« Trop loin de chez moi. »");
        bac.training = TrainingDetails{"Bac pro commercialisation et services en restauration", Answer::No, 4};
        TimelineEpisode commis = episode("e-0003", Lane::Employment, K::Episode, FuzzyDate{2008, 10, false},
                                         FuzzyDate{2011, 0, false}, "", "");
        commis.job = JobDetails{"Commis de cuisine", "G1602", "Brasserie « Le Cœur d’Or »", Contract::Cdd, WorkTime::Full};
        TimelineEpisode saison = episode("e-0004", Lane::Employment, K::Episode, FuzzyDate{2010, 6, false},
                                         FuzzyDate{2010, 8, false}, "Saison à Biarritz", "Logée par l’employeur ; pourboires.");
        saison.job = JobDetails{"Serveuse", "G1803", "Hôtel du Palais", Contract::Seasonal, WorkTime::Part};
        TimelineEpisode chomage = episode("e-0005", Lane::NoWork, K::Episode, FuzzyDate{2011, 0, true},
                                          FuzzyDate{2013, 3, false}, "Recherche d’emploi", "Inscrite à France Travail.");
        TimelineEpisode interim = episode("e-0006", Lane::Employment, K::Episode, FuzzyDate{2013, 4, false},
                                          FuzzyDate{2015, 0, true}, "", "");
        interim.job = JobDetails{"Plongeuse", "G1605", "Adecco Créteil", Contract::Temp, WorkTime::Unknown};
        TimelineEpisode noir = episode("e-0007", Lane::Employment, K::Episode, FuzzyDate{2016, 0, false},
                                       FuzzyDate{2019, 0, false}, "Marchés", "");
        noir.job = JobDetails{"Vendeuse sur les marchés", "", "", Contract::Undeclared, WorkTime::Part};
        TimelineEpisode child = episode("e-0008", Lane::Personal, K::Event, FuzzyDate{2017, 2, false}, FuzzyDate{},
                                        "Naissance d’Inès", "");
        child.event = EventType::ChildBirth;
        TimelineEpisode move = episode("e-0009", Lane::Personal, K::Event, FuzzyDate{2019, 0, true}, FuzzyDate{},
                                       "Déménagement à Lyon", "Chez sa sœur.");
        move.event = EventType::Move;
        TimelineEpisode inactive = episode("e-0010", Lane::NoWork, K::Episode, FuzzyDate{2019, 0, false},
                                           FuzzyDate{}, "", "S’occupe de sa fille ; santé fragile…");
        TimelineEpisode detention = episode("e-0011", Lane::Justice, K::Event, FuzzyDate{2025, 3, false},
                                            FuzzyDate{}, "Entrée à Fresnes", "");
        detention.event = EventType::DetentionEntry;
        TimelineEpisode project = episode("e-0012", Lane::Projects, K::Episode, FuzzyDate{2026, 0, false},
                                          FuzzyDate{2027, 6, false}, "Titre pro cuisinier", "Formation en détention ?");
        project.training = TrainingDetails{"Titre professionnel cuisinier", Answer::Unknown, 3};
        TimelineEpisode blank = episode("e-0013", Lane::Personal, K::Episode, FuzzyDate{2012, 0, false},
                                        FuzzyDate{2012, 0, false}, "", ""); // nothing filled in yet
        TimelineEpisode diploma = episode("e-0014", Lane::Education, K::Event, FuzzyDate{2007, 6, false},
                                          FuzzyDate{}, "", "");
        diploma.event = EventType::Diploma;
        diploma.training = TrainingDetails{"CAP cuisine", Answer::Yes, 3};
        t.episodes = {school, bac, commis, saison, chomage, interim, noir, child, move,
                      inactive, detention, project, blank, diploma};
    }
    {
        // Expression boards: placed and pool cards, custom cards (one in a column, one in the
        // pool, a removed one's number not reused), ranked columns, set, zero and unset scales.
        using R = ColumnRole;
        Board afe;
        afe.id = "b-0001";
        afe.template_id = "atouts_freins_envies";
        afe.kind = BoardKind::Sort;
        afe.title = "Atouts, freins, envies";
        afe.prompt = "Qu’est-ce qui vous ressemble ?";
        afe.pictogram = "bulle-pensee";
        afe.columns = {column("atouts", "Mes atouts", "etoile", R::Strength),
                       column("freins", "Ce qui me freine", "barriere", R::Obstacle),
                       column("envies", "Mes envies", "cible", R::Wish, 3)};
        afe.cards = {card("skill.cooking", "Cuisiner", "poele"),
                     card("quality.heart", "J’ai du cœur à l’ouvrage", "coeur"),
                     card("skill.languages", "Parler d’autres langues", "parler"),
                     card("obstacle.housing", "Le logement", "maison"),
                     card("obstacle.papers", "Les papiers", ""), // pictogram missing when the board was opened
                     card("obstacle.addiction", "L’addiction", "addiction"),
                     card("wish.family", "Être près de ma fille", "famille"),
                     card("wish.training", "Me former", "livre"),
                     card("custom.1", "Je sais « faire plaisir » avec un bon plat", "", "", "", true),
                     card("custom.3", "Revoir ma sœur à Lyon…", "coeur", "", "", true)};
        afe.placed = {{"quality.heart", "skill.cooking"},
                      {"obstacle.housing", "obstacle.papers"},
                      {"wish.family", "custom.1", "wish.training"}};
        afe.started_at = 1741613000;
        afe.next_custom = 4;

        Board jobs;
        jobs.id = "b-0002";
        jobs.template_id = "metiers";
        jobs.title = "Les métiers";
        jobs.prompt = "Ces métiers vous intéressent-ils ?";
        jobs.pictogram = "travail";
        jobs.columns = {column("interesse", "Ça m’intéresse", "oui", R::Interested),
                        column("hesite", "Je ne sais pas", "question", R::Unsure),
                        column("pas_pour_moi", "Pas pour moi", "non", R::NotForMe)};
        jobs.cards = {card("job.cook", "Cuisinier, cuisinière", "cuisinier", "RA", "G1602"),
                      card("job.baker", "Boulanger, boulangère", "baguette", "RC", "D1102"),
                      card("job.carer", "Aide-soignant, aide-soignante", "aider", "SC", "J1501"),
                      card("job.mason", "Maçon, maçonne", "briques", "RC", "F1703"),
                      card("job.seller", "Vendeur, vendeuse", "", "ECS", ""),
                      card("job.driver", "Chauffeur-livreur, chauffeuse-livreuse", "camion", "R", "N4105")};
        jobs.placed = {{"job.cook", "job.baker"}, {"job.carer"}, {"job.mason"}};
        jobs.started_at = 1741613600;

        Board values;
        values.id = "b-0003";
        values.template_id = "valeurs";
        values.title = "Valeurs au travail";
        values.pictogram = "coeur";
        values.columns = {column("tres_important", "Très important pour moi", "etoile-brillante", R::Important, 5),
                          column("important", "Important", "etoile", R::Secondary),
                          column("pas_important", "Pas important", "moins", R::NotImportant)};
        values.cards = {card("value.pay", "Bien gagner ma vie", "argent"),
                        card("value.team", "Travailler en équipe", "equipe"),
                        card("value.safety", "Un emploi stable", "maison"),
                        card("value.useful", "Être utile aux autres", "aider"),
                        card("value.learn", "Apprendre", "livre"),
                        card("value.hours", "Des horaires réguliers", "horloge"),
                        card("value.outdoor", "Travailler dehors", "arbre"),
                        card("value.respect", "Être respecté·e", "")};
        values.placed = {{"value.team", "value.useful", "value.pay", "value.safety", "value.learn", "value.hours"},
                         {"value.respect"},
                         {"value.outdoor"}};
        values.started_at = 1741614000;

        Board scales;
        scales.id = "b-0004";
        scales.template_id = "echelles";
        scales.kind = BoardKind::Scales;
        scales.title = "Où en êtes-vous ?";
        scales.pictogram = "thermometre";
        scales.scales = {scale("motivation", "Ma motivation", "Pas du tout", "Tout à fait", 9),
                         scale("confiance", "Ma confiance en moi", "", "", 0),
                         scale("sante", "Ma santé", "Mauvaise", "Très bonne", -1),
                         scale("famille", "Mes liens avec ma famille", "Rompus", "Très forts", 6)};
        scales.started_at = 1741614600;
        a.boards = {afe, jobs, values, scales};
    }
    {
        // Synthesis: every section, drafted then edited (one typed without a draft), three
        // recommendations with each priority, finalized after a reopening.
        using S = SectionId;
        Synthesis& sy = a.synthesis;
        section(sy, S::ParcoursFormation,
                "De septembre 2005 à juin 2007\u00a0: CAP cuisine (niveau 3), diplôme obtenu. Bac pro commencé, abandonné en 2008.",
                "De septembre 2005 à juin 2007\u00a0: CAP cuisine (niveau 3), diplôme obtenu.");
        section(sy, S::ParcoursPro,
                "D’octobre 2008 à 2011, Zoé a travaillé comme commis de cuisine en CDD à temps plein (Brasserie «\u00a0Le Cœur d’Or\u00a0»).",
                "D’octobre 2008 à 2011, Zoé a travaillé comme commis de cuisine en CDD à temps plein (Brasserie «\u00a0Le Cœur d’Or\u00a0»).");
        section(sy, S::Competences, "Atouts\u00a0: cuisiner, «\u00a0J’ai du cœur à l’ouvrage\u00a0».\nMétiers déjà exercés\u00a0: commis, serveuse.",
                "Atouts que Zoé se reconnaît\u00a0: «\u00a0J’ai du cœur à l’ouvrage\u00a0» et cuisiner.");
        section(sy, S::Projets, "Titre professionnel cuisinier en détention, puis restaurant à Lyon près de sa sœur.", "");
        section(sy, S::Freins, "Logement, papiers\u00a0; santé fragile (à confirmer).",
                "Freins exprimés\u00a0: le logement et «\u00a0Les papiers\u00a0».");
        section(sy, S::Paroles,
                "À la question «\u00a0Choisissez une photo qui représente votre parcours\u00a0», Zoé a répondu\u00a0: «\u00a0C’est la route\u00a0: on ne sait jamais où elle mène.\u00a0»",
                "À la question «\u00a0Choisissez une photo qui représente votre parcours\u00a0», Zoé a répondu\u00a0: «\u00a0C’est la route\u00a0: on ne sait jamais où elle mène.\u00a0»");
        section(sy, S::Preconisations, "Orientation prioritaire vers le logement\u00a0; œuvrer avec le SPIP.",
                "Pistes suggérées par les outils de l’entretien\u00a0: formation qualifiante et logement.");
        sy.recommendations = {
            Recommendation{"logement", "Logement", Priority::High, "Demande SIAO avant la sortie\u00a0; «\u00a0hébergée chez sa sœur\u00a0» ?"},
            Recommendation{"formation_qualifiante", "Formation qualifiante", Priority::Medium, "Titre pro cuisinier.\nÀ voir avec l’unité locale d’enseignement."},
            Recommendation{"autre", "Atelier cuisine en détention", Priority::Low, ""}};
        sy.finalized_by = "c-001";
        sy.finalized_at = 1741788000; // 2025-03-12 14:00 UTC
        a.history.push_back(HistoryEntry{1741701600, "c-001", "finalized", ""});
        a.history.push_back(HistoryEntry{1741705200, "c-001", "reopened", "Erreur sur l’employeur\u00a0: «\u00a0Le Cœur d’Or\u00a0»."});
        a.history.push_back(HistoryEntry{1741788000, "c-001", "finalized", ""});
    }
    out.push_back(a);

    // 2. Draft, interview not started, no consent yet.
    Session b;
    b.id = "0f1e2d3c4b5a6978";
    b.participant.last_name = "N’Diaye";
    b.participant.first_name = "Oumar";
    b.participant.birth_date = Date{1984, 12, 31};
    b.participant.ecrou = "2025-01288";
    b.participant.establishment = "Maison d’arrêt de Villepinte";
    b.participant.legal_status = LegalStatus::Condamne;
    b.participant.entry_date = Date{2025, 5, 30};
    b.participant.languages = {"fr", "wo"};
    b.counsellor_id = "c-002";
    b.counsellor_name = "Françoise Dubœuf";
    b.created_at = 1748865600;  // 2025-06-02 12:00 UTC
    b.notes = "À revoir : besoin d’un interprète ? œuvre sociale, « peut-être ».";
    b.history = {HistoryEntry{1748865600, "c-002", "created", ""}};
    b.revision = 3;
    {
        PhotoRound r;
        r.id = "r-0101";
        r.prompt_text = "Qu’est-ce qui vous a aidé à tenir, ici ?"; // typed by the counsellor
        r.slot_count = 1;
        r.slots = {PhotoChoice{"regards", "regards-31", "« Mon frère, il vient au parloir. » Œil qui pétille.",
                               {"soutien"}}};
        r.started_at = 1748866000;
        b.photolangage = {r};
    }
    {
        using K = EpisodeKind;
        TimelineEpisode job = episode("e-0101", Lane::Employment, K::Episode, FuzzyDate{2002, 0, true},
                                      FuzzyDate{}, "", "Toujours en poste avant l’incarcération.");
        job.job = JobDetails{"Maçon", "F1703", "Bâti-Œuvre SARL", Contract::Cdi, WorkTime::Full};
        TimelineEpisode appr = episode("e-0102", Lane::Education, K::Episode, FuzzyDate{2000, 9, false},
                                       FuzzyDate{2002, 6, false}, "", "");
        appr.training = TrainingDetails{"CAP maçon", Answer::Unknown, 0};
        appr.job = JobDetails{"Apprenti maçon", "F1703", "Bâti-Œuvre SARL", Contract::Apprenticeship, WorkTime::Full};
        TimelineEpisode aide = episode("e-0103", Lane::Employment, K::Episode, FuzzyDate{1999, 0, false},
                                       FuzzyDate{2000, 0, false}, "Chantier d’insertion", "");
        aide.job = JobDetails{"Manœuvre", "F1704", "Association Rebâtir", Contract::Subsidised, WorkTime::Part};
        TimelineEpisode other = episode("e-0104", Lane::Employment, K::Episode, FuzzyDate{1998, 0, false},
                                        FuzzyDate{1998, 0, false}, "Vendanges", "");
        other.job = JobDetails{"Vendangeur", "A1401", "", Contract::Other, WorkTime::Unknown};
        TimelineEpisode release = episode("e-0105", Lane::Justice, K::Event, FuzzyDate{2024, 11, true},
                                          FuzzyDate{}, "", "");
        release.event = EventType::Release;
        TimelineEpisode misc = episode("e-0106", Lane::Personal, K::Event, FuzzyDate{2020, 0, false},
                                       FuzzyDate{}, "Permis de conduire", "");
        misc.event = EventType::Other;
        b.timeline.episodes = {job, appr, aide, other, release, misc};
    }
    {
        // Priorities for release, partly ranked; nothing else sorted yet.
        Board prio;
        prio.id = "b-0101";
        prio.template_id = "priorites";
        prio.title = "Priorités pour la sortie";
        prio.prompt = "Qu’est-ce qui passe en premier à la sortie ?";
        prio.columns = {column("ordre", "Mes priorités", "", ColumnRole::Priority, 8)};
        prio.cards = {card("prio.housing", "Logement", "maison"),   card("prio.job", "Emploi", "travail"),
                      card("prio.training", "Formation", "livre"),  card("prio.health", "Santé", "sante"),
                      card("prio.family", "Famille", "famille"),    card("prio.papers", "Droits et papiers", "papiers"),
                      card("prio.money", "Argent", "argent"),       card("prio.mobility", "Mobilité", "bus")};
        prio.placed = {{"prio.papers", "prio.job", "prio.housing"}};
        prio.started_at = 1748866500;
        Board empty_afe;
        empty_afe.id = "b-0102";
        empty_afe.template_id = "atouts_freins_envies";
        empty_afe.title = "Atouts, freins, envies";
        empty_afe.columns = {column("atouts", "Mes atouts", "etoile", ColumnRole::Strength),
                             column("freins", "Ce qui me freine", "barriere", ColumnRole::Obstacle),
                             column("envies", "Mes envies", "cible", ColumnRole::Wish)};
        empty_afe.cards = {card("skill.building", "Construire, bâtir", "briques"),
                           card("obstacle.language", "Lire et écrire le français", "livre"),
                           card("custom.2", "« Mon frère m’attend »", "", "", "", true)};
        empty_afe.placed = {{}, {}, {}};
        empty_afe.started_at = 1748866700;
        empty_afe.next_custom = 3;
        b.boards = {prio, empty_afe};
    }
    {
        // Synthesis drafted, one section cleared by the counsellor, one recommendation, not finalized.
        Synthesis& sy = b.synthesis;
        section(sy, SectionId::ParcoursFormation, "De septembre 2000 à juin 2002\u00a0: CAP maçon.",
                "De septembre 2000 à juin 2002\u00a0: CAP maçon.");
        section(sy, SectionId::Freins, "", "Aucun frein n’a été classé pendant l’entretien.");
        section(sy, SectionId::Paroles,
                "À la question «\u00a0Qu’est-ce qui vous a aidé à tenir, ici\u00a0?\u00a0», Oumar a répondu\u00a0: «\u00a0«\u00a0Mon frère, il vient au parloir.\u00a0» Œil qui pétille.\u00a0»",
                "À la question «\u00a0Qu’est-ce qui vous a aidé à tenir, ici\u00a0?\u00a0», Oumar a répondu\u00a0: «\u00a0«\u00a0Mon frère, il vient au parloir.\u00a0» Œil qui pétille.\u00a0»");
        sy.recommendations = {Recommendation{"vae", "Validation des acquis de l’expérience (VAE)", Priority::High,
                                             "26 ans d’expérience en maçonnerie."}};
    }
    out.push_back(b);

    // 3. Exported; minimal participant record, empty notes, empty timeline, no boards.
    Session c;
    c.id = "9988776655443322";
    c.participant.last_name = "Œlschläger";
    c.participant.first_name = "Jérôme";
    c.participant.birth_date = Date{2000, 2, 29};
    c.participant.ecrou = "2026-00002";
    c.participant.legal_status = LegalStatus::Prevenu;
    c.participant.entry_date = Date{2026, 1, 14};
    c.counsellor_id = "c-001";
    c.counsellor_name = "Émile Lœwy";
    c.created_at = 1768478400;  // 2026-01-15 12:00 UTC
    c.started_at = 1768478400;
    c.ended_at = 1768482000;
    c.consent = true;
    c.consent_at = 1768478400;
    c.status = SessionStatus::Exported;
    c.history = {HistoryEntry{1768478400, "c-001", "created", ""},
                 HistoryEntry{1768482000, "c-001", "exported", "lot n°1"}};
    c.revision = 12;
    {
        PhotoRound r;
        r.id = "r-0201";
        r.prompt_key = "prompt.difficulte";
        r.prompt_text = "Choisissez une photo qui représente une difficulté.";
        r.slot_count = 3;
        r.slots = {std::nullopt, std::nullopt, std::nullopt}; // round opened, nothing chosen
        r.started_at = 1768479000;
        c.photolangage = {r};
    }
    {
        // Exported: finalized synthesis, short sections, one recommendation for the under-26s.
        Synthesis& sy = c.synthesis;
        for (SectionId id : kRequiredSections) section(sy, id, "Non renseigné par la personne.", "");
        section(sy, SectionId::Paroles, "", "Aucune photo n’a été choisie pendant le photolangage.");
        sy.recommendations = {Recommendation{"mission_locale", "Mission locale", Priority::High, "Jérôme a 25 ans."}};
        sy.finalized_by = "c-001";
        sy.finalized_at = 1768480000;
    }
    out.push_back(c);
    return out;
}

} // namespace golden_v5
