// « Administration »: accounts, the audit log and the site's settings (issue 7). See
// admin_screen.hpp for what the screen shows and returns.
//
// [SECTION] Pure helpers       audit lines, groups, periods, new-account checks, ladders
// [SECTION] Small widgets      navigation tabs, radio chips, banners
// [SECTION] Page: Comptes
// [SECTION] Page: Journal
// [SECTION] Page: Réglages
// [SECTION] Sheets             add a counsellor, new code, new recovery key
// [SECTION] Entry point
#include "ui/admin_screen.hpp"

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>

namespace amorce::ui {

// [SECTION] Pure helpers
namespace {
// tr() of a key built at run time, or nullptr when the catalog lacks it (tr() returns the key
// itself then, which must never reach the screen).
const char* tr_if(const std::string& key) {
    const char* s = tr(key.c_str());
    return std::strcmp(s, key.c_str()) == 0 ? nullptr : s;
}

bool is_token(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// Session kinds name a session in `target`; the other kinds name an account.
bool targets_session(const std::string& what) { return audit_group_of(what) == AuditGroup::Sessions || audit_group_of(what) == AuditGroup::Exports; }

std::string detail_words(const AuditRecord& r) {
    const std::string& d = r.detail;
    if (d.empty()) return {};
    // The typed reason of a reopen is shown as typed.
    if (r.what == "reopen") return d;
    // A change names its command by its label key (« cmd.add_episode »): translated when it is one.
    // An undo or redo of it ends with ":undo" / ":redo".
    if (r.what == "change") {
        std::string label = d;
        const char* how = nullptr;
        for (const char* suffix : {":undo", ":redo"})
            if (label.size() > 5 && label.compare(label.size() - 5, 5, suffix) == 0) {
                how = suffix[1] == 'u' ? "audit.detail.undone" : "audit.detail.redone";
                label.resize(label.size() - 5);
            }
        if (const char* s = tr_if(label)) label = s;
        return how ? trf(how, {label}) : label;
    }
    // "retention:30d": purged by the retention policy after 30 days.
    if (d.rfind("retention:", 0) == 0) {
        std::string n = d.substr(10);
        if (!n.empty() && n.back() == 'd') n.pop_back();
        return trf("audit.detail.retention", {n});
    }
    // "unlock:unknown_account": a failed login with an identifier that does not exist.
    if (d.size() > 16 && d.compare(d.size() - 16, 16, ":unknown_account") == 0) return tr("audit.detail.unknown_account");
    // Machine keys: first the meaning for this kind ("admin" is a role for account_created, the
    // author for secret_changed), then the general one; anything else as it was stored.
    if (is_token(d)) {
        if (const char* s = tr_if("audit.detail." + r.what + "." + d)) return s;
        if (const char* s = tr_if("audit.detail." + d)) return s;
    }
    return d;
}
} // namespace

AuditGroup audit_group_of(const std::string& w) {
    static const struct {
        const char* kind;
        AuditGroup group;
    } map[] = {
        {"login_ok", AuditGroup::Logins},          {"login_failed", AuditGroup::Logins},
        {"account_locked", AuditGroup::Logins},    {"unlock_recovery", AuditGroup::Logins},
        {"lock", AuditGroup::Logins},              {"open", AuditGroup::Sessions},
        {"change", AuditGroup::Sessions},          {"finalize", AuditGroup::Sessions},
        {"reopen", AuditGroup::Sessions},          {"export", AuditGroup::Exports},
        {"purge", AuditGroup::Exports},            {"account_created", AuditGroup::Accounts},
        {"account_changed", AuditGroup::Accounts}, {"secret_changed", AuditGroup::Accounts},
        {"admin_unlock", AuditGroup::Accounts},
    };
    for (const auto& m : map)
        if (w == m.kind) return m.group;
    return AuditGroup::All;
}

const char* audit_group_key(AuditGroup g) {
    switch (g) {
    case AuditGroup::All: return "admin.journal.group.all";
    case AuditGroup::Logins: return "admin.journal.group.logins";
    case AuditGroup::Sessions: return "admin.journal.group.sessions";
    case AuditGroup::Exports: return "admin.journal.group.exports";
    case AuditGroup::Accounts: return "admin.journal.group.accounts";
    }
    return "admin.journal.group.all";
}

AuditLine audit_line(const AuditRecord& r, const NameLookup& name_of_account, const NameLookup& name_of_session) {
    AuditLine l;
    l.when = core::format_unix_french(r.at);
    auto account_name = [&](const std::string& id) -> std::string {
        if (id == "#recovery") return tr("audit.who.recovery");
        const std::string n = name_of_account ? name_of_account(id) : std::string();
        return n.empty() ? id : n;
    };
    l.who = r.who.empty() ? std::string(tr("audit.who.app")) : account_name(r.who);
    const char* what = tr_if("audit.kind." + r.what);
    l.what = what ? what : r.what;
    if (!r.target.empty() && r.target != r.who) {
        if (targets_session(r.what)) {
            const std::string n = name_of_session ? name_of_session(r.target) : std::string();
            // A purged session is no longer in memory: its short id is all that is left (the log
            // never stores a name).
            l.target = n.empty() ? trf("audit.session_short", {r.target.substr(0, 8)}) : n;
        } else {
            l.target = account_name(r.target);
        }
    }
    l.detail = detail_words(r);
    l.alert = r.what == "login_failed" || r.what == "account_locked";
    return l;
}

core::Date period_first_day(AuditPeriod p, const core::Date& today) {
    switch (p) {
    case AuditPeriod::All: return {};
    case AuditPeriod::Today: return today;
    case AuditPeriod::Week: return today.plus_days(-6);
    }
    return {};
}

std::int64_t local_midnight(const core::Date& day) {
    std::tm tm{};
    tm.tm_year = day.year - 1900;
    tm.tm_mon = day.month - 1;
    tm.tm_mday = day.day;
    tm.tm_isdst = -1; // let the C library find whether that day is in summer time
    return static_cast<std::int64_t>(std::mktime(&tm));
}

std::string normalize_account_id(const std::string& typed) {
    const size_t a = typed.find_first_not_of(" \t");
    if (a == std::string::npos) return {};
    const size_t b = typed.find_last_not_of(" \t");
    std::string id = typed.substr(a, b - a + 1);
    for (char& c : id)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return id;
}

std::string new_account_problem(const std::string& name, const std::string& id, const std::vector<AdminAccount>& existing) {
    if (name.find_first_not_of(" \t") == std::string::npos) return "admin.add.name_missing";
    if (name.size() > 200) return "admin.add.name_too_long";
    if (id.empty()) return "admin.add.id_missing";
    // The store's rule (store.cpp valid_account_id), checked here to say it in French first.
    const bool valid = id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (!valid) return "admin.add.id_invalid";
    for (const auto& a : existing)
        if (a.id == id) return "admin.add.id_taken";
    return {};
}

int ladder_step(int value, int dir, const std::vector<int>& ladder) {
    if (ladder.empty() || dir == 0) return value;
    if (dir > 0) {
        for (int v : ladder)
            if (v > value) return v;
        return ladder.back();
    }
    for (auto it = ladder.rbegin(); it != ladder.rend(); ++it)
        if (*it < value) return *it;
    return ladder.front();
}

const std::vector<int>& lock_minutes_ladder() {
    static const std::vector<int> l{1, 2, 3, 5, 10, 15, 20, 30, 45, 60};
    return l;
}

const std::vector<int>& retention_days_ladder() {
    static const std::vector<int> l{1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365};
    return l;
}

// [SECTION] Small widgets
namespace {
void vspace(float h) { ImGui::Dummy(ImVec2(1, h)); }

// A navigation entry: icon and word, the chosen one marked by colour and a bar.
bool nav_tab(const char* id, const char* icon, const char* label, bool selected, ImVec2 size) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    bool held = false;
    const bool tapped = tap_area(id, size, &held);
    ImDrawList* dl = win->DrawList;
    dl->AddRectFilled(p0, p1, selected ? colors::PrimarySoft : (held ? colors::SurfacePressed : colors::Surface), t.radius);
    if (selected) dl->AddRectFilled(p0, ImVec2(p0.x + 5 * t.dp, p1.y), colors::Primary, t.radius, ImDrawFlags_RoundCornersLeft);
    else dl->AddRect(p0, p1, colors::Border, t.radius, 0, std::max(1.0f, t.dp));
    ImFont* f = selected && t.bold ? t.bold : (t.body ? t.body : ImGui::GetFont());
    const float fs = f->FontSize;
    const float y = p0.y + (size.y - fs) * 0.5f;
    const ImU32 fg = selected ? colors::Primary : colors::Text;
    dl->AddText(f, fs, ImVec2(p0.x + t.pad, y), fg, icon);
    static std::string shown;
    ellipsize_into(shown, f, fs, label, size.x - t.pad * 2 - fs * 1.6f);
    dl->AddText(f, fs, ImVec2(p0.x + t.pad + fs * 1.6f, y), fg, shown.c_str());
    record_last_item(id, label);
    return tapped;
}

// Chips that behave like radio buttons: tapping one chooses it. Wraps to a new line when the
// next chip would pass the right edge. Returns true when the choice changed.
bool radio_chip(const char* id, const std::string& label, bool selected, bool& first) {
    const Theme& t = theme();
    ImFont* font = t.body ? t.body : ImGui::GetFont();
    const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.c_str()).x + t.pad * 2 + (selected ? font->FontSize * 1.3f : 0);
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (!first) {
        ImGui::SameLine(0, t.gap);
        if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    first = false;
    bool on = selected;
    return chip(id, label, on) && !selected;
}

// A full-width message with an icon, sized to its wrapped text.
void banner(const char* id, const char* icon, const std::string& message, ImU32 bg, ImU32 fg) {
    const Theme& t = theme();
    ImFont* font = t.bold ? t.bold : ImGui::GetFont();
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string s = std::string(icon) + "  " + message;
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, width - t.pad * 2, s.c_str());
    card_begin(id, ImVec2(width, ts.y + t.pad * 2), bg);
    text(s, font, fg, width - t.pad * 2);
    card_end();
}

// The page's own heading: title on the left.
void heading(const std::string& s) {
    const Theme& t = theme();
    text(s, t.title, colors::Text, 0);
    vspace(t.gap * 0.5f);
}

std::string account_state(const AdminAccount& a, ImU32* color) {
    if (a.locked) {
        *color = colors::Danger;
        return tr("admin.account.locked");
    }
    if (a.failures > 0) {
        *color = colors::Warning;
        return a.failures == 1 ? std::string(tr("admin.account.failure_one"))
                               : trf("admin.account.failures", {std::to_string(a.failures)});
    }
    *color = colors::Muted;
    return {};
}

// [SECTION] Page: Comptes
// One account: name, identifier and role, its state; « Débloquer » when blocked, « Nouveau code ».
void account_row(const AdminAccount& a, const AdminModel& m, AdminState& st, float width, AdminResult& r) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const float row_h = std::round(std::max(t.target + t.pad * 1.5f, t.body_px * 2.9f + t.pad * 1.2f));
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + width, p0.y + row_h);
    ImDrawList* dl = win->DrawList;
    dl->AddRectFilled(p0, p1, a.locked ? colors::DangerSoft : colors::Surface, t.radius);
    dl->AddRect(p0, p1, a.locked ? colors::Danger : colors::Border, t.radius, 0, std::max(1.0f, t.dp));
    const std::string row_id = "admin.account." + a.id;
    ImGui::Dummy(ImVec2(width, row_h));
    ImU32 state_color = colors::Muted;
    const std::string state = account_state(a, &state_color);
    const std::string role = tr(a.admin ? "admin.role.admin" : "admin.role.counsellor");
    record_last_item(row_id, a.name + " — " + a.id + " — " + role + (state.empty() ? "" : " — " + state));

    // The buttons on the right, then the text in what is left.
    const char* newcode = tr("admin.account.new_code");
    const char* unlock = tr("admin.account.unlock");
    auto button_w = [&](const char* icon, const char* label) {
        return bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label).x + bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, icon).x +
               t.gap * 1.25f + t.pad * 2.5f;
    };
    const float code_w = button_w(ICON_EDIT, newcode);
    const float unlock_w = a.locked ? button_w(ICON_LOCK, unlock) : 0.0f;
    const float by = p0.y + (row_h - t.target) * 0.5f;
    float bx = p1.x - t.pad - code_w;
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(bx, by));
    if (button((row_id + ".new_code").c_str(), ICON_EDIT, newcode, ButtonKind::Secondary, ImVec2(code_w, 0), !m.busy)) {
        st.sheet = AdminSheetState{};
        st.sheet.kind = AdminSheet::NewCode;
        st.sheet.step = 1;
        st.sheet.target_id = a.id;
        st.sheet.target_name = a.name;
        st.done.clear();
        st.failed.clear();
    }
    if (a.locked) {
        bx -= unlock_w + t.gap;
        ImGui::SetCursorScreenPos(ImVec2(bx, by));
        if (button((row_id + ".unlock").c_str(), ICON_LOCK, unlock, ButtonKind::Primary, ImVec2(unlock_w, 0), !m.busy)) {
            r.action = AdminAction::UnlockAccount;
            r.id = a.id;
            r.name = a.name;
        }
    }
    ImGui::SetCursorScreenPos(after);

    const float x = p0.x + t.pad;
    const float text_w = std::max(0.0f, bx - t.gap * 2 - x);
    const float line1 = p0.y + t.pad * 0.8f;
    const float line2 = line1 + t.body_px * 1.35f;
    std::string name = a.name;
    if (a.id == m.self_id) name += "  (" + std::string(tr("admin.account.you")) + ")";
    dl->AddText(bold, bold->FontSize, ImVec2(x, line1), colors::Text, ellipsize(bold, bold->FontSize, name, text_w).c_str());
    const std::string who = a.id + " · " + role;
    const std::string shown = ellipsize(body, body->FontSize, who, text_w);
    dl->AddText(body, body->FontSize, ImVec2(x, line2), colors::Muted, shown.c_str());
    if (!state.empty()) {
        const float used = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, (shown + " · ").c_str()).x;
        if (shown == who && used < text_w) {
            dl->AddText(body, body->FontSize, ImVec2(x + body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, shown.c_str()).x, line2),
                        colors::Muted, " · ");
            ImFont* sf = a.locked ? bold : body;
            dl->AddText(sf, sf->FontSize, ImVec2(x + used, line2), state_color, ellipsize(sf, sf->FontSize, state, text_w - used).c_str());
        }
    }
}

void accounts_page(const AdminModel& m, AdminState& st, ImVec2 size, AdminResult& r) {
    const Theme& t = theme();
    begin_touch_scroll("admin.accounts", size);
    if (st.scroll_top) {
        ImGui::SetScrollY(0.0f);
        st.scroll_top = false;
    }
    const float w = ImGui::GetContentRegionAvail().x - t.gap;
    {
        const char* add = tr("admin.add.button");
        ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
        const float add_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, add).x + bold->FontSize * 1.5f + t.pad * 2.5f;
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + (t.target - (t.title ? t.title->FontSize : t.body_px)) * 0.5f);
        text(tr("admin.accounts.title"), t.title, colors::Text, 0);
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMin().x + w - add_w));
        ImGui::SetCursorPosY(y);
        if (button("admin.add", ICON_PLUS, add, ButtonKind::Primary, ImVec2(add_w, 0), !m.busy)) {
            st.sheet = AdminSheetState{};
            st.sheet.kind = AdminSheet::Add;
            st.done.clear();
            st.failed.clear();
        }
    }
    vspace(t.gap);
    if (m.accounts)
        for (const auto& a : *m.accounts) {
            account_row(a, m, st, w, r);
            vspace(t.gap * 0.25f);
        }
    vspace(t.pad);
    heading(tr("admin.recovery.title"));
    text(tr("admin.recovery.text"), t.body, colors::Muted, w);
    vspace(t.gap);
    if (button("admin.recovery.new", ICON_WARNING, tr("admin.recovery.button"), ButtonKind::Secondary, ImVec2(0, 0), !m.busy)) {
        st.sheet = AdminSheetState{};
        st.sheet.kind = AdminSheet::RecoveryConfirm;
        st.done.clear();
        st.failed.clear();
    }
    vspace(t.pad);
    end_touch_scroll();
}

// [SECTION] Page: Journal
void journal_row(const AuditLine& l, float width, float height) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const ImVec2 p0 = win->DC.CursorPos;
    const ImVec2 p1(p0.x + width, p0.y + height);
    ImGui::Dummy(ImVec2(width, height));
    std::string second = l.target;
    if (!l.detail.empty()) second += (second.empty() ? "" : " · ") + l.detail;
    record_last_item("admin.journal.row", l.when + " — " + l.who + " — " + l.what + (second.empty() ? "" : " — " + second));
    if (!ImGui::IsItemVisible()) return;
    ImDrawList* dl = win->DrawList;
    dl->AddRectFilled(p0, p1, l.alert ? colors::DangerSoft : colors::Surface, t.radius);
    dl->AddRect(p0, p1, colors::Border, t.radius, 0, std::max(1.0f, t.dp));
    const float x = p0.x + t.pad;
    const float line1 = p0.y + t.pad * 0.6f;
    const float line2 = line1 + t.body_px * 1.3f;
    const float when_w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, l.when.c_str()).x;
    const float right = p1.x - t.pad;
    dl->AddText(body, body->FontSize, ImVec2(right - when_w, line1), colors::Muted, l.when.c_str());
    const float avail = std::max(0.0f, right - when_w - t.gap * 2 - x);
    const std::string what = ellipsize(bold, bold->FontSize, l.what, avail);
    dl->AddText(bold, bold->FontSize, ImVec2(x, line1), l.alert ? colors::Danger : colors::Text, what.c_str());
    const float what_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, what.c_str()).x;
    if (what == l.what && what_w + t.gap * 2 < avail) {
        const std::string who = ellipsize(body, body->FontSize, "· " + l.who, avail - what_w - t.gap);
        dl->AddText(body, body->FontSize, ImVec2(x + what_w + t.gap, line1), colors::Text, who.c_str());
    }
    if (!second.empty())
        dl->AddText(body, body->FontSize, ImVec2(x, line2), colors::Muted, ellipsize(body, body->FontSize, second, right - x).c_str());
}

void journal_page(const AdminModel& m, AdminState& st, ImVec2 size, AdminResult& r) {
    const Theme& t = theme();
    const float w = size.x;
    // The chain check: intact, being checked, or altered (and how).
    {
        std::string s;
        ImU32 fg = colors::Success;
        const char* icon = ICON_CHECK;
        if (m.verify_running) {
            s = tr("admin.journal.verifying");
            fg = colors::Muted;
            icon = ICON_INFO;
        } else if (m.verify_ok) {
            s = trf("admin.journal.intact", {std::to_string(m.verify_checked)});
        } else {
            s = trf("admin.journal.altered", {m.verify_problem});
            fg = colors::Danger;
            icon = ICON_WARNING;
        }
        text(std::string(icon) + "  " + s, t.bold, fg, w);
        record_last_item("admin.journal.status", s);
    }
    vspace(t.gap * 0.5f);
    bool first = true;
    for (int g = 0; g < kAuditGroupCount; ++g) {
        const std::string id = "admin.filter.group." + std::to_string(g);
        if (radio_chip(id.c_str(), tr(audit_group_key(static_cast<AuditGroup>(g))), static_cast<int>(st.group) == g, first)) {
            st.group = static_cast<AuditGroup>(g);
            r.action = AdminAction::JournalFilter;
        }
    }
    static const char* kPeriods[] = {"admin.journal.period.all", "admin.journal.period.today", "admin.journal.period.week"};
    // The periods after the kinds, a little apart (same row when there is room).
    ImGui::SameLine(0, t.pad);
    first = true;
    {
        ImFont* font = t.body ? t.body : ImGui::GetFont();
        float need = 0;
        for (const char* k : kPeriods) need += font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, tr(k)).x + t.pad * 2 + t.gap;
        if (ImGui::GetCursorScreenPos().x + need > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    }
    for (int p : {1, 2, 0}) {
        const std::string id = "admin.filter.period." + std::to_string(p);
        if (radio_chip(id.c_str(), tr(kPeriods[p]), static_cast<int>(st.period) == p, first)) {
            st.period = static_cast<AuditPeriod>(p);
            r.action = AdminAction::JournalFilter;
        }
    }
    first = true;
    if (radio_chip("admin.filter.person.all", tr("admin.journal.everyone"), st.person.empty(), first)) {
        st.person.clear();
        r.action = AdminAction::JournalFilter;
    }
    for (const auto& [id, name] : m.journal_people) {
        const std::string cid = "admin.filter.person." + id;
        if (radio_chip(cid.c_str(), name, st.person == id, first)) {
            st.person = id;
            r.action = AdminAction::JournalFilter;
        }
    }
    vspace(t.gap * 0.5f);
    if (!m.journal_error.empty()) text(m.journal_error, t.body, colors::Danger, w);

    begin_touch_scroll("admin.journal", ImVec2(0, 0));
    {
        const ImGuiWindow* win = ImGui::GetCurrentWindow();
        registry().record("admin.journal", win->Rect().Min, win->Rect().Max, "");
    }
    if (st.scroll_top) {
        ImGui::SetScrollY(0.0f);
        st.scroll_top = false;
    }
    const float row_w = ImGui::GetContentRegionAvail().x - t.gap;
    const float row_h = std::round(t.body_px * 2.6f + t.pad * 1.2f);
    if (m.journal) {
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(m.journal->size()), row_h + ImGui::GetStyle().ItemSpacing.y);
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) journal_row((*m.journal)[static_cast<size_t>(i)], row_w, row_h);
        if (m.journal->empty()) text(tr("admin.journal.empty"), t.body, colors::Muted, row_w);
    }
    if (m.journal_more) {
        vspace(t.gap);
        if (button("admin.journal.older", ICON_DOWN, tr("admin.journal.older"), ButtonKind::Secondary, ImVec2(row_w, 0)))
            r.action = AdminAction::JournalOlder;
    }
    vspace(t.pad);
    end_touch_scroll();
}

// [SECTION] Page: Réglages
// One setting: its title, what it does, − value +, and « Enregistré » once changed.
void stepper(const char* id, const char* title_key, const char* help_key, const std::string& value_text, int row,
             AdminState& st, float w, int* dir) {
    const Theme& t = theme();
    *dir = 0;
    text(tr(title_key), t.bold, colors::Text, w);
    text(tr(help_key), t.body, colors::Muted, w);
    vspace(t.gap * 0.5f);
    ImGui::PushID(id);
    const float bw = std::round(t.target * 1.25f);
    const std::string minus = std::string(id) + ".minus", plus = std::string(id) + ".plus";
    if (button(minus.c_str(), ICON_MINUS, "", ButtonKind::Secondary, ImVec2(bw, bw))) *dir = -1;
    record_last_item(minus, tr("admin.settings.less"));
    ImGui::SameLine(0, t.gap);
    {
        ImFont* tf = t.title ? t.title : ImGui::GetFont();
        const float vw = std::round(170.0f * t.dp);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, value_text.c_str());
        ImGui::Dummy(ImVec2(vw, bw));
        ImGui::GetWindowDrawList()->AddText(tf, tf->FontSize, ImVec2(p.x + (vw - ts.x) * 0.5f, p.y + (bw - ts.y) * 0.5f), colors::Text,
                                            value_text.c_str());
        record_last_item(std::string(id) + ".value", value_text);
    }
    ImGui::SameLine(0, t.gap);
    if (button(plus.c_str(), ICON_PLUS, "", ButtonKind::Secondary, ImVec2(bw, bw))) *dir = 1;
    record_last_item(plus, tr("admin.settings.more"));
    if (st.saved_row == row) {
        // Beside the stepper, drawn rather than laid out: the row keeps its height.
        ImFont* bf = t.bold ? t.bold : ImGui::GetFont();
        const std::string saved = std::string(ICON_CHECK) + "  " + tr("admin.settings.saved");
        const ImVec2 p(ImGui::GetItemRectMax().x + t.pad, ImGui::GetItemRectMin().y + (bw - bf->FontSize) * 0.5f);
        ImGui::GetWindowDrawList()->AddText(bf, bf->FontSize, p, colors::Success, saved.c_str());
        const ImVec2 size = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, saved.c_str());
        registry().record(std::string(id) + ".saved", p, ImVec2(p.x + size.x, p.y + size.y), saved);
    }
    ImGui::PopID();
    vspace(t.pad * 1.5f);
}

std::string minutes_text(int n) { return n == 1 ? std::string(tr("admin.settings.one_minute")) : trf("admin.settings.minutes", {std::to_string(n)}); }
std::string days_text(int n) { return n == 1 ? std::string(tr("admin.settings.one_day")) : trf("admin.settings.days", {std::to_string(n)}); }

void settings_page(const AdminModel& m, AdminState& st, ImVec2 size, AdminResult& r) {
    const Theme& t = theme();
    begin_touch_scroll("admin.settings", size);
    if (st.scroll_top) {
        ImGui::SetScrollY(0.0f);
        st.scroll_top = false;
    }
    const float w = ImGui::GetContentRegionAvail().x - t.gap;
    heading(tr("admin.settings.title"));
    for (const auto& p : m.settings.problems) text(std::string(ICON_WARNING) + "  " + p, t.body, colors::Warning, w);
    vspace(t.gap);
    int dir = 0;
    stepper("admin.lock", "admin.settings.lock_title", "admin.settings.lock_help", minutes_text(m.settings.lock_minutes), 1, st, w, &dir);
    if (dir) {
        r.action = AdminAction::SetLockMinutes;
        r.value = ladder_step(m.settings.lock_minutes, dir, lock_minutes_ladder());
    }
    stepper("admin.purge", "admin.settings.purge_title", "admin.settings.purge_help", days_text(m.settings.purge_days), 2, st, w, &dir);
    if (dir) {
        r.action = AdminAction::SetPurgeDays;
        r.value = ladder_step(m.settings.purge_days, dir, retention_days_ladder());
    }
    stepper("admin.flag", "admin.settings.flag_title", "admin.settings.flag_help", days_text(m.settings.flag_days), 3, st, w, &dir);
    if (dir) {
        r.action = AdminAction::SetFlagDays;
        r.value = ladder_step(m.settings.flag_days, dir, retention_days_ladder());
    }
    end_touch_scroll();
}

// [SECTION] Sheets
// A sheet of a fixed size for its kind (centred, modal). Not sized to its content: the steps of
// a sheet change what it holds, and a sheet that resized and re-centred itself would move the
// PIN keys under the finger between two taps.
bool begin_fixed_sheet(const char* id, float w_dp, float h_dp) {
    const Theme& t = theme();
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(d.x * 0.94f, w_dp * t.dp), std::min(d.y * 0.94f, h_dp * t.dp)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.radius * 1.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.pad * 1.5f, t.pad * 1.5f));
    const bool open = ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar(2);
    return open;
}

// What the code steps say above (or beside) the pad: which entry, and the last refusal. A fixed
// height, so the pad never moves when a message comes or goes.
void code_messages(const AdminSheetState& sh, const AdminModel& m, float w) {
    const Theme& t = theme();
    text(tr(sh.step == 1 ? "admin.code.first" : "admin.code.again"), t.bold, colors::Text, w);
    const float top = ImGui::GetCursorPosY();
    if (!sh.error.empty()) text(sh.error, t.bold, colors::Danger, w);
    if (m.busy) text(tr("admin.busy"), t.body, colors::Muted, w);
    if (ImGui::GetCursorPosY() < top + t.body_px * 2.6f) ImGui::SetCursorPosY(top + t.body_px * 2.6f);
}

// The pad of steps 1 and 2 (the code, then the same code again). Returns true once both entries
// match and the first passed the policy.
bool code_pad(AdminSheetState& sh, const AdminModel& m, float w, const std::function<std::string(const std::string&)>& check_secret) {
    if (sh.step == 1) {
        if (pin_pad(sh.pad, w, !m.busy)) {
            const std::string why = check_secret ? check_secret(sh.pad.secret) : std::string();
            if (!why.empty()) {
                sh.error = tr(why.c_str());
                sh.pad.secret.clear();
            } else {
                sh.step = 2;
                sh.confirm = PinPadState{};
                sh.confirm.passphrase = sh.pad.passphrase;
                sh.error.clear();
            }
        }
        return false;
    }
    if (!pin_pad(sh.confirm, w, !m.busy)) return false;
    if (sh.confirm.secret == sh.pad.secret) return true;
    sh.error = tr("admin.code.mismatch");
    sh.step = 1;
    sh.pad = PinPadState{};
    sh.confirm = PinPadState{};
    return false;
}

// « Revenir » (one step back: a code step to the previous one) and « Annuler » (closes).
void sheet_buttons(AdminSheetState& sh, const AdminModel& m, float w, bool back) {
    const Theme& t = theme();
    const float bw = back ? std::floor((w - t.gap) * 0.5f) : w;
    if (back) {
        if (button("admin.sheet.back", ICON_BACK, tr("admin.sheet.back"), ButtonKind::Secondary, ImVec2(bw, 0), !m.busy)) {
            sh.error.clear();
            sh.step = sh.step == 2 ? 1 : 0;
            sh.pad = PinPadState{};
            sh.confirm = PinPadState{};
        }
        ImGui::SameLine(0, t.gap);
    }
    if (button("admin.sheet.cancel", nullptr, tr("common.cancel"), ButtonKind::Secondary, ImVec2(bw, 0), !m.busy)) sh = AdminSheetState{};
}

// The code steps of « Ajouter un conseiller » and « Nouveau code »: in landscape the words and
// buttons on the left and the pad on the right (everything fits an 800 px high screen); in
// portrait one column. Returns true with both entries matching.
bool code_steps(AdminSheetState& sh, const AdminModel& m, const std::string& title, const std::string& subtitle,
                bool back_to_names, const std::function<std::string(const std::string&)>& check_secret) {
    const Theme& t = theme();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool wide = avail.x >= 760.0f * t.dp;
    const float col_w = wide ? std::floor((avail.x - t.pad * 2) * 0.48f) : avail.x;
    const float pad_w = wide ? avail.x - col_w - t.pad * 2 : std::min(avail.x, 460.0f * t.dp);
    const bool back = back_to_names || sh.step == 2;
    bool done = false;
    ImGui::BeginGroup();
    text(title, t.title, colors::Text, col_w);
    text(subtitle, t.body, colors::Muted, col_w);
    vspace(t.gap);
    code_messages(sh, m, col_w);
    if (wide) {
        // The buttons at the bottom of the left column, level with the pad's last row.
        const float bottom = ImGui::GetWindowContentRegionMax().y - t.target;
        if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
        sheet_buttons(sh, m, col_w, back);
    }
    ImGui::EndGroup();
    if (wide) {
        ImGui::SameLine(0, t.pad * 2);
        ImGui::BeginGroup();
        done = code_pad(sh, m, pad_w, check_secret);
        ImGui::EndGroup();
    } else {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - pad_w) * 0.5f);
        ImGui::BeginGroup();
        done = code_pad(sh, m, pad_w, check_secret);
        ImGui::EndGroup();
        vspace(t.gap);
        sheet_buttons(sh, m, avail.x, back);
    }
    return done;
}

void draw_sheet(const AdminModel& m, AdminState& st, AdminResult& r,
                const std::function<std::string(const std::string&)>& check_secret, bool& popup_open) {
    const Theme& t = theme();
    AdminSheetState& sh = st.sheet;
    if (sh.kind == AdminSheet::None && !popup_open) return;
    const bool landscape = ImGui::GetIO().DisplaySize.x > ImGui::GetIO().DisplaySize.y;
    float w = 640.0f, h = 520.0f;
    switch (sh.kind) {
    case AdminSheet::None: break;
    case AdminSheet::Add:
    case AdminSheet::NewCode:
        w = landscape ? 1000.0f : 680.0f;
        h = landscape ? 600.0f : 1000.0f;
        break;
    case AdminSheet::RecoveryConfirm: h = 330.0f; break;
    case AdminSheet::RecoveryKey: w = 720.0f, h = 560.0f; break;
    }
    if (!begin_fixed_sheet("##admin_sheet", w, h)) return;
    popup_open = true;
    if (sh.kind == AdminSheet::None) {
        popup_open = false;
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const float cw = ImGui::GetContentRegionAvail().x;
    switch (sh.kind) {
    case AdminSheet::None: break;
    case AdminSheet::Add:
        if (sh.step == 0) {
            text(std::string(ICON_USER) + "  " + tr("admin.add.title"), t.title, colors::Text, cw);
            text(tr("admin.add.intro"), t.body, colors::Muted, cw);
            vspace(t.gap);
            const float fw = std::min(cw, 560.0f * t.dp);
            text_field("admin.add.name", tr("admin.add.name"), sh.name, "", tr("admin.add.name_hint"), fw);
            vspace(t.gap * 0.5f);
            text_field("admin.add.id", tr("admin.add.id"), sh.id, "", tr("admin.add.id_hint"), fw);
            text(tr("admin.add.id_help"), t.body, colors::Muted, cw);
            if (!sh.error.empty()) text(sh.error, t.bold, colors::Danger, cw);
            vspace(t.pad);
            const float bw = std::floor((cw - t.gap) * 0.5f);
            if (button("admin.sheet.cancel", nullptr, tr("common.cancel"), ButtonKind::Secondary, ImVec2(bw, 0))) sh = AdminSheetState{};
            ImGui::SameLine(0, t.gap);
            if (button("admin.add.next", ICON_NEXT, tr("admin.add.next"), ButtonKind::Primary, ImVec2(bw, 0))) {
                const std::string id = normalize_account_id(sh.id);
                const std::string why = new_account_problem(sh.name, id, m.accounts ? *m.accounts : std::vector<AdminAccount>{});
                if (!why.empty()) {
                    sh.error = tr(why.c_str());
                } else {
                    sh.id = id;
                    sh.step = 1;
                    sh.error.clear();
                    sh.pad = PinPadState{};
                }
            }
        } else if (code_steps(sh, m, std::string(ICON_USER) + "  " + tr("admin.add.title"), trf("admin.add.for", {sh.name, sh.id}),
                              true, check_secret)) {
            r.action = AdminAction::AddAccount;
            r.name = sh.name;
            r.id = sh.id;
            r.secret = sh.pad.secret;
        }
        break;
    case AdminSheet::NewCode:
        if (code_steps(sh, m, std::string(ICON_EDIT) + "  " + trf("admin.code.title", {sh.target_name}), tr("admin.code.intro"), false,
                       check_secret)) {
            r.action = AdminAction::SetSecret;
            r.id = sh.target_id;
            r.name = sh.target_name;
            r.secret = sh.pad.secret;
        }
        break;
    case AdminSheet::RecoveryConfirm: {
        text(std::string(ICON_WARNING) + "  " + tr("admin.recovery.confirm_title"), t.title, colors::Text, cw);
        vspace(t.gap);
        text(tr("admin.recovery.confirm_text"), t.body, colors::Text, cw);
        if (!sh.error.empty()) text(sh.error, t.bold, colors::Danger, cw);
        if (m.busy) text(tr("admin.busy"), t.body, colors::Muted, cw);
        const float bottom = ImGui::GetWindowContentRegionMax().y - t.target;
        if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
        const float bw = std::floor((cw - t.gap) * 0.5f);
        if (button("admin.recovery.cancel", nullptr, tr("common.cancel"), ButtonKind::Secondary, ImVec2(bw, 0), !m.busy)) sh = AdminSheetState{};
        ImGui::SameLine(0, t.gap);
        if (button("admin.recovery.confirm", ICON_CHECK, tr("admin.recovery.confirm"), ButtonKind::Danger, ImVec2(bw, 0), !m.busy))
            r.action = AdminAction::ReplaceRecovery;
        break;
    }
    case AdminSheet::RecoveryKey: {
        text(tr("admin.recovery.key_title"), t.title, colors::Text, cw);
        text(tr("setup.key_intro"), t.body, colors::Text, cw);
        vspace(t.gap);
        // Eight groups of four, on two lines: easier to copy by hand and to read back.
        std::string shown = sh.recovery_key;
        size_t spaces = 0;
        for (size_t i = 0; i < shown.size(); ++i)
            if (shown[i] == ' ' && ++spaces == 4) shown[i] = '\n';
        ImFont* tf = t.title ? t.title : ImGui::GetFont();
        const float ks = 1.3f;
        const ImVec2 size = tf->CalcTextSizeA(tf->FontSize * ks, FLT_MAX, 0, shown.c_str());
        card_begin("admin.recovery.key_card", ImVec2(cw, size.y + t.pad * 2), colors::WarningSoft);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (cw - t.pad * 2 - size.x) * 0.5f));
        ImGui::PushFont(tf);
        ImGui::SetWindowFontScale(ks);
        ImGui::TextUnformatted(shown.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
        record_last_item("admin.recovery.key", sh.recovery_key);
        card_end();
        text(tr("setup.key_warning"), t.bold, colors::Danger, cw);
        vspace(t.gap);
        checkbox("admin.recovery.noted", tr("admin.recovery.noted"), sh.noted);
        const float bottom = ImGui::GetWindowContentRegionMax().y - t.target;
        if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
        if (button("admin.recovery.done", ICON_CHECK, tr("admin.recovery.done"), ButtonKind::Primary, ImVec2(cw, 0), sh.noted)) {
            sh.recovery_key.assign(sh.recovery_key.size(), ' '); // not kept once noted
            sh = AdminSheetState{};
            st.done = tr("admin.recovery.replaced");
        }
        break;
    }
    }
    if (sh.kind == AdminSheet::None) {
        popup_open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}
} // namespace

void close_admin_screen(AdminState& st) {
    st.sheet.recovery_key.assign(st.sheet.recovery_key.size(), ' ');
    st = AdminState{};
    // A sheet left open would stay in ImGui's popup stack and, being modal, block every touch on
    // the next screen (the lock screen): close it (between frames, so no window is current).
    if (ImGuiContext* g = ImGui::GetCurrentContext())
        if (g->OpenPopupStack.Size > 0 && !g->WithinFrameScope) ImGui::ClosePopupToLevel(0, false);
}

// [SECTION] Entry point
AdminResult draw_admin(const AdminModel& m, AdminState& st, const std::function<std::string(const std::string&)>& check_secret) {
    const Theme& t = theme();
    AdminResult r;
    begin_screen("##admin");
    const ImVec2 full = ImGui::GetContentRegionAvail();
    const bool portrait = full.y > full.x;

    // Top bar: back and the title.
    if (button("admin.back", ICON_BACK, tr("admin.back"), ButtonKind::Secondary, ImVec2(0, 0), !m.busy)) r.action = AdminAction::Back;
    ImGui::SameLine(0, t.pad);
    {
        ImFont* tf = t.title ? t.title : ImGui::GetFont();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (t.target - tf->FontSize) * 0.5f);
        text(std::string(ICON_SETTINGS) + "  " + tr("admin.title"), tf, colors::Text, 0);
    }
    vspace(t.gap * 0.5f);
    if (m.recovery) banner("admin.recovery_banner", ICON_WARNING, tr("admin.recovery_banner"), colors::WarningSoft, colors::Warning);
    if (!st.failed.empty()) banner("admin.failed", ICON_WARNING, st.failed, colors::DangerSoft, colors::Danger);
    else if (!st.done.empty()) banner("admin.done", ICON_CHECK, st.done, colors::SuccessSoft, colors::Success);

    // Navigation: a column on the left in landscape, a row of tabs in portrait.
    struct Tab {
        AdminPage page;
        const char* id;
        const char* icon;
        const char* key;
    };
    static const Tab tabs[] = {
        {AdminPage::Accounts, "admin.nav.accounts", ICON_PEOPLE, "admin.nav.accounts"},
        {AdminPage::Journal, "admin.nav.journal", ICON_NOTE, "admin.nav.journal"},
        {AdminPage::Settings, "admin.nav.settings", ICON_SETTINGS, "admin.nav.settings"},
    };
    auto choose = [&](AdminPage p) {
        if (st.page == p) return;
        st.page = p;
        st.scroll_top = true;
        st.saved_row = 0;
        r.action = AdminAction::ShowPage;
    };
    const ImVec2 rest = ImGui::GetContentRegionAvail();
    ImVec2 page_size;
    if (portrait) {
        const float w = std::floor((rest.x - t.gap * 2) / 3.0f);
        for (int i = 0; i < 3; ++i) {
            if (i) ImGui::SameLine(0, t.gap);
            if (nav_tab(tabs[i].id, tabs[i].icon, tr(tabs[i].key), st.page == tabs[i].page, ImVec2(w, t.target))) choose(tabs[i].page);
        }
        vspace(t.gap * 0.5f);
        page_size = ImGui::GetContentRegionAvail();
    } else {
        const float nav_w = std::round(std::min(rest.x * 0.24f, 300.0f * t.dp));
        ImGui::BeginChild("##admin_nav", ImVec2(nav_w, rest.y), false, ImGuiWindowFlags_NoScrollbar);
        for (const Tab& tab : tabs) {
            if (nav_tab(tab.id, tab.icon, tr(tab.key), st.page == tab.page, ImVec2(nav_w, t.target))) choose(tab.page);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + t.gap * 0.5f);
        }
        ImGui::EndChild();
        ImGui::SameLine(0, t.gap * 2);
        page_size = ImVec2(rest.x - nav_w - t.gap * 2, rest.y);
    }
    card_begin("##admin_page", page_size);
    const ImVec2 inner = ImGui::GetContentRegionAvail();
    switch (st.page) {
    case AdminPage::Accounts: accounts_page(m, st, inner, r); break;
    case AdminPage::Journal: journal_page(m, st, inner, r); break;
    case AdminPage::Settings: settings_page(m, st, inner, r); break;
    }
    card_end();
    draw_sheet(m, st, r, check_secret, st.popup_open);
    end_screen();
    return r;
}

} // namespace amorce::ui
