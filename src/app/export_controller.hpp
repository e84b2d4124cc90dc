// The work behind « Exporter » (issue 8): plans the export from the store for ui::draw_export,
// runs exporting::run_export on a worker thread (it writes, fsyncs and seals a whole bundle:
// seconds with many PDFs) and turns its English steps and errors into French for the screen.
//
// Threads. The worker only calls the export library (which uses the store, safe from any thread)
// and writes its progress into a mutex-guarded Progress; each step wakes the UI loop
// (Platform::wake) so the bar moves while the app otherwise renders on demand. The UI thread
// reads Progress once a frame. close() and the destructor wait for a running export: a bundle is
// never left half written by leaving the screen or locking.
//
// Test pacing. AMORCE_EXPORT_STEP_DELAY_MS=N (environment) makes the worker sleep N ms after each
// progress step (at most 5000), so a UI script can see and photograph the progress bar of a
// one-session export, which otherwise takes a few milliseconds. Unset in normal use.
//
// [SECTION] ExportController
#pragma once

#include "core/synthesis.hpp"
#include "deck/deck.hpp"
#include "export/bundle.hpp"
#include "store/store.hpp"
#include "ui/export_screen.hpp"

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace amorce::app {

// French words for what resolve_pending_export() did ("" when there is nothing to say).
std::string interrupted_export_words(const exporting::PendingExportReport& report);

// [SECTION] ExportController
class ExportController {
public:
    enum class Outcome { None, Back, Exported }; // Exported: statuses changed, reload the list

    ExportController() = default;
    ~ExportController(); // waits for a running export
    ExportController(const ExportController&) = delete;
    ExportController& operator=(const ExportController&) = delete;

    // Entering the screen: the output folder (created if missing), the key, the plan.
    // assets: for the PDFs (null: the export fails with a clear message); decks: photos in them.
    void open(store::Store& store, const std::string& out_dir, const core::SynthesisAssets* assets,
              std::vector<deck::Deck> decks);
    // Leaving it (back or lock): waits for a running export, closes the sheet.
    void close();
    bool busy() const { return worker_.valid(); }
    Outcome draw();

    // The test pacing above, read once.
    static int step_delay_ms();

private:
    struct Progress { // written by the worker, read by the UI thread
        std::mutex mutex;
        int done = 0, total = 0;
        std::string step;
        std::optional<exporting::ExportResult> result;
    };

    void plan();
    void start(const std::vector<std::string>& again);
    bool collect(); // true when an export just succeeded

    store::Store* store_ = nullptr;
    std::string out_dir_;
    const core::SynthesisAssets* assets_ = nullptr;
    std::vector<deck::Deck> decks_; // a copy: the worker reads it while the UI thread goes on
    std::map<std::string, std::string> names_; // session id -> participant, for the steps
    ui::ExportModel model_;
    ui::ExportState state_;
    std::shared_ptr<Progress> progress_;
    std::future<void> worker_;
};

} // namespace amorce::app
