// The life timeline. See timeline_view.hpp for what it does; this file is laid out as:
//
// [SECTION] Helpers (colours, labels, view geometry, snapping)
// [SECTION] Layout (lanes, rows, boxes, gaps)
// [SECTION] Canvas input (pinch, pan, draw a box, move, resize, tap)
// [SECTION] Drawing
// [SECTION] Edit panel (steppers, job, training, event, note)
// [SECTION] Gap sheet
#include "ui/timeline_view.hpp"

#include "core/session.hpp"
#include "ui/i18n.hpp"
#include "ui/icons.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace amorce::ui {

namespace {

// [SECTION] Helpers

struct LaneStyle {
    const char* icon;
    ImU32 fill, text;
};
LaneStyle lane_style(core::Lane lane) {
    switch (lane) {
    case core::Lane::Education: return {ICON_GRADUATION, colors::rgb(0xD6, 0xE6, 0xF5), colors::rgb(0x15, 0x46, 0x6B)};
    case core::Lane::Employment: return {ICON_BRIEFCASE, colors::rgb(0xD5, 0xEB, 0xDC), colors::rgb(0x1E, 0x55, 0x34)};
    case core::Lane::NoWork: return {ICON_HAND, colors::rgb(0xE6, 0xE3, 0xDE), colors::rgb(0x45, 0x4B, 0x52)};
    case core::Lane::Personal: return {ICON_PEOPLE, colors::rgb(0xEA, 0xDF, 0xF2), colors::rgb(0x4E, 0x2F, 0x66)};
    case core::Lane::Justice: return {ICON_LOCK, colors::rgb(0xF6, 0xE2, 0xCF), colors::rgb(0x6B, 0x3A, 0x0F)};
    case core::Lane::Projects: return {ICON_STAR, colors::rgb(0xD3, 0xEE, 0xEC), colors::rgb(0x0F, 0x55, 0x50)};
    }
    return {ICON_INFO, colors::Surface, colors::Text};
}

std::string lane_name(core::Lane lane) { return tr(("timeline.lane." + std::string(core::lane_key(lane))).c_str()); }
std::string event_name(core::EventType e) { return tr(("timeline.event." + std::string(core::event_key(e))).c_str()); }

core::Command command(const TimelineViewModel& m, core::CommandData data) { return core::Command{std::move(data), m.who}; }

float clampf(float v, float lo, float hi) { return std::max(lo, std::min(v, hi)); }

// The months the view may show: from January of the birth year (or 20 years back, or the first
// episode) to December five years ahead (or the last episode).
struct Range {
    int first = 0, last = 0; // month indexes, included
};
Range view_range(const core::Session& s, const core::Date& today) {
    const int today_m = core::month_index(today);
    Range r;
    const bool has_birth = s.participant.birth_date.year > 0;
    r.first = has_birth ? core::month_index(s.participant.birth_date.year, 1) : today_m - 20 * 12;
    r.last = core::month_index(today.year + 5, 12);
    for (const auto& e : s.timeline.episodes) {
        if (!e.start.is_set()) continue;
        r.first = std::min(r.first, e.first_month());
        r.last = std::max(r.last, e.last_month(today_m));
    }
    return r;
}

struct View {
    ImRect canvas;           // ruler + lanes, time axis part only
    ImRect lanes;            // the lanes part of the canvas
    float left = 0, ppm = 1; // month index at the left edge, pixels per month
    float x_of(float month) const { return canvas.Min.x + (month - left) * ppm; }
    float month_at(float x) const { return left + (x - canvas.Min.x) / ppm; }
    bool months_mode() const { return ppm >= 14.0f * theme().dp; } // a month is wide enough to aim at
};

// The date a finger at `month` (fractional index) means: its year, or its month when zoomed in.
core::FuzzyDate snap(const View& v, float month) {
    const int m = static_cast<int>(std::floor(month));
    if (v.months_mode()) return core::FuzzyDate::from_month_index(m);
    return core::FuzzyDate::of_year(core::year_of_month_index(m));
}

void fit_all(TimelineViewState& s, const Range& r, float width) {
    s.px_per_month = width / static_cast<float>(r.last - r.first + 1);
    s.left_month = static_cast<float>(r.first);
}

void clamp_view(TimelineViewState& s, const Range& r, float width) {
    const float min_ppm = std::max(1e-3f, width / static_cast<float>(r.last - r.first + 1));
    const float max_ppm = 90.0f * theme().dp;
    s.px_per_month = clampf(s.px_per_month, min_ppm, std::max(min_ppm, max_ppm));
    const float visible = width / s.px_per_month;
    s.left_month = clampf(s.left_month, static_cast<float>(r.first), static_cast<float>(r.last + 1) - visible);
}

void zoom_around(TimelineViewState& s, float factor, float month_at_anchor, float anchor_frac, float width) {
    s.px_per_month *= factor;
    s.left_month = month_at_anchor - anchor_frac * width / s.px_per_month;
}

// [SECTION] Layout

struct Box {
    int index = -1;          // in session.timeline.episodes
    ImRect rect;
    bool event = false;
    bool handles = false;    // wide enough for edge handles
};

struct Layout {
    View view;
    ImRect toolbar;
    ImRect labels;                       // lane names column
    float lane_top[core::kLaneCount + 1] = {};
    float bar_h = 0, row_gap = 0;
    float lane_inset = 0;                // boxes sit in the middle of lanes taller than their rows
    std::vector<Box> boxes;
    std::vector<std::pair<core::Gap, ImRect>> gaps;
    ImRect facts;                        // the derived facts line
};

const TimelineCache& cached(const TimelineViewModel& m, TimelineViewState& s) {
    TimelineCache& c = s.cache;
    const int today_m = core::month_index(m.today);
    if (c.revision == m.session->revision && c.today_month == today_m && c.words.size() == m.session->timeline.episodes.size())
        return c;
    const core::Timeline& tl = m.session->timeline;
    const core::DateWords& words = timeline_date_words();
    c.revision = m.session->revision;
    c.today_month = today_m;
    c.rows.clear();
    for (core::Lane lane : core::kLanes) c.rows.push_back(core::stack_lane(tl, lane, today_m, false));
    c.gaps = core::find_gaps(tl, m.session->participant.birth_date, today_m);
    c.words.clear();
    std::unordered_map<std::string, int> seen; // a second job started the same year: ".2"
    for (const core::TimelineEpisode& e : tl.episodes) {
        TimelineCache::Words w;
        w.title = core::display_title(e).empty() ? (e.is_event() ? event_name(e.event) : lane_name(e.lane))
                                                 : core::display_title(e);
        w.period = core::period_label(e.start, e.end, !e.is_event(), words);
        w.id = std::string("tl.ep.") + core::lane_key(e.lane) + "." + std::to_string(e.start.year);
        if (const int n = ++seen[w.id]; n > 1) w.id += "." + std::to_string(n);
        w.record = w.title + " " + w.period;
        w.handle_start = w.id + ".start";
        w.handle_end = w.id + ".end";
        c.words.push_back(std::move(w));
    }
    return c;
}

void layout_boxes(const TimelineViewModel& m, const TimelineCache& cache, Layout& L) {
    const Theme& t = theme();
    const core::Timeline& tl = m.session->timeline;
    const int today_m = core::month_index(m.today);
    const View& v = L.view;
    const float handle_w = 22.0f * t.dp;
    for (int li = 0; li < core::kLaneCount; ++li) {
        const core::Lane lane = core::kLanes[static_cast<size_t>(li)];
        const core::LaneRows& rows = cache.rows[static_cast<size_t>(li)];
        for (size_t i = 0; i < tl.episodes.size(); ++i) {
            const core::TimelineEpisode& e = tl.episodes[i];
            if (e.lane != lane || !e.start.is_set()) continue;
            Box b;
            b.index = static_cast<int>(i);
            const float y0 = L.lane_top[li] + L.row_gap + L.lane_inset;
            if (e.is_event()) {
                const float cx = v.x_of(static_cast<float>(e.first_month()) + 0.5f);
                const float hs = L.bar_h * 0.5f;
                b.rect = ImRect(ImVec2(cx - hs, y0), ImVec2(cx + hs, y0 + L.bar_h));
                b.event = true;
            } else {
                const int row = rows.row[i] < 0 ? 0 : rows.row[i];
                const float y = y0 + static_cast<float>(row) * (L.bar_h + L.row_gap);
                float x0 = v.x_of(static_cast<float>(e.first_month()));
                float x1 = v.x_of(static_cast<float>(e.last_month(today_m) + 1));
                if (x1 - x0 < 8.0f * t.dp) x1 = x0 + 8.0f * t.dp;
                b.rect = ImRect(ImVec2(x0, y), ImVec2(x1, y + L.bar_h));
                b.handles = b.rect.GetWidth() >= handle_w * 3.2f;
            }
            // Out of view (an event keeps room for its label on the left).
            if (b.rect.Max.x < v.canvas.Min.x - (b.event ? 170.0f * t.dp : 0.0f) || b.rect.Min.x > v.canvas.Max.x) continue;
            L.boxes.push_back(b);
        }
    }
    // Gaps: hatched across the school/work/no-work lanes.
    for (const core::Gap& g : cache.gaps) {
        const float x0 = v.x_of(static_cast<float>(g.first_month));
        const float x1 = v.x_of(static_cast<float>(g.last_month + 1));
        L.gaps.emplace_back(g, ImRect(ImVec2(x0, L.lane_top[0]), ImVec2(x1, L.lane_top[3])));
    }
}

Layout make_layout(const TimelineViewModel& m, TimelineViewState& s, ImVec2 origin, ImVec2 avail) {
    const Theme& t = theme();
    Layout L;
    const bool narrow = avail.x < 700.0f * t.dp;
    const float label_w = std::round((narrow ? 120.0f : 168.0f) * t.dp);
    L.toolbar = ImRect(origin, ImVec2(origin.x + avail.x, origin.y + t.target));
    const float ruler_h = t.body_px * 2.6f; // years, ages below them
    const float top = L.toolbar.Max.y + t.gap * 1.5f;
    const float facts_h = t.body_px * 1.6f;  // the derived facts line at the bottom
    const float bottom = origin.y + avail.y - facts_h;
    L.facts = ImRect(ImVec2(origin.x, bottom), ImVec2(origin.x + avail.x, origin.y + avail.y));
    L.labels = ImRect(ImVec2(origin.x, top + ruler_h), ImVec2(origin.x + label_w, bottom));
    L.view.canvas = ImRect(ImVec2(origin.x + label_w + t.gap, top), ImVec2(origin.x + avail.x, bottom));
    L.view.lanes = ImRect(ImVec2(L.view.canvas.Min.x, top + ruler_h), L.view.canvas.Max);

    // Lane heights: each lane as tall as its stacked rows, shrunk together if they do not fit.
    const core::Timeline& tl = m.session->timeline;
    const TimelineCache& cache = cached(m, s);
    int rows[core::kLaneCount];
    int total_rows = 0;
    for (int li = 0; li < core::kLaneCount; ++li) {
        rows[li] = std::max(1, cache.rows[static_cast<size_t>(li)].row_count);
        total_rows += rows[li];
    }
    L.row_gap = 6.0f * t.dp;
    const float space = L.view.lanes.GetHeight();
    L.bar_h = std::min(t.target * 0.9f, (space - L.row_gap * static_cast<float>(total_rows + core::kLaneCount)) /
                                            static_cast<float>(total_rows));
    L.bar_h = std::max(L.bar_h, 22.0f * t.dp);
    // Spread spare height evenly so short timelines do not huddle at the top.
    const float used = static_cast<float>(total_rows) * (L.bar_h + L.row_gap) + L.row_gap * core::kLaneCount;
    const float extra = std::max(0.0f, (space - used) / static_cast<float>(core::kLaneCount));
    L.lane_inset = extra * 0.5f;
    float y = L.view.lanes.Min.y;
    for (int li = 0; li < core::kLaneCount; ++li) {
        L.lane_top[li] = y;
        y += static_cast<float>(rows[li]) * (L.bar_h + L.row_gap) + L.row_gap + extra;
    }
    L.lane_top[core::kLaneCount] = y;

    const Range r = view_range(*m.session, m.today);
    const float w = L.view.canvas.GetWidth();
    if (s.px_per_month > 0.0f && s.canvas_w > 0.0f && std::fabs(w - s.canvas_w) > 1.0f)
        s.px_per_month *= w / s.canvas_w; // resized or rotated: the same years stay in view
    s.canvas_w = w;
    if (s.px_per_month <= 0.0f) {
        // First look: the working life (from 16, or the first episode) to two years ahead, wide
        // enough to read the boxes; « Tout voir » shows birth to five years ahead.
        const int today_m = core::month_index(m.today);
        const core::Date birth = m.session->participant.birth_date;
        int first = birth.year > 0 ? core::month_index(birth.year + 16, 1) : today_m - 15 * 12;
        for (const auto& e : tl.episodes)
            if (e.start.is_set()) first = std::min(first, e.first_month() - 12);
        first = std::max(first, r.first);
        const int last = std::min(r.last, core::month_index(m.today.year + 2, 12));
        s.px_per_month = w / static_cast<float>(std::max(24, last - first + 1));
        s.left_month = static_cast<float>(first);
    }
    clamp_view(s, r, w);
    L.view.left = s.left_month;
    L.view.ppm = s.px_per_month;
    layout_boxes(m, cache, L);
    return L;
}

// Where a point is: an episode box (and which part), a gap, a lane.
struct Hit {
    int box = -1;            // index in L.boxes
    bool handle_start = false, handle_end = false;
    int gap = -1;            // index in L.gaps
    int lane = -1;           // lane index; -1 on the ruler or outside
};
Hit hit_test(const Layout& L, ImVec2 p) {
    const Theme& t = theme();
    Hit h;
    if (!L.view.canvas.Contains(p)) return h;
    const float handle_w = 22.0f * t.dp;
    // Events first (small targets drawn on top), then boxes, latest drawn first.
    for (int pass = 0; pass < 2 && h.box < 0; ++pass)
        for (int i = static_cast<int>(L.boxes.size()) - 1; i >= 0; --i) {
            const Box& b = L.boxes[static_cast<size_t>(i)];
            if (b.event != (pass == 0)) continue;
            // A finger is bigger than a diamond, a short period or a grip: every box takes at least
            // a target's width and height, its edge grips reach outside it to a target's width.
            ImRect r = b.rect;
            if (b.event) r.Expand(std::max(6.0f * t.dp, (t.target - r.GetHeight()) * 0.5f));
            if (!b.event && r.GetWidth() < t.target) {
                const float c = r.GetCenter().x;
                r.Min.x = c - t.target * 0.5f;
                r.Max.x = c + t.target * 0.5f;
            }
            if (!b.event && r.GetHeight() < t.target) r.Expand(ImVec2(0, (t.target - r.GetHeight()) * 0.5f));
            if (b.handles) { // a grip is handle_w inside the box: with this, a target wide
                r.Min.x -= std::max(0.0f, t.target - handle_w);
                r.Max.x += std::max(0.0f, t.target - handle_w);
            }
            if (!r.Contains(p)) continue;
            h.box = i;
            if (b.handles) {
                h.handle_start = p.x < b.rect.Min.x + handle_w;
                h.handle_end = p.x > b.rect.Max.x - handle_w;
            }
            break;
        }
    for (int li = 0; li < core::kLaneCount; ++li)
        if (p.y >= L.lane_top[li] && p.y < L.lane_top[li + 1]) h.lane = li;
    if (h.box < 0)
        for (size_t i = 0; i < L.gaps.size(); ++i)
            if (L.gaps[i].second.Contains(p)) h.gap = static_cast<int>(i);
    return h;
}

// [SECTION] Canvas input

void open_editor(TimelineViewState& s, const std::string& id, bool is_new) {
    s.sheet = TimelineViewState::Sheet::Edit;
    s.edit_id = id;
    s.edit_is_new = is_new;
    s.edit_pending = is_new;
    s.rome_query.clear();
    s.issues.clear();
}

// Adds a checked episode and opens its panel. Returns false (and says why) when refused.
bool add_episode(const TimelineViewModel& m, TimelineViewState& s, const core::TimelineEpisode& e,
                 std::vector<core::Command>* out) {
    const core::EpisodeCheck c = core::check_episode(*m.session, e, m.today);
    if (c.refused) {
        s.message = "timeline.issue." + std::string(core::issue_key(c.issues.empty() ? core::TimelineIssue::TooMany
                                                                                          : c.issues.front()));
        s.message_until = ImGui::GetTime() + 6.0;
        return false;
    }
    out->push_back(command(m, core::AddEpisode{c.episode, -1}));
    open_editor(s, c.episode.id, true);
    s.issues = c.issues;
    return true;
}

void canvas_input(const TimelineViewModel& m, TimelineViewState& s, Layout& L, std::vector<core::Command>* out) {
    ImGuiIO& io = ImGui::GetIO();
    View& v = L.view;
    const Range range = view_range(*m.session, m.today);
    const float w = v.canvas.GetWidth();
    using Press = TimelineViewState::Press;

    ImGui::SetCursorScreenPos(v.canvas.Min);
    ImGui::InvisibleButton("##tl_canvas", v.canvas.GetSize());
    const bool activated = ImGui::IsItemActivated();
    const bool active = ImGui::IsItemActive();
    const bool released = ImGui::IsItemDeactivated();

    // Two fingers: zoom around their centre and follow them.
    // (Not while a sheet is open over it: those fingers are on the sheet.)
    if (m.gestures && m.gestures->pinching && v.canvas.Contains(m.gestures->pinch_center) && !ImGui::GetTopMostPopupModal()) {
        const float cx = m.gestures->pinch_center.x;
        const float anchor = v.month_at(cx);
        zoom_around(s, m.gestures->pinch_scale, anchor, (cx - v.canvas.Min.x) / w, w);
        s.left_month -= m.gestures->pan_delta.x / s.px_per_month;
        clamp_view(s, range, w);
        if (s.press != Press::None) s.press = Press::Ignored;
    }
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
        const float anchor = v.month_at(io.MousePos.x);
        zoom_around(s, std::pow(1.15f, io.MouseWheel), anchor, (io.MousePos.x - v.canvas.Min.x) / w, w);
        clamp_view(s, range, w);
    }

    const core::Timeline& tl = m.session->timeline;
    if (activated) {
        const Hit h = hit_test(L, io.MouseClickedPos[0]);
        s.press = Press::Pending;
        s.press_lane = h.lane;
        s.press_left = s.left_month;
        s.press_episode.clear();
        s.press_on_handle_start = h.handle_start;
        s.press_on_handle_end = h.handle_end;
        if (h.box >= 0) {
            const auto& e = tl.episodes[static_cast<size_t>(L.boxes[static_cast<size_t>(h.box)].index)];
            s.press_episode = e.id;
            s.press_original = e;
            s.sent_start = e.start;
            s.sent_end = e.end;
        }
        s.create_from = s.create_to = static_cast<int>(std::floor(v.month_at(io.MouseClickedPos[0].x)));
    }
    // A second finger landing anywhere cancels the one-finger gesture (its lift has no position).
    if ((m.gestures && m.gestures->pinching) || (released && !ImGui::IsMousePosValid()))
        if (s.press != Press::None) s.press = Press::Ignored;
    // A drag seen first at its release (a slow frame) is still a drag: decide, then apply it.
    const bool moved_past = released ? !released_as_tap() : ImGui::IsMouseDragPastThreshold(0);
    if ((active || released) && s.press != Press::Ignored && s.press != Press::None) {
        const float dx = io.MousePos.x - io.MouseClickedPos[0].x;
        if (s.press == Press::Pending && moved_past) {
            if (!s.press_episode.empty()) {
                if (s.press_on_handle_start) s.press = Press::ResizeStart;
                else if (s.press_on_handle_end) s.press = Press::ResizeEnd;
                else s.press = Press::Move;
            } else if (s.press_lane >= 0) {
                s.press = Press::Create;
            } else {
                s.press = Press::Pan; // on the ruler
            }
        }
        if (s.press == Press::Pan) {
            s.left_month = s.press_left - dx / s.px_per_month;
            clamp_view(s, range, w);
        } else if (s.press == Press::Create) {
            s.create_to = static_cast<int>(std::floor(v.month_at(io.MousePos.x)));
        } else if (s.press == Press::Move || s.press == Press::ResizeStart || s.press == Press::ResizeEnd) {
            core::TimelineEpisode next = s.press_original;
            if (s.press == Press::Move) {
                int months = static_cast<int>(std::lround(dx / s.px_per_month));
                if (!v.months_mode()) months = static_cast<int>(std::lround(static_cast<float>(months) / 12.0f)) * 12;
                next = core::shifted(s.press_original, months);
            } else if (s.press == Press::ResizeStart) {
                next = core::with_start(s.press_original, snap(v, v.month_at(io.MousePos.x)));
            } else {
                next = core::with_end(s.press_original, snap(v, v.month_at(io.MousePos.x)));
            }
            const core::EpisodeCheck c = core::check_episode(*m.session, next, m.today);
            if (!c.refused && (c.episode.start != s.sent_start || c.episode.end != s.sent_end)) {
                out->push_back(command(m, core::MoveEpisode{s.press_episode, c.episode.start, c.episode.end}));
                s.sent_start = c.episode.start;
                s.sent_end = c.episode.end;
            }
        }
    }
    if (released) {
        if (s.press == Press::Create && s.press_lane >= 0) {
            const int a = std::min(s.create_from, s.create_to), b = std::max(s.create_from, s.create_to);
            const core::Lane lane = core::kLanes[static_cast<size_t>(s.press_lane)];
            core::TimelineEpisode e = core::new_episode(lane, snap(v, static_cast<float>(a)), snap(v, static_cast<float>(b)));
            add_episode(m, s, e, out);
        } else if (s.press == Press::Pending && released_as_tap()) {
            const Hit h = hit_test(L, io.MouseClickedPos[0]);
            if (h.box >= 0) {
                open_editor(s, tl.episodes[static_cast<size_t>(L.boxes[static_cast<size_t>(h.box)].index)].id, false);
            } else if (h.gap >= 0) {
                s.sheet = TimelineViewState::Sheet::Gap;
                s.gap = L.gaps[static_cast<size_t>(h.gap)].first;
            } else if (h.lane >= 0) {
                s.message = "tlv.hint_draw";
                s.message_until = ImGui::GetTime() + 5.0;
            }
        }
        s.press = Press::None;
    }
    v.left = s.left_month;
    v.ppm = s.px_per_month;
}

// [SECTION] Drawing

// Straight lines are drawn as thin rectangles (a quad each) and slanted ones with a whole-pixel
// width (ImGui's textured fast path): a timeline draws hundreds of them every frame.
void vline(ImDrawList* dl, float x, float y0, float y1, ImU32 col, float w) {
    dl->AddRectFilled(ImVec2(x - w * 0.5f, y0), ImVec2(x + w * 0.5f, y1), col);
}
void hline(ImDrawList* dl, float x0, float x1, float y, ImU32 col, float w) {
    dl->AddRectFilled(ImVec2(x0, y - w * 0.5f), ImVec2(x1, y + w * 0.5f), col);
}

void draw_hatch(ImDrawList* dl, const ImRect& r, ImU32 col, float step) {
    dl->PushClipRect(r.Min, r.Max, true);
    const float h = r.GetHeight();
    const float w = std::max(1.0f, std::round(1.5f * theme().dp));
    for (float x = r.Min.x - h; x < r.Max.x; x += step) dl->AddLine(ImVec2(x, r.Max.y), ImVec2(x + h, r.Min.y), col, w);
    dl->PopClipRect();
}

void draw_canvas(const TimelineViewModel& m, TimelineViewState& s, const Layout& L) {
    const Theme& t = theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const View& v = L.view;
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* huge = t.huge ? t.huge : ImGui::GetFont();
    const core::Timeline& tl = m.session->timeline;
    const int today_m = core::month_index(m.today);
    const core::Date birth = m.session->participant.birth_date;
    const core::DateWords& words = timeline_date_words();

    // Lane bands and names.
    for (int li = 0; li < core::kLaneCount; ++li) {
        const core::Lane lane = core::kLanes[static_cast<size_t>(li)];
        const LaneStyle st = lane_style(lane);
        const ImRect band(ImVec2(L.labels.Min.x, L.lane_top[li]), ImVec2(v.canvas.Max.x, L.lane_top[li + 1]));
        if (li % 2 == 0) dl->AddRectFilled(band.Min, band.Max, colors::rgb(0xF8, 0xF6, 0xF2));
        const std::string name = lane_name(lane);
        const float isz = t.body_px * 1.1f;
        const float lh = L.lane_top[li + 1] - L.lane_top[li];
        const float label_x = L.labels.Min.x + t.gap;
        const float text_w = L.labels.GetWidth() - isz - t.gap * 3;
        const ImVec2 ns = body->CalcTextSizeA(body->FontSize * 0.9f, FLT_MAX, text_w, name.c_str());
        const float ty = L.lane_top[li] + (lh - std::max(isz, ns.y)) * 0.5f;
        dl->AddText(huge, isz, ImVec2(label_x, ty + (std::max(isz, ns.y) - isz) * 0.5f), st.text, st.icon);
        dl->AddText(body, body->FontSize * 0.9f, ImVec2(label_x + isz + t.gap, ty), colors::Text, name.c_str(), nullptr,
                    text_w);
        registry().record(std::string("tl.lane.") + core::lane_key(lane), ImVec2(v.canvas.Min.x, L.lane_top[li]),
                          ImVec2(v.canvas.Max.x, L.lane_top[li + 1]), name);
    }

    dl->PushClipRect(v.canvas.Min, v.canvas.Max, true);
    // Years (and months when zoomed in) on the ruler, a light line at each year.
    const float year_px = v.ppm * 12.0f;
    int step = 20; // years between labels: the smallest that leaves room for "2015"
    for (int candidate : {10, 5, 2, 1})
        if (year_px * static_cast<float>(candidate) >= 64.0f * t.dp) step = candidate;
    // Only the years in view (and never more than the view's range, whatever the zoom).
    const Range range = view_range(*m.session, m.today);
    const int first_year = std::max(core::year_of_month_index(static_cast<int>(std::floor(v.left))),
                                    core::year_of_month_index(range.first));
    const int last_year = std::min(core::year_of_month_index(static_cast<int>(std::floor(v.month_at(v.canvas.Max.x)))),
                                   core::year_of_month_index(range.last));
    const float ruler_bottom = v.lanes.Min.y;
    for (int y = first_year; y <= last_year; ++y) {
        const float x = v.x_of(static_cast<float>(core::month_index(y, 1)));
        const float x_next = x + year_px;
        char id[24];
        std::snprintf(id, sizeof id, "tl.year.%d", y);
        registry().record(id, ImVec2(std::max(x, v.canvas.Min.x), v.canvas.Min.y),
                          ImVec2(std::min(x_next, v.canvas.Max.x), ruler_bottom), std::to_string(y));
        if (y % step != 0) continue;
        vline(dl, x, ruler_bottom - t.gap, v.canvas.Max.y, colors::rgb(0xCF, 0xC7, 0xBB, 0x90), std::max(1.0f, t.dp));
        const std::string label = std::to_string(y);
        dl->AddText(bold, bold->FontSize * 0.9f, ImVec2(x + 4 * t.dp, v.canvas.Min.y), colors::Text, label.c_str());
        if (birth.year > 0 && y >= birth.year && year_px * static_cast<float>(step) >= 80.0f * t.dp) {
            const int years = y - birth.year;
            const std::string age = years <= 1 ? trf("tlv.age_one", {std::to_string(years)})
                                               : trf("tlv.age", {std::to_string(years)});
            dl->AddText(body, body->FontSize * 0.75f, ImVec2(x + 4 * t.dp, v.canvas.Min.y + bold->FontSize),
                        colors::Muted, age.c_str());
        }
    }
    if (v.ppm >= 30.0f * t.dp) {
        const int last_mi = std::min(static_cast<int>(v.month_at(v.canvas.Max.x)), range.last);
        for (int mi = std::max(static_cast<int>(std::floor(v.left)), range.first); mi <= last_mi; ++mi) {
            const int month = core::month_of_month_index(mi);
            if (month == 1) continue;
            const float x = v.x_of(static_cast<float>(mi));
            vline(dl, x, ruler_bottom - t.gap * 0.6f, ruler_bottom, colors::Border, 1.0f);
            const char* name = tr(("tlv.month_short." + std::to_string(month)).c_str());
            dl->AddText(body, body->FontSize * 0.7f, ImVec2(x + 3 * t.dp, ruler_bottom - body->FontSize * 1.3f),
                        colors::Muted, name);
        }
    }
    hline(dl, v.canvas.Min.x, v.canvas.Max.x, ruler_bottom, colors::Border, std::max(1.0f, t.dp));

    // Gaps: « période non renseignée », hatched.
    for (size_t i = 0; i < L.gaps.size(); ++i) {
        const ImRect& r = L.gaps[i].second;
        dl->AddRectFilled(r.Min, r.Max, colors::rgb(0xFF, 0xF0, 0xD0, 0x90));
        draw_hatch(dl, r, colors::rgb(0xC9, 0x9A, 0x3C, 0x70), 12.0f * t.dp);
        const std::string label = tr("tlv.gap");
        const float fs = body->FontSize * 0.8f;
        ImRect seen = r; // centre the words in the part of the gap in view
        seen.ClipWith(v.canvas);
        const std::string shown = ellipsize(body, fs, label, seen.GetWidth() - t.gap);
        if (!shown.empty()) {
            const float lw = body->CalcTextSizeA(fs, FLT_MAX, 0, shown.c_str()).x;
            const float ly = L.lane_top[2] + (L.lane_top[3] - L.lane_top[2] - fs) * 0.5f;
            dl->AddText(body, fs, ImVec2(seen.GetCenter().x - lw * 0.5f, ly), colors::Warning, shown.c_str());
        }
        char id[32];
        std::snprintf(id, sizeof id, "tl.gap.%d", core::year_of_month_index(L.gaps[i].first.first_month));
        ImRect vis = r;
        vis.ClipWith(v.canvas);
        if (vis.GetWidth() > 0) registry().record(id, vis.Min, vis.Max, label);
    }

    // Boxes and events.
    const float handle_w = 22.0f * t.dp;
    static std::string scratch; // the words cut to fit, reused box after box
    for (const Box& b : L.boxes) {
        const core::TimelineEpisode& e = tl.episodes[static_cast<size_t>(b.index)];
        const LaneStyle st = lane_style(e.lane);
        const bool dragging = !s.press_episode.empty() && s.press_episode == e.id &&
                              s.press != TimelineViewState::Press::Pending && s.press != TimelineViewState::Press::None;
        const TimelineCache::Words& w = s.cache.words[static_cast<size_t>(b.index)];
        const std::string& title = w.title;
        const std::string& period = w.period;
        const std::string& id = w.id;
        if (b.event) {
            const ImVec2 c = b.rect.GetCenter();
            const float r = b.rect.GetWidth() * 0.5f;
            dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), st.text);
            const std::string& shown = ellipsize_into(scratch, body, body->FontSize * 0.8f, title, 160.0f * t.dp);
            dl->AddText(body, body->FontSize * 0.8f, ImVec2(c.x + r + 4 * t.dp, c.y - body->FontSize * 0.45f), st.text,
                        shown.c_str());
            registry().record(id, b.rect.Min, b.rect.Max, w.record);
            continue;
        }
        const ImU32 fill = e.start.approximate || e.end.approximate ? (st.fill & 0x00FFFFFFu) | (0xB0u << 24) : st.fill;
        // Level of detail: small boxes (zoomed out, many episodes) get square corners, no outline
        // and no words: a fraction of the vertices.
        const bool small = b.rect.GetWidth() < t.radius * 4.0f;
        dl->AddRectFilled(b.rect.Min, b.rect.Max, fill, small ? 0.0f : t.radius * 0.6f);
        if (!small || dragging)
            dl->AddRect(b.rect.Min, b.rect.Max, dragging ? colors::Primary : (st.text & 0x00FFFFFFu) | (0x60u << 24),
                        small ? 0.0f : t.radius * 0.6f, 0, (dragging ? 3.0f : 1.0f) * t.dp);
        ImRect vis = b.rect;
        vis.ClipWith(v.canvas);
        if (vis.GetWidth() > 0) registry().record(id, vis.Min, vis.Max, w.record);
        if (b.rect.GetWidth() < bold->FontSize) continue; // not even one letter fits
        if (e.ongoing()) // runs on: an arrow at today's end
            dl->AddText(huge, L.bar_h * 0.4f, ImVec2(b.rect.Max.x - L.bar_h * 0.45f, b.rect.GetCenter().y - L.bar_h * 0.2f),
                        st.text, ICON_NEXT);
        const float inner_x0 = b.rect.Min.x + (b.handles ? handle_w : 4.0f * t.dp);
        const float inner_w = b.rect.GetWidth() - (b.handles ? handle_w * 2 : 8.0f * t.dp);
        const bool two_lines = L.bar_h >= bold->FontSize * 0.85f + body->FontSize * 0.75f + 6.0f * t.dp;
        const std::string& shown = ellipsize_into(scratch, bold, bold->FontSize * 0.85f, title, inner_w);
        const float ty = two_lines ? b.rect.Min.y + 3.0f * t.dp
                                   : b.rect.GetCenter().y - bold->FontSize * 0.85f * 0.5f;
        // The words are cut to the width; only a box lower than a line needs clipping (a clip
        // rectangle per box would cost a draw command each).
        const bool clip = L.bar_h < bold->FontSize * 0.85f + 2.0f * t.dp;
        if (clip) dl->PushClipRect(b.rect.Min, b.rect.Max, true);
        dl->AddText(bold, bold->FontSize * 0.85f, ImVec2(inner_x0, ty), st.text, shown.c_str());
        if (two_lines) {
            const std::string& p = ellipsize_into(scratch, body, body->FontSize * 0.75f, period, inner_w);
            dl->AddText(body, body->FontSize * 0.75f, ImVec2(inner_x0, ty + bold->FontSize * 0.9f), st.text, p.c_str());
        }
        if (clip) dl->PopClipRect();
        if (b.handles) {
            for (int side = 0; side < (e.ongoing() ? 1 : 2); ++side) { // an open end shows its arrow instead
                const float hx = side == 0 ? b.rect.Min.x + handle_w * 0.5f : b.rect.Max.x - handle_w * 0.5f;
                const float h = L.bar_h * 0.22f;
                for (float off : {-3.0f * t.dp, 3.0f * t.dp})
                    vline(dl, hx + off, b.rect.GetCenter().y - h, b.rect.GetCenter().y + h,
                          (st.text & 0x00FFFFFFu) | (0x90u << 24), 2.0f * t.dp);
            }
            registry().record(w.handle_start, b.rect.Min, ImVec2(b.rect.Min.x + handle_w, b.rect.Max.y), period);
            registry().record(w.handle_end, ImVec2(b.rect.Max.x - handle_w, b.rect.Min.y), b.rect.Max, period);
        }
    }

    // The box being drawn by a finger.
    if (s.press == TimelineViewState::Press::Create && s.press_lane >= 0) {
        const int a = std::min(s.create_from, s.create_to), b = std::max(s.create_from, s.create_to);
        const core::FuzzyDate fa = snap(v, static_cast<float>(a)), fb = snap(v, static_cast<float>(b));
        const float x0 = v.x_of(static_cast<float>(fa.first_month()));
        const float x1 = v.x_of(static_cast<float>(fb.last_month() + 1));
        const float y = L.lane_top[s.press_lane] + L.row_gap + L.lane_inset;
        const LaneStyle st = lane_style(core::kLanes[static_cast<size_t>(s.press_lane)]);
        dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + L.bar_h), (st.fill & 0x00FFFFFFu) | (0xC0u << 24), t.radius * 0.6f);
        dl->AddRect(ImVec2(x0, y), ImVec2(x1, y + L.bar_h), colors::Primary, t.radius * 0.6f, 0, 2.5f * t.dp);
        const std::string p = core::period_label(fa, fb, true, words);
        dl->AddText(bold, bold->FontSize * 0.85f, ImVec2(x0 + 6 * t.dp, y + (L.bar_h - bold->FontSize) * 0.5f),
                    colors::Primary, p.c_str());
    }

    // Today.
    const float tx = v.x_of(static_cast<float>(today_m) + 0.5f);
    vline(dl, tx, v.canvas.Min.y + bold->FontSize * 1.9f, v.canvas.Max.y, colors::Danger, 2.0f * t.dp);
    const char* today_label = tr("tlv.today");
    const float tw = body->CalcTextSizeA(body->FontSize * 0.75f, FLT_MAX, 0, today_label).x;
    dl->AddText(body, body->FontSize * 0.75f, ImVec2(tx - tw * 0.5f, ruler_bottom - body->FontSize * 0.9f), colors::Danger,
                today_label);
    dl->PopClipRect();
}

void draw_toolbar(const TimelineViewModel& m, TimelineViewState& s, const Layout& L, std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImGui::SetCursorScreenPos(L.toolbar.Min);
    const int today_m = core::month_index(m.today);
    if (button("tl.add_episode", ICON_PLUS, tr("tlv.add_episode"), ButtonKind::Secondary)) {
        // A job that started last year by default; the panel's steppers and lanes change it.
        core::TimelineEpisode e =
            core::new_episode(core::Lane::Employment, core::FuzzyDate::of_year(m.today.year - 1), core::FuzzyDate{});
        add_episode(m, s, e, out);
    }
    ImGui::SameLine(0, t.gap);
    if (button("tl.add_event", ICON_STAR, tr("tlv.add_event"), ButtonKind::Quiet))
        add_episode(m, s, core::new_event(core::EventType::Other, core::FuzzyDate::from_month_index(today_m)), out);
    const float zoom_w = t.target * 2 + t.gap * 2 + 180.0f * t.dp;
    const float x = L.toolbar.Max.x - zoom_w;
    const Range range = view_range(*m.session, m.today);
    const float w = L.view.canvas.GetWidth();
    const float centre = L.view.month_at(L.view.canvas.GetCenter().x);
    if (ImGui::GetCursorScreenPos().x < x) {
        ImGui::SameLine();
        ImGui::SetCursorScreenPos(ImVec2(x, L.toolbar.Min.y));
    } else {
        ImGui::SameLine(0, t.gap);
    }
    if (icon_button("tl.zoom_out", ICON_ZOOM_OUT, tr("tlv.zoom_out"))) {
        zoom_around(s, 1.0f / 1.6f, centre, 0.5f, w);
        clamp_view(s, range, w);
    }
    ImGui::SameLine(0, t.gap);
    if (icon_button("tl.zoom_in", ICON_ZOOM_IN, tr("tlv.zoom_in"))) {
        zoom_around(s, 1.6f, centre, 0.5f, w);
        clamp_view(s, range, w);
    }
    ImGui::SameLine(0, t.gap);
    if (button("tl.fit", ICON_EXPAND, tr("tlv.fit"), ButtonKind::Quiet)) {
        fit_all(s, range, w);
        clamp_view(s, range, w);
    }
}

// « 4 ans et 2 mois », « 8 mois », « 1 an ».
std::string duration(int months) {
    const int y = months / 12, m = months % 12;
    const std::string ys = y == 1 ? std::string(tr("tlv.one_year")) : trf("tlv.years", {std::to_string(y)});
    const std::string ms = trf("tlv.months", {std::to_string(m)});
    if (y == 0) return ms;
    if (m == 0) return ys;
    return trf("tlv.years_and_months", {ys, ms});
}

// What the timeline says, as the synthesis will: time in work, highest diploma, gaps.
void draw_facts(const TimelineViewModel& m, TimelineViewState& s, const Layout& L) {
    const Theme& t = theme();
    if (s.facts_revision != m.session->revision || s.facts.empty()) {
        const core::TimelineFacts f = core::derive_facts(*m.session, m.today);
        std::string line = trf("tlv.facts_employed", {duration(f.months_employed)});
        line += "  ·  ";
        line += f.highest_diploma && f.highest_diploma->level > 0
                    ? trf("tlv.facts_diploma", {std::to_string(f.highest_diploma->level)})
                    : std::string(tr("tlv.facts_no_diploma"));
        line += "  ·  ";
        line += trf("tlv.facts_gaps", {std::to_string(f.gaps.size())});
        s.facts = line;
        s.facts_revision = m.session->revision;
    }
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const float fs = body->FontSize * 0.9f;
    const std::string shown = ellipsize(body, fs, std::string(ICON_INFO) + "  " + s.facts, L.facts.GetWidth());
    const ImVec2 p(L.facts.Min.x, L.facts.Max.y - fs * 1.15f);
    ImGui::GetWindowDrawList()->AddText(body, fs, p, colors::Muted, shown.c_str());
    registry().record("tl.facts", p, ImVec2(L.facts.Max.x, L.facts.Max.y), s.facts);
}

// [SECTION] Edit panel

// [−] 2012 [+]  [−] mars [+]  [vers]. Returns true when the date changed.
bool date_stepper(const char* id, core::FuzzyDate& d, const core::TimelineLimits& lim, bool show_month) {
    const Theme& t = theme();
    bool changed = false;
    ImGui::PushID(id);
    ImFont* title = t.title ? t.title : ImGui::GetFont();
    const std::string sid(id);
    const auto value = [&](const std::string& text, float w) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 ts = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, text.c_str());
        ImGui::Dummy(ImVec2(w, t.target));
        ImGui::GetWindowDrawList()->AddText(title, title->FontSize,
                                            ImVec2(p.x + (w - ts.x) * 0.5f, p.y + (t.target - ts.y) * 0.5f), colors::Text,
                                            text.c_str());
        record_last_item(sid + ".value", text);
    };
    if (icon_button((sid + ".year_minus").c_str(), ICON_MINUS, tr("tlv.year_minus"), d.year > lim.min_year)) {
        d.year = std::max(lim.min_year, d.year - 1);
        changed = true;
    }
    ImGui::SameLine(0, t.gap);
    value(std::to_string(d.year), title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "0000").x + t.pad);
    ImGui::SameLine(0, t.gap);
    if (icon_button((sid + ".year_plus").c_str(), ICON_PLUS, tr("tlv.year_plus"), d.year < lim.max_year)) {
        d.year = std::min(lim.max_year, d.year + 1);
        changed = true;
    }
    if (show_month) {
        ImGui::SameLine(0, t.pad * 1.5f);
        // Month: unknown ↔ janvier … décembre.
        if (icon_button((sid + ".month_minus").c_str(), ICON_MINUS, tr("tlv.month_minus"))) {
            d.month = d.month <= 0 ? 12 : d.month - 1;
            changed = true;
        }
        ImGui::SameLine(0, t.gap);
        const core::DateWords& words = timeline_date_words();
        const std::string month = d.has_month() ? words.months[static_cast<size_t>(d.month - 1)] : tr("tlv.month_unknown");
        value(month, title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "septembre").x + t.pad);
        ImGui::SameLine(0, t.gap);
        if (icon_button((sid + ".month_plus").c_str(), ICON_PLUS, tr("tlv.month_plus"))) {
            d.month = d.month >= 12 ? 0 : d.month + 1;
            changed = true;
        }
    }
    ImGui::SameLine(0, t.pad * 1.5f);
    bool approx = d.approximate;
    if (chip((sid + ".approx").c_str(), tr("tlv.approx"), approx)) {
        d.approximate = approx;
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

// A row of chips, one per option; returns true when the selection changed.
template <class T, size_t N>
bool chip_row(const char* label_key, const char* id, const std::array<T, N>& options, T& value,
              const char* (*key_of)(T), const char* prefix) {
    const Theme& t = theme();
    text(tr(label_key), t.bold, colors::Text, 0);
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    bool changed = false;
    for (size_t i = 0; i < N; ++i) {
        const std::string label = tr((std::string(prefix) + key_of(options[i])).c_str());
        const float cw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label.c_str()).x + t.pad * 3;
        if (i > 0) {
            ImGui::SameLine(0, t.gap);
            if (ImGui::GetCursorScreenPos().x + cw > right) ImGui::NewLine();
        }
        bool on = value == options[i];
        const std::string cid = std::string(id) + "." + key_of(options[i]);
        if (chip(cid.c_str(), label, on) && on) {
            value = options[i];
            changed = true;
        }
    }
    return changed;
}

const char* lane_key_fn(core::Lane l) { return core::lane_key(l); }
const char* contract_key_fn(core::Contract c) { return core::contract_key(c); }
const char* work_time_key_fn(core::WorkTime w) { return core::work_time_key(w); }
const char* answer_key_fn(core::Answer a) { return core::answer_key(a); }
const char* event_key_fn(core::EventType e) { return core::event_key(e); }

void edit_sheet(const TimelineViewModel& m, TimelineViewState& s, std::vector<core::Command>* out) {
    const Theme& t = theme();
    const core::TimelineEpisode* found = core::find_episode(m.session->timeline, s.edit_id);
    if (!found) {
        if (!s.edit_pending) s.sheet = TimelineViewState::Sheet::None; // removed meanwhile (undo)
        s.edit_pending = false; // a new episode shows up on the next frame
        return;
    }
    s.edit_pending = false;
    if (!begin_sheet("##tl_edit", 0.96f, 1040.0f)) return;
    core::TimelineEpisode e = *found;
    bool changed = false;
    bool close = false;
    const core::TimelineLimits lim = core::timeline_limits(*m.session, m.today);
    const core::DateWords& words = timeline_date_words();

    const LaneStyle st = lane_style(e.lane);
    const std::string heading = (e.is_event() ? event_name(e.event) : lane_name(e.lane)) + " · " +
                                core::period_label(e.start, e.end, !e.is_event(), words);
    text(std::string(st.icon) + "  " + heading, t.title, colors::Text, -1);
    ImGui::Dummy(ImVec2(1, t.gap * 0.5f));

    const float max_h = ImGui::GetIO().DisplaySize.y * 0.94f - t.target * 2.2f - t.pad * 5 - t.body_px * 2;
    begin_touch_scroll("##tl_edit_body", ImVec2(-FLT_MIN, max_h));
    if (e.is_event()) {
        if (chip_row("tlv.what_event", "tl.event", core::kEventTypes, e.event, event_key_fn, "timeline.event.")) {
            e.lane = core::default_lane(e.event);
            changed = true;
        }
    } else {
        changed |= chip_row("tlv.lane", "tl.lane_pick", core::kLanes, e.lane, lane_key_fn, "timeline.lane.");
    }
    ImGui::Dummy(ImVec2(1, t.gap));
    text(tr(e.is_event() ? "tlv.date" : "tlv.start"), t.bold, colors::Text, 0);
    if (date_stepper("tl.start", e.start, lim, true)) changed = true;
    if (!e.is_event()) {
        text(tr("tlv.end"), t.bold, colors::Text, 0);
        bool ongoing = !e.end.is_set();
        if (!ongoing) {
            if (date_stepper("tl.end", e.end, lim, true)) changed = true;
            ImGui::SameLine(0, t.pad * 1.5f);
            ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
            const float chip_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, tr("tlv.ongoing")).x + t.pad * 3;
            if (ImGui::GetCursorScreenPos().x + chip_w > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
                ImGui::NewLine(); // no room beside the steppers (portrait)
        }
        if (chip("tl.ongoing", tr("tlv.ongoing"), ongoing)) {
            e.end = ongoing ? core::FuzzyDate{} : core::FuzzyDate::of_year(std::min(m.today.year, lim.max_year));
            changed = true;
        }
    }
    ImGui::Dummy(ImVec2(1, t.gap));
    const float half = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
    if (e.lane == core::Lane::Employment && !e.is_event()) {
        const ImVec2 row = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        if (text_field("tl.job_title", tr("tlv.job_title"), e.job.title, "", tr("tlv.job_title_hint"), half))
            changed = true;
        ImGui::EndGroup();
        ImGui::SameLine(0, t.gap * 2);
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, row.y));
        ImGui::BeginGroup();
        if (text_field("tl.employer", tr("tlv.employer"), e.job.employer, "", "", half)) changed = true;
        ImGui::EndGroup();
        // ROME: search the built-in list, tap a job to take its title and code.
        if (m.rome && !m.rome->empty()) {
            const std::string label = e.job.rome_code.empty() ? std::string(tr("tlv.rome_search"))
                                                              : trf("tlv.rome_code", {e.job.rome_code});
            text_field("tl.rome_search", label.c_str(), s.rome_query, "", tr("tlv.rome_hint"), half);
            if (!e.job.rome_code.empty()) {
                ImGui::SameLine(0, t.gap * 2);
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + t.body_px * 1.3f);
                if (button("tl.rome_clear", ICON_CLOSE, tr("tlv.rome_clear"), ButtonKind::Quiet)) {
                    e.job.rome_code.clear();
                    changed = true;
                }
            }
            int row = 0;
            for (const core::RomeJob* j : core::search_rome_jobs(*m.rome, s.rome_query, 6)) {
                // Several titles share a code: each row needs its own id.
                const std::string id = "tl.rome." + j->code + "." + std::to_string(row++);
                if (button(id.c_str(), nullptr, (j->code + " · " + j->title).c_str(), ButtonKind::Secondary,
                           ImVec2(-FLT_MIN, 0))) {
                    e.job.rome_code = j->code;
                    if (e.job.title.empty()) e.job.title = j->title;
                    s.rome_query.clear();
                    changed = true;
                }
            }
        }
        changed |= chip_row("tlv.contract", "tl.contract", core::kContracts, e.job.contract, contract_key_fn,
                            "timeline.contract.");
        static constexpr std::array<core::WorkTime, 3> kTimes = {core::WorkTime::Full, core::WorkTime::Part,
                                                                 core::WorkTime::Unknown};
        changed |= chip_row("tlv.work_time", "tl.work_time", kTimes, e.job.work_time, work_time_key_fn,
                            "timeline.work_time.");
    } else if ((e.lane == core::Lane::Education && !e.is_event()) || e.event == core::EventType::Diploma) {
        if (text_field("tl.training_title", tr("tlv.training_title"), e.training.title, "", tr("tlv.training_hint"), -1.0f))
            changed = true;
        static constexpr std::array<core::Answer, 3> kAnswers = {core::Answer::Yes, core::Answer::No,
                                                                 core::Answer::Unknown};
        if (!e.is_event())
            changed |= chip_row("tlv.diploma", "tl.diploma", kAnswers, e.training.diploma, answer_key_fn,
                                "timeline.answer.");
        text(tr("tlv.level"), t.bold, colors::Text, 0);
        std::vector<std::string> levels;
        for (int l = 0; l <= core::kMaxLevel; ++l) levels.push_back(l == 0 ? "?" : std::to_string(l));
        int level = e.training.level;
        if (segmented("tl.level", levels, level)) {
            e.training.level = level;
            changed = true;
        }
        text(tr(("timeline.level." + std::to_string(e.training.level)).c_str()), t.body, colors::Muted, -1);
    } else {
        if (text_field("tl.title", tr("tlv.title"), e.title, "", "", -1.0f)) changed = true;
    }
    if (text_field("tl.note", tr("tlv.note"), e.note, "", "", -1.0f)) changed = true;
    end_touch_scroll();

    // What the last check corrected, in words.
    for (core::TimelineIssue issue : s.issues)
        if (issue != core::TimelineIssue::Blank)
            text(std::string(ICON_INFO) + "  " + tr(("timeline.issue." + std::string(core::issue_key(issue))).c_str()),
                 t.body, colors::Warning, -1);

    ImGui::Dummy(ImVec2(1, t.gap));
    const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
    if (button("tl.delete", ICON_TRASH, tr(s.edit_is_new ? "tlv.cancel_new" : "tlv.delete"), ButtonKind::Quiet,
               ImVec2(bw, 0))) {
        out->push_back(command(m, core::RemoveEpisode{e.id}));
        close = true;
    }
    ImGui::SameLine(0, t.gap * 2);
    if (button("tl.done", ICON_CHECK, tr("tlv.done"), ButtonKind::Primary, ImVec2(bw, 0))) close = true;

    if (changed && !close) {
        const core::EpisodeCheck c = core::check_episode(*m.session, e, m.today);
        s.issues = c.issues;
        if (!c.refused && c.episode != *found) out->push_back(command(m, core::UpdateEpisode{c.episode}));
    }
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = TimelineViewState::Sheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// [SECTION] Gap sheet

void gap_sheet(const TimelineViewModel& m, TimelineViewState& s, std::vector<core::Command>* out) {
    const Theme& t = theme();
    if (!begin_sheet("##tl_gap", 0.9f, 720.0f)) return;
    bool close = false;
    const core::DateWords& words = timeline_date_words();
    text(tr("tlv.gap_title"), t.title, colors::Text, 0);
    const std::string period = core::period_label(s.gap.start(), s.gap.end(), true, words);
    text(trf("tlv.gap_text", {period, std::to_string(s.gap.months())}), t.body, colors::Muted, -1);
    ImGui::Dummy(ImVec2(1, t.gap));
    text(tr("tlv.gap_question"), t.bold, colors::Text, 0);
    const core::Lane choices[] = {core::Lane::Employment, core::Lane::Education, core::Lane::NoWork, core::Lane::Personal,
                                  core::Lane::Justice};
    const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
    int n = 0;
    for (core::Lane lane : choices) {
        if (n++ % 2) ImGui::SameLine(0, t.gap * 2);
        const std::string id = std::string("tl.fill.") + core::lane_key(lane);
        if (button(id.c_str(), lane_style(lane).icon, lane_name(lane).c_str(), ButtonKind::Secondary,
                   ImVec2(bw, t.target * 1.2f))) {
            core::TimelineEpisode e = core::new_episode(lane, s.gap.start(), s.gap.end());
            s.sheet = TimelineViewState::Sheet::None;
            ImGui::CloseCurrentPopup();
            add_episode(m, s, e, out);
            ImGui::EndPopup();
            return;
        }
    }
    if (n % 2) ImGui::SameLine(0, t.gap * 2);
    if (button("tl.gap_close", ICON_CLOSE, tr("tlv.close"), ButtonKind::Quiet, ImVec2(bw, t.target * 1.2f))) close = true;
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = TimelineViewState::Sheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace

const core::DateWords& timeline_date_words() {
    // Rebuilt when the language changes (the catalog is set once at start-up in practice).
    static core::DateWords words;
    static std::string lang;
    if (lang != current_language() || words.ongoing.empty()) {
        lang = current_language();
        for (int i = 0; i < 12; ++i)
            words.months[static_cast<size_t>(i)] = tr(("timeline.month." + std::to_string(i + 1)).c_str());
        words.approx = tr("timeline.date.approx");
        words.ongoing = tr("timeline.date.ongoing");
    }
    return words;
}

void draw_timeline(const TimelineViewModel& m, TimelineViewState& s, std::vector<core::Command>* out) {
    const Theme& t = theme();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < t.target * 4 || avail.y < t.target * 4) return;
    Layout L = make_layout(m, s, origin, avail);
    draw_toolbar(m, s, L, out);
    canvas_input(m, s, L, out);
    // Input may have zoomed or panned: lay the boxes out again for this frame's drawing.
    L.boxes.clear();
    L.gaps.clear();
    layout_boxes(m, cached(m, s), L);
    draw_canvas(m, s, L);
    draw_facts(m, s, L);
    if (!s.message.empty() && ImGui::GetTime() < s.message_until) {
        ImFont* body = t.body ? t.body : ImGui::GetFont();
        const std::string msg = tr(s.message.c_str());
        const ImVec2 p(L.view.canvas.Min.x + t.gap, L.view.canvas.Max.y - body->FontSize * 1.6f);
        const ImVec2 ts = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, msg.c_str());
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - t.gap, p.y - t.gap * 0.5f),
                                                  ImVec2(p.x + ts.x + t.gap, p.y + ts.y + t.gap * 0.5f),
                                                  colors::WarningSoft, t.radius);
        ImGui::GetWindowDrawList()->AddText(body, body->FontSize, p, colors::Warning, msg.c_str());
        registry().record("tl.message", p, ImVec2(p.x + ts.x, p.y + ts.y), msg);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + avail.y));
}

void draw_timeline_overlays(const TimelineViewModel& m, TimelineViewState& s, std::vector<core::Command>* out) {
    if (s.sheet == TimelineViewState::Sheet::Edit) edit_sheet(m, s, out);
    else if (s.sheet == TimelineViewState::Sheet::Gap) gap_sheet(m, s, out);
}

} // namespace amorce::ui
