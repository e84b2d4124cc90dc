// The work behind « Exporter » (issue 8); see export_controller.hpp.
//
// [SECTION] French words       interrupted exports, plan problems
// [SECTION] Planning           what the screen shows before an export
// [SECTION] Running            the worker, its progress, its result
// [SECTION] One frame
#include "app/export_controller.hpp"

#include "ui/i18n.hpp"

#include <platform.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace amorce::app {

namespace fs = std::filesystem;

// [SECTION] French words
std::string interrupted_export_words(const exporting::PendingExportReport& report) {
    using O = exporting::PendingExportReport::Outcome;
    switch (report.outcome) {
    case O::Marked:
        if (report.marked.empty()) return {};
        return report.marked.size() == 1 ? std::string(ui::tr("export.interrupted_one"))
                                         : ui::trf("export.interrupted", {std::to_string(report.marked.size())});
    case O::Failed: return ui::tr("export.interrupted_failed");
    case O::Discarded: // nothing had been delivered: nothing changes for the counsellor
    case O::None: break;
    }
    return {};
}

namespace {
// plan_export's problems name sessions by id ("session <id> is damaged..."): say them with the
// participant's name.
std::string problem_words(const std::string& english, const std::map<std::string, std::string>& names) {
    std::string name;
    if (english.rfind("session ", 0) == 0) {
        const std::string id = english.substr(8, english.find(' ', 8) - 8);
        const auto it = names.find(id);
        name = it != names.end() ? it->second : id;
    }
    auto has = [&](const char* s) { return english.find(s) != std::string::npos; };
    if (has("interrupted")) return ui::tr("export.problem.interrupted");
    if (has("is damaged")) return ui::trf("export.problem.damaged", {name});
    if (has("not finalized")) return ui::trf("export.problem.not_finalized", {name});
    if (has("no session")) return ui::tr("export.problem.missing");
    return ui::trf("export.problem.other", {english});
}
} // namespace

// [SECTION] Planning
ExportController::~ExportController() {
    if (worker_.valid()) worker_.wait();
}

int ExportController::step_delay_ms() {
    static const int ms = [] {
        const char* v = std::getenv("AMORCE_EXPORT_STEP_DELAY_MS");
        return v ? std::clamp(std::atoi(v), 0, 5000) : 0;
    }();
    return ms;
}

void ExportController::open(store::Store& store, const std::string& out_dir, const core::SynthesisAssets* assets,
                            std::vector<deck::Deck> decks) {
    close();
    store_ = &store;
    std::error_code ec;
    fs::create_directories(out_dir, ec); // a failure shows at the export, in French
    out_dir_ = fs::absolute(out_dir, ec).lexically_normal().string();
    assets_ = assets;
    decks_ = std::move(decks);
    model_ = ui::ExportModel{};
    plan();
}

void ExportController::close() {
    if (worker_.valid()) worker_.wait();
    worker_ = {};
    progress_.reset();
    ui::close_export_screen(state_);
    model_ = ui::ExportModel{};
    names_.clear();
}

// Reads the plan, the sessions already sent and the key. Also settles an interrupted export
// (plan_export does it first), which is said on the screen.
void ExportController::plan() {
    exporting::ExportOptions o;
    o.out_dir = out_dir_;
    const exporting::ExportPlan p = exporting::plan_export(*store_, o);
    if (const std::string words = interrupted_export_words(p.interrupted); !words.empty()) model_.interrupted = words;

    const std::vector<core::SessionSummary> list = store_->list();
    names_.clear();
    for (const auto& s : list)
        if (!s.damaged) names_[s.id] = s.display_name;
    model_.out_dir = out_dir_;
    model_.to_export.clear();
    model_.problems.clear();
    for (const auto& s : p.sessions) {
        model_.to_export.push_back({s.id, s.display_name, s.interview_date, 0});
        // run_export refuses a session without a finalized synthesis: say so before, by name.
        if (auto full = store_->load(s.id); full && (full->synthesis.finalized_at == 0 || full->synthesis.empty()))
            model_.problems.push_back(ui::trf("export.problem.no_synthesis", {s.display_name}));
    }
    for (const auto& e : p.problems) model_.problems.push_back(problem_words(e, names_));
    model_.drafts_left = p.drafts_left;
    model_.already_exported = p.already_exported;
    model_.exported.clear();
    for (const auto& s : list)
        if (!s.damaged && s.status == core::SessionStatus::Exported)
            model_.exported.push_back({s.id, s.display_name, s.interview_date, s.exported_at});
    std::stable_sort(model_.exported.begin(), model_.exported.end(),
                     [](const ui::ExportRow& a, const ui::ExportRow& b) { return a.exported_at > b.exported_at; });

    model_.key_fingerprint.clear();
    model_.key_problem.clear();
    const auto meta = store_->meta(exporting::kCentralKeyMeta);
    std::string error;
    if (!meta || meta->empty()) model_.key_problem = ui::tr("export.key.missing");
    else if (auto key = exporting::public_key_from_text(*meta, &error)) model_.key_fingerprint = exporting::key_fingerprint(*key);
    else model_.key_problem = ui::tr("export.key.invalid");
}

// [SECTION] Running
void ExportController::start(const std::vector<std::string>& again) {
    if (worker_.valid() || !store_) return;
    model_.phase = ui::ExportPhase::Running;
    model_.done = 0;
    model_.total = static_cast<int>(model_.to_export.size() + again.size()) + 2;
    model_.step = ui::tr("export.step.preparing");
    progress_ = std::make_shared<Progress>();
    std::error_code ec;
    fs::create_directories(out_dir_, ec);
    exporting::ExportOptions o;
    o.out_dir = out_dir_;
    o.assets = assets_;
    o.decks = &decks_; // outlives the worker: close() and the destructor wait for it
    o.again = again;
    store::Store* store = store_;
    const int delay = step_delay_ms();
    worker_ = std::async(std::launch::async, [store, o, progress = progress_, delay] {
        // Planned again here, with `again`: the screen's plan may be a few seconds old.
        const exporting::ExportPlan plan = exporting::plan_export(*store, o);
        exporting::ExportResult r = exporting::run_export(*store, plan, o, [&](int done, int total, const std::string& step) {
            {
                std::lock_guard<std::mutex> lock(progress->mutex);
                progress->done = done;
                progress->total = total;
                progress->step = step;
            }
            platform::Platform::wake();
            if (delay > 0 && step != "done") std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        });
        std::lock_guard<std::mutex> lock(progress->mutex);
        progress->result = std::move(r);
        platform::Platform::wake(); // a frame to show the result
    });
}

bool ExportController::collect() {
    if (!progress_) return false;
    std::optional<exporting::ExportResult> result;
    {
        std::lock_guard<std::mutex> lock(progress_->mutex);
        if (progress_->total > 0) {
            model_.done = progress_->done;
            model_.total = progress_->total;
            model_.step = ui::export_step_words(progress_->step, names_);
        }
        result = std::move(progress_->result);
        progress_->result.reset();
    }
    if (!result) return false;
    worker_.get();
    progress_.reset();
    const exporting::ExportResult& r = *result;
    if (r.ok) {
        model_.phase = ui::ExportPhase::Done;
        model_.sessions = r.sessions;
        model_.bytes = r.bytes;
        const fs::path path(r.path);
        model_.file_name = path.filename().string();
        model_.folder = path.parent_path().string();
    } else {
        model_.phase = ui::ExportPhase::Failed;
        model_.error = ui::tr(ui::export_error_key(r.error));
        model_.error_detail = r.error;
    }
    plan(); // statuses changed (or an interrupted export was settled): the lists again
    return r.ok;
}

// [SECTION] One frame
ExportController::Outcome ExportController::draw() {
    Outcome out = Outcome::None;
    if (worker_.valid() && collect()) out = Outcome::Exported;
    const ui::ExportScreenResult r = ui::draw_export(model_, state_);
    switch (r.action) {
    case ui::ExportAction::Back:
        if (!busy()) out = Outcome::Back;
        break;
    case ui::ExportAction::Export: start({}); break;
    case ui::ExportAction::ExportAgain: start({r.id}); break;
    case ui::ExportAction::Dismiss: model_.phase = ui::ExportPhase::Plan; break;
    case ui::ExportAction::None: break;
    }
    return out;
}

} // namespace amorce::app
