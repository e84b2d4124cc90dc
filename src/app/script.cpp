#include "app/script.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace amorce::app {

namespace {

bool tokenize(const std::string& line, std::vector<std::string>* out, std::string* error) {
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i >= line.size() || line[i] == '#') break;
        std::string word;
        if (line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    const char c = line[i + 1];
                    word += c == 'n' ? '\n' : c;
                    i += 2;
                } else if (line[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    word += line[i++];
                }
            }
            if (!closed) {
                *error = "unterminated quoted string";
                return false;
            }
            word = "\"" + word; // mark as a text target / literal
        } else {
            while (i < line.size() && line[i] != ' ' && line[i] != '\t') word += line[i++];
        }
        out->push_back(word);
    }
    return true;
}

bool parse_int(const std::string& s, int* v) {
    if (s.empty()) return false;
    char* end = nullptr;
    const long n = std::strtol(s.c_str(), &end, 10);
    if (*end != 0 || n < 0 || n > 600000) return false;
    *v = static_cast<int>(n);
    return true;
}

bool parse_float(const std::string& s, float* v) {
    if (s.empty()) return false;
    char* end = nullptr;
    *v = std::strtof(s.c_str(), &end);
    return *end == 0 && std::isfinite(*v);
}

bool parse_pair(const std::string& s, float* a, float* b) {
    const size_t comma = s.find(',');
    if (comma == std::string::npos) return false;
    return parse_float(s.substr(0, comma), a) && parse_float(s.substr(comma + 1), b);
}

bool is_target(const std::string& w) {
    if (w.empty()) return false;
    if (w[0] == '@' || w[0] == '"') return true;
    float a, b;
    return parse_pair(w, &a, &b);
}

// Checks arity and argument formats; returns an empty string when the line is valid.
std::string check_syntax(const std::vector<std::string>& w) {
    const std::string& verb = w[0];
    const size_t n = w.size() - 1;
    int i = 0;
    float f = 0, g = 0;
    if (verb == "tap") return n == 1 && is_target(w[1]) ? "" : "usage: tap TARGET";
    if (verb == "drag")
        return (n >= 2 && n <= 4) && is_target(w[1]) && is_target(w[2]) && (n < 3 || parse_int(w[3], &i)) &&
                       (n < 4 || parse_int(w[4], &i))
                   ? ""
                   : "usage: drag TARGET TARGET [MS [HOLD_MS]]";
    if (verb == "longpress")
        return (n == 1 || n == 2) && is_target(w[1]) && (n == 1 || parse_int(w[2], &i)) ? ""
                                                                                         : "usage: longpress TARGET [MS]";
    if (verb == "pinch") {
        if (n < 2 || n > 4 || !is_target(w[1]) || !parse_float(w[2], &f) || f <= 0.05f || f > 20)
            return "usage: pinch TARGET SCALE [DX,DY] [MS] (SCALE between 0.05 and 20)";
        for (size_t k = 3; k <= n; ++k)
            if (!parse_pair(w[k], &f, &g) && !parse_int(w[k], &i)) return "pinch: bad argument '" + w[k] + "'";
        return "";
    }
    if (verb == "type") return n == 1 && w[1][0] == '"' ? "" : "usage: type \"TEXT\"";
    if (verb == "key") {
        if (n != 1 || w[1][0] == '"') return "usage: key NAME";
        return platform::Platform::key_name_known(w[1]) ? "" : "unknown key '" + w[1] + "' (Return, Backspace, Tab, End...)";
    }
    if (verb == "wait") return n == 1 && parse_int(w[1], &i) ? "" : "usage: wait MS";
    if (verb == "idle") return n == 2 && parse_int(w[1], &i) && parse_int(w[2], &i) ? "" : "usage: idle MS MAXFRAMES";
    if (verb == "expect-enabled" || verb == "expect-disabled")
        return n == 1 && w[1][0] == '@' && w[1].find('+') == std::string::npos ? "" : "usage: " + verb + " @ID";
    if (verb == "expect-text")
        return n == 2 && w[1][0] == '@' && w[1].find_first_of("+^") == std::string::npos && w[2][0] == '"'
                   ? ""
                   : "usage: expect-text @ID \"TEXT\"";
    if (verb == "expect" || verb == "expect-not")
        return n == 1 && is_target(w[1]) && (w[1][0] == '"' || w[1].find(',') == std::string::npos) ? ""
                                                                                  : "usage: " + verb + " @ID | \"TEXT\"";
    if (verb == "screenshot") {
        if (n != 1 || w[1].size() < 5 || w[1].substr(w[1].size() - 4) != ".png") return "usage: screenshot NAME.png";
        if (w[1].find('/') != std::string::npos || w[1].find("..") != std::string::npos)
            return "screenshot: NAME must be a plain file name";
        return "";
    }
    if (verb == "resize") {
        int width = 0, height = 0;
        const size_t x = n == 1 ? w[1].find('x') : std::string::npos;
        if (x == std::string::npos || !parse_int(w[1].substr(0, x), &width) || !parse_int(w[1].substr(x + 1), &height) ||
            width < 320 || height < 320 || width > 8192 || height > 8192)
            return "usage: resize WxH (320..8192)";
        return "";
    }
    if (verb == "restart") return n == 0 ? "" : "usage: restart";
    if (verb == "elapse") return n == 1 && parse_int(w[1], &i) && i > 0 ? "" : "usage: elapse SECONDS";
    return "unknown command '" + verb + "'";
}

// "${NAME}" -> the environment variable NAME. False (and *missing = NAME) if one is unset.
bool expand_env(const std::string& in, std::string* out, std::string* missing) {
    out->clear();
    for (size_t i = 0; i < in.size();) {
        const size_t close = in.compare(i, 2, "${") == 0 ? in.find('}', i + 2) : std::string::npos;
        if (close == std::string::npos) {
            *out += in[i++];
            continue;
        }
        const std::string name = in.substr(i + 2, close - i - 2);
        const char* value = std::getenv(name.c_str());
        if (!value) {
            *missing = name;
            return false;
        }
        *out += value;
        i = close + 1;
    }
    return true;
}

} // namespace

double ScriptRunner::now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

bool ScriptRunner::load(const std::string& path, std::string* error) {
    path_ = path;
    std::ifstream in(path);
    if (!in) {
        *error = "amorce: cannot read script " + path;
        return false;
    }
    std::string text;
    int number = 0;
    while (std::getline(in, text)) {
        ++number;
        if (!text.empty() && text.back() == '\r') text.pop_back();
        Line line;
        line.number = number;
        std::string why;
        if (!tokenize(text, &line.words, &why)) {
            *error = path + ":" + std::to_string(number) + ": " + why;
            return false;
        }
        if (line.words.empty()) continue;
        why = check_syntax(line.words);
        if (!why.empty()) {
            *error = path + ":" + std::to_string(number) + ": " + why;
            return false;
        }
        lines_.push_back(std::move(line));
    }
    if (lines_.empty()) {
        *error = path + ": the script has no steps";
        return false;
    }
    return true;
}

bool ScriptRunner::fail(const Line& line, const std::string& reason) {
    error_ = path_ + ":" + std::to_string(line.number) + ": " + reason;
    return false;
}

bool ScriptRunner::resolve(ScriptHost& host, const Line& line, const std::string& target, float* x, float* y) {
    if (target[0] == '@' || target[0] == '"') {
        std::string key = target.substr(1);
        float dx = 0, dy = 0;
        if (target[0] == '@') {
            const size_t plus = key.find('+');
            if (plus != std::string::npos) {
                if (!parse_pair(key.substr(plus + 1), &dx, &dy)) return fail(line, "bad offset in " + target);
                key = key.substr(0, plus);
            }
        }
        const ui::Registry& reg = host.registry();
        // "@A^B": the x of widget A and the y of widget B (a year column in a timeline lane).
        const ui::WidgetRecord* row = nullptr;
        if (target[0] == '@') {
            const size_t caret = key.find('^');
            if (caret != std::string::npos) {
                row = reg.find(key.substr(caret + 1));
                if (!row) return fail(line, "no widget @" + key.substr(caret + 1) + " on screen");
                key = key.substr(0, caret);
            }
        }
        const ui::WidgetRecord* r = target[0] == '@' ? reg.find(key) : reg.find_text(key);
        if (!r) {
            std::string ids;
            int shown = 0;
            for (const auto& rec : reg.last_frame())
                if (!rec.id.empty() && shown++ < 12) ids += " @" + rec.id;
            return fail(line, "no widget " + (target[0] == '@' ? target : "with text \"" + key + "\"") +
                                  " on screen (visible:" + ids + ")");
        }
        if (!r->enabled && needs_enabled_) return fail(line, "widget " + target + " is disabled");
        *x = (r->min.x + r->max.x) * 0.5f + dx;
        *y = ((row ? row : r)->min.y + (row ? row : r)->max.y) * 0.5f + dy;
        return true;
    }
    parse_pair(target, x, y);
    return true;
}

bool ScriptRunner::targets_on_screen(ScriptHost& host, const Line& line) const {
    const auto& w = line.words;
    const std::string& verb = w[0];
    if (verb != "tap" && verb != "longpress" && verb != "drag" && verb != "pinch") return true;
    const size_t last = verb == "drag" ? 2 : 1;
    for (size_t i = 1; i <= last && i < w.size(); ++i) {
        const std::string& target = w[i];
        if (target.empty() || (target[0] != '@' && target[0] != '"')) continue;
        std::string key = target.substr(1);
        if (target[0] == '@') key = key.substr(0, std::min(key.find('+'), key.find('^')));
        const ui::WidgetRecord* r = target[0] == '@' ? host.registry().find(key) : host.registry().find_text(key);
        if (!r || !r->enabled) return false;
    }
    return true;
}

bool ScriptRunner::start_step(ScriptHost& host, const Line& line) {
    const auto& w = line.words;
    const std::string& verb = w[0];
    platform::Platform& p = host.platform();
    actions_.clear();
    finish_ = nullptr;
    int ms = 0;

    // Pressing a disabled widget is a script error (the user could not do it); looking at one is not.
    needs_enabled_ = verb == "tap" || verb == "longpress" || verb == "drag" || verb == "pinch";
    if (verb == "tap" || verb == "longpress") {
        float x, y;
        if (!resolve(host, line, w[1], &x, &y)) return false;
        int hold = verb == "tap" ? 60 : 700;
        if (w.size() > 2) parse_int(w[2], &hold);
        actions_.push_back({0, [&p, x, y] { p.inject_finger_down(0, x, y); }});
        actions_.push_back({static_cast<double>(hold), [&p, x, y] { p.inject_finger_up(0, x, y); }});
    } else if (verb == "drag") {
        float x0, y0, x1, y1;
        if (!resolve(host, line, w[1], &x0, &y0) || !resolve(host, line, w[2], &x1, &y1)) return false;
        ms = 400;
        int hold = 0; // still at the start first (a long-press that lifts what is under the finger)
        if (w.size() > 3) parse_int(w[3], &ms);
        if (w.size() > 4) parse_int(w[4], &hold);
        const int steps = std::max(2, ms / 16);
        actions_.push_back({0, [&p, x0, y0] { p.inject_finger_down(0, x0, y0); }});
        for (int i = 1; i <= steps; ++i) {
            const float k = static_cast<float>(i) / static_cast<float>(steps);
            const float x = x0 + (x1 - x0) * k, y = y0 + (y1 - y0) * k;
            actions_.push_back({hold + ms * static_cast<double>(k), [&p, x, y] { p.inject_finger_move(0, x, y); }});
        }
        actions_.push_back({hold + ms + 16.0, [&p, x1, y1] { p.inject_finger_up(0, x1, y1); }});
    } else if (verb == "pinch") {
        float cx, cy, scale = 1, dx = 0, dy = 0;
        if (!resolve(host, line, w[1], &cx, &cy)) return false;
        parse_float(w[2], &scale);
        ms = 500;
        for (size_t k = 3; k < w.size(); ++k)
            if (!parse_pair(w[k], &dx, &dy)) parse_int(w[k], &ms);
        const float d0 = 160.0f * p.dp();
        const int steps = std::max(2, ms / 16);
        auto place = [&p, cx, cy, d0, scale, dx, dy](float k, bool down, bool up) {
            const float d = d0 * (1.0f + (scale - 1.0f) * k);
            const float x = cx + dx * k, y = cy + dy * k;
            for (int f = 0; f < 2; ++f) {
                const float fx = x + (f == 0 ? -d * 0.5f : d * 0.5f);
                if (down) p.inject_finger_down(f + 1, fx, y);
                else if (up) p.inject_finger_up(f + 1, fx, y);
                else p.inject_finger_move(f + 1, fx, y);
            }
        };
        actions_.push_back({0, [place] { place(0, true, false); }});
        for (int i = 1; i <= steps; ++i) {
            const float k = static_cast<float>(i) / static_cast<float>(steps);
            actions_.push_back({ms * static_cast<double>(k), [place, k] { place(k, false, false); }});
        }
        actions_.push_back({ms + 32.0, [place] { place(1, false, true); }});
    } else if (verb == "type") {
        std::string text, missing;
        if (!expand_env(w[1].substr(1), &text, &missing))
            return fail(line, "environment variable " + missing + " is not set");
        actions_.push_back({0, [&p, text] { p.inject_text(text); }});
    } else if (verb == "key") {
        if (!p.inject_key(w[1])) return fail(line, "unknown key '" + w[1] + "'");
    } else if (verb == "wait") {
        parse_int(w[1], &ms);
        actions_.push_back({static_cast<double>(ms), [] {}});
    } else if (verb == "idle") {
        int max_frames = 0;
        parse_int(w[1], &ms);
        parse_int(w[2], &max_frames);
        const int start = p.frames_drawn();
        const double until = now_ms() + ms;
        finish_ = [this, line, start, until, max_frames](ScriptHost& h) {
            if (now_ms() < until) return false;
            const int drawn = h.platform().frames_drawn() - start;
            if (drawn > max_frames)
                fail(line, "drew " + std::to_string(drawn) + " frames while idle (at most " +
                               std::to_string(max_frames) + " allowed)");
            return true;
        };
    } else if (verb == "expect" || verb == "expect-not") {
        // Work done on a thread (thumbnails, a deck check) may need a few frames to show: look
        // at each new frame for up to kExpectWaitMs before failing.
        const bool want = verb == "expect";
        const double until = now_ms() + kExpectWaitMs;
        const int seen = p.frames_drawn();
        finish_ = [this, line, want, until, seen](ScriptHost& h) {
            float x, y;
            const std::string saved = error_;
            const bool found = resolve(h, line, line.words[1], &x, &y);
            error_ = saved;
            if (found == want) return true;
            const std::string& what = line.words[1];
            if (now_ms() > until && h.platform().frames_drawn() > seen) {
                fail(line, want ? "expected " + what + (what[0] == '"' ? "\"" : "") + " to be visible"
                                : "expected " + what + (what[0] == '"' ? "\"" : "") + " not to be visible");
                return true;
            }
            h.platform().request_frames(1);
            return false;
        };
    } else if (verb == "expect-text") {
        // The text a widget records (a field records its content), compared whole.
        const double until = now_ms() + kExpectWaitMs;
        const int seen = p.frames_drawn();
        finish_ = [this, line, until, seen](ScriptHost& h) {
            const std::string id = line.words[1].substr(1), want = line.words[2].substr(1);
            const ui::WidgetRecord* r = h.registry().find(id);
            if (r && r->text == want) return true;
            if (now_ms() > until && h.platform().frames_drawn() > seen) {
                fail(line, r ? "expected @" + id + " to read \"" + want + "\", it reads \"" + r->text + "\""
                             : "no widget @" + id + " on screen");
                return true;
            }
            h.platform().request_frames(1);
            return false;
        };
    } else if (verb == "expect-enabled" || verb == "expect-disabled") {
        float x, y;
        if (!resolve(host, line, w[1], &x, &y)) return false;
        const ui::WidgetRecord* r = host.registry().find(w[1].substr(1));
        const bool want = verb == "expect-enabled";
        if (r && r->enabled != want) return fail(line, "expected " + w[1] + " to be " + (want ? "enabled" : "disabled"));
    } else if (verb == "screenshot") {
        const std::string file = host.out_dir() + "/" + w[1];
        p.request_frames(2);
        const int start = p.frames_drawn();
        finish_ = [this, line, start, file](ScriptHost& h) {
            if (h.platform().frames_drawn() < start + 2) {
                h.platform().request_frames(1);
                return false;
            }
            std::string why;
            if (!h.platform().save_screenshot(file, &why)) fail(line, "screenshot failed: " + why);
            return true;
        };
    } else if (verb == "resize") {
        const size_t x = w[1].find('x');
        int width = 0, height = 0;
        parse_int(w[1].substr(0, x), &width);
        parse_int(w[1].substr(x + 1), &height);
        p.inject_resize(width, height);
    } else if (verb == "restart") {
        host.restart();
        host.platform().request_frames(3);
    } else if (verb == "elapse") {
        parse_int(w[1], &ms);
        host.elapse(ms);
        host.platform().request_frames(2);
    }
    return true;
}

ScriptRunner::Status ScriptRunner::tick(ScriptHost& host) {
    if (!error_.empty()) return Status::Failed;
    platform::Platform& p = host.platform();
    if (p.frames_drawn() < 2) { // let the first screen appear before the first step
        p.request_frames(2);
        return Status::Running;
    }
    for (;;) {
        if (!active_) {
            if (pc_ >= lines_.size()) return Status::Passed;
            const Line& line = lines_[pc_];
            // A finger step waits (up to 2 s, drawing frames) for its widgets to be on screen: a
            // sheet that just opened lays itself out for a frame or two first, like a person who
            // waits for the screen to settle before touching it.
            if (!targets_on_screen(host, line)) {
                if (target_wait_from_ < 0) target_wait_from_ = now_ms();
                if (now_ms() - target_wait_from_ < kTargetWaitMs) {
                    p.request_frames(1);
                    return Status::Running;
                }
            }
            target_wait_from_ = -1;
            if (!start_step(host, line)) return Status::Failed;
            active_ = true;
            step_start_ = now_ms();
            frames_after_actions_ = -1;
        }
        // Fire the actions that are due.
        const double t = now_ms() - step_start_;
        while (!actions_.empty() && actions_.front().at_ms <= t) {
            actions_.front().fn();
            actions_.pop_front();
            if (actions_.empty()) {
                frames_after_actions_ = p.frames_drawn();
                last_action_at_ = now_ms();
            }
        }
        if (!actions_.empty()) return Status::Running;
        if (frames_after_actions_ < 0) {
            frames_after_actions_ = p.frames_drawn();
            last_action_at_ = now_ms();
        }
        if (finish_) {
            if (!finish_(host)) return Status::Running;
            if (!error_.empty()) return Status::Failed;
        } else {
            // Settle: the UI has drawn at least two frames since the last event and is quiet
            // (or 3 s passed, for screens that keep animating).
            const bool drawn = p.frames_drawn() >= frames_after_actions_ + 2;
            const bool quiet = !p.needs_frame();
            if (!(drawn && quiet) && now_ms() - last_action_at_ < 3000) {
                if (!drawn) p.request_frames(1);
                return Status::Running;
            }
            // A later `expect` must never read a frame from before this step.
            if (!drawn) {
                fail(lines_[pc_], "the app drew no frame within 3 s after this step");
                return Status::Failed;
            }
        }
        active_ = false;
        ++steps_done_;
        ++pc_;
    }
}

int ScriptRunner::wait_ms() const {
    if (!active_) return 0;
    if (!actions_.empty()) {
        const double due = step_start_ + actions_.front().at_ms - now_ms();
        return std::max(0, static_cast<int>(std::ceil(due)));
    }
    return finish_ ? 5 : 2;
}

} // namespace amorce::app
