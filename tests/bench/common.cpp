// amorce_bench: clocks, statistics, result table, frame figures and fictional French data.
#include "bench.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <ctime>

namespace bench {

using namespace amorce;

// [SECTION] Clocks and statistics
double wall_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double pct) {
    if (v.empty()) return NAN;
    std::sort(v.begin(), v.end());
    // Nearest rank: the smallest value with at least pct % of the samples at or below it.
    size_t rank = static_cast<size_t>(std::ceil(pct / 100.0 * static_cast<double>(v.size())));
    rank = std::clamp<size_t>(rank, 1, v.size());
    return v[rank - 1];
}

// [SECTION] Result lines
std::string fmt(const char* format, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, format);
    std::vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    return buf;
}

void print_figures(const std::vector<Figure>& figures) {
    size_t w_name = 0, w_meas = 0, w_base = 0, w_ratio = 0, w_goal = 0;
    for (const Figure& f : figures) {
        w_name = std::max(w_name, f.name.size());
        w_meas = std::max(w_meas, f.measured.size());
        w_base = std::max(w_base, f.baseline.size());
        w_ratio = std::max(w_ratio, f.ratio.size());
        w_goal = std::max(w_goal, f.goal.size());
    }
    for (const Figure& f : figures) {
        if (!f.measured_ok) {
            std::printf("%-*s  NOT MEASURED: %s\n", static_cast<int>(w_name), f.name.c_str(), f.note.c_str());
            continue;
        }
        std::printf("%-*s  %-*s  vs %-*s  ratio %-*s  goal %-*s  %s\n", static_cast<int>(w_name), f.name.c_str(),
                    static_cast<int>(w_meas), f.measured.c_str(), static_cast<int>(w_base), f.baseline.c_str(),
                    static_cast<int>(w_ratio), f.ratio.c_str(), static_cast<int>(w_goal), f.goal.c_str(),
                    f.pass ? "PASS" : "MISS");
    }
    std::fflush(stdout);
}

// [SECTION] Frame figures
float tablet_dp(float width, float height) { return std::sqrt(width * width + height * height) / 10.0f / 160.0f; }

bool UiSetup::init(float dp) {
    if (!catalog.load(AMORCE_ASSETS_DIR "/i18n", "fr", &error)) {
        error = "cannot load the catalog: " + error;
        return false;
    }
    ui::set_catalog(&catalog);
    ImGuiContext* first = new_context();
    ImGui::SetCurrentContext(first);
    if (!theme.apply(dp, AMORCE_ASSETS_DIR, &error)) {
        error = "fonts: " + error;
        return false;
    }
    if (!atlas.Build()) {
        error = "font atlas build failed";
        return false;
    }
    ui::set_theme(&theme);
    return true;
}

ImGuiContext* UiSetup::new_context() {
    ImGuiContext* styled = contexts.empty() ? nullptr : contexts.front();
    ImGuiContext* ctx = ImGui::CreateContext(&atlas);
    ImGui::SetCurrentContext(ctx);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    if (styled) {
        ImGui::SetCurrentContext(styled);
        const ImGuiStyle style = ImGui::GetStyle();
        ImFont* font = ImGui::GetIO().FontDefault;
        const float drag = ImGui::GetIO().MouseDragThreshold;
        ImGui::SetCurrentContext(ctx);
        ImGui::GetStyle() = style;
        ImGui::GetIO().FontDefault = font;
        ImGui::GetIO().MouseDragThreshold = drag;
    }
    contexts.push_back(ctx);
    return ctx;
}

UiSetup::~UiSetup() {
    for (ImGuiContext* c : contexts) ImGui::DestroyContext(c);
    ImGui::SetCurrentContext(nullptr);
    ui::set_theme(nullptr);
    ui::set_catalog(nullptr);
}

void Scene::step(bool timed) {
    ImGui::SetCurrentContext(ctx);
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    const ImVec2 d = io.DisplaySize;
    io.MousePos = ImVec2(d.x * 0.5f, d.y * (0.375f + 0.25f * std::sin(static_cast<float>(frame) * 0.05f)));
    if (before) before(frame);
    ++frame;
    const double t0 = thread_cpu_ms();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    const double t1 = thread_cpu_ms();
    if (timed) samples.push_back(t1 - t0);
    vertices = ImGui::GetDrawData()->TotalVtxCount;
    if (after) after();
}

std::function<void()> demo_window(ImVec2 size) {
    return [size, expanded = false]() mutable {
        constexpr const char* kDemoName = "Dear ImGui Demo";
        ImGui::ShowDemoWindow(nullptr);
        if (expanded) return;
        expanded = true;
        ImGui::SetWindowPos(kDemoName, ImVec2(0, 0));
        ImGui::SetWindowSize(kDemoName, size);
        ImGui::Begin(kDemoName); // appends to the demo window: same ID stack root
        ImGuiStorage* st = ImGui::GetStateStorage();
        for (const char* header : {"Help", "Widgets", "Basic", "Trees", "Layout & Scrolling"})
            st->SetInt(ImGui::GetID(header), 1);
        ImGui::End();
    };
}

void run_alternating(Scene& demo, Scene& measured) {
    constexpr int kWarmup = 50, kBlock = 50, kBlocks = 12;
    demo.samples.clear();
    measured.samples.clear();
    for (int i = 0; i < kWarmup; ++i) demo.step(false);
    for (int i = 0; i < kWarmup; ++i) measured.step(false);
    for (int b = 0; b < kBlocks; ++b) {
        for (int i = 0; i < kBlock; ++i) demo.step(true);
        for (int i = 0; i < kBlock; ++i) measured.step(true);
    }
}

Figure frame_vs_demo(const std::string& name, const Scene& measured, const Scene& demo) {
    Figure f;
    f.name = name;
    f.goal = "<= 1.0x";
    const double mp50 = median(measured.samples), mp95 = percentile(measured.samples, 95);
    const double dp50 = median(demo.samples), dp95 = percentile(demo.samples, 95);
    if (!(mp50 > 0) || !(dp50 > 0)) {
        f.note = "no frame time recorded";
        return f;
    }
    const double ratio = mp50 / dp50;
    f.measured = fmt("%.3f ms p50 (p95 %.3f)", mp50, mp95);
    f.baseline = fmt("demo window %.3f ms p50 (p95 %.3f)", dp50, dp95);
    f.ratio = fmt("%.2fx", ratio);
    f.measured_ok = true;
    f.pass = ratio <= 1.0;
    return f;
}

// [SECTION] Fake data
std::uint64_t Rng::next() { // splitmix64
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int Rng::range(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

namespace {
const std::vector<std::string> kLastNames = {
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Chevalier",
    "Faure", "Rousseau", "Blanc", "Guérin", "Müller", "Henry", "Roussel", "Nicolas", "Perrin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Lefebvre", "Benoît", "Ménard", "Bouchard", "Bœuf",
    "Haddad", "Benali", "Diallo", "Traoré", "N’Diaye", "Nguyen", "Da Silva", "Le Goff", "Kerjean", "Saïdi",
};
const std::vector<std::string> kFirstNames = {
    "Zoé", "Jérôme", "Benoît", "Hélène", "Loïc", "Anaïs", "Maël", "Noémie", "Karim", "Yasmine", "Éloïse",
    "Théo", "François", "Céline", "Grégoire", "Léa", "Stéphane", "Inès", "Raphaël", "Océane", "Mehdi",
    "Chloé", "Joël", "Aurélien", "Gaëlle", "Mamadou", "Sébastien", "Émilie", "Cédric", "Ibrahim", "Jean",
    "Marie-José", "Jean-Noël", "Aïcha", "Rémi", "Valérie", "Hugo", "Françoise", "Ludovic", "Sofiane",
};
const std::vector<std::string> kEstablishments = {
    "Maison d’arrêt de Fresnes", "Centre pénitentiaire de Rennes-Vezin", "Maison d’arrêt de Lyon-Corbas",
    "Centre de détention de Val-de-Reuil", "Maison d’arrêt de Nîmes", "Centre pénitentiaire de Liancourt",
};
const std::vector<std::string> kSentences = {
    "Souhaite passer le CAP cuisine ; « très motivé(e) » selon ses propres mots.",
    "A travaillé trois ans en restauration collective avant l’incarcération, puis en intérim dans le bâtiment.",
    "Permis B obtenu en 2015, suspendu depuis ; envisage une démarche de récupération à la sortie.",
    "Niveau de français oral correct, écrit à consolider : orientation possible vers l’atelier de remise à niveau.",
    "Évoque une expérience de cariste (CACES 3 périmé) et un intérêt pour la logistique en entrepôt.",
    "Hébergement à la sortie non assuré ; prendre contact avec le SPIP et le service d’insertion.",
    "Se dit prêt(e) à suivre une formation qualifiante d’au moins six mois, idéalement près de Lyon.",
    "Compétences relevées : ponctualité à l’atelier, travail en équipe, goût pour les tâches manuelles précises.",
    "Freins identifiés : absence de diplôme, trou dans le CV de 2019 à 2022, mobilité réduite.",
    "Photolangage : a choisi l’image du pont (« passer de l’autre côté ») et celle de la cuisine ouverte.",
    "Prochaine étape : rendez-vous avec la conseillère de France Travail prévu avant la fin du mois.",
    "Mentionne un frère artisan électricien qui pourrait l’accueillir en stage d’observation.",
};
} // namespace

core::Participant fake_participant(Rng& rng) {
    core::Participant p;
    p.last_name = rng.pick(kLastNames);
    if (rng.range(0, 9) == 0) p.last_name += "-" + rng.pick(kLastNames);
    p.first_name = rng.pick(kFirstNames);
    p.birth_date = core::Date{rng.range(1960, 2004), rng.range(1, 12), rng.range(1, 28)};
    p.ecrou = std::to_string(rng.range(100000, 999999));
    p.establishment = rng.pick(kEstablishments);
    p.legal_status = rng.range(0, 1) ? core::LegalStatus::Condamne : core::LegalStatus::Prevenu;
    p.entry_date = core::Date{rng.range(2020, 2025), rng.range(1, 12), rng.range(1, 28)};
    p.languages = {"fr"};
    if (rng.range(0, 3) == 0) p.languages.push_back(rng.range(0, 1) ? "ar" : "en");
    return p;
}

std::string fake_notes(Rng& rng, size_t bytes) {
    std::string out;
    while (out.size() < bytes) {
        if (!out.empty()) out += rng.range(0, 4) == 0 ? "\n\n" : " ";
        out += rng.pick(kSentences);
    }
    return out;
}

core::Session fake_session(Rng& rng, size_t notes_bytes, std::int64_t now) {
    const std::int64_t day = 86400;
    core::Session s;
    s.id = core::new_session_id();
    s.participant = fake_participant(rng);
    s.counsellor_id = "c-" + std::to_string(rng.range(1, 4));
    s.counsellor_name = "Claire Morvan";
    s.created_at = now - rng.range(0, 60) * day - rng.range(0, 36000);
    s.started_at = s.created_at + 300;
    s.ended_at = s.started_at + rng.range(1800, 5400);
    s.consent = true;
    s.consent_at = s.started_at;
    s.notes = fake_notes(rng, notes_bytes);
    const int st = rng.range(0, 9);
    s.status = st < 7 ? core::SessionStatus::Draft : st < 9 ? core::SessionStatus::Finalized : core::SessionStatus::Exported;
    s.history = {{s.created_at, s.counsellor_id, "created", ""},
                 {s.started_at, s.counsellor_id, "interview_started", ""},
                 {s.ended_at, s.counsellor_id, "interview_ended", ""}};
    for (int i = 0; i < rng.range(2, 12); ++i)
        s.history.push_back({s.started_at + i * 60, s.counsellor_id, "notes_edited", ""});
    if (s.status != core::SessionStatus::Draft)
        s.history.push_back({s.ended_at + 2 * day, s.counsellor_id, "finalized", "Synthèse relue avec la personne."});
    s.revision = static_cast<std::uint64_t>(s.history.size());
    return s;
}

std::vector<core::SessionSummary> fake_summaries(Rng& rng, int n, const core::Date& today) {
    std::vector<core::SessionSummary> out;
    out.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        core::SessionSummary s;
        s.id = core::new_session_id();
        const core::Participant p = fake_participant(rng);
        s.display_name = p.display_name();
        s.ecrou = p.ecrou;
        s.interview_date = today.plus_days(-rng.range(0, 90) + (rng.range(0, 4) == 0 ? rng.range(0, 5) : 0));
        const int st = rng.range(0, 9);
        s.status = st < 6 ? core::SessionStatus::Draft : st < 9 ? core::SessionStatus::Finalized : core::SessionStatus::Exported;
        s.updated_at = core::unix_now();
        s.revision = static_cast<std::uint64_t>(rng.range(1, 40));
        s.damaged = rng.range(0, 199) == 0; // a few unreadable rows, as list() reports them
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        if (a.interview_date != b.interview_date) return a.interview_date < b.interview_date;
        return a.id < b.id;
    });
    return out;
}

} // namespace bench
