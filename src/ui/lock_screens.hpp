// Screens of the security model (DESIGN §5, issue 7): the PIN pad, the unlock screen, the first
// run (site administrator and recovery key) and the PIN asked to leave the shared mode. They only
// collect what the counsellor types and show what the app tells them; checking a secret, waiting
// after failures and locking accounts belong to the store.
//
// [SECTION] PIN pad
// [SECTION] Unlock screen
// [SECTION] First run
// [SECTION] Leaving the shared mode
#pragma once

#include "ui/keyboard.hpp"
#include "ui/widgets.hpp"

#include <functional>
#include <string>
#include <vector>

namespace amorce::ui {

// [SECTION] PIN pad
// Large digits 1-9, 0, « effacer », « Valider », and dots for what was typed (never the digits).
// « Mot de passe » switches to a hidden text field for a passphrase (on-screen keyboard).
// A physical keyboard types digits, Backspace and Enter too. Ids: pin.key.<d>, pin.back, pin.ok,
// pin.dots, pin.mode, pin.field.
struct PinPadState {
    std::string secret;
    bool passphrase = false;
};
// Returns true when « Valider » (or Enter) is pressed with something typed.
bool pin_pad(PinPadState& state, float width, bool enabled = true);

// [SECTION] Unlock screen
struct AccountChoice {
    std::string id;
    std::string name;
    bool locked = false;   // 10 failures: only an administrator can unlock it
};
struct UnlockModel {
    std::vector<AccountChoice> accounts;
    std::string message;   // the last attempt's outcome (« Code incorrect »...), may be empty
    bool message_error = true;
    double wait_until = 0; // steady_now() when a throttled account may try again (0: no wait)
    bool checking = false; // a secret is being checked (Argon2id, a fraction of a second)
};
struct UnlockState {
    std::string account_id;  // chosen; empty: the list is shown (one account: chosen at once)
    PinPadState pad;
    bool recovery = false;   // « Clé de secours » mode
    std::string recovery_key;
};
enum class UnlockAction { None, Submit, SubmitRecovery };
struct UnlockResult {
    UnlockAction action = UnlockAction::None;
    std::string account_id;
    std::string secret;      // the PIN/passphrase, or the recovery key
};
UnlockResult draw_unlock(const UnlockModel& model, UnlockState& state);

// [SECTION] First run
struct SetupState {
    int step = 0;                         // 0: the administrator, 1: the recovery key
    std::string name, id;
    PinPadState pad, confirm;
    bool confirming = false;              // the PIN typed once, asked again
    std::string error;                    // shown under the form
    std::string recovery_key;             // step 1: shown once
    bool noted = false;                   // « J’ai noté la clé de secours »
};
enum class SetupAction { None, Create, Done };
struct SetupResult {
    SetupAction action = SetupAction::None;
    std::string name, id, secret;
};
// check_secret: "" when a secret is acceptable, else the translation key of why not (asked after
// the first entry, before the confirmation).
SetupResult draw_setup(SetupState& state, const std::function<std::string(const std::string&)>& check_secret);

// The steady clock in seconds (real time: ImGui's clock follows the frames, which a headless run
// or a sleeping loop does not draw at a steady rate).
double steady_now();
// Seconds left before `wait_until` (steady_now()), rounded up; keeps frames coming meanwhile.
int wait_left(double wait_until);

// [SECTION] Leaving the shared mode
// A sheet over the shared screen: the counsellor's PIN. Returns Submit with the secret; the app
// checks it and either leaves the shared mode or sets `message`.
struct SharedExitState {
    bool open = false;
    PinPadState pad;
    std::string message;
    double wait_until = 0; // steady_now() when the next attempt is allowed
    bool checking = false; // the PIN is being checked
};
enum class SharedExitAction { None, Submit, Cancel };
SharedExitAction draw_shared_exit(SharedExitState& state, const std::string& counsellor_name, std::string* secret);

// The hidden way out of the shared mode: a long press (≥ 1.5 s) in the top-left corner. Call once
// per frame while the shared screen is shown; returns true once when the press is long enough.
bool corner_long_press(float hold_seconds = 1.5f);

} // namespace amorce::ui
