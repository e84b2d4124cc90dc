// « Exporter » (issue 8): see export_screen.hpp.
//
// [SECTION] Pure helpers       step words, error keys, sizes
// [SECTION] Small widgets      panels sized to their content, session rows, the progress bar, paths
// [SECTION] Sections           what goes, the action (button, progress, result), sending again,
//                              where, the key
// [SECTION] Confirmation sheet « Exporter à nouveau ? »
// [SECTION] Entry point
#include "ui/export_screen.hpp"

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace amorce::ui {

// [SECTION] Pure helpers
std::string export_step_words(const std::string& step, const std::map<std::string, std::string>& names) {
    if (step.rfind("session ", 0) == 0) {
        const auto it = names.find(step.substr(8));
        return it != names.end() && !it->second.empty() ? trf("export.step.session", {it->second})
                                                         : std::string(tr("export.step.session_unnamed"));
    }
    if (step == "audit log") return tr("export.step.audit");
    if (step == "sealing") return tr("export.step.sealing");
    if (step == "done") return tr("export.step.done");
    return tr("export.step.working");
}

const char* export_error_key(const std::string& e) {
    auto has = [&](const char* s) { return e.find(s) != std::string::npos; };
    // Order matters: "cannot write <file>: No space left on device" is a full disk, not a
    // read-only folder.
    if (has("No space left") || has("Disk quota")) return "export.error.full";
    if (has("central public key")) return has("invalid") || has("32 bytes") ? "export.error.bad_key" : "export.error.no_key";
    if (has("PDF") || has("synthesis assets")) return "export.error.pdf";
    if (has("Read-only") || has("Permission denied") || has("cannot write in") || has("does not exist") ||
        has("rename the bundle"))
        return "export.error.folder";
    if (has("no finalized synthesis") || has("not finalized")) return "export.error.synthesis";
    if (has("interrupted")) return "export.error.interrupted";
    if (has("nothing to export")) return "export.error.nothing";
    return "export.error.generic";
}

std::string format_size(std::int64_t bytes) {
    char buf[32];
    if (bytes < 1000) return trf("export.size.bytes", {std::to_string(bytes)});
    if (bytes < 1000 * 1000) return trf("export.size.kb", {std::to_string((bytes + 512) / 1024)});
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
    std::string mb = buf;
    std::replace(mb.begin(), mb.end(), '.', ','); // French decimal comma
    return trf("export.size.mb", {mb});
}

// [SECTION] Small widgets
namespace {

void vspace(float h) { ImGui::Dummy(ImVec2(1, h)); }

void heading(const std::string& s) {
    const Theme& t = theme();
    text(s, t.bold, colors::Muted, 0);
    vspace(t.gap * 0.25f);
}

// A rounded panel as tall as what it holds: the content is drawn on a front channel, the
// background behind it once its height is known (a child window would need the height first).
class Panel {
public:
    Panel(float width, ImU32 bg, ImU32 border) : width_(width), bg_(bg), border_(border) {
        const Theme& t = theme();
        dl_ = ImGui::GetWindowDrawList();
        p0_ = ImGui::GetCursorScreenPos();
        dl_->ChannelsSplit(2);
        dl_->ChannelsSetCurrent(1);
        ImGui::SetCursorScreenPos(ImVec2(p0_.x + t.pad, p0_.y + t.pad));
        ImGui::BeginGroup();
    }
    float inner() const { return width_ - theme().pad * 2; }
    ~Panel() {
        const Theme& t = theme();
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y + t.pad;
        dl_->ChannelsSetCurrent(0);
        dl_->AddRectFilled(p0_, ImVec2(p0_.x + width_, bottom), bg_, t.radius);
        dl_->AddRect(p0_, ImVec2(p0_.x + width_, bottom), border_, t.radius, 0, std::max(1.0f, t.dp));
        dl_->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(p0_.x, bottom + t.gap));
        ImGui::Dummy(ImVec2(width_, 0));
    }

private:
    ImDrawList* dl_;
    ImVec2 p0_;
    float width_;
    ImU32 bg_, border_;
};

// One session: name in bold, the interview day (and when it was sent) under it. A button on the
// right when `button_label` is given; returns true when it is tapped.
bool session_row(const ExportRow& row, const char* id_prefix, float width, const char* button_label, bool enabled) {
    const Theme& t = theme();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const float row_h = std::round(std::max(t.target + t.pad, t.body_px * 2.9f + t.pad * 1.2f));
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + width, p0.y + row_h);
    ImDrawList* dl = win->DrawList;
    dl->AddRectFilled(p0, p1, colors::Surface, t.radius);
    dl->AddRect(p0, p1, colors::Border, t.radius, 0, std::max(1.0f, t.dp));
    const std::string id = std::string(id_prefix) + row.id;
    std::string detail = trf("export.row.interview", {row.interview_date.to_french()});
    if (row.exported_at != 0) detail += " · " + trf("export.row.sent", {core::local_date_of(row.exported_at).to_french()});
    ImGui::Dummy(ImVec2(width, row_h));
    record_last_item(id, row.name + " — " + detail);

    bool tapped = false;
    float text_right = p1.x - t.pad;
    if (button_label) {
        const float bw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, button_label).x + t.pad * 2.5f;
        const ImVec2 after = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(p1.x - t.pad * 0.5f - bw, p0.y + (row_h - t.target) * 0.5f));
        tapped = button((id + ".again").c_str(), nullptr, button_label, ButtonKind::Secondary, ImVec2(bw, 0), enabled);
        ImGui::SetCursorScreenPos(after);
        text_right = p1.x - t.pad * 0.5f - bw - t.gap * 2;
    }
    const float x = p0.x + t.pad;
    const float tw = std::max(0.0f, text_right - x);
    const float line1 = p0.y + t.pad * 0.8f;
    dl->AddText(bold, bold->FontSize, ImVec2(x, line1), colors::Text, ellipsize(bold, bold->FontSize, row.name, tw).c_str());
    dl->AddText(body, body->FontSize, ImVec2(x, line1 + t.body_px * 1.35f), colors::Muted,
                ellipsize(body, body->FontSize, detail, tw).c_str());
    return tapped;
}

// A calm bar: the part done in the primary colour. No animation (the app renders on demand;
// each progress step from the worker wakes a frame).
void progress_bar(const char* id, int done, int total, float width) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const float h = std::round(t.body_px * 1.2f);
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + width, p0.y + h);
    const float k = total > 0 ? std::clamp(static_cast<float>(done) / static_cast<float>(total), 0.0f, 1.0f) : 0.0f;
    ImDrawList* dl = win->DrawList;
    dl->AddRectFilled(p0, p1, colors::PrimarySoft, h * 0.5f);
    // The step under way shows as a lighter segment, so the first step is not an empty bar.
    const float k_next = total > 0 ? std::clamp(static_cast<float>(done + 1) / static_cast<float>(total), 0.0f, 1.0f) : 0.0f;
    if (k_next > k) dl->AddRectFilled(p0, ImVec2(p0.x + std::max(h, width * k_next), p1.y), colors::Border, h * 0.5f);
    if (k > 0) dl->AddRectFilled(p0, ImVec2(p0.x + std::max(h, width * k), p1.y), colors::Primary, h * 0.5f);
    dl->AddRect(p0, p1, colors::Primary, h * 0.5f, 0, std::max(1.0f, t.dp));
    ImGui::Dummy(ImVec2(width, h));
    record_last_item(id, std::to_string(done) + " / " + std::to_string(total));
}

// A path or file name on as many lines as it needs, broken after a '/', '-', '_' or '.' (ImGui
// breaks only at spaces, and cut a folder name in two: « …/20_export/exp » « orts »).
std::string wrap_path(const std::string& path, ImFont* font, float width) {
    std::string out, line;
    auto w = [&](const std::string& s) { return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.c_str()).x; };
    size_t start = 0;
    while (start < path.size()) {
        size_t end = path.find_first_of("/-_.", start + 1);
        end = end == std::string::npos ? path.size() : end + 1;
        const std::string piece = path.substr(start, end - start);
        if (!line.empty() && w(line + piece) > width) {
            out += line + "\n";
            line.clear();
        }
        line += piece;
        start = end;
    }
    return out + line;
}

// A label in muted words, then its value (a path) under it.
void labelled_path(const char* id, const char* label, const std::string& value, float width) {
    const Theme& t = theme();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    text(label, t.body, colors::Muted, width);
    text(wrap_path(value, body, width), t.body, colors::Text, 0);
    record_last_item(id, value);
}

// The key's fingerprint in groups of four, easier to read out over the phone.
std::string grouped(const std::string& hex) {
    std::string out;
    for (size_t i = 0; i < hex.size(); ++i) {
        if (i && i % 4 == 0) out += ' ';
        out += hex[i];
    }
    return out;
}

bool can_export(const ExportModel& m) { return m.phase == ExportPhase::Plan && m.key_problem.empty() && m.problems.empty(); }

// [SECTION] Sections
void what_section(const ExportModel& m, float w) {
    const Theme& t = theme();
    heading(tr("export.what.title"));
    if (m.to_export.empty()) {
        Panel p(w, colors::SuccessSoft, colors::Success);
        text(std::string(ICON_CHECK) + "  " + tr("export.nothing_new"), t.bold, colors::Success, p.inner());
        text(tr("export.nothing_new_help"), t.body, colors::Text, p.inner());
    } else {
        const size_t n = m.to_export.size();
        text(n == 1 ? std::string(tr("export.what.count_one")) : trf("export.what.count", {std::to_string(n)}), t.body,
             colors::Text, w);
        vspace(t.gap * 0.25f);
        for (const ExportRow& row : m.to_export) {
            session_row(row, "export.session.", w, nullptr, true);
            vspace(t.gap * 0.25f);
        }
    }
    if (m.drafts_left > 0)
        text(m.drafts_left == 1 ? std::string(tr("export.drafts_one")) : trf("export.drafts", {std::to_string(m.drafts_left)}),
             t.body, colors::Muted, w);
    if (m.already_exported > 0)
        text(m.already_exported == 1 ? std::string(tr("export.already_one"))
                                     : trf("export.already", {std::to_string(m.already_exported)}),
             t.body, colors::Muted, w);
    for (const std::string& problem : m.problems) {
        vspace(t.gap * 0.5f);
        Panel p(w, colors::DangerSoft, colors::Danger);
        text(std::string(ICON_WARNING) + "  " + problem, t.bold, colors::Danger, p.inner());
    }
}

// Sessions already sent, for a deliberate second export (the central system lost a file...).
void again_section(const ExportModel& m, ExportState& st, float w) {
    const Theme& t = theme();
    if (!m.exported.empty()) {
        vspace(t.gap);
        const std::string label = std::string(tr(st.show_again ? "export.again.hide" : "export.again.show"));
        if (button("export.again.toggle", st.show_again ? ICON_UP : ICON_DOWN, label.c_str(), ButtonKind::Quiet))
            st.show_again = !st.show_again;
        if (st.show_again) {
            text(tr("export.again.help"), t.body, colors::Muted, w);
            vspace(t.gap * 0.25f);
            for (const ExportRow& row : m.exported) {
                if (session_row(row, "export.again.", w, tr("export.again.button"), can_export(m))) st.confirm_id = row.id;
                vspace(t.gap * 0.25f);
            }
        }
    }
}

void action_section(const ExportModel& m, float w, ExportScreenResult& r) {
    const Theme& t = theme();
    switch (m.phase) {
    case ExportPhase::Plan: {
        const size_t n = m.to_export.size();
        const std::string label = n == 1 ? std::string(tr("export.run_one")) : trf("export.run", {std::to_string(n)});
        if (button("export.run", ICON_EXPORT, n == 0 ? tr("export.run_none") : label.c_str(), ButtonKind::Primary, ImVec2(w, 0),
                   n > 0 && can_export(m)))
            r.action = ExportAction::Export;
        if (n > 0 && !m.key_problem.empty()) text(tr("export.run_needs_key"), t.body, colors::Muted, w);
        else if (n > 0 && !m.problems.empty()) text(tr("export.run_blocked"), t.body, colors::Muted, w);
        break;
    }
    case ExportPhase::Running: {
        Panel p(w, colors::Surface, colors::Primary);
        text(tr("export.running"), t.bold, colors::Primary, p.inner());
        vspace(t.gap * 0.5f);
        progress_bar("export.progress", m.done, m.total, p.inner());
        vspace(t.gap * 0.5f);
        text(trf("export.step", {std::to_string(std::min(m.done + 1, m.total)), std::to_string(m.total), m.step}), t.body,
             colors::Text, p.inner());
        text(tr("export.running_help"), t.body, colors::Muted, p.inner());
        break;
    }
    case ExportPhase::Done: {
        {
            Panel p(w, colors::SuccessSoft, colors::Success);
            const std::string title = m.sessions == 1 ? std::string(tr("export.done_one"))
                                                      : trf("export.done", {std::to_string(m.sessions)});
            text(std::string(ICON_CHECK) + "  " + title, t.bold, colors::Success, p.inner());
            record_last_item("export.result", title);
            vspace(t.gap * 0.5f);
            labelled_path("export.result.file", tr("export.done.file"), m.file_name, p.inner());
            labelled_path("export.result.folder", tr("export.done.folder"), m.folder, p.inner());
            text(trf("export.done.size", {format_size(m.bytes)}), t.body, colors::Text, p.inner());
            vspace(t.gap * 0.5f);
            text(tr("export.done.usb"), t.body, colors::Muted, p.inner());
        }
        if (button("export.result.ok", ICON_CHECK, tr("export.done.ok"), ButtonKind::Primary, ImVec2(w, 0)))
            r.action = ExportAction::Dismiss;
        break;
    }
    case ExportPhase::Failed: {
        {
            Panel p(w, colors::DangerSoft, colors::Danger);
            text(std::string(ICON_WARNING) + "  " + tr("export.failed"), t.bold, colors::Danger, p.inner());
            vspace(t.gap * 0.5f);
            text(m.error, t.body, colors::Text, p.inner());
            record_last_item("export.error", m.error);
            text(tr("export.failed.nothing_marked"), t.body, colors::Text, p.inner());
            if (!m.error_detail.empty()) {
                vspace(t.gap * 0.5f);
                ImGui::SetWindowFontScale(0.8f); // for whoever helps: the library's own words
                text(m.error_detail, t.body, colors::Muted, p.inner());
                ImGui::SetWindowFontScale(1.0f);
            }
        }
        if (button("export.result.ok", nullptr, tr("export.failed.ok"), ButtonKind::Secondary, ImVec2(w, 0)))
            r.action = ExportAction::Dismiss;
        break;
    }
    }
}

void where_section(const ExportModel& m, float w) {
    const Theme& t = theme();
    heading(std::string(ICON_FOLDER) + "  " + tr("export.where.title"));
    Panel p(w, colors::Surface, colors::Border);
    text(wrap_path(m.out_dir, t.body ? t.body : ImGui::GetFont(), p.inner()), t.body, colors::Text, 0);
    record_last_item("export.folder", m.out_dir);
    vspace(t.gap * 0.5f);
    text(tr("export.where.help"), t.body, colors::Muted, p.inner());
}

void key_section(const ExportModel& m, float w) {
    const Theme& t = theme();
    heading(std::string(ICON_LOCK) + "  " + tr("export.key.title"));
    if (m.key_problem.empty()) {
        Panel p(w, colors::Surface, colors::Border);
        text(trf("export.key.fingerprint", {grouped(m.key_fingerprint)}), t.bold, colors::Text, p.inner());
        record_last_item("export.key", m.key_fingerprint);
        text(tr("export.key.help"), t.body, colors::Muted, p.inner());
    } else {
        Panel p(w, colors::WarningSoft, colors::Warning);
        text(std::string(ICON_WARNING) + "  " + m.key_problem, t.bold, colors::Warning, p.inner());
        record_last_item("export.key_missing", m.key_problem);
    }
}

// [SECTION] Confirmation sheet
void confirm_sheet(const ExportModel& m, ExportState& st, ExportScreenResult& r) {
    const Theme& t = theme();
    if (st.confirm_id.empty() && !st.popup_open) return;
    if (!begin_sheet("##export_again", 0.9f, 680.0f)) return;
    st.popup_open = true;
    const auto row = std::find_if(m.exported.begin(), m.exported.end(), [&](const ExportRow& x) { return x.id == st.confirm_id; });
    if (!st.confirm_id.empty() && row != m.exported.end()) {
        const float cw = std::min(ImGui::GetContentRegionAvail().x, 680.0f * t.dp - t.pad * 3);
        text(trf("export.again.confirm_title", {row->name}), t.title, colors::Text, cw);
        vspace(t.gap);
        text(trf("export.again.confirm_text", {core::format_unix_french(row->exported_at)}), t.bold, colors::Text, cw);
        vspace(t.gap * 0.5f);
        text(tr("export.again.confirm_note"), t.body, colors::Text, cw);
        if (!m.to_export.empty())
            text(m.to_export.size() == 1 ? std::string(tr("export.again.with_one"))
                                         : trf("export.again.with", {std::to_string(m.to_export.size())}),
                 t.body, colors::Muted, cw);
        vspace(t.pad);
        const float bw = std::floor((cw - t.gap) * 0.5f);
        if (button("export.confirm.cancel", nullptr, tr("common.cancel"), ButtonKind::Secondary, ImVec2(bw, 0))) st.confirm_id.clear();
        ImGui::SameLine(0, t.gap);
        if (button("export.confirm.ok", ICON_EXPORT, tr("export.again.confirm"), ButtonKind::Primary, ImVec2(bw, 0))) {
            r.action = ExportAction::ExportAgain;
            r.id = st.confirm_id;
            st.confirm_id.clear();
        }
    } else {
        st.confirm_id.clear(); // the row went away (the list was reloaded)
    }
    if (st.confirm_id.empty()) {
        st.popup_open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace

// [SECTION] Entry point
void close_export_screen(ExportState& st) {
    st = ExportState{};
    // A sheet left open would stay in ImGui's popup stack and, being modal, block every touch on
    // the next screen: close it (between frames, so no window is current).
    if (ImGuiContext* g = ImGui::GetCurrentContext())
        if (g->OpenPopupStack.Size > 0 && !g->WithinFrameScope) ImGui::ClosePopupToLevel(0, false);
}

ExportScreenResult draw_export(const ExportModel& m, ExportState& st) {
    const Theme& t = theme();
    ExportScreenResult r;
    begin_screen("##export");
    const bool running = m.phase == ExportPhase::Running;

    // Top bar: back (not while the file is being written: the screen would be left mid-export)
    // and the title.
    if (button("export.back", ICON_BACK, tr("export.back"), ButtonKind::Secondary, ImVec2(0, 0), !running)) r.action = ExportAction::Back;
    ImGui::SameLine(0, t.pad);
    {
        ImFont* tf = t.title ? t.title : ImGui::GetFont();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.target - tf->FontSize) * 0.5f);
        text(std::string(ICON_EXPORT) + "  " + tr("export.title"), tf, colors::Text, 0);
    }
    vspace(t.gap * 0.5f);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (!m.interrupted.empty()) {
        Panel p(avail.x, colors::WarningSoft, colors::Warning);
        text(std::string(ICON_INFO) + "  " + m.interrupted, t.bold, colors::Warning, p.inner());
        record_last_item("export.interrupted", m.interrupted);
    }
    const ImVec2 rest = ImGui::GetContentRegionAvail();
    if (rest.x > rest.y) {
        // Landscape: what goes on the left; the action, the folder and the key on the right, so
        // the button and the progress bar are always in view whatever the length of the list.
        const float right_w = std::round(std::min(rest.x * 0.42f, 520.0f * t.dp));
        const float left_w = rest.x - right_w - t.pad;
        begin_touch_scroll("export.left", ImVec2(left_w, rest.y));
        const float lw = ImGui::GetContentRegionAvail().x - t.gap;
        what_section(m, lw);
        again_section(m, st, lw);
        end_touch_scroll();
        ImGui::SameLine(0, t.pad);
        begin_touch_scroll("export.right", ImVec2(right_w, rest.y));
        const float w = ImGui::GetContentRegionAvail().x - t.gap;
        action_section(m, w, r);
        vspace(t.gap);
        where_section(m, w);
        key_section(m, w);
        end_touch_scroll();
    } else {
        // Portrait: one column; the action right under what goes, before the sessions already sent.
        begin_touch_scroll("export.column", ImVec2(rest.x, rest.y));
        const float w = ImGui::GetContentRegionAvail().x - t.gap;
        what_section(m, w);
        vspace(t.gap);
        action_section(m, w, r);
        again_section(m, st, w);
        vspace(t.gap);
        where_section(m, w);
        key_section(m, w);
        end_touch_scroll();
    }
    confirm_sheet(m, st, r);
    end_screen();
    return r;
}

} // namespace amorce::ui
