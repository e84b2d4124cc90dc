// Timeline figure (issue 4): CPU time of one session-screen frame on the « Frise » tab while two
// fingers pinch a timeline of 200 episodes vs one frame of the Dear ImGui demo window, measured in
// the same run (method: bench.hpp, [SECTION] Frame figures), at 1280x800 and 2560x1600.
//
// The fingers are a platform::Gestures filled here every frame (pinching, pinch_scale 1.02 for 30
// frames then 1/1.02 for 30, centre inside the canvas, a small pan), handed to the screen through
// SessionTools::gestures exactly as App::draw hands it the platform's. The figure checks from the
// widget registry (tl.year.NNNN records) that the view moved on every timed frame, so it cannot
// silently time a static frame. Nothing is written anywhere; no display, no SDL.
//
// amorce_bench --timeline-loop N (hidden) draws only N pinching timeline frames at 1280x800, for
// a profiler (perf record -g ./amorce_bench --timeline-loop 20000).
#include "bench.hpp"

#include "core/commands.hpp"
#include "core/date.hpp"
#include "core/timeline.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace bench {

using namespace amorce;

namespace {

constexpr size_t kEpisodes = 200;

// [SECTION] A believable parcours of 200 episodes over 30 years

using core::FuzzyDate;
using core::Lane;

const std::vector<std::string> kEmployers = {
    "Adecco Lyon Est",        "Manpower Vénissieux",      "Randstad Villeurbanne", "Synergie Intérim",
    "Sodexo (cuisine centrale)", "Carrefour Bron",        "Mairie de Vaulx-en-Velin", "Boulangerie Martin",
    "Transports Girard",      "Entrepôt logistique Saint-Priest", "Restaurant Le Bouchon", "Bouygues (chantier)",
    "Domaine Perrin",         "Camping Les Pins",         "Garage du Rhône",       "Net’Pro Services",
    "Intermarché Décines",    "La Poste",                 "Brasserie du Port",     "Hôtel Ibis Part-Dieu",
    "Chez un particulier",    "Marché de gros de Corbas",
};
const std::vector<core::RomeJob> kFallbackJobs = {
    {"K2204", "Agent / Agente de propreté"},       {"N1103", "Préparateur / Préparatrice de commandes"},
    {"N1101", "Cariste"},                          {"G1602", "Cuisinier / Cuisinière"},
    {"G1603", "Commis / Commise de cuisine"},      {"G1803", "Serveur / Serveuse en restauration"},
    {"F1703", "Maçon / Maçonne"},                  {"D1507", "Employé / Employée de libre-service"},
    {"A1401", "Ouvrier / Ouvrière viticole"},      {"N4105", "Livreur / Livreuse"},
};
// Families of ROME codes for jobs without qualification: the titles are taken from the app's list.
const std::vector<std::string> kRomeFamilies = {"A14", "A12", "D15", "F16", "F17", "G15", "G16",
                                                "G18", "K22", "K13", "N11", "N41", "H33", "I12"};
struct Training {
    const char* title;
    int level;
    core::Answer diploma;
};
const std::vector<Training> kTrainings = {
    {"CACES R489 catégorie 3", 0, core::Answer::Yes},
    {"Titre professionnel Agent de propreté et d’hygiène", 3, core::Answer::Yes},
    {"Remise à niveau en français", 0, core::Answer::Unknown},
    {"Permis C", 0, core::Answer::No},
    {"Sauveteur secouriste du travail", 0, core::Answer::Yes},
    {"Formation HACCP", 0, core::Answer::Yes},
    {"Titre professionnel Préparateur de commandes", 3, core::Answer::Yes},
    {"CAP Agent de sécurité", 3, core::Answer::No},
    {"Découverte des métiers du bâtiment (AFPA)", 0, core::Answer::Unknown},
    {"CléA – socle de compétences", 2, core::Answer::Yes},
    {"Titre professionnel Cuisinier", 3, core::Answer::No},
    {"Bac pro Logistique", 4, core::Answer::No},
};
const std::vector<std::string> kUnemployed = {"Recherche d’emploi", "Inscrit à Pôle emploi", "Chômage indemnisé",
                                              "RSA", "Entre deux missions"};
const std::vector<std::string> kInactive = {"Congé parental", "Arrêt maladie", "Sans activité (santé)",
                                            "S’occupe de sa mère malade"};

// What one step of the working life is; durations in months before scaling (gaps are not scaled).
enum class Step { Temp, Cdd, Seasonal, Cdi, Undeclared, Subsidised, Unemployed, Inactive, Training, Gap };
struct StepKind {
    Step step;
    int lo, hi, weight;
};
const std::array<StepKind, 10> kSteps = {{{Step::Temp, 1, 5, 30},
                                          {Step::Cdd, 4, 18, 14},
                                          {Step::Seasonal, 2, 4, 8},
                                          {Step::Cdi, 18, 60, 3},
                                          {Step::Undeclared, 2, 8, 3},
                                          {Step::Subsidised, 6, 24, 3},
                                          {Step::Unemployed, 2, 12, 15},
                                          {Step::Inactive, 2, 10, 4},
                                          {Step::Training, 1, 10, 10},
                                          {Step::Gap, 3, 14, 4}}};

struct Plan {
    Step step;
    int months;                   // nominal, then scaled
    bool second_job = false;      // a part-time job alongside (Employment: stacks a row)
    bool training_during = false; // a training during unemployment (Education lane)
    bool diploma_event = false;   // a Diploma event at the end of a training
};

struct Builder {
    Rng& rng;
    core::Session& s;
    const core::Date today;
    std::vector<core::RomeJob> jobs;

    core::TimelineEpisode& add(Lane lane, FuzzyDate start, FuzzyDate end, const std::string& title = {}) {
        s.timeline.episodes.push_back(core::new_episode(lane, start, end));
        s.timeline.episodes.back().title = title;
        return s.timeline.episodes.back();
    }
    void event(core::EventType type, FuzzyDate at, const std::string& title = {}) {
        s.timeline.episodes.push_back(core::new_event(type, at));
        s.timeline.episodes.back().title = title;
    }
    // Older periods are often remembered by year only (sometimes « vers »): those widen to whole
    // years and overlap their neighbours, as in real interviews.
    std::pair<FuzzyDate, FuzzyDate> dates(int first, int last) {
        const bool old = core::year_of_month_index(first) < today.year - 15;
        if (old && last - first >= 11 && rng.range(0, 1) == 0) {
            const bool approx = rng.range(0, 2) == 0;
            return {FuzzyDate::of_year(core::year_of_month_index(first), approx),
                    FuzzyDate::of_year(core::year_of_month_index(last))};
        }
        return {FuzzyDate::from_month_index(first), FuzzyDate::from_month_index(last)};
    }
    void job(int first, int last, core::Contract contract, core::WorkTime time) {
        const auto [a, b] = dates(first, last);
        core::TimelineEpisode& e = add(Lane::Employment, a, b);
        const core::RomeJob& j = rng.pick(jobs);
        e.job = core::JobDetails{j.title, j.code, rng.pick(kEmployers), contract, time};
        if (rng.range(0, 5) == 0) e.note = "Fin de mission, pas de renouvellement.";
    }
    void training(int first, int last, bool with_event) {
        const Training& t = rng.pick(kTrainings);
        const auto [a, b] = dates(first, last);
        add(Lane::Education, a, b).training = core::TrainingDetails{t.title, t.diploma, t.level};
        if (with_event) {
            event(core::EventType::Diploma, FuzzyDate::from_month_index(last));
            s.timeline.episodes.back().training = core::TrainingDetails{t.title, core::Answer::Yes, t.level};
        }
    }
};

// Born 47 years ago: school, a CAP, then 30 years of work, unemployment, trainings and gaps up to
// the entry into detention two months ago; housing and family, past justice measures, projects.
// Exactly kEpisodes episodes (events included), each passed through core::check_episode.
core::Session timeline_session(const core::Date& today, const std::vector<core::RomeJob>& rome) {
    Rng rng(4);
    core::Session s = fake_session(rng, 2048, core::unix_now());
    s.status = core::SessionStatus::Draft;
    s.ended_at = 0;
    const int by = today.year - 47;
    s.participant.birth_date = core::Date{by, rng.range(1, 12), rng.range(1, 28)};
    const int entry_m = core::month_index(today) - 2;
    s.participant.entry_date = core::Date{core::year_of_month_index(entry_m), core::month_of_month_index(entry_m), 12};

    Builder b{rng, s, today, {}};
    for (const core::RomeJob& j : rome)
        for (const std::string& fam : kRomeFamilies)
            if (j.code.rfind(fam, 0) == 0) b.jobs.push_back(j);
    if (b.jobs.empty()) b.jobs = kFallbackJobs;

    // School and the first training.
    b.add(Lane::Education, FuzzyDate::of_month(by + 11, 9), FuzzyDate::of_month(by + 15, 6), "Collège Jean-Moulin");
    b.event(core::EventType::Diploma, FuzzyDate::of_month(by + 15, 6), "Brevet des collèges");
    b.add(Lane::Education, FuzzyDate::of_month(by + 15, 9), FuzzyDate::of_month(by + 17, 6)).training =
        core::TrainingDetails{"CAP Maçon", core::Answer::No, 3};

    // Personal life: where they lived (one after the other), two couples (overlapping the
    // housing in the same lane: a second row), children and moves.
    const int adult = core::month_index(by + 16, 1);
    const std::vector<std::string> homes = {"Chez ses parents",       "Foyer de jeunes travailleurs",
                                            "Colocation à Villeurbanne", "Hébergé chez un ami",
                                            "Logement social à Vaulx-en-Velin", "Sans domicile fixe",
                                            "Hébergé chez sa sœur",   "Studio à Lyon 8e"};
    const int span = entry_m - 1 - adult;
    int at = core::month_index(by, 1);
    for (size_t i = 0; i < homes.size(); ++i) {
        const int len = i == 0 ? adult - at + 24 : span / 8 + rng.range(-6, 6);
        const int last = i + 1 == homes.size() ? entry_m - 1 : at + len - 1;
        b.add(Lane::Personal, FuzzyDate::from_month_index(at), FuzzyDate::from_month_index(last), homes[i]);
        at = last + 1;
    }
    b.add(Lane::Personal, FuzzyDate::of_year(by + 22), FuzzyDate::of_year(by + 29), "En couple avec Sandrine");
    b.add(Lane::Personal, FuzzyDate::of_month(by + 34, 5), FuzzyDate::of_month(by + 41, 2), "En couple avec Nadia");
    b.event(core::EventType::ChildBirth, FuzzyDate::of_month(by + 24, 3), "Naissance de Lucas");
    b.event(core::EventType::ChildBirth, FuzzyDate::of_month(by + 36, 11), "Naissance d’Inès");
    b.event(core::EventType::Move, FuzzyDate::of_month(by + 21, 7), "Arrivée à Lyon");
    b.event(core::EventType::Move, FuzzyDate::of_month(by + 38, 1), "Déménagement à Vaulx-en-Velin");

    // Justice: past measures, a short sentence served, and now.
    b.add(Lane::Justice, FuzzyDate::of_month(by + 19, 4), FuzzyDate::of_month(by + 19, 10), "Contrôle judiciaire");
    b.add(Lane::Justice, FuzzyDate::of_month(by + 27, 2), FuzzyDate::of_month(by + 28, 8), "Sursis probatoire");
    b.add(Lane::Justice, FuzzyDate::of_month(by + 31, 6), FuzzyDate::of_month(by + 31, 8), "Travail d’intérêt général");
    b.event(core::EventType::DetentionEntry, FuzzyDate::of_month(by + 33, 3), "Maison d’arrêt de Lyon-Corbas");
    b.add(Lane::Justice, FuzzyDate::of_month(by + 33, 3), FuzzyDate::of_month(by + 33, 9), "Détention (courte peine)");
    b.event(core::EventType::Release, FuzzyDate::of_month(by + 33, 9), "Libération");
    b.add(Lane::Justice, FuzzyDate::of_month(by + 42, 1), FuzzyDate::of_month(by + 43, 6), "Contrôle judiciaire");
    b.add(Lane::Justice, FuzzyDate::from_month_index(entry_m), FuzzyDate{}, "Détention provisoire");
    b.event(core::EventType::DetentionEntry, FuzzyDate::from_month_index(entry_m));

    // Projects (the future).
    b.add(Lane::Projects, FuzzyDate::from_month_index(entry_m + 4), FuzzyDate::from_month_index(entry_m + 14),
          "CAP cuisine en détention");
    b.add(Lane::Projects, FuzzyDate::of_year(today.year + 1), FuzzyDate::of_year(today.year + 1), "Repasser le permis B");
    b.add(Lane::Projects, FuzzyDate::of_year(today.year + 1), FuzzyDate::of_year(today.year + 2), "Trouver un logement");
    b.add(Lane::Projects, FuzzyDate::of_year(today.year + 2), FuzzyDate{}, "Emploi en restauration collective");
    b.event(core::EventType::Other, FuzzyDate::of_year(today.year + 1), "Reprendre contact avec Lucas");
    s.timeline.episodes.back().lane = Lane::Projects;

    // The working life fills the rest: plan steps until the budget is used, then scale their
    // lengths (gaps keep theirs) to run from the end of the CAP to the month before detention.
    const size_t budget = kEpisodes - s.timeline.episodes.size();
    std::vector<Plan> plans;
    int weights = 0;
    for (const StepKind& k : kSteps) weights += k.weight;
    size_t count = 0;
    while (count < budget) {
        int r = rng.range(0, weights - 1);
        const StepKind* k = kSteps.data();
        while (r >= k->weight) r -= k++->weight;
        Plan p{k->step, rng.range(k->lo, k->hi)};
        if (p.step != Step::Gap) ++count;
        const bool job = p.step <= Step::Subsidised;
        if (count < budget && job && rng.range(0, 4) == 0) p.second_job = true, ++count;
        if (count < budget && p.step == Step::Unemployed && rng.range(0, 3) == 0) p.training_during = true, ++count;
        if (count < budget && p.step == Step::Training && rng.range(0, 2) == 0) p.diploma_event = true, ++count;
        plans.push_back(p);
    }
    // The largest scale whose lengths (each at least a month) fit; the last step takes the rest.
    const int first = core::month_index(by + 17, 9), last = entry_m - 1;
    const auto lengths = [&](double scale) {
        int total = 0;
        for (const Plan& p : plans)
            total += p.step == Step::Gap ? p.months : std::max(1, static_cast<int>(std::lround(p.months * scale)));
        return total;
    };
    double lo = 0.0, hi = 4.0;
    for (int i = 0; i < 40; ++i) (lengths((lo + hi) / 2) <= last - first + 1 ? lo : hi) = (lo + hi) / 2;
    for (Plan& p : plans)
        if (p.step != Step::Gap) p.months = std::max(1, static_cast<int>(std::lround(p.months * lo)));
    int m = first;
    for (size_t i = 0; i < plans.size(); ++i) {
        const Plan& p = plans[i];
        const int a = std::min(m, last), z = i + 1 == plans.size() ? last : std::min(last, a + p.months - 1);
        m = z + 1;
        switch (p.step) {
        case Step::Temp: b.job(a, z, core::Contract::Temp, core::WorkTime::Full); break;
        case Step::Cdd: b.job(a, z, core::Contract::Cdd, core::WorkTime::Full); break;
        case Step::Seasonal: b.job(a, z, core::Contract::Seasonal, core::WorkTime::Full); break;
        case Step::Cdi: b.job(a, z, core::Contract::Cdi, core::WorkTime::Full); break;
        case Step::Undeclared: b.job(a, z, core::Contract::Undeclared, core::WorkTime::Unknown); break;
        case Step::Subsidised: b.job(a, z, core::Contract::Subsidised, core::WorkTime::Part); break;
        case Step::Unemployed: b.add(Lane::NoWork, FuzzyDate::from_month_index(a), FuzzyDate::from_month_index(z), rng.pick(kUnemployed)); break;
        case Step::Inactive: b.add(Lane::NoWork, FuzzyDate::from_month_index(a), FuzzyDate::from_month_index(z), rng.pick(kInactive)); break;
        case Step::Training: b.training(a, z, p.diploma_event); break;
        case Step::Gap: break;
        }
        if (p.second_job) { // evenings or week-ends, starting during this job
            const int from = rng.range(a, z);
            b.job(from, from + rng.range(0, 6), core::Contract::Undeclared, core::WorkTime::Part);
        }
        if (p.training_during) {
            const int from = rng.range(a, z);
            b.training(from, std::min(z, from + rng.range(0, 3)), false);
        }
    }

    // Checked as the edit panel checks them (nothing here should need a correction but « vers »).
    for (core::TimelineEpisode& e : s.timeline.episodes) {
        const core::EpisodeCheck c = core::check_episode(s, e, today);
        if (!c.refused) e = c.episode;
    }
    return s;
}

// [SECTION] Two fingers on the canvas

// The pinch of frame k: 30 frames zooming in by 2 % a frame, 30 zooming out, the fingers drifting a
// few pixels sideways and back (pan), their centre inside the canvas.
struct Fingers {
    platform::Gestures g;
    ImVec2 centre{0, 0};

    void frame(int k) {
        const int phase = k % 60;
        g.finger_down = true;
        g.last_input_was_touch = true;
        g.pinching = true;
        g.pinch_scale = phase < 30 ? 1.02f : 1.0f / 1.02f;
        g.pinch_total_scale = phase == 0 ? g.pinch_scale : g.pinch_total_scale * g.pinch_scale;
        const float dx = 3.0f * std::sin(6.2831853f * (static_cast<float>(phase) + 0.5f) / 60.0f);
        g.pan_delta = ImVec2(dx, 0.0f);
        g.pan_total = phase == 0 ? g.pan_delta : ImVec2(g.pan_total.x + dx, 0.0f);
        g.pinch_center = ImVec2(centre.x + g.pan_total.x, centre.y);
    }
};

// The session screen on the timeline tab, notes closed (as the grid figure), the fingers above.
struct Frise {
    core::SessionEditor editor;
    ui::SessionScreenState state;
    ui::SessionTools tools;
    Fingers fingers;
    size_t commands = 0; // what the frames asked for (a pinch asks for nothing)

    Frise(core::Session s, const std::vector<core::RomeJob>* rome, const core::Date& today) : editor(std::move(s)) {
        state.tab = ui::SessionTab::Timeline;
        state.notes_open = false;
        tools.gestures = &fingers.g;
        tools.rome = rome;
        tools.now = core::unix_now();
        tools.today = today;
    }
    void frame() {
        ui::registry().begin_frame(); // as the app's loop does every frame
        const ui::SessionResult r = ui::draw_session_screen(editor, state, tools, "");
        commands += r.commands.size();
    }
};

// The previous frame's ruler (tl.year.NNNN records: year, left, right) and visible boxes.
struct Ruler {
    std::vector<float> years;
    int first_year = 0, last_year = 0;
    size_t boxes = 0;
};
Ruler last_ruler() {
    Ruler r;
    for (const ui::WidgetRecord& w : ui::registry().last_frame()) {
        if (w.id.rfind("tl.year.", 0) == 0) {
            const int y = std::atoi(w.id.c_str() + 8);
            r.years.insert(r.years.end(), {static_cast<float>(y), w.min.x, w.max.x});
            r.first_year = r.first_year ? std::min(r.first_year, y) : y;
            r.last_year = std::max(r.last_year, y);
        } else if (w.id.rfind("tl.ep.", 0) == 0 && w.id.find(".start") == std::string::npos &&
                   w.id.find(".end") == std::string::npos) {
            ++r.boxes;
        }
    }
    return r;
}

// Draws one frame untimed (no pinch yet) and puts the fingers' centre in the employment lane, a
// bit right of the canvas's middle. False when the timeline did not draw its lanes.
bool place_fingers(ImGuiContext* ctx, Frise& frise) {
    ImGui::SetCurrentContext(ctx);
    frise.fingers.g = platform::Gestures{};
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    frise.frame();
    ImGui::Render();
    ui::registry().begin_frame(); // completes the frame just drawn
    const ui::WidgetRecord* lane = ui::registry().find("tl.lane.employment");
    if (!lane) return false;
    frise.fingers.centre = ImVec2(lane->min.x + (lane->max.x - lane->min.x) * 0.55f, (lane->min.y + lane->max.y) * 0.5f);
    return true;
}

// The timed part: the session screen with the fingers of frame k. The platform releases the
// pointer off-screen while two fingers are down (platform/touch.cpp).
void pinching(Scene& tl, Frise& frise) {
    tl.draw = [&frise] { frise.frame(); };
    tl.before = [&frise](int k) {
        frise.fingers.frame(k);
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    };
}

struct Summary {
    size_t episodes = 0, events = 0, gaps = 0;
    std::array<int, core::kLaneCount> per_lane{}, rows{};
};
Summary summarise(const core::Session& s, const core::Date& today) {
    Summary r;
    const int today_m = core::month_index(today);
    r.episodes = s.timeline.episodes.size();
    for (const auto& e : s.timeline.episodes) {
        ++r.per_lane[static_cast<size_t>(e.lane)];
        r.events += e.is_event() ? 1 : 0;
    }
    for (size_t i = 0; i < core::kLaneCount; ++i) r.rows[i] = core::stack_lane(s.timeline, core::kLanes[i], today_m).row_count;
    r.gaps = core::find_gaps(s.timeline, s.participant.birth_date, today_m).size();
    return r;
}

Figure timeline_at(int width, int height, const core::Session& session, const std::vector<core::RomeJob>* rome,
                   const core::Date& today) {
    const std::string name = fmt("timeline frame CPU (pinch, %zu episodes, %dx%d)", session.timeline.episodes.size(), width, height);
    Figure f;
    f.name = name;
    f.goal = "<= 1.0x";
    const ImVec2 size(static_cast<float>(width), static_cast<float>(height));
    UiSetup ui(size);
    if (!ui.init(tablet_dp(size.x, size.y))) {
        f.note = ui.error;
        return f;
    }
    Frise frise(session, rome, today);
    Scene tl, demo;
    tl.ctx = ui.contexts.front();
    demo.ctx = ui.new_context();
    if (!place_fingers(tl.ctx, frise)) {
        f.note = "the timeline drew no lanes";
        return f;
    }
    pinching(tl, frise);
    // After each timed frame: the previous frame's ruler must differ from the one before it.
    Ruler prev;
    size_t seen = 0, compared = 0, moved = 0, min_boxes = SIZE_MAX, max_boxes = 0;
    int first_year = 9999, last_year = 0;
    float min_ppm = 1e9f, max_ppm = 0;
    tl.after = [&] {
        Ruler r = last_ruler();
        if (tl.samples.size() != seen) { // a timed frame
            seen = tl.samples.size();
            if (!prev.years.empty()) ++compared, moved += r.years != prev.years ? 1 : 0;
            min_boxes = std::min(min_boxes, r.boxes);
            max_boxes = std::max(max_boxes, r.boxes);
            first_year = std::min(first_year, r.first_year);
            last_year = std::max(last_year, r.last_year);
            min_ppm = std::min(min_ppm, frise.state.timeline.px_per_month);
            max_ppm = std::max(max_ppm, frise.state.timeline.px_per_month);
        }
        prev = std::move(r);
    };
    demo.draw = demo_window(size);

    run_alternating(demo, tl);
    std::fprintf(stderr,
                 "  %dx%d dp %.2f: %zu frames, %.0f vertices/frame; demo: %zu frames, %.0f vertices/frame\n"
                 "  while timing: the view moved on %zu of %zu frames, %.1f to %.1f px per month (x%.2f), years %d to "
                 "%d on the ruler, %zu to %zu boxes visible, %zu commands\n",
                 width, height, ui.theme.dp, tl.samples.size(), tl.vertices, demo.samples.size(), demo.vertices, moved,
                 compared, min_ppm, max_ppm, max_ppm / min_ppm, first_year, last_year, min_boxes, max_boxes,
                 frise.commands);
    f = frame_vs_demo(name, tl, demo);
    if (f.measured_ok && (compared == 0 || moved != compared)) {
        f.measured_ok = false;
        f.note = fmt("the view did not move on %zu of %zu timed frames: the pinch is not measured", compared - moved, compared);
    } else if (f.measured_ok && frise.commands != 0) {
        f.measured_ok = false;
        f.note = fmt("the pinch produced %zu commands", frise.commands);
    }
    return f;
}

std::optional<std::vector<core::RomeJob>> rome_jobs(std::string* error) {
    return core::load_rome_jobs(AMORCE_ASSETS_DIR "/rome/metiers.tsv", error);
}

} // namespace

std::vector<Figure> bench_timeline_frame() {
    std::string error;
    const auto rome = rome_jobs(&error);
    if (!rome) {
        Figure f;
        f.name = "timeline frame CPU";
        f.note = "ROME list: " + error;
        return {f};
    }
    const core::Date today = core::today_local();
    const core::Session s = timeline_session(today, *rome);
    const Summary sum = summarise(s, today);
    std::fprintf(stderr, "  %zu episodes (%zu events): ", sum.episodes, sum.events);
    for (size_t i = 0; i < core::kLaneCount; ++i)
        std::fprintf(stderr, "%s%s %d (%d rows)", i ? ", " : "", core::lane_key(core::kLanes[i]),
                     sum.per_lane[static_cast<size_t>(core::kLanes[i])], sum.rows[i]);
    std::fprintf(stderr, "; %zu gaps hatched\n", sum.gaps);
    if (sum.episodes != kEpisodes) {
        Figure f;
        f.name = "timeline frame CPU";
        f.note = fmt("%zu episodes made, %zu wanted", sum.episodes, kEpisodes);
        return {f};
    }
    return {timeline_at(1280, 800, s, &*rome, today), timeline_at(2560, 1600, s, &*rome, today)};
}

int timeline_loop(int frames) {
    std::string error;
    const auto rome = rome_jobs(&error);
    if (!rome) {
        std::fprintf(stderr, "amorce_bench: ROME list: %s\n", error.c_str());
        return 1;
    }
    const core::Date today = core::today_local();
    UiSetup ui(ImVec2(1280, 800));
    if (!ui.init(tablet_dp(1280, 800))) {
        std::fprintf(stderr, "amorce_bench: %s\n", ui.error.c_str());
        return 1;
    }
    Frise frise(timeline_session(today, *rome), &*rome, today);
    if (!place_fingers(ui.contexts.front(), frise)) return 1;
    Scene tl;
    tl.ctx = ui.contexts.front();
    pinching(tl, frise);
    for (int i = 0; i < frames; ++i) tl.step(true);
    std::printf("timeline loop: %d frames, %.3f ms p50 (p95 %.3f), %.0f vertices/frame\n", frames, median(tl.samples),
                percentile(tl.samples, 95), tl.vertices);
    return 0;
}

} // namespace bench
