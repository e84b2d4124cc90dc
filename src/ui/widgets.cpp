#include "ui/widgets.hpp"

#include "ui/keyboard.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace amorce::ui {

// [SECTION] Registry
Registry& registry() {
    static Registry r;
    return r;
}

void Registry::begin_frame() {
    // The records of two frames ago are overwritten in place: their strings keep their memory, so
    // a steady screen records without allocating.
    current_.resize(used_);
    last_.swap(current_);
    used_ = 0;
}

void Registry::record(const std::string& id, ImVec2 min, ImVec2 max, const std::string& text, bool enabled) {
    // A sheet's first frame lays it out unseen (auto-resize): its widgets are not where they
    // will be shown, so a script must not find them there.
    if (const ImGuiContext* g = ImGui::GetCurrentContext())
        if (const ImGuiWindow* w = g->CurrentWindow)
            if (w->HiddenFramesCannotSkipItems > 0 || w->HiddenFramesCanSkipItems > 0) return;
    if (used_ < current_.size()) {
        WidgetRecord& r = current_[used_];
        r.id.assign(id);
        r.min = min;
        r.max = max;
        r.text.assign(text);
        r.enabled = enabled;
    } else {
        current_.push_back(WidgetRecord{id, min, max, text, enabled});
    }
    ++used_;
}

const WidgetRecord* Registry::find(const std::string& id) const {
    for (const auto& r : last_)
        if (r.id == id) return &r;
    return nullptr;
}

namespace {
// Non-breaking spaces compare equal to spaces (French typography puts them before « : »).
std::string normalize_spaces(std::string s) {
    for (size_t p = s.find("\xc2\xa0"); p != std::string::npos; p = s.find("\xc2\xa0", p)) s.replace(p, 2, " ");
    return s;
}
} // namespace

const WidgetRecord* Registry::find_text(const std::string& t) const {
    const std::string want = normalize_spaces(t);
    for (const auto& r : last_)
        if (!r.text.empty() && normalize_spaces(r.text).find(want) != std::string::npos) return &r;
    return nullptr;
}

void record_last_item(const std::string& id, const std::string& text, bool enabled) {
    if (!ImGui::IsItemVisible()) return;
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    r.ClipWith(w->ClipRect);
    if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
    registry().record(id, r.Min, r.Max, text, enabled);
}

// [SECTION] Widgets
namespace {
bool g_animation_requested = false;
}
void request_animation_frames() { g_animation_requested = true; }
bool take_animation_request() {
    const bool r = g_animation_requested;
    g_animation_requested = false;
    return r;
}

bool released_as_tap() {
    const ImGuiIO& io = ImGui::GetIO();
    return io.MouseDragMaxDistanceSqr[0] <= io.MouseDragThreshold * io.MouseDragThreshold;
}

namespace {
struct Palette {
    ImU32 bg, bg_pressed, fg, border;
};
Palette palette(ButtonKind kind, bool enabled) {
    if (!enabled) return {colors::Background, colors::Background, colors::Disabled, colors::Border};
    switch (kind) {
    case ButtonKind::Primary: return {colors::Primary, colors::PrimaryPressed, colors::OnPrimary, colors::Primary};
    case ButtonKind::Danger: return {colors::Danger, colors::rgb(0x80, 0x1A, 0x14), colors::OnPrimary, colors::Danger};
    case ButtonKind::Quiet: return {colors::rgb(0, 0, 0, 0), colors::SurfacePressed, colors::Primary, colors::rgb(0, 0, 0, 0)};
    case ButtonKind::Secondary: break;
    }
    return {colors::Surface, colors::SurfacePressed, colors::Primary, colors::Border};
}

} // namespace

// Shared behaviour of every tappable surface: an ImGui button item that fires on release only
// if the finger did not travel past the drag threshold (so scrolling never activates it).
static bool tap_behavior(ImGuiID gid, const ImRect& bb, bool enabled, bool* held_out) {
    ImGui::ItemSize(bb);
    if (!ImGui::ItemAdd(bb, gid)) {
        *held_out = false;
        return false;
    }
    if (!enabled) {
        *held_out = false;
        return false;
    }
    bool hovered = false, held = false;
    const bool pressed = ImGui::ButtonBehavior(bb, gid, &hovered, &held, 0);
    *held_out = held && enabled;
    return enabled && pressed && released_as_tap();
}

bool tap_area(const char* id, ImVec2 size, bool* held) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    bool h = false;
    if (window->SkipItems) {
        if (held) *held = false;
        return false;
    }
    const ImVec2 pos = window->DC.CursorPos;
    const bool tapped = tap_behavior(window->GetID(id), ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y)), true, &h);
    if (held) *held = h;
    return tapped;
}

bool button(const char* id, const char* icon, const char* label, ButtonKind kind, ImVec2 size, bool enabled) {
    const Theme& t = theme();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    ImFont* font = t.bold ? t.bold : ImGui::GetFont();
    const float fs = font->FontSize;
    const ImVec2 label_size = font->CalcTextSizeA(fs, FLT_MAX, 0, label);
    const float icon_w = icon ? font->CalcTextSizeA(fs, FLT_MAX, 0, icon).x : 0.0f;
    const float inner = icon_w + (icon && *label ? t.gap * 1.25f : 0.0f) + label_size.x;
    float w = size.x;
    if (w == 0) w = inner + t.pad * 2.5f;
    if (w < 0) w = std::max(t.target, ImGui::GetContentRegionAvail().x);
    w = std::max(w, t.target);
    const float h = std::max(size.y, t.target);
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + w, pos.y + h));
    const ImGuiID gid = window->GetID(id);
    bool held = false;
    const bool tapped = tap_behavior(gid, bb, enabled, &held);
    const Palette p = palette(kind, enabled);
    ImDrawList* dl = window->DrawList;
    dl->AddRectFilled(bb.Min, bb.Max, held ? p.bg_pressed : p.bg, t.radius);
    if ((p.border >> 24) != 0) dl->AddRect(bb.Min, bb.Max, p.border, t.radius, 0, std::max(1.0f, 1.5f * t.dp));
    float x = bb.Min.x + std::max(t.pad, (w - inner) * 0.5f);
    const float y = bb.Min.y + (h - fs) * 0.5f;
    dl->PushClipRect(bb.Min, bb.Max, true);
    if (icon) {
        dl->AddText(font, fs, ImVec2(x, y), p.fg, icon);
        x += icon_w + (*label ? t.gap * 1.25f : 0.0f);
    }
    dl->AddText(font, fs, ImVec2(x, y), p.fg, label);
    dl->PopClipRect();
    record_last_item(id, label, enabled);
    return tapped;
}

bool icon_button(const char* id, const char* icon, const char* label, bool enabled) {
    const Theme& t = theme();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + t.target, pos.y + t.target));
    const ImGuiID gid = window->GetID(id);
    bool held = false;
    const bool tapped = tap_behavior(gid, bb, enabled, &held);
    const Palette p = palette(ButtonKind::Secondary, enabled);
    ImDrawList* dl = window->DrawList;
    dl->AddRectFilled(bb.Min, bb.Max, held ? p.bg_pressed : p.bg, t.radius);
    dl->AddRect(bb.Min, bb.Max, p.border, t.radius, 0, std::max(1.0f, 1.5f * t.dp));
    ImFont* font = t.bold ? t.bold : ImGui::GetFont();
    const ImVec2 isz = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, icon);
    dl->AddText(font, font->FontSize, ImVec2(bb.Min.x + (t.target - isz.x) * 0.5f, bb.Min.y + (t.target - isz.y) * 0.5f),
                p.fg, icon);
    record_last_item(id, label, enabled);
    return tapped;
}

void text(const std::string& s, ImFont* font, ImU32 color, float wrap_width) {
    if (font) ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    if (wrap_width != 0.0f) {
        ImGui::PushTextWrapPos(wrap_width < 0 ? 0.0f : ImGui::GetCursorPosX() + wrap_width);
        ImGui::TextUnformatted(s.c_str());
        ImGui::PopTextWrapPos();
    } else {
        ImGui::TextUnformatted(s.c_str());
    }
    ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
    record_last_item("", s);
}

bool text_field(const char* id, const char* label, std::string& value, const std::string& error,
                const char* hint, float width) {
    const Theme& t = theme();
    ImGui::PushID(id);
    text(label, t.bold, colors::Text, 0);
    ImGui::SetNextItemWidth(width < 0 ? -FLT_MIN : width);
    if (!error.empty()) ImGui::PushStyleColor(ImGuiCol_Border, colors::Danger);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(1.0f, (error.empty() ? 1.5f : 2.5f) * t.dp));
    const bool changed = ImGui::InputTextWithHint("##field", hint, &value);
    keep_field_above_keyboard();
    ImGui::PopStyleVar();
    if (!error.empty()) ImGui::PopStyleColor();
    record_last_item(id, value, true);
    if (!error.empty()) text(error, t.body, colors::Danger, -1.0f);
    ImGui::PopID();
    return changed;
}

namespace {
// Re-computes the soft breaks of text[0, len) in place (its soft breaks are spaces on entry).
// Works on the raw buffer because, inside an InputText callback, that buffer is ImGui's.
void rewrap(WrappedText& st, char* text, int len, ImFont* font, float font_size, float width) {
    st.soft.clear();
    const float scale = font_size / font->FontSize;
    const char* end = text + len;
    const char* line = text;
    while (line < end) {
        const char* line_end = static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(end - line)));
        if (!line_end) line_end = end;
        const char* s = line;
        while (s < line_end) {
            const char* brk = font->CalcWordWrapPositionA(scale, s, line_end, width);
            if (brk >= line_end) break;
            if (brk <= s) brk = s + 1; // never loop in place
            // French typography: never break right after « or right before » : ; ! ? — move
            // back to an earlier space of the line when there is one.
            auto can_break = [&](const char* q) {
                if (*q != ' ') return false;
                const bool after_open = q - line >= 2 && std::memcmp(q - 2, "\xc2\xab", 2) == 0;
                const bool before_close = line_end - q >= 3 && std::memcmp(q + 1, "\xc2\xbb", 2) == 0;
                const bool before_mark = q + 1 < line_end && std::strchr(":;!?", q[1]) != nullptr;
                return !after_open && !before_close && !before_mark;
            };
            if (*brk == ' ' && !can_break(brk)) {
                const char* q = brk;
                while (q > s && !can_break(q)) --q;
                if (q == s) { // nothing earlier on this line: overflow a little, break at the next good space
                    q = brk;
                    while (q < line_end && !can_break(q)) ++q;
                }
                brk = q;
                if (brk >= line_end) break;
            }
            if (*brk == ' ') {
                const int pos = static_cast<int>(brk - text);
                text[pos] = '\n';
                st.soft.push_back(pos);
                s = brk + 1;
            } else {
                s = brk; // a word longer than the line: it overflows, no break can be made here
            }
        }
        line = line_end + 1;
    }
    st.width = width;
}

struct WrapContext {
    WrappedText* state;
    ImFont* font;
    float font_size;
    float width;
};

int wrap_callback(ImGuiInputTextCallbackData* d) {
    auto* c = static_cast<WrapContext*>(d->UserData);
    WrappedText& st = *c->state;
    const bool edited = d->EventFlag == ImGuiInputTextFlags_CallbackEdit;
    const bool resized = d->EventFlag == ImGuiInputTextFlags_CallbackAlways && std::fabs(c->width - st.width) > 0.5f;
    if (!edited && !resized) return 0;
    const int len = d->BufTextLen;
    char* text = d->Buf; // ImGui's buffer (the std::string's storage): edit in place, same length
    if (edited) {
        // Map the old soft breaks into the edited text: the edit happened at the cursor.
        const int delta = len - st.length;
        const int cursor = d->CursorPos;
        const int edit_start = delta > 0 ? cursor - delta : cursor;
        const int removed_end = delta < 0 ? cursor - delta : cursor;
        for (int p : st.soft) {
            int q = p;
            if (p >= edit_start) {
                if (delta < 0 && p < removed_end) continue; // that break was deleted
                q = p + delta;
            }
            if (q >= 0 && q < len && text[q] == '\n') text[q] = ' ';
        }
    } else {
        for (int p : st.soft)
            if (p < len && text[p] == '\n') text[p] = ' ';
    }
    rewrap(st, text, len, c->font, c->font_size, c->width);
    d->BufDirty = true;
    st.length = len;
    return 0;
}
} // namespace

void wrap_text(WrappedText& st, const std::string& plain, ImFont* font, float font_size, float width) {
    st.display = plain;
    st.plain = plain;
    rewrap(st, st.display.empty() ? nullptr : &st.display[0], static_cast<int>(st.display.size()), font, font_size, width);
    st.length = static_cast<int>(st.display.size());
}

std::string unwrap_text(const WrappedText& st) {
    std::string out = st.display;
    for (int p : st.soft)
        if (p < static_cast<int>(out.size()) && out[static_cast<size_t>(p)] == '\n') out[static_cast<size_t>(p)] = ' ';
    return out;
}

bool wrapped_text_area(const char* id, std::string& plain, WrappedText& st, ImVec2 size) {
    ImGui::PushID(id);
    const ImGuiID field = ImGui::GetID("##area");
    const bool active = ImGui::GetActiveID() == field;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float outer_w = size.x > 0 ? size.x : avail.x + size.x;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = std::max(50.0f, outer_w - style.FramePadding.x * 2 - style.ScrollbarSize - 2.0f);
    ImFont* font = ImGui::GetFont();
    const float font_size = ImGui::GetFontSize();
    // Outside changes (undo, another screen) and new widths rebuild the display, unless the
    // field is being edited: ImGui then owns the buffer and the callback rewraps it.
    if (!active && (plain != st.plain || std::fabs(width - st.width) > 0.5f)) wrap_text(st, plain, font, font_size, width);
    WrapContext ctx{&st, font, font_size, width};
    const bool changed = ImGui::InputTextMultiline(
        "##area", &st.display, size, ImGuiInputTextFlags_CallbackEdit | ImGuiInputTextFlags_CallbackAlways, wrap_callback, &ctx);
    keep_field_above_keyboard();
    record_last_item(id, unwrap_text(st), true);
    ImGui::PopID();
    if (!changed) return false;
    const std::string now = unwrap_text(st);
    if (now == plain) return false;
    plain = now;
    st.plain = now;
    return true;
}

bool segmented(const char* id, const std::vector<std::string>& options, int& selected) {
    const Theme& t = theme();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems || options.empty()) return false;
    ImGui::PushID(id);
    bool changed = false;
    ImFont* font = t.bold ? t.bold : ImGui::GetFont();
    float seg_w = 0;
    for (const auto& o : options)
        seg_w = std::max(seg_w, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, o.c_str()).x + t.pad * 2.5f);
    for (size_t i = 0; i < options.size(); ++i) {
        if (i) ImGui::SameLine(0, t.gap);
        const ImVec2 pos = window->DC.CursorPos;
        const ImRect bb(pos, ImVec2(pos.x + seg_w, pos.y + t.target));
        const ImGuiID gid = window->GetID(static_cast<int>(i));
        bool held = false;
        if (tap_behavior(gid, bb, true, &held) && selected != static_cast<int>(i)) {
            selected = static_cast<int>(i);
            changed = true;
        }
        const bool on = selected == static_cast<int>(i);
        ImDrawList* dl = window->DrawList;
        dl->AddRectFilled(bb.Min, bb.Max, on ? colors::Primary : (held ? colors::SurfacePressed : colors::Surface), t.radius);
        dl->AddRect(bb.Min, bb.Max, on ? colors::Primary : colors::Border, t.radius, 0, std::max(1.0f, 1.5f * t.dp));
        const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, options[i].c_str());
        dl->AddText(font, font->FontSize, ImVec2(bb.Min.x + (seg_w - ts.x) * 0.5f, bb.Min.y + (t.target - ts.y) * 0.5f),
                    on ? colors::OnPrimary : colors::Text, options[i].c_str());
        record_last_item(std::string(id) + "." + std::to_string(i), options[i]);
    }
    ImGui::PopID();
    return changed;
}

bool chip(const char* id, const std::string& label, bool& on) {
    const Theme& t = theme();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    ImFont* font = t.body ? t.body : ImGui::GetFont();
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.c_str());
    const float w = ts.x + t.pad * 2.0f + (on ? font->FontSize * 1.3f : 0.0f);
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + w, pos.y + t.target));
    bool held = false;
    const bool tapped = tap_behavior(window->GetID(id), bb, true, &held);
    if (tapped) on = !on;
    ImDrawList* dl = window->DrawList;
    dl->AddRectFilled(bb.Min, bb.Max, on ? colors::PrimarySoft : (held ? colors::SurfacePressed : colors::Surface), t.target * 0.5f);
    dl->AddRect(bb.Min, bb.Max, on ? colors::Primary : colors::Border, t.target * 0.5f, 0, std::max(1.0f, (on ? 2.0f : 1.5f) * t.dp));
    float x = bb.Min.x + t.pad;
    const float y = bb.Min.y + (t.target - ts.y) * 0.5f;
    if (on) {
        dl->AddText(font, font->FontSize, ImVec2(x, y), colors::Primary, "\xef\x80\x8c"); // check icon
        x += font->FontSize * 1.3f;
    }
    dl->AddText(font, font->FontSize, ImVec2(x, y), on ? colors::Primary : colors::Text, label.c_str());
    record_last_item(id, label);
    return tapped;
}

bool checkbox(const char* id, const std::string& label, bool& value) {
    const Theme& t = theme();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    ImFont* font = t.body ? t.body : ImGui::GetFont();
    const float box = t.target * 0.75f;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float wrap = std::max(avail - box - t.gap * 2.0f, 50.0f);
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, label.c_str());
    const float h = std::max(t.target, ts.y + t.gap * 2.0f);
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + box + t.gap * 2.0f + ts.x, pos.y + h));
    bool held = false;
    const bool tapped = tap_behavior(window->GetID(id), bb, true, &held);
    if (tapped) value = !value;
    ImDrawList* dl = window->DrawList;
    const ImVec2 bmin(bb.Min.x, bb.Min.y + (h - box) * 0.5f);
    const ImVec2 bmax(bmin.x + box, bmin.y + box);
    dl->AddRectFilled(bmin, bmax, value ? colors::Primary : (held ? colors::SurfacePressed : colors::Surface), t.radius * 0.6f);
    dl->AddRect(bmin, bmax, value ? colors::Primary : colors::Muted, t.radius * 0.6f, 0, std::max(1.0f, 2.0f * t.dp));
    if (value) {
        ImFont* bf = t.bold ? t.bold : font;
        const ImVec2 cs = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, "\xef\x80\x8c");
        dl->AddText(bf, bf->FontSize, ImVec2(bmin.x + (box - cs.x) * 0.5f, bmin.y + (box - cs.y) * 0.5f), colors::OnPrimary,
                    "\xef\x80\x8c");
    }
    dl->AddText(font, font->FontSize, ImVec2(bmax.x + t.gap * 2.0f, bb.Min.y + (h - ts.y) * 0.5f), colors::Text,
                label.c_str(), nullptr, wrap);
    record_last_item(id, label);
    return tapped;
}

void begin_touch_scroll(const char* id, ImVec2 size) {
    ImGui::BeginChild(id, size, false, 0);
    // Drag to scroll: a press that started inside this region and moved past the tap threshold
    // scrolls it, even when the press began on a button (that button will then not fire).
    ImGuiIO& io = ImGui::GetIO();
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const bool started_inside = w->Rect().Contains(io.MouseClickedPos[0]);
    if (io.MouseDown[0] && started_inside && ImGui::IsMouseDragPastThreshold(0) &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows)) {
        ImGui::SetScrollY(w, w->Scroll.y - io.MouseDelta.y);
        // A finger that lands on a text field and then scrolls meant to scroll: the field it
        // activated on the way down lets go (no keyboard for a scroll).
        ImGuiContext& g = *ImGui::GetCurrentContext();
        if (g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID && g.ActiveIdTimer <= io.MouseDownDuration[0] + 0.001f)
            ImGui::ClearActiveID();
    }
}

void end_touch_scroll() { ImGui::EndChild(); }

void begin_screen(const char* id) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
}

void end_screen() { ImGui::End(); }

std::string ellipsize(ImFont* f, float size, const std::string& s, float max_w) {
    std::string out;
    ellipsize_into(out, f, size, s, max_w);
    return out;
}

const std::string& ellipsize_into(std::string& out, ImFont* f, float size, const std::string& s, float max_w) {
    // One pass over the characters: it runs for many labels every frame.
    out.clear();
    if (max_w <= 0) return out;
    const float scale = size / f->FontSize;
    const float dots = f->CalcTextSizeA(size, FLT_MAX, 0, "…").x;
    float w = 0.0f;
    const char* p = s.c_str();
    const char* end = p + s.size();
    const char* fits = p; // end of the longest prefix that fits with "…" after it
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        w += f->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
        p += n;
        if (w + dots <= max_w) fits = p;
        if (w > max_w) break;
    }
    if (p >= end && w <= max_w) return out.assign(s); // it all fits
    if (fits == s.c_str() && dots > max_w) return out;
    out.assign(s.c_str(), fits);
    return out.append("…");
}

bool begin_sheet(const char* id, float width_frac, float max_w_dp) {
    const Theme& t = theme();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(display.x * width_frac, max_w_dp * t.dp), 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(display.x, display.y * 0.94f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.radius * 1.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.pad * 1.5f, t.pad * 1.5f));
    const bool open = ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar(2);
    return open;
}

void card_begin(const char* id, ImVec2 size, ImU32 bg) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme().pad, theme().pad));
    ImGui::BeginChild(id, size, true, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
}

void card_end() {
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

} // namespace amorce::ui
