// « Exporter » (counsellor mode, issue 8): sending finalized syntheses to the central system.
// Reached from Home only (no session is open, so no editor can overwrite an Exported status).
// The screen shows what will go (the finalized sessions not exported yet, with the drafts left
// behind and the sessions already sent), where the file goes, which central key seals it; then
// « Exporter N entretiens » with a progress bar, and the result: the file's name, folder and size,
// or what went wrong in French. « Exporter à nouveau… » lists the sessions already sent; sending
// one again asks first. Like every screen it draws plain data and returns what was asked; the
// work (planning, the export on a worker thread) is src/app/export_controller.cpp.
//
// [SECTION] Data shown       rows, plan, progress, result (no store or export types: ui has none)
// [SECTION] Pure helpers     French words for the library's English steps and errors, sizes
// [SECTION] State and actions
// [SECTION] Entry point
#pragma once

#include "core/date.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace amorce::ui {

// [SECTION] Data shown
struct ExportRow {
    std::string id;
    std::string name;           // the participant (from memory; never written in the file name)
    core::Date interview_date;
    std::int64_t exported_at = 0; // already sent: when (unix seconds), else 0
};

enum class ExportPhase { Plan, Running, Done, Failed };

struct ExportModel {
    // What will go.
    std::vector<ExportRow> to_export;
    int drafts_left = 0;            // not finalized yet: they stay
    int already_exported = 0;       // sent before: they stay unless chosen again
    std::vector<std::string> problems; // French: the export cannot start while there are some
    std::string interrupted;        // French: an interrupted export was settled ("" none)
    std::vector<ExportRow> exported; // « Exporter à nouveau… »: sessions already sent, still here
    // Where, and for whom.
    std::string out_dir;            // absolute
    std::string key_fingerprint;    // "" with no usable key
    std::string key_problem;        // French, when the key is missing or invalid
    // The run.
    ExportPhase phase = ExportPhase::Plan;
    int done = 0, total = 0;        // steps (one per session, the audit extract, the sealing)
    std::string step;               // French: what is being done now
    // The result.
    int sessions = 0;
    std::int64_t bytes = 0;
    std::string file_name, folder;  // the bundle written (Done)
    std::string error;              // French (Failed)
    std::string error_detail;       // the library's English line, small, for whoever helps
};

// [SECTION] Pure helpers
// The French words of a progress step ("session <id>", "audit log", "sealing", "done"); names:
// session id -> participant, for « Entretien de FICTIF Stéphane ».
std::string export_step_words(const std::string& step, const std::map<std::string, std::string>& names);
// The translation key of the French message for an English export error (no key, read-only or
// missing folder, full disk, PDF failure...; else a generic one).
const char* export_error_key(const std::string& english);
// « 812 octets », « 48 Ko », « 1,2 Mo ».
std::string format_size(std::int64_t bytes);

// [SECTION] State and actions
struct ExportState {
    bool show_again = false;        // the list of sessions already sent is open
    std::string confirm_id;         // the confirmation sheet for sending this one again
    bool popup_open = false;        // the sheet's popup, closed on the frame after the sheet ends
};

enum class ExportAction {
    None,
    Back,        // to Home
    Export,      // the planned sessions
    ExportAgain, // id: one already sent (confirmed), with the planned ones
    Dismiss,     // the result was read: back to the plan
};
struct ExportScreenResult {
    ExportAction action = ExportAction::None;
    std::string id;
};

// [SECTION] Entry point
// Leaving the screen (back, lock): closes a sheet left open. Call between frames.
void close_export_screen(ExportState& state);
ExportScreenResult draw_export(const ExportModel& model, ExportState& state);

} // namespace amorce::ui
