// The PIN pad, the unlock screen, the first run and the PIN that leaves the shared mode (issue 7).
#include "ui/lock_screens.hpp"

#include "ui/admin_screen.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/screens.hpp"

#include <imgui_internal.h>
#include <chrono>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

namespace amorce::ui {

namespace {
constexpr size_t kMaxSecretBytes = 128;

void vspace(float h) { ImGui::Dummy(ImVec2(1, h)); }

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

// Digits, Backspace and Enter from a physical keyboard while no text field has the focus.
// Returns true on Enter.
bool physical_keys(PinPadState& s) {
    if (ImGui::GetIO().WantTextInput) return false;
    ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : io.InputQueueCharacters)
        if (c >= '0' && c <= '9' && s.secret.size() < kMaxSecretBytes) s.secret += static_cast<char>(c);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !s.secret.empty()) s.secret.pop_back();
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
}

// The dots for what was typed: at least six places, filled as digits come.
void pin_dots(const std::string& secret, float width) {
    const Theme& t = theme();
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const float r = std::round(9.0f * t.dp), step = r * 3.2f;
    const int places = std::max<int>(6, static_cast<int>(secret.size()));
    const int shown = std::min(places, 16);
    const float row_w = step * (shown - 1) + r * 2;
    const ImVec2 p = win->DC.CursorPos;
    const float x0 = p.x + std::max(0.0f, (width - row_w) * 0.5f) + r;
    const float cy = p.y + t.target * 0.5f;
    for (int i = 0; i < shown; ++i) {
        const ImVec2 c(x0 + i * step, cy);
        if (i < static_cast<int>(secret.size())) win->DrawList->AddCircleFilled(c, r, colors::Primary);
        else win->DrawList->AddCircle(c, r, colors::Border, 0, std::max(1.5f, 2.0f * t.dp));
    }
    ImGui::Dummy(ImVec2(width, t.target));
    // Scripts read how many were typed, never the digits.
    record_last_item("pin.dots", trf("pin.dots", {std::to_string(secret.size())}));
}
} // namespace

double steady_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int wait_left(double wait_until) {
    const double left = wait_until - steady_now();
    if (left <= 0) return 0;
    request_animation_frames();
    return static_cast<int>(std::ceil(left));
}

// [SECTION] PIN pad
bool pin_pad(PinPadState& s, float width, bool enabled) {
    const Theme& t = theme();
    bool submit = false;
    ImGui::PushID("pin");
    if (!s.passphrase) {
        pin_dots(s.secret, width);
        const float gap = t.gap * 1.5f;
        const float kw = std::floor((width - gap * 2) / 3.0f);
        const float kh = std::max(t.target * 1.15f, std::min(kw * 0.62f, t.target * 1.6f));
        const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"};
        for (int i = 0; i < 12; ++i) {
            if (i % 3) ImGui::SameLine(0, gap);
            const std::string k = keys[i];
            if (k == "back") {
                if (button("pin.back", ICON_BACK, "", ButtonKind::Quiet, ImVec2(kw, kh), enabled && !s.secret.empty()))
                    s.secret.pop_back();
                record_last_item("pin.back", tr("pin.erase"), enabled && !s.secret.empty());
            } else if (k == "ok") {
                if (button("pin.ok", ICON_CHECK, tr("pin.ok"), ButtonKind::Primary, ImVec2(kw, kh), enabled && !s.secret.empty()))
                    submit = true;
            } else {
                const std::string id = "pin.key." + k;
                if (button(id.c_str(), nullptr, k.c_str(), ButtonKind::Secondary, ImVec2(kw, kh), enabled) &&
                    s.secret.size() < kMaxSecretBytes)
                    s.secret += k;
            }
        }
        if (enabled && physical_keys(s) && !s.secret.empty()) submit = true;
    } else {
        text(tr("pin.passphrase_label"), t.bold, colors::Text, 0);
        ImGui::SetNextItemWidth(width);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.pad, (t.target - t.body_px) * 0.5f));
        if (ImGui::InputText("##pass", &s.secret, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue) &&
            enabled && !s.secret.empty())
            submit = true;
        ImGui::PopStyleVar();
        record_last_item("pin.field", trf("pin.dots", {std::to_string(s.secret.size())}), enabled);
        vspace(t.gap);
        if (button("pin.ok", ICON_CHECK, tr("pin.ok"), ButtonKind::Primary, ImVec2(width, 0), enabled && !s.secret.empty()))
            submit = true;
    }
    vspace(t.gap);
    if (button("pin.mode", s.passphrase ? ICON_TOUCH : ICON_KEYBOARD, tr(s.passphrase ? "pin.use_pin" : "pin.use_passphrase"),
               ButtonKind::Quiet, ImVec2(width, 0))) {
        s.passphrase = !s.passphrase;
        s.secret.clear();
    }
    ImGui::PopID();
    return submit;
}

// [SECTION] Unlock screen
UnlockResult draw_unlock(const UnlockModel& m, UnlockState& st) {
    const Theme& t = theme();
    UnlockResult r;
    if (st.account_id.empty() && m.accounts.size() == 1) st.account_id = m.accounts.front().id;
    begin_screen("##unlock");
    const ImVec2 full = ImGui::GetContentRegionAvail();
    const bool portrait = full.y > full.x;
    const float col_w = portrait ? full.x : std::round((full.x - t.pad * 2) * 0.5f);
    // Landscape: the two columns sit in the middle of the screen's height, not at its top.
    if (!portrait) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (full.y - 640.0f * t.dp) * 0.5f));
    const ImVec2 origin = ImGui::GetCursorPos();

    // Left (or top): who we are, and the accounts.
    ImGui::BeginGroup();
    text(std::string(ICON_LOCK) + "  " + tr("unlock.title"), t.title, colors::Text, 0);
    text(tr("unlock.subtitle"), t.body, colors::Muted, col_w);
    vspace(t.pad);
    if (!st.recovery) {
        text(tr("unlock.who"), t.bold, colors::Text, 0);
        for (const auto& a : m.accounts) {
            const std::string id = "unlock.account." + a.id;
            const bool chosen = a.id == st.account_id;
            const std::string label = a.locked ? a.name + " · " + tr("unlock.account_locked") : a.name;
            if (button(id.c_str(), chosen ? ICON_CHECK : ICON_USER, label.c_str(), chosen ? ButtonKind::Primary : ButtonKind::Secondary,
                       ImVec2(col_w, 0)) && !chosen) {
                st.account_id = a.id;
                st.pad = PinPadState{};
            }
            vspace(t.gap * 0.25f);
        }
    }
    vspace(t.pad);
    if (button("unlock.recovery", st.recovery ? ICON_BACK : ICON_INFO, tr(st.recovery ? "unlock.back_to_pin" : "unlock.use_recovery"),
               ButtonKind::Quiet, ImVec2(col_w, 0))) {
        st.recovery = !st.recovery;
        st.recovery_key.clear();
    }
    ImGui::EndGroup();

    // Right (or below): the PIN pad for the chosen account, or the recovery key.
    if (!portrait) ImGui::SetCursorPos(ImVec2(origin.x + col_w + t.pad * 2, origin.y));
    else vspace(t.pad);
    ImGui::BeginGroup();
    const float pad_w = std::min(col_w, 460.0f * t.dp);
    const int wait = wait_left(m.wait_until);
    // The messages have a fixed place above the pad, so the keys never jump under a finger.
    const float msg_top = ImGui::GetCursorPosY();
    if (!m.message.empty()) text(m.message, t.bold, m.message_error ? colors::Danger : colors::Success, pad_w);
    if (wait > 0) text(trf("unlock.wait", {std::to_string(wait)}), t.body, colors::Warning, pad_w);
    if (m.checking) text(tr("unlock.checking"), t.body, colors::Muted, pad_w);
    const float msg_h = t.body_px * 3.6f;
    if (ImGui::GetCursorPosY() < msg_top + msg_h) ImGui::SetCursorPosY(msg_top + msg_h);
    if (st.recovery) {
        text(tr("unlock.recovery_label"), t.bold, colors::Text, pad_w);
        ImGui::SetNextItemWidth(pad_w);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.pad, (t.target - t.body_px) * 0.5f));
        const bool enter = ImGui::InputText("##recovery", &st.recovery_key,
                                            ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::PopStyleVar();
        record_last_item("unlock.recovery_key", st.recovery_key);
        vspace(t.gap);
        const bool ok = !st.recovery_key.empty() && wait <= 0 && !m.checking;
        if ((button("unlock.recovery_ok", ICON_CHECK, tr("pin.ok"), ButtonKind::Primary, ImVec2(pad_w, 0), ok) || (enter && ok))) {
            r.action = UnlockAction::SubmitRecovery;
            r.secret = st.recovery_key;
        }
    } else if (!st.account_id.empty()) {
        const auto it = std::find_if(m.accounts.begin(), m.accounts.end(), [&](const auto& a) { return a.id == st.account_id; });
        const bool locked = it != m.accounts.end() && it->locked;
        if (locked) text(tr("unlock.locked_help"), t.body, colors::Danger, pad_w);
        if (pin_pad(st.pad, pad_w, !locked && wait <= 0 && !m.checking)) {
            r.action = UnlockAction::Submit;
            r.account_id = st.account_id;
            r.secret = st.pad.secret;
            st.pad.secret.clear();
        }
    } else {
        text(tr("unlock.choose"), t.body, colors::Muted, pad_w);
    }
    ImGui::EndGroup();
    end_screen();
    return r;
}

// [SECTION] First run
SetupResult draw_setup(SetupState& st, const std::function<std::string(const std::string&)>& check_secret) {
    const Theme& t = theme();
    SetupResult r;
    begin_screen("##setup");
    const ImVec2 full = ImGui::GetContentRegionAvail();
    const bool landscape = full.x > full.y;
    if (st.step == 0) {
        // Landscape: who on the left, the PIN on the right (the whole form fits without scrolling).
        const float col_w = landscape ? std::round((full.x - t.pad * 3) * 0.5f) : full.x;
        const ImVec2 origin = ImGui::GetCursorPos();
        ImGui::BeginGroup();
        text(tr("setup.title"), t.title, colors::Text, col_w);
        text(tr("setup.intro"), t.body, colors::Muted, col_w);
        vspace(t.gap);
        if (!st.confirming) {
            text_field("setup.name", tr("setup.name"), st.name, "", "", col_w);
            text_field("setup.id", tr("setup.id"), st.id, "", "", col_w);
        } else {
            text(st.name + " · " + st.id, t.bold, colors::Text, col_w);
        }
        ImGui::EndGroup();
        if (landscape) ImGui::SetCursorPos(ImVec2(origin.x + col_w + t.pad * 3, origin.y));
        else vspace(t.pad);
        ImGui::BeginGroup();
        const float pad_w = std::min(col_w, 460.0f * t.dp);
        text(tr(st.confirming ? "setup.pin_again" : "setup.pin"), t.bold, colors::Text, pad_w);
        if (!st.error.empty()) text(st.error, t.bold, colors::Danger, pad_w);
        if (!st.confirming) {
            if (pin_pad(st.pad, pad_w)) {
                const std::string why = check_secret ? check_secret(st.pad.secret) : std::string();
                // The name and identifier are checked before the code, in French (the same rule
                // as « Ajouter un conseiller »), so a bad identifier never costs the code twice.
                const std::string id_problem = new_account_problem(st.name, normalize_account_id(st.id), {});
                if (is_blank(st.name) || is_blank(st.id)) {
                    st.error = tr("setup.id_missing");
                    st.pad.secret.clear();
                } else if (!id_problem.empty()) {
                    st.error = tr(id_problem.c_str());
                    st.pad.secret.clear();
                } else if (!why.empty()) {
                    st.error = tr(why.c_str());
                    st.pad.secret.clear();
                } else {
                    st.confirming = true;
                    st.confirm = PinPadState{};
                    st.confirm.passphrase = st.pad.passphrase;
                    st.error.clear();
                }
            }
        } else {
            if (pin_pad(st.confirm, pad_w)) {
                if (st.confirm.secret != st.pad.secret) {
                    st.error = tr("setup.pin_mismatch");
                    st.confirming = false;
                    st.pad = PinPadState{};
                } else {
                    r.action = SetupAction::Create;
                    r.name = st.name;
                    r.id = normalize_account_id(st.id);
                    r.secret = st.pad.secret;
                }
            }
            if (button("setup.back", ICON_BACK, tr("setup.back"), ButtonKind::Quiet, ImVec2(pad_w, 0))) {
                st.confirming = false;
                st.pad = PinPadState{};
            }
        }
        ImGui::EndGroup();
    } else {
        const float w = std::min(full.x, 760.0f * t.dp);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (full.x - w) * 0.5f));
        ImGui::BeginGroup();
        text(tr("setup.key_title"), t.title, colors::Text, w);
        text(tr("setup.key_intro"), t.body, colors::Text, w);
        vspace(t.gap);
        card_begin("setup.key_card", ImVec2(w, t.title ? t.title->FontSize * 2.2f + t.pad * 2 : 90), colors::WarningSoft);
        text(st.recovery_key, t.title, colors::Text, 0);
        record_last_item("setup.key", st.recovery_key);
        card_end();
        text(tr("setup.key_warning"), t.body, colors::Danger, w);
        vspace(t.gap);
        checkbox("setup.noted", tr("setup.noted"), st.noted);
        vspace(t.gap);
        if (button("setup.done", ICON_CHECK, tr("setup.done"), ButtonKind::Primary, ImVec2(w, 0), st.noted)) {
            r.action = SetupAction::Done;
            st.recovery_key.assign(st.recovery_key.size(), ' '); // not kept on screen once noted
            st.recovery_key.clear();
        }
        ImGui::EndGroup();
    }
    end_screen();
    return r;
}

// [SECTION] Leaving the shared mode
SharedExitAction draw_shared_exit(SharedExitState& st, const std::string& counsellor_name, std::string* secret) {
    const Theme& t = theme();
    SharedExitAction a = SharedExitAction::None;
    if (!st.open) return a;
    if (begin_sheet("##shared_exit", 0.9f, 560.0f)) {
        const float w = ImGui::GetContentRegionAvail().x;
        // « Rester » in the title row: at the bottom, under the pad, a landscape screen cut it off.
        const char* stay = tr("shared.exit_cancel");
        ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
        const float stay_w = std::min(w * 0.5f, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, stay).x + t.pad * 2.5f);
        const ImVec2 top = ImGui::GetCursorPos();
        ImGui::SetCursorPos(ImVec2(top.x + w - stay_w, top.y));
        bool stay_tapped = button("shared.exit_cancel", nullptr, stay, ButtonKind::Secondary, ImVec2(stay_w, 0));
        const float below_button = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(top);
        text(std::string(ICON_LOCK) + "  " + tr("shared.exit_title"), t.title, colors::Text, w - stay_w - t.gap);
        if (ImGui::GetCursorPosY() < below_button) ImGui::SetCursorPosY(below_button);
        text(trf("shared.exit_text", {counsellor_name}), t.body, colors::Muted, w);
        const int wait = wait_left(st.wait_until);
        const float msg_top = ImGui::GetCursorPosY(); // a fixed place: the keys never jump
        if (!st.message.empty()) text(st.message, t.bold, colors::Danger, w);
        if (wait > 0) text(trf("unlock.wait", {std::to_string(wait)}), t.body, colors::Warning, w);
        if (st.checking) text(tr("unlock.checking"), t.body, colors::Muted, w);
        if (ImGui::GetCursorPosY() < msg_top + t.body_px * 3.6f) ImGui::SetCursorPosY(msg_top + t.body_px * 3.6f);
        if (pin_pad(st.pad, w, wait <= 0 && !st.checking)) {
            a = SharedExitAction::Submit;
            if (secret) *secret = st.pad.secret;
            st.pad.secret.clear();
        }
        if (stay_tapped) {
            a = SharedExitAction::Cancel;
            st = SharedExitState{};
            ImGui::CloseCurrentPopup();
        }
        if (!st.open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return a;
}

bool corner_long_press(float hold_seconds) {
    const Theme& t = theme();
    const ImGuiIO& io = ImGui::GetIO();
    static bool fired = false;
    const float corner = t.target * 1.5f;
    const ImVec2 p = io.MouseClickedPos[0];
    const bool in_corner = p.x >= 0 && p.y >= 0 && p.x < corner && p.y < corner;
    if (!io.MouseDown[0]) {
        fired = false;
        return false;
    }
    if (!in_corner || fired || ImGui::IsMouseDragPastThreshold(0)) return false;
    if (io.MouseDownDuration[0] >= hold_seconds) {
        fired = true;
        return true;
    }
    request_animation_frames(); // keep frames coming while the finger stays down
    return false;
}

} // namespace amorce::ui
