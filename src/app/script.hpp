// Headless UI scripts (DESIGN §8): a text file of steps that drive the real app through real
// SDL finger/key events, check what is on screen and take screenshots.
//
//   # comment
//   tap TARGET                      press and release (60 ms)
//   drag TARGET TARGET [MS [HOLD]]  press, (stay still HOLD ms,) move, release (default 400 ms)
//   longpress TARGET [MS]           press and hold still (default 700 ms)
//   pinch TARGET SCALE [DX,DY] [MS] two fingers around TARGET: spread by SCALE, move by DX,DY
//   type "TEXT"                     text input (as a keyboard would send it); ${NAME} is replaced
//                                   by the environment variable NAME (unset: the step fails)
//   key NAME                        one key: Return, Backspace, Tab, Escape, Left, A...
//   wait MS                         let time pass (frames are drawn only when needed)
//   idle MS MAXFRAMES               wait and fail if more than MAXFRAMES frames were drawn
//   expect TARGET | expect-not TARGET   a widget or text is (not) visible (waits up to 5 s for it)
//   expect-enabled @ID | expect-disabled @ID   a visible widget can (not) be pressed
//   expect-text @ID "TEXT"          a visible widget's text (a field's content) is exactly TEXT (waits up to 5 s)
//   screenshot NAME.png             PNG of the screen into --out
//   resize WxH                      resize the window
//   restart                         close and reopen the app on the same data folder
//   elapse SECONDS                  as if SECONDS passed without a touch (the idle lock's clock)
//
// TARGET is @widget.id (its centre), "visible text" (centre of the first widget showing it),
// or X,Y in pixels. @id+DX,DY offsets from the centre; @A^B takes the x of A and the y of B.
#pragma once

#include "ui/widgets.hpp"

#include <platform.hpp>

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace amorce::app {

class ScriptHost {
public:
    virtual ~ScriptHost() = default;
    virtual platform::Platform& platform() = 0;
    virtual const ui::Registry& registry() = 0;
    virtual void restart() = 0;
    // Moves the app's idle clock forward (tests the idle lock without waiting minutes).
    virtual void elapse(double seconds) = 0;
    virtual const std::string& out_dir() = 0;
};

class ScriptRunner {
public:
    enum class Status { Running, Passed, Failed };
    // `expect` and `expect-not` look at each new frame for this long before failing.
    static constexpr double kExpectWaitMs = 5000;

    // Parses the whole file; syntax errors are reported as FILE:LINE: reason.
    bool load(const std::string& path, std::string* error);
    // Advances the script; call once per loop iteration after events were processed.
    Status tick(ScriptHost& host);
    // How long the loop may sleep before the next tick is needed (ms).
    int wait_ms() const;
    const std::string& error() const { return error_; }
    int steps_done() const { return steps_done_; }

private:
    struct Line {
        int number = 0;
        std::vector<std::string> words;
    };
    struct Timed {
        double at_ms;
        std::function<void()> fn;
    };
    bool start_step(ScriptHost& host, const Line& line);
    // True when every widget a finger step names is on screen and enabled (other steps: true).
    bool targets_on_screen(ScriptHost& host, const Line& line) const;
    bool resolve(ScriptHost& host, const Line& line, const std::string& target, float* x, float* y);
    bool fail(const Line& line, const std::string& reason);
    static double now_ms();

    std::string path_;
    std::vector<Line> lines_;
    size_t pc_ = 0;
    std::string error_;
    int steps_done_ = 0;

    bool active_ = false;
    double step_start_ = 0;
    std::deque<Timed> actions_;
    int frames_after_actions_ = -1; // frames_drawn when the last action fired
    double last_action_at_ = 0;
    double target_wait_from_ = -1;        // when the current finger step started waiting for its widgets
    static constexpr double kTargetWaitMs = 2000;
    std::function<bool(ScriptHost&)> finish_; // extra completion check; false = keep waiting
    bool needs_enabled_ = false;              // the current step presses its target
};

} // namespace amorce::app
