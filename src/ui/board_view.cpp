// Expression boards: the pile, the columns, the scales, and their sheets.
//
// [SECTION] Helpers (pictograms, labels wrapped once, commands)
// [SECTION] Header: the boards as chips, « Nouveau support »
// [SECTION] Sort board: layout
// [SECTION] Sort board: presses (lift, scroll, tap-tap, long press)
// [SECTION] Sort board: drawing
// [SECTION] Scales
// [SECTION] Sheets: choosing a board, a card's details, typing a card
// [SECTION] Entry points
#include "ui/board_view.hpp"

#include "ui/i18n.hpp"
#include "ui/icons.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <unordered_map>

namespace amorce::ui {

namespace {

// [SECTION] Helpers

constexpr int kPileLines = 3; // label lines on a card in the pile (2 in a column)

float clampf(float v, float lo, float hi) { return std::max(lo, std::min(v, hi)); }

core::Command command(const BoardViewModel& m, core::CommandData data) { return core::Command{std::move(data), m.who}; }

ImU32 with_alpha(ImU32 c, float a) {
    const unsigned alpha = static_cast<unsigned>(((c >> 24) & 0xFF) * a);
    return (c & 0x00FFFFFFu) | (alpha << 24);
}

void centered_icon(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const char* icon, float size, ImU32 color) {
    ImFont* huge = theme().huge ? theme().huge : ImGui::GetFont();
    const ImVec2 s = huge->CalcTextSizeA(size, FLT_MAX, 0, icon);
    dl->AddText(huge, size, ImVec2((p0.x + p1.x - s.x) * 0.5f, (p0.y + p1.y - s.y) * 0.5f), color, icon);
}

// A rounded panel with a border: the border as a filled shape under an inset fill (cheaper than
// an outline for the dozens of cards drawn every frame, and the same look).
void bordered(ImDrawList* dl, ImVec2 p0, ImVec2 p1, ImU32 fill, ImU32 border, float width) {
    const float r = theme().radius;
    dl->AddRectFilled(p0, p1, border, r);
    dl->AddRectFilled(ImVec2(p0.x + width, p0.y + width), ImVec2(p1.x - width, p1.y - width), fill, std::max(0.0f, r - width));
}

// A card's pictogram fitted in a square; a calm placeholder while it loads; a pen for a typed
// card without one.
void draw_picto(ImDrawList* dl, PictogramSource* src, const core::BoardCard* card, const std::string& name, ImVec2 p0,
                float side, float alpha = 1.0f) {
    const ImVec2 p1(p0.x + side, p0.y + side);
    if (name.empty() || !src) {
        if (card && card->custom) centered_icon(dl, p0, p1, ICON_EDIT, side * 0.5f, with_alpha(colors::Muted, alpha));
        return;
    }
    const PhotoTexture tex = src->pictogram(name);
    if (tex.id && tex.width > 0 && tex.height > 0) {
        const float k = std::min(side / static_cast<float>(tex.width), side / static_cast<float>(tex.height));
        const ImVec2 sz(tex.width * k, tex.height * k);
        const ImVec2 q0(p0.x + (side - sz.x) * 0.5f, p0.y + (side - sz.y) * 0.5f);
        dl->AddImage(tex.id, q0, ImVec2(q0.x + sz.x, q0.y + sz.y), ImVec2(0, 0), ImVec2(1, 1),
                     with_alpha(IM_COL32_WHITE, alpha));
    } else if (!tex.failed) {
        dl->AddRectFilled(ImVec2(p0.x + side * 0.15f, p0.y + side * 0.15f), ImVec2(p1.x - side * 0.15f, p1.y - side * 0.15f),
                          with_alpha(colors::rgb(0xEC, 0xE8, 0xE1), alpha), side * 0.2f);
    }
}

// Up to `max_lines` lines of `label` that fit `width`, the last one cut with « … ».
std::vector<std::string> wrap_label(ImFont* f, float size, const std::string& label, float width, int max_lines) {
    std::vector<std::string> lines;
    const char* p = label.c_str();
    const char* end = p + label.size();
    const float scale = size / f->FontSize;
    while (p < end && static_cast<int>(lines.size()) < max_lines) {
        while (p < end && *p == ' ') ++p;
        if (p >= end) break;
        if (static_cast<int>(lines.size()) == max_lines - 1) {
            lines.push_back(ellipsize(f, size, std::string(p, end), width));
            break;
        }
        const char* eol = f->CalcWordWrapPositionA(scale, p, end, width);
        if (eol == p) eol = p + std::max(1, ImTextCountUtf8BytesFromChar(p, end)); // one wide character
        lines.emplace_back(p, eol);
        p = eol;
    }
    return lines;
}

// Labels are wrapped once per card and width (dozens of cards are drawn every frame), with
// each line's width and the card's registry id.
struct CardText {
    std::string label;                // what the lines were made from
    std::vector<std::string> lines;
    std::vector<float> widths;
    std::string record_id;            // "board.card.<id>"
    float width = -1.0f;              // the width the lines were cut for
};
struct LabelCache {
    std::unordered_map<std::string, CardText> pile, column, header;
};
LabelCache& label_cache() {
    static LabelCache cache;
    return cache;
}
enum class TextPlace { Pile, Column, Header };
const CardText& cached_text(TextPlace place, const std::string& id, const std::string& label, float width) {
    LabelCache& lc = label_cache();
    auto& map = place == TextPlace::Pile ? lc.pile : place == TextPlace::Column ? lc.column : lc.header;
    CardText& ct = map[id];
    if (ct.label != label || ct.record_id.empty() || std::fabs(ct.width - width) > 0.5f) {
        ct.width = width;
        const Theme& t = theme();
        ImFont* f = place == TextPlace::Header ? (t.bold ? t.bold : ImGui::GetFont()) : (t.body ? t.body : ImGui::GetFont());
        ct.label = label;
        ct.lines = wrap_label(f, f->FontSize, label, width, place == TextPlace::Pile ? kPileLines : 2);
        ct.widths.clear();
        for (const auto& line : ct.lines) ct.widths.push_back(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, line.c_str()).x);
        ct.record_id = "board.card." + id;
    }
    return ct;
}
const CardText& cached_lines(bool pile, const core::BoardCard& c, const std::string& label, float width) {
    return cached_text(pile ? TextPlace::Pile : TextPlace::Column, c.id, label, width);
}

// A board's words in the interface language: the template's `en` lines when the interface is in
// English (the session keeps the French, which the synthesis uses); French otherwise or when the
// template has no translation for that id (typed cards, a template gone since).
const std::string& shown(const BoardViewModel& m, const std::string& template_id, const std::string& id,
                         const std::string& fr) {
    static std::string lang;
    static const std::vector<core::BoardTemplate>* from = nullptr;
    static std::unordered_map<std::string, std::unordered_map<std::string, std::string>> words;
    const std::string now = current_language();
    if (now == "fr" || !m.templates) return fr;
    if (now != lang || from != m.templates) {
        lang = now;
        from = m.templates;
        words.clear();
        if (lang == "en")
            for (const core::BoardTemplate& t : *m.templates)
                for (const auto& [key, text] : t.english) words[t.board.template_id][key] = text;
    }
    auto t = words.find(template_id);
    if (t == words.end()) return fr;
    auto w = t->second.find(id);
    return w == t->second.end() ? fr : w->second;
}
const std::string& card_label(const BoardViewModel& m, const core::Board& b, const core::BoardCard& c) {
    return shown(m, b.template_id, c.id, c.label);
}

// Which cards are in the pile, per board, worked out once per session revision (indices into
// the board's cards: a reopened session of the same revision has the same cards elsewhere).
struct PileCache {
    std::string session_id;
    std::uint64_t revision = ~0ull;
    std::unordered_map<std::string, std::vector<int>> piles;
};
const std::vector<int>& pile_indices(const core::Session& s, const core::Board& b) {
    static PileCache cache;
    if (cache.session_id != s.id || cache.revision != s.revision) {
        cache.session_id = s.id;
        cache.revision = s.revision;
        cache.piles.clear();
    }
    auto it = cache.piles.find(b.id);
    if (it != cache.piles.end()) return it->second;
    std::vector<int> idx;
    const std::vector<const core::BoardCard*> pool = b.pool();
    for (const core::BoardCard* c : pool) idx.push_back(static_cast<int>(c - b.cards.data()));
    return cache.piles.emplace(b.id, std::move(idx)).first->second;
}
int left_to_sort(const core::Session& s, const core::Board& b) {
    return b.kind == core::BoardKind::Scales ? b.left_to_sort() : static_cast<int>(pile_indices(s, b).size());
}

void show_hint(BoardViewState& s, const char* key, double seconds = 4.0) {
    s.hint = key;
    s.hint_until = ImGui::GetTime() + seconds;
}

const core::Board* current_board(const BoardViewModel& m, BoardViewState& s) {
    const auto& boards = m.session->boards;
    if (boards.empty()) return nullptr;
    const core::Board* b = core::find_board(*m.session, s.board_id);
    if (!b) {
        b = &boards.back();
        s.board_id = b->id;
    }
    return b;
}

} // namespace

int drop_index_at(const std::vector<float>& tops, float row_h, float y) {
    int i = 0;
    for (float top : tops) {
        if (y < top + row_h * 0.5f) return i;
        ++i;
    }
    return i;
}

int place_index(std::pair<int, int> from, int column, int index) {
    if (from.first == column && from.second >= 0 && from.second < index) return index - 1;
    return index;
}

namespace {

// [SECTION] Header

// The session's boards as tabs: the one shown with its pictogram, title and what is left to
// sort; the others as their pictogram with that number (five boards fit a tablet's width).
// Then « Nouveau support », which also lists every open board.
void draw_board_chips(const BoardViewModel& m, BoardViewState& s, ImVec2 origin, float width) {
    const Theme& t = theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const char* add_label = tr("board.add");
    const float h = t.target;
    const float ps = std::round(h * 0.66f);
    // With many boards « Nouveau support » shrinks to its « + ».
    float add_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, add_label).x + t.pad * 2 + t.body_px * 1.6f;
    const size_t n = m.session->boards.size();
    const float compact_w = t.gap * 1.5f + ps + t.gap + bold->FontSize * 1.2f + t.gap * 1.5f;
    const bool short_add = n > 1 && (n - 1) * (compact_w + t.gap) + 360.0f * t.dp + add_w > width;
    if (short_add) add_w = t.target;
    const float right = origin.x + width - add_w - t.gap;
    float x = origin.x;
    for (const core::Board& b : m.session->boards) {
        const bool on = b.id == s.board_id;
        const int left = left_to_sort(*m.session, b);
        const std::string count = left > 0 ? std::to_string(left) : std::string(ICON_CHECK);
        const float cw_count = bold->CalcTextSizeA(bold->FontSize * 0.85f, FLT_MAX, 0, count.c_str()).x;
        std::string title;
        float w = t.gap * 1.5f + ps + t.gap + cw_count + t.gap * 1.5f;
        if (on) {
            const float room = std::max(0.0f, right - x - w - t.gap * 2);
            title = ellipsize(body, body->FontSize, shown(m, b.template_id, b.template_id, b.title), std::min(room, 320.0f * t.dp));
            w += body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, title.c_str()).x + t.gap;
        }
        if (x + w > right && x > origin.x) break; // no room: « Nouveau support » lists every board
        const std::string id = "board.chip." + b.template_id;
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
        bool held = false;
        ImGui::PushID(b.id.c_str()); // two boards of one template stay two targets
        const bool tapped = tap_area(id.c_str(), ImVec2(w, h), &held);
        ImGui::PopID();
        if (tapped && !on) {
            s.board_id = b.id;
            s.selected.clear(), s.hint.clear();
            s.press = BoardViewState::Press::None;
        }
        record_last_item(id, shown(m, b.template_id, b.template_id, b.title) + " " + (left > 0 ? count : std::string()));
        const ImVec2 p0(x, origin.y), p1(x + w, origin.y + h);
        dl->AddRectFilled(p0, p1, on ? colors::PrimarySoft : (held ? colors::SurfacePressed : colors::Surface), h * 0.5f);
        dl->AddRect(p0, p1, on ? colors::Primary : colors::Border, h * 0.5f, 0, (on ? 2.0f : 1.5f) * t.dp);
        float cx = x + t.gap * 1.5f;
        draw_picto(dl, m.pictograms, nullptr, b.pictogram, ImVec2(cx, origin.y + (h - ps) * 0.5f), ps);
        cx += ps + t.gap;
        if (on) {
            dl->AddText(body, body->FontSize, ImVec2(cx, origin.y + (h - body->FontSize) * 0.5f), colors::Primary, title.c_str());
            cx += body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, title.c_str()).x + t.gap;
        }
        dl->AddText(bold, bold->FontSize * 0.85f, ImVec2(cx, origin.y + (h - bold->FontSize * 0.85f) * 0.5f),
                    left > 0 ? colors::Muted : colors::Success, count.c_str());
        x += w + t.gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - add_w, origin.y));
    if (short_add ? icon_button("board.add", ICON_PLUS, add_label)
                  : button("board.add", ICON_PLUS, add_label, ButtonKind::Quiet, ImVec2(add_w, 0)))
        s.sheet = BoardSheet::Templates;
}

// [SECTION] Sort board: layout

struct SortLayout {
    ImRect prompt;
    ImRect status;                 // what is left to sort, the help line
    ImRect pile;
    int pile_rows = 1;
    float pile_max = 0;            // how far the pile scrolls (0: it all shows)
    float tile_w = 0, tile_h = 0, picto = 0;
    std::vector<ImRect> columns;   // whole column (header + body)
    std::vector<ImRect> bodies;    // where the cards are
    float row_h = 0, row_picto = 0, badge = 0;
    float label_w_pile = 0, label_w_col = 0;
};

float pile_content_w(const SortLayout& L, size_t n) {
    const size_t cols = (n + static_cast<size_t>(L.pile_rows) - 1) / static_cast<size_t>(L.pile_rows);
    return cols == 0 ? 0.0f : cols * L.tile_w + (cols - 1) * theme().gap;
}

SortLayout sort_layout(const core::Board& b, size_t pile_size, ImVec2 o, ImVec2 size, bool portrait, float top) {
    const Theme& t = theme();
    SortLayout L;
    const float line = t.body_px * 1.2f;
    L.tile_w = std::round(clampf(size.x / (portrait ? 5.0f : 6.0f), 128.0f * t.dp, 176.0f * t.dp));
    L.picto = std::round(std::min(L.tile_w * 0.42f, 64.0f * t.dp));
    L.tile_h = std::round(t.gap + L.picto + t.gap * 0.5f + line * kPileLines + t.gap * 0.5f);
    L.label_w_pile = L.tile_w - t.gap * 2;
    const bool empty_pile = pile_size == 0;
    L.pile_rows = portrait && size.y > 900.0f * t.dp ? 2 : 1;
    const float pile_h = empty_pile ? t.target * 1.2f : L.pile_rows * L.tile_h + (L.pile_rows - 1) * t.gap;
    const float prompt_h = t.target;
    L.prompt = ImRect(ImVec2(o.x, top), ImVec2(o.x + size.x, top + prompt_h));
    L.status = ImRect(ImVec2(o.x, L.prompt.Max.y), ImVec2(o.x + size.x, L.prompt.Max.y + t.target));
    const float pile_top = L.status.Max.y + t.gap * 0.5f;
    L.pile = ImRect(ImVec2(o.x, pile_top), ImVec2(o.x + size.x, pile_top + pile_h));
    L.pile_max = std::max(0.0f, pile_content_w(L, pile_size) - L.pile.GetWidth());
    const float cols_top = L.pile.Max.y + t.gap * 2;
    const int n = static_cast<int>(b.columns.size());
    const float cgap = t.gap * 1.5f;
    const float cw = std::floor((size.x - cgap * (n - 1)) / std::max(1, n));
    const float header_h = t.target * 1.1f;
    L.row_picto = std::round(std::min(t.target * 0.85f, 44.0f * t.dp));
    L.row_h = std::round(std::max(t.target, line * 2 + t.gap));
    // A very short region (a small window, the keyboard up): columns keep room for one card and
    // are cut by the region's clip rather than collapsing.
    const float bottom = std::max(o.y + size.y, cols_top + header_h + L.row_h + t.gap);
    for (int i = 0; i < n; ++i) {
        const float x = o.x + i * (cw + cgap);
        L.columns.emplace_back(ImVec2(x, cols_top), ImVec2(x + cw, bottom));
        L.bodies.emplace_back(ImVec2(x + t.gap, cols_top + header_h), ImVec2(x + cw - t.gap, bottom - t.gap));
    }
    L.badge = std::round(t.target * 0.5f);
    const bool ranked = std::any_of(b.columns.begin(), b.columns.end(), [](const auto& c) { return c.ranked > 0; });
    L.label_w_col = std::max(40.0f, cw - t.gap * 2 - L.row_picto - t.gap * 3 - (ranked ? L.badge + t.gap : 0.0f));
    return L;
}


ImRect pile_tile(const SortLayout& L, float scroll, int i) {
    const float gap = theme().gap;
    const int col = i / L.pile_rows, row = i % L.pile_rows;
    const ImVec2 p0(L.pile.Min.x + col * (L.tile_w + gap) - scroll, L.pile.Min.y + row * (L.tile_h + gap));
    return ImRect(p0, ImVec2(p0.x + L.tile_w, p0.y + L.tile_h));
}

float column_content_h(const SortLayout& L, size_t n) { return n == 0 ? 0.0f : n * L.row_h + (n - 1) * theme().gap; }

ImRect column_row(const SortLayout& L, int column, float scroll, int i) {
    const ImRect& body = L.bodies[static_cast<size_t>(column)];
    const float y = body.Min.y + i * (L.row_h + theme().gap) - scroll;
    return ImRect(ImVec2(body.Min.x, y), ImVec2(body.Max.x, y + L.row_h));
}

float max_column_scroll(const SortLayout& L, const core::Board& b, int c) {
    return std::max(0.0f, column_content_h(L, b.placed[static_cast<size_t>(c)].size()) -
                              L.bodies[static_cast<size_t>(c)].GetHeight());
}

// [SECTION] Sort board: presses

// The card under a point: {area, index} with area -1 the pile, else a column; index -1: none.
std::pair<int, int> card_at(const SortLayout& L, const BoardViewState& s, const core::Board& b,
                            const std::vector<const core::BoardCard*>& pile, ImVec2 p) {
    if (L.pile.Contains(p)) {
        for (int i = 0; i < static_cast<int>(pile.size()); ++i)
            if (pile_tile(L, s.pile_scroll, i).Contains(p)) return {-1, i};
        return {-1, -1};
    }
    for (int c = 0; c < static_cast<int>(L.columns.size()); ++c) {
        if (!L.columns[static_cast<size_t>(c)].Contains(p)) continue;
        const float scroll = s.column_scroll[static_cast<size_t>(c)];
        if (L.bodies[static_cast<size_t>(c)].Contains(p))
            for (int i = 0; i < static_cast<int>(b.placed[static_cast<size_t>(c)].size()); ++i)
                if (column_row(L, c, scroll, i).Contains(p)) return {c, i};
        return {c, -1};
    }
    return {-2, -1};
}

// Where a lifted card would land under the finger.
void update_drop(const SortLayout& L, BoardViewState& s, const core::Board& b, ImVec2 p) {
    s.drop_column = -2;
    s.drop_index = -1;
    ImRect pile = L.pile;
    pile.Expand(theme().gap);
    if (pile.Contains(p)) {
        s.drop_column = -1;
        return;
    }
    for (int c = 0; c < static_cast<int>(L.columns.size()); ++c) {
        if (!L.columns[static_cast<size_t>(c)].Contains(p)) continue;
        std::vector<float> tops;
        const float scroll = s.column_scroll[static_cast<size_t>(c)];
        for (int i = 0; i < static_cast<int>(b.placed[static_cast<size_t>(c)].size()); ++i)
            tops.push_back(column_row(L, c, scroll, i).Min.y);
        s.drop_column = c;
        s.drop_index = drop_index_at(tops, L.row_h, p.y);
        return;
    }
}


// Moves a card by drag: `index` counts the column's cards as drawn (the card itself included).
void drop_card(const BoardViewModel& m, const core::Board& b, const std::string& card, int column, int index,
               std::vector<core::Command>* out) {
    const auto from = b.position(card);
    if (column < 0) {
        if (from.first >= 0) out->push_back(command(m, core::PlaceCard{b.id, card, -1, -1}));
        return;
    }
    const int size = static_cast<int>(b.placed[static_cast<size_t>(column)].size());
    if (index < 0 || index > size) index = size;
    const int to = place_index(from, column, index);
    if (from.first == column && from.second == to) return;
    out->push_back(command(m, core::PlaceCard{b.id, card, column, to}));
}

// The second tap of tap-tap: on a column (its end), on a card in a column (the selected card
// takes its place), on the pile (back to the pile).
void tap_card(const BoardViewModel& m, BoardViewState& s, const core::Board& b,
              const std::vector<const core::BoardCard*>& pile, int area, int index, std::vector<core::Command>* out) {
    std::string card;
    if (area == -1 && index >= 0) card = pile[static_cast<size_t>(index)]->id;
    if (area >= 0 && index >= 0) card = b.placed[static_cast<size_t>(area)][static_cast<size_t>(index)];
    if (!s.selected.empty() && !b.find_card(s.selected)) s.selected.clear(), s.hint.clear(); // removed meanwhile (undo)
    if (s.selected.empty()) {
        if (!card.empty()) {
            s.selected = card;
            show_hint(s, "board.hint.where", 6.0);
        }
        return;
    }
    if (card == s.selected) {
        s.selected.clear(), s.hint.clear();
        s.hint.clear();
        return;
    }
    const auto from = b.position(s.selected);
    if (area == -1) {
        if (from.first >= 0) {
            out->push_back(command(m, core::PlaceCard{b.id, s.selected, -1, -1}));
            s.selected.clear(), s.hint.clear();
        } else {
            s.selected = card; // both in the pile: pick the other one
        }
        return;
    }
    if (area >= 0) {
        const int size = static_cast<int>(b.placed[static_cast<size_t>(area)].size());
        int to = index >= 0 ? index : size;
        if (from.first == area && index < 0) to = size - 1; // its own column's end
        if (!(from.first == area && from.second == to))
            out->push_back(command(m, core::PlaceCard{b.id, s.selected, area, to}));
        s.selected.clear(), s.hint.clear();
        s.hint.clear();
    }
}

void sort_input(const BoardViewModel& m, BoardViewState& s, const core::Board& b, const SortLayout& L,
                const std::vector<const core::BoardCard*>& pile, std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImGuiIO& io = ImGui::GetIO();
    const float bottom = L.columns.empty() ? L.pile.Max.y : L.columns[0].Max.y;
    const ImRect area(L.pile.Min, ImVec2(L.pile.Max.x, bottom));
    const float max_pile = L.pile_max;
    ImGui::SetCursorScreenPos(area.Min);
    ImGui::InvisibleButton("##board_area", area.GetSize());
    const bool activated = ImGui::IsItemActivated();
    const bool active = ImGui::IsItemActive();
    const bool released = ImGui::IsItemDeactivated();
    // A mouse's right click is its long press: the card's sheet.
    if (m.gestures && m.gestures->long_press && !io.MouseDown[0] && ImGui::IsItemHovered()) {
        const auto hit = card_at(L, s, b, pile, m.gestures->long_press_pos);
        if (hit.first >= -1 && hit.second >= 0) {
            s.sheet = BoardSheet::Card;
            s.sheet_card = hit.first < 0 ? pile[static_cast<size_t>(hit.second)]->id
                                         : b.placed[static_cast<size_t>(hit.first)][static_cast<size_t>(hit.second)];
        }
    }
    if (!active && !released && s.press != BoardViewState::Press::None) { // the press ended unseen
        s.press = BoardViewState::Press::None;
        s.long_held = false;
        s.drop_column = -2;
    }
    if (ImGui::IsItemHovered() && (io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f)) {
        const auto hit = card_at(L, s, b, pile, io.MousePos);
        if (hit.first == -1) s.pile_scroll -= (io.MouseWheel + io.MouseWheelH) * L.tile_w;
        else if (hit.first >= 0) s.column_scroll[static_cast<size_t>(hit.first)] -= io.MouseWheel * L.row_h;
        s.pile_velocity = 0;
    }
    using Press = BoardViewState::Press;
    if (activated) {
        const auto hit = card_at(L, s, b, pile, io.MouseClickedPos[0]);
        s.press_column = hit.first;
        s.press_card.clear();
        if (hit.first == -1 && hit.second >= 0) s.press_card = pile[static_cast<size_t>(hit.second)]->id;
        if (hit.first >= 0 && hit.second >= 0)
            s.press_card = b.placed[static_cast<size_t>(hit.first)][static_cast<size_t>(hit.second)];
        s.press = hit.first == -2 ? Press::Ignored : Press::Pending;
        s.press_scroll = hit.first == -1 ? s.pile_scroll : (hit.first >= 0 ? s.column_scroll[static_cast<size_t>(hit.first)] : 0.0f);
        s.pile_velocity = 0;
        s.track.clear();
        s.track.emplace_back(ImGui::GetTime(), io.MouseClickedPos[0].x);
        s.drop_column = -2;
    }
    // Which way a drag goes: clearly along the list (within about 25°) scrolls it; anything else
    // lifts the card, so a diagonal pull towards a column down and to the side takes the card.
    const auto decide = [&](ImVec2 d) {
        const bool in_pile = s.press_column == -1;
        const bool scrollable = in_pile ? max_pile > 0 : max_column_scroll(L, b, s.press_column) > 0;
        const bool along = in_pile ? std::fabs(d.x) > 2.0f * std::fabs(d.y) : std::fabs(d.y) > 2.0f * std::fabs(d.x);
        if (!s.press_card.empty() && (!along || !scrollable)) {
            s.press = Press::Lifted;
            s.selected.clear(), s.hint.clear();
            s.lift_offset = ImVec2(L.tile_w * 0.5f, L.tile_h * 0.5f);
        } else {
            s.press = scrollable ? Press::Scrolling : Press::Ignored;
        }
    };
    if (active) {
        const ImVec2 d(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
        if (s.press == Press::Pending) {
            if (m.gestures && m.gestures->pinching) s.press = Press::Ignored;
            else if (ImGui::IsMouseDragPastThreshold(0)) decide(d);
            else if (m.gestures && m.gestures->long_press && !s.press_card.empty()) {
                // A long press lifts the card in any direction; let go without moving: its sheet.
                s.press = Press::Lifted;
                s.selected.clear(), s.hint.clear();
                    s.lift_offset = ImVec2(L.tile_w * 0.5f, L.tile_h * 0.5f);
                s.long_held = true;
                s.held_pos = io.MousePos;
            }
        }
        if (s.press == Press::Lifted && s.long_held) {
            const float dx = io.MousePos.x - s.held_pos.x, dy = io.MousePos.y - s.held_pos.y;
            if (dx * dx + dy * dy > io.MouseDragThreshold * io.MouseDragThreshold * 4.0f) s.long_held = false;
        }
        if (s.press == Press::Scrolling) {
            if (s.press_column == -1) {
                s.pile_scroll = s.press_scroll - d.x;
                s.track.emplace_back(ImGui::GetTime(), io.MousePos.x);
                while (s.track.size() > 2 && s.track.back().first - s.track.front().first > 0.25) s.track.erase(s.track.begin());
            } else {
                s.column_scroll[static_cast<size_t>(s.press_column)] = s.press_scroll - d.y;
            }
        }
        if (s.press == Press::Lifted) {
            update_drop(L, s, b, io.MousePos);
            // Near the top or bottom of a long column, it scrolls by itself.
            if (s.drop_column >= 0) {
                const ImRect& body = L.bodies[static_cast<size_t>(s.drop_column)];
                const float edge = L.row_h * 0.6f;
                float& sc = s.column_scroll[static_cast<size_t>(s.drop_column)];
                const float speed = L.row_h * 4.0f * io.DeltaTime;
                if (io.MousePos.y < body.Min.y + edge && sc > 0) sc -= speed, request_animation_frames();
                if (io.MousePos.y > body.Max.y - edge && sc < max_column_scroll(L, b, s.drop_column))
                    sc += speed, request_animation_frames();
            }
        }
    }
    // Let go in place after a long press: the card's sheet (the platform reports that release with
    // no position, so that it clicks nothing).
    const bool open_sheet = released && s.press == Press::Lifted && s.long_held;
    if (released && !ImGui::IsMousePosValid() && !open_sheet) s.press = Press::Ignored; // a second finger cancelled it
    if (released && s.press == Press::Pending && !released_as_tap()) {
        // The whole move happened between two frames (a quick flick on a slow frame): decide now.
        decide(ImVec2(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y));
        if (s.press == Press::Lifted) update_drop(L, s, b, io.MousePos);
    }
    // A slow frame may see the finger's last move and its lift together: it lands where it lifted.
    if (released && s.press == Press::Lifted && !s.long_held && ImGui::IsMousePosValid()) update_drop(L, s, b, io.MousePos);
    if (released) {
        if (open_sheet) {
            s.sheet = BoardSheet::Card;
            s.sheet_card = s.press_card;
        } else if (s.press == Press::Lifted && s.drop_column != -2 && b.find_card(s.press_card)) {
            drop_card(m, b, s.press_card, s.drop_column, s.drop_index, out);
        } else if (s.press == Press::Pending && released_as_tap()) {
            const auto hit = card_at(L, s, b, pile, io.MouseClickedPos[0]);
            if (hit.first != -2) tap_card(m, s, b, pile, hit.first, hit.second, out);
        } else if (s.press == Press::Scrolling && s.press_column == -1) {
            s.pile_scroll = s.press_scroll - (io.MousePos.x - io.MouseClickedPos[0].x);
            s.track.emplace_back(ImGui::GetTime(), io.MousePos.x);
            s.pile_velocity = release_velocity(s.track);
        }
        s.press = Press::None;
        s.long_held = false;
        s.drop_column = -2;
    }
    if (!active && s.pile_velocity != 0.0f) {
        s.pile_scroll += s.pile_velocity * io.DeltaTime;
        s.pile_velocity *= std::exp(-2.5f * io.DeltaTime);
        if (std::fabs(s.pile_velocity) < 30.0f * t.dp || s.pile_scroll < 0 || s.pile_scroll > max_pile) s.pile_velocity = 0;
        request_animation_frames();
    }
    s.pile_scroll = clampf(s.pile_scroll, 0.0f, max_pile);
    for (int c = 0; c < static_cast<int>(b.columns.size()); ++c)
        s.column_scroll[static_cast<size_t>(c)] = clampf(s.column_scroll[static_cast<size_t>(c)], 0.0f, max_column_scroll(L, b, c));
}

// [SECTION] Sort board: drawing

void draw_tile(ImDrawList* dl, PictogramSource* src, const core::BoardCard& c, const std::string& label, const SortLayout& L, ImVec2 p0,
               bool selected, float alpha) {
    const Theme& t = theme();
    const ImVec2 p1(p0.x + L.tile_w, p0.y + L.tile_h);
    // White on the pile's beige needs no outline; a picked card gets a thick one.
    if (selected) bordered(dl, p0, p1, with_alpha(colors::PrimarySoft, alpha), with_alpha(colors::Primary, alpha), 3.0f * t.dp);
    else dl->AddRectFilled(p0, p1, with_alpha(colors::Surface, alpha), t.radius);
    draw_picto(dl, src, &c, c.pictogram, ImVec2(p0.x + (L.tile_w - L.picto) * 0.5f, p0.y + t.gap), L.picto, alpha);
    ImFont* f = t.body ? t.body : ImGui::GetFont();
    float y = p0.y + t.gap + L.picto + t.gap * 0.5f;
    const CardText& ct = cached_lines(true, c, label, L.label_w_pile);
    for (size_t i = 0; i < ct.lines.size(); ++i) {
        dl->AddText(f, f->FontSize, ImVec2(p0.x + (L.tile_w - ct.widths[i]) * 0.5f, y), with_alpha(colors::Text, alpha),
                    ct.lines[i].c_str());
        y += t.body_px * 1.2f;
    }
}

void draw_row(ImDrawList* dl, PictogramSource* src, const core::BoardCard& c, const std::string& label, const SortLayout& L, const ImRect& r,
              int rank, bool selected, float alpha) {
    const Theme& t = theme();
    if (selected) bordered(dl, r.Min, r.Max, with_alpha(colors::PrimarySoft, alpha), with_alpha(colors::Primary, alpha), 3.0f * t.dp);
    else dl->AddRectFilled(r.Min, r.Max, with_alpha(colors::rgb(0xF1, 0xEE, 0xE8), alpha), t.radius); // on the white column
    float x = r.Min.x + t.gap;
    const float cy = (r.Min.y + r.Max.y) * 0.5f;
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    if (rank > 0) {
        const ImVec2 c(x + L.badge * 0.5f, cy);
        dl->AddCircleFilled(c, L.badge * 0.5f, with_alpha(colors::Primary, alpha), 24);
        const std::string num = std::to_string(rank);
        const ImVec2 ns = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, num.c_str());
        dl->AddText(bold, bold->FontSize, ImVec2(c.x - ns.x * 0.5f, c.y - ns.y * 0.5f), with_alpha(colors::OnPrimary, alpha),
                    num.c_str());
    }
    if (rank >= 0) x += L.badge + t.gap; // ranked columns keep their labels aligned
    draw_picto(dl, src, &c, c.pictogram, ImVec2(x, cy - L.row_picto * 0.5f), L.row_picto, alpha);
    x += L.row_picto + t.gap * 1.5f;
    ImFont* f = t.body ? t.body : ImGui::GetFont();
    const auto& lines = cached_lines(false, c, label, L.label_w_col).lines;
    float y = cy - lines.size() * t.body_px * 0.6f;
    for (const std::string& line : lines) {
        dl->AddText(f, f->FontSize, ImVec2(x, y), with_alpha(colors::Text, alpha), line.c_str());
        y += t.body_px * 1.2f;
    }
}

void draw_sort_board(const BoardViewModel& m, BoardViewState& s, const core::Board& b, ImVec2 o, ImVec2 size,
                     float top, std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool portrait = io.DisplaySize.y > io.DisplaySize.x;
    if (s.scroll_board != b.id || s.column_scroll.size() != b.columns.size()) {
        s.scroll_board = b.id;
        s.pile_scroll = 0;
        s.pile_velocity = 0;
        s.column_scroll.assign(b.columns.size(), 0.0f);
        s.selected.clear(), s.hint.clear();
    }
    std::vector<const core::BoardCard*> pile;
    for (int i : pile_indices(*m.session, b)) pile.push_back(&b.cards[static_cast<size_t>(i)]);
    // The interest code (Holland letters) of the jobs in « Ça m'intéresse », once per change.
    if (s.interest_revision != m.session->revision || s.interest_board != b.id) {
        s.interest_revision = m.session->revision;
        s.interest_board = b.id;
        std::vector<const core::BoardCard*> liked;
        for (size_t c = 0; c < b.columns.size(); ++c)
            if (b.columns[c].role == core::ColumnRole::Interested)
                for (const std::string& id : b.placed[c])
                    if (const core::BoardCard* card = b.find_card(id)) liked.push_back(card);
        const std::string code = core::interest_code(liked);
        s.interest.clear();
        for (char ch : code) s.interest += (s.interest.empty() ? "" : "-") + std::string(1, ch);
    }
    const SortLayout L = sort_layout(b, pile.size(), o, size, portrait, top);
    sort_input(m, s, b, L, pile, out);
    if (!s.selected.empty() && !b.find_card(s.selected)) s.selected.clear(), s.hint.clear();
    using Press = BoardViewState::Press;
    const bool lifted = s.press == Press::Lifted;

    // Prompt, what is left, « Ajouter une carte ».
    ImFont* title = t.title ? t.title : ImGui::GetFont();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    const float add_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, tr("board.custom_add")).x + t.pad * 2 + t.body_px * 1.6f;
    const int left = static_cast<int>(pile.size());
    const bool hint_on = !s.hint.empty() && ImGui::GetTime() < s.hint_until;
    if (hint_on) request_animation_frames(); // to take it away in time (cheap: a few frames)
    const std::string status = left == 0 ? std::string(ICON_CHECK) + "  " + tr("board.all_sorted")
                                         : (left == 1 ? std::string(tr("board.left_one")) : trf("board.left_n", {std::to_string(left)}));
    // « ◀ ▶ » page through a long pile: the tap alternative to dragging it sideways.
    const float pile_max = L.pile_max;
    const float arrows_w = pile_max > 0 ? t.target * 2 + t.gap * 3 : 0.0f;
    const float prompt_w = std::max(40.0f, size.x - add_w - arrows_w - t.gap * 3);
    const std::string& title_shown = shown(m, b.template_id, b.template_id, b.title);
    const std::string& question = b.prompt.empty() || &title_shown != &b.title ? title_shown : b.prompt;
    ImFont* pf = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, question.c_str()).x <= prompt_w ? title : bold;
    const std::string prompt = ellipsize(pf, pf->FontSize, question, prompt_w);
    const float ty = L.prompt.Min.y + (L.prompt.GetHeight() - pf->FontSize) * 0.5f;
    dl->AddText(pf, pf->FontSize, ImVec2(o.x, ty), colors::Text, prompt.c_str());
    registry().record("board.prompt", ImVec2(o.x, L.prompt.Min.y), ImVec2(o.x + prompt_w, L.prompt.Max.y), prompt);
    // Under the question: how many cards are left, then the help line of a tap-tap.
    const float status_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, status.c_str()).x;
    const float sy = L.status.Min.y + (L.status.GetHeight() - bold->FontSize) * 0.5f;
    dl->AddText(bold, bold->FontSize, ImVec2(o.x, sy), left == 0 ? colors::Success : colors::Muted, status.c_str());
    registry().record("board.left", ImVec2(o.x, L.status.Min.y), ImVec2(o.x + status_w, L.status.Max.y), status);
    if (hint_on) {
        const std::string hint = ellipsize(bold, bold->FontSize, std::string(ICON_HAND) + "  " + tr(s.hint.c_str()),
                                           size.x - status_w - t.gap * 4);
        const float hx = o.x + status_w + t.gap * 4;
        dl->AddText(bold, bold->FontSize, ImVec2(hx, sy), colors::Primary, hint.c_str());
        registry().record("board.hint", ImVec2(hx, L.status.Min.y), ImVec2(o.x + size.x, L.status.Max.y), hint);
        // The picked card's sheet, without a long press.
        ImGui::SetCursorScreenPos(ImVec2(o.x + size.x - t.target, L.status.GetCenter().y - t.target * 0.5f));
        if (icon_button("board.selected_details", ICON_INFO, tr("board.selected_details"))) {
            s.sheet = BoardSheet::Card;
            s.sheet_card = s.selected;
        }
    } else if (!s.interest.empty()) {
        // Jobs: the interest code the choices give so far, for the counsellor (right-aligned).
        const std::string code = trf("board.interest_code", {s.interest});
        const float cw = ImGui::GetFont()->CalcTextSizeA(t.body_px, FLT_MAX, 0, code.c_str()).x;
        const float cx = o.x + size.x - cw;
        if (cx > o.x + status_w + t.gap * 4) {
            dl->AddText(ImGui::GetFont(), t.body_px, ImVec2(cx, L.status.Min.y + (L.status.GetHeight() - t.body_px) * 0.5f),
                        colors::Muted, code.c_str());
            registry().record("board.interest_code", ImVec2(cx, L.status.Min.y), ImVec2(o.x + size.x, L.status.Max.y), code);
        }
    }
    if (pile_max > 0) {
        const float pitch = L.tile_w + t.gap;
        const float page = std::max(pitch, std::floor(L.pile.GetWidth() / pitch) * pitch - pitch);
        ImGui::SetCursorScreenPos(ImVec2(o.x + size.x - add_w - arrows_w + t.gap, L.prompt.Min.y));
        if (icon_button("board.pile_prev", ICON_PREV, tr("board.pile_prev"), s.pile_scroll > 0.5f)) {
            s.pile_scroll = std::max(0.0f, s.pile_scroll - page);
            s.pile_velocity = 0;
        }
        ImGui::SameLine(0, t.gap);
        if (icon_button("board.pile_next", ICON_NEXT, tr("board.pile_next"), s.pile_scroll < pile_max - 0.5f)) {
            s.pile_scroll = std::min(pile_max, s.pile_scroll + page);
            s.pile_velocity = 0;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(o.x + size.x - add_w, L.prompt.Min.y));
    const bool can_add = !m.read_only && b.cards.size() < static_cast<size_t>(core::kMaxBoardCards);
    if (button("board.custom_add", ICON_PLUS, tr("board.custom_add"), ButtonKind::Secondary, ImVec2(add_w, 0), can_add)) {
        s.sheet = BoardSheet::Custom;
        s.custom_edit.clear();
        s.custom_text.clear();
        s.custom_picto.clear();
        s.custom_column = -1;
        s.custom_submitted = false;
    }

    // The pile.
    const bool pile_target = (lifted && s.drop_column == -1 && b.position(s.press_card).first >= 0) ||
                             (!s.selected.empty() && b.position(s.selected).first >= 0);
    dl->AddRectFilled(L.pile.Min, L.pile.Max, pile_target ? colors::PrimarySoft : colors::rgb(0xEE, 0xEA, 0xE3), t.radius);
    if (pile_target) dl->AddRect(L.pile.Min, L.pile.Max, colors::Primary, t.radius, 0, 2.0f * t.dp);
    registry().record("board.pile", L.pile.Min, L.pile.Max, "");
    if (pile.empty()) {
        const std::string msg = std::string(ICON_CHECK) + "  " + tr("board.pile_empty");
        const ImVec2 ms = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, msg.c_str());
        dl->AddText(bold, bold->FontSize, ImVec2(L.pile.GetCenter().x - ms.x * 0.5f, L.pile.GetCenter().y - ms.y * 0.5f),
                    colors::Success, msg.c_str());
    }
    dl->PushClipRect(L.pile.Min, L.pile.Max, true);
    for (int i = 0; i < static_cast<int>(pile.size()); ++i) {
        const ImRect r = pile_tile(L, s.pile_scroll, i);
        if (r.Max.x < L.pile.Min.x || r.Min.x > L.pile.Max.x) continue;
        const core::BoardCard& c = *pile[static_cast<size_t>(i)];
        const bool is_lifted = lifted && s.press_card == c.id;
        draw_tile(dl, m.pictograms, c, card_label(m, b, c), L, r.Min, s.selected == c.id, is_lifted ? 0.3f : 1.0f);
        ImRect vis = r;
        vis.ClipWith(L.pile);
        registry().record(cached_lines(true, c, card_label(m, b, c), L.label_w_pile).record_id, vis.Min, vis.Max, card_label(m, b, c));
    }
    dl->PopClipRect();
    const float max_pile = L.pile_max;
    if (max_pile > 0) { // where the pile is scrolled to, and that there is more
        const float track = L.pile.GetWidth() - t.radius * 2;
        const float bar_w = std::max(t.target, track * L.pile.GetWidth() / (L.pile.GetWidth() + max_pile));
        const float x = L.pile.Min.x + t.radius + (track - bar_w) * (s.pile_scroll / max_pile);
        const float y = L.pile.Max.y + t.gap * 0.4f;
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + bar_w, y + 3.0f * t.dp), colors::rgb(0x1F, 0x23, 0x28, 0x50), 2.0f * t.dp);
    }

    // The columns.
    for (int ci = 0; ci < static_cast<int>(b.columns.size()); ++ci) {
        const core::BoardColumn& col = b.columns[static_cast<size_t>(ci)];
        const auto& cards = b.placed[static_cast<size_t>(ci)];
        const ImRect& cr = L.columns[static_cast<size_t>(ci)];
        const ImRect& body = L.bodies[static_cast<size_t>(ci)];
        const bool target = (lifted && s.drop_column == ci) || !s.selected.empty();
        dl->AddRectFilled(cr.Min, cr.Max, lifted && s.drop_column == ci ? colors::PrimarySoft : colors::Surface, t.radius);
        dl->AddRect(cr.Min, cr.Max, target ? colors::Primary : colors::Border, t.radius, 0,
                    (lifted && s.drop_column == ci ? 3.0f : (target ? 2.0f : 1.0f)) * t.dp);
        // Header: pictogram, label, how many.
        const float hh = body.Min.y - cr.Min.y;
        float x = cr.Min.x + t.gap;
        const float hp = std::min(hh - t.gap, L.row_picto);
        if (!col.pictogram.empty()) {
            draw_picto(dl, m.pictograms, nullptr, col.pictogram, ImVec2(x, cr.Min.y + (hh - hp) * 0.5f), hp);
            x += hp + t.gap;
        }
        const std::string count = std::to_string(cards.size());
        const float count_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, count.c_str()).x;
        const float lw = cr.Max.x - x - count_w - t.gap * 3;
        const std::string& col_label = shown(m, b.template_id, col.id, col.label);
        const std::vector<std::string>& lines = cached_text(TextPlace::Header, col.id, col_label, lw).lines;
        float ly = cr.Min.y + (hh - bold->FontSize * 1.1f * lines.size()) * 0.5f;
        for (const std::string& line : lines) {
            dl->AddText(bold, bold->FontSize, ImVec2(x, ly), colors::Text, line.c_str());
            ly += bold->FontSize * 1.1f;
        }
        dl->AddText(bold, bold->FontSize, ImVec2(cr.Max.x - t.gap * 1.5f - count_w, cr.Min.y + (hh - bold->FontSize) * 0.5f),
                    colors::Muted, count.c_str());
        registry().record("board.col." + col.id, cr.Min, cr.Max, col_label + " " + count);
        // Body: the cards, ranked ones numbered.
        const float scroll = s.column_scroll[static_cast<size_t>(ci)];
        dl->PushClipRect(body.Min, body.Max, true);
        if (cards.empty()) {
            const char* msg = tr(!s.selected.empty() ? "board.tap_here" : "board.drop_here");
            const ImVec2 ms = ImGui::GetFont()->CalcTextSizeA(t.body_px, FLT_MAX, 0, msg);
            dl->AddText(ImGui::GetFont(), t.body_px, ImVec2(body.GetCenter().x - ms.x * 0.5f, body.Min.y + t.pad), colors::Muted, msg);
        }
        for (int i = 0; i < static_cast<int>(cards.size()); ++i) {
            const ImRect r = column_row(L, ci, scroll, i);
            if (r.Max.y < body.Min.y || r.Min.y > body.Max.y) continue;
            const core::BoardCard* c = b.find_card(cards[static_cast<size_t>(i)]);
            if (!c) continue;
            const bool is_lifted = lifted && s.press_card == c->id;
            const int rank = col.ranked > 0 ? (i < col.ranked ? i + 1 : 0) : -1;
            draw_row(dl, m.pictograms, *c, card_label(m, b, *c), L, r, rank, s.selected == c->id, is_lifted ? 0.3f : 1.0f);
            ImRect vis = r;
            vis.ClipWith(body);
            registry().record(cached_lines(false, *c, card_label(m, b, *c), L.label_w_col).record_id, vis.Min, vis.Max, card_label(m, b, *c));
        }
        // Where the lifted card would go.
        if (lifted && s.drop_column == ci) {
            const float y = s.drop_index < static_cast<int>(cards.size())
                                ? column_row(L, ci, scroll, s.drop_index).Min.y - t.gap * 0.5f
                                : (cards.empty() ? body.Min.y + t.gap * 0.5f : column_row(L, ci, scroll, static_cast<int>(cards.size()) - 1).Max.y + t.gap * 0.5f);
            dl->AddRectFilled(ImVec2(body.Min.x, y - 2.0f * t.dp), ImVec2(body.Max.x, y + 2.0f * t.dp), colors::Primary, 2.0f * t.dp);
        }
        dl->PopClipRect();
        const float max_sc = max_column_scroll(L, b, ci);
        if (max_sc > 0 && body.GetHeight() > 1.0f) {
            const float track = body.GetHeight();
            const float bar_h = std::max(t.target * 0.6f, track * track / (track + max_sc));
            const float y = body.Min.y + (track - bar_h) * (scroll / max_sc);
            const float bx = cr.Max.x - t.gap * 0.6f;
            dl->AddRectFilled(ImVec2(bx, y), ImVec2(bx + 3.0f * t.dp, y + bar_h), colors::rgb(0x1F, 0x23, 0x28, 0x50), 2.0f * t.dp);
        }
    }

    // The lifted card follows the finger, above everything.
    if (lifted) {
        if (const core::BoardCard* c = b.find_card(s.press_card)) {
            ImDrawList* fg = ImGui::GetForegroundDrawList();
            const ImVec2 p0(io.MousePos.x - s.lift_offset.x, io.MousePos.y - s.lift_offset.y);
            fg->AddRectFilled(ImVec2(p0.x + 6 * t.dp, p0.y + 8 * t.dp), ImVec2(p0.x + L.tile_w + 6 * t.dp, p0.y + L.tile_h + 8 * t.dp),
                              colors::rgb(0, 0, 0, 0x40), t.radius);
            draw_tile(fg, m.pictograms, *c, card_label(m, b, *c), L, p0, true, 1.0f);
            registry().record("board.lifted", p0, ImVec2(p0.x + L.tile_w, p0.y + L.tile_h), card_label(m, b, *c));
        }
    }
}

// [SECTION] Scales

// A face for a 0..10 value: red and sad at 0, green and smiling at 10.
ImU32 scale_color(int v) {
    // Red, amber, green: dark enough for white eyes and for text on white.
    const float k = clampf(v / 5.0f, 0.0f, 2.0f);
    const bool high = k > 1.0f;
    const float f = high ? k - 1.0f : k;
    const auto mix = [&](int a, int b) { return static_cast<unsigned>(a + (b - a) * f); };
    return high ? colors::rgb(mix(0xA8, 0x2E), mix(0x74, 0x7D), mix(0x08, 0x4E))
                : colors::rgb(mix(0xB8, 0xA8), mix(0x3A, 0x74), mix(0x2C, 0x08));
}

void draw_face(ImDrawList* dl, ImVec2 c, float r, int v, bool filled) {
    const Theme& t = theme();
    const ImU32 col = v < 0 ? colors::Disabled : scale_color(v);
    if (filled) dl->AddCircleFilled(c, r, col, 32);
    else dl->AddCircle(c, r, col, 32, 2.5f * t.dp);
    const ImU32 ink = filled ? colors::OnPrimary : col;
    dl->AddCircleFilled(ImVec2(c.x - r * 0.33f, c.y - r * 0.22f), r * 0.11f, ink, 12);
    dl->AddCircleFilled(ImVec2(c.x + r * 0.33f, c.y - r * 0.22f), r * 0.11f, ink, 12);
    // Mouth: a curve from frown (0) to smile (10).
    const float k = v < 0 ? 0.5f : v / 10.0f;
    const float bend = (k - 0.5f) * r * 0.6f;
    const ImVec2 a(c.x - r * 0.4f, c.y + r * 0.3f), e(c.x + r * 0.4f, c.y + r * 0.3f);
    dl->AddBezierQuadratic(a, ImVec2(c.x, c.y + r * 0.3f + bend * 2.0f), e, ink, 2.5f * t.dp * (r / t.target * 2.0f), 12);
}

float scale_row_height() {
    const Theme& t = theme();
    return t.body_px * 1.4f + t.gap + t.target * 1.1f + t.body_px * 1.1f * 2 + t.pad * 1.5f;
}

void draw_scale(const BoardViewModel& m, BoardViewState& s, const core::Board& b, const core::BoardScale& sc, ImRect r,
                std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    dl->AddRectFilled(r.Min, r.Max, colors::Surface, t.radius);
    dl->AddRect(r.Min, r.Max, colors::Border, t.radius, 0, 1.0f * t.dp);
    const float x0 = r.Min.x + t.pad, x1 = r.Max.x - t.pad;
    float y = r.Min.y + t.pad * 0.75f;
    const std::string value = sc.value < 0 ? std::string(tr("board.scale_unset")) : trf("board.scale_value", {std::to_string(sc.value)});
    const float vw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, value.c_str()).x;
    const std::string& sc_label = shown(m, b.template_id, sc.id, sc.label);
    const std::string label = ellipsize(bold, bold->FontSize, sc_label, x1 - x0 - vw - t.gap * 2);
    dl->AddText(bold, bold->FontSize, ImVec2(x0, y), colors::Text, label.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(x1 - vw, y), sc.value < 0 ? colors::Muted : scale_color(sc.value), value.c_str());
    registry().record("board.scale." + sc.id, ImVec2(x0, y), ImVec2(x1, y + bold->FontSize), sc_label + " " + value);
    y += t.body_px * 1.4f + t.gap;
    // Faces at both ends (taps set 0 or 10), the track between them.
    const float face = t.target * 1.1f;
    const float cy = y + face * 0.5f;
    const std::string id0 = "board.scale." + sc.id + ".low", id10 = "board.scale." + sc.id + ".high";
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    if (tap_area(id0.c_str(), ImVec2(face, face))) out->push_back(command(m, core::SetScale{b.id, sc.id, core::kScaleMin}));
    record_last_item(id0, sc.low_label);
    draw_face(dl, ImVec2(x0 + face * 0.5f, cy), face * 0.42f, 0, sc.value == 0);
    ImGui::SetCursorScreenPos(ImVec2(x1 - face, y));
    if (tap_area(id10.c_str(), ImVec2(face, face))) out->push_back(command(m, core::SetScale{b.id, sc.id, core::kScaleMax}));
    record_last_item(id10, sc.high_label);
    draw_face(dl, ImVec2(x1 - face * 0.5f, cy), face * 0.42f, 10, sc.value == 10);
    const float tx0 = x0 + face * 1.5f + t.gap;
    const float tx1 = std::max(tx0 + 1.0f, x1 - face * 1.5f - t.gap); // the handle never covers a face
    const auto x_of = [&](int v) { return tx0 + (tx1 - tx0) * v / 10.0f; };
    // The track takes taps and sideways drags: the value follows the finger, one undo step per
    // drag. A drag that starts up or down scrolls the list and leaves the value alone.
    const std::string tid = "board.scale." + sc.id + ".track";
    ImGui::SetCursorScreenPos(ImVec2(tx0 - t.gap * 2, y));
    ImGui::InvisibleButton(tid.c_str(), ImVec2(tx1 - tx0 + t.gap * 4, face));
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemActivated()) {
        s.scale_drag = sc.id;
        s.scale_last = sc.value;
        s.scale_sideways = false;
    }
    if (active && s.scale_drag == sc.id && !s.scale_sideways && ImGui::IsMouseDragPastThreshold(0)) {
        const ImVec2 d = ImGui::GetMouseDragDelta(0);
        if (std::fabs(d.y) > std::fabs(d.x)) s.scale_drag.clear(); // scrolling
        else s.scale_sideways = true;
    }
    // While dragged sideways, and on the frame it is let go (a tap; or a slow frame that saw the
    // last move and the lift together: the value is where the finger left the track).
    const bool let_go = ImGui::IsItemDeactivated();
    const bool follow = (active && s.scale_sideways) || (let_go && (s.scale_sideways || released_as_tap()));
    if (follow && s.scale_drag == sc.id && ImGui::IsMousePosValid() && !(m.gestures && m.gestures->pinching)) {
        const int v = static_cast<int>(std::lround(clampf((io.MousePos.x - tx0) / (tx1 - tx0), 0.0f, 1.0f) * 10.0f));
        if (v != s.scale_last) {
            out->push_back(command(m, core::SetScale{b.id, sc.id, v}));
            s.scale_last = v;
        }
    }
    if (let_go) s.scale_drag.clear();
    record_last_item(tid, sc_label);
    dl->AddRectFilled(ImVec2(tx0, cy - 4.0f * t.dp), ImVec2(tx1, cy + 4.0f * t.dp), colors::rgb(0xE4, 0xE0, 0xD8), 4.0f * t.dp);
    if (sc.value >= 0)
        dl->AddRectFilled(ImVec2(tx0, cy - 4.0f * t.dp), ImVec2(x_of(sc.value), cy + 4.0f * t.dp), scale_color(sc.value), 4.0f * t.dp);
    for (int v = 0; v <= 10; ++v) {
        const float x = x_of(v);
        dl->AddCircleFilled(ImVec2(x, cy), 3.0f * t.dp, colors::Border, 8);
        const std::string n = std::to_string(v);
        const ImVec2 ns = body->CalcTextSizeA(t.body_px * 0.8f, FLT_MAX, 0, n.c_str());
        dl->AddText(body, t.body_px * 0.8f, ImVec2(x - ns.x * 0.5f, y + face + t.gap * 0.2f), colors::Muted, n.c_str());
    }
    if (sc.value >= 0) { // the handle: a large face at the value
        const ImVec2 hc(x_of(sc.value), cy);
        dl->AddCircleFilled(ImVec2(hc.x + 2 * t.dp, hc.y + 3 * t.dp), face * 0.48f, colors::rgb(0, 0, 0, 0x30), 32);
        draw_face(dl, hc, face * 0.46f, sc.value, true);
        registry().record(tid + ".handle", ImVec2(hc.x - face * 0.5f, hc.y - face * 0.5f), ImVec2(hc.x + face * 0.5f, hc.y + face * 0.5f),
                          std::to_string(sc.value));
    }
    // Low and high words on their own line, under the numbers.
    const float small = t.body_px * 0.9f;
    const float wy = y + face + t.body_px * 1.1f;
    const float half = (x1 - x0) * 0.5f - t.gap;
    if (!sc.low_label.empty())
        dl->AddText(body, small, ImVec2(x0, wy), colors::Muted, ellipsize(body, small, sc.low_label, half).c_str());
    if (!sc.high_label.empty()) {
        const std::string hl = ellipsize(body, small, sc.high_label, half);
        const float hw = body->CalcTextSizeA(small, FLT_MAX, 0, hl.c_str()).x;
        dl->AddText(body, small, ImVec2(x1 - hw, wy), colors::Muted, hl.c_str());
    }
}

void draw_scales_board(const BoardViewModel& m, BoardViewState& s, const core::Board& b, ImVec2 o, ImVec2 size, float top,
                       std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* title = t.title ? t.title : ImGui::GetFont();
    const std::string& title_shown = shown(m, b.template_id, b.template_id, b.title);
    const std::string prompt = ellipsize(title, title->FontSize, b.prompt.empty() || &title_shown != &b.title ? title_shown : b.prompt, size.x);
    dl->AddText(title, title->FontSize, ImVec2(o.x, top + (t.target - title->FontSize) * 0.5f), colors::Text, prompt.c_str());
    registry().record("board.prompt", ImVec2(o.x, top), ImVec2(o.x + size.x, top + t.target), prompt);
    const float y0 = top + t.target + t.gap;
    const ImVec2 area(size.x, o.y + size.y - y0);
    const int cols = size.x > 1040.0f * t.dp && b.scales.size() > 1 ? 2 : 1; // a long track in each
    const float rh = scale_row_height();
    const int rows = (static_cast<int>(b.scales.size()) + cols - 1) / cols;
    ImGui::SetCursorScreenPos(ImVec2(o.x, y0));
    begin_touch_scroll("##scales", area);
    const ImVec2 base = ImGui::GetCursorScreenPos();
    const float inner = ImGui::GetContentRegionAvail().x - t.gap; // minus the scroll bar, when there is one
    const float cw = (inner - (cols - 1) * t.gap * 2) / cols;
    for (int i = 0; i < static_cast<int>(b.scales.size()); ++i) {
        const int col = cols == 2 ? i % 2 : 0, row = cols == 2 ? i / 2 : i;
        const ImVec2 p0(base.x + col * (cw + t.gap * 2), base.y + row * (rh + t.gap * 1.5f));
        draw_scale(m, s, b, b.scales[static_cast<size_t>(i)], ImRect(p0, ImVec2(p0.x + cw, p0.y + rh)), out);
    }
    ImGui::SetCursorScreenPos(base);
    ImGui::Dummy(ImVec2(inner, rows * (rh + t.gap * 1.5f)));
    end_touch_scroll();
}

// [SECTION] Sheets

// The boards the counsellor can open, each a large button with its pictogram; an open one
// switches to it.
void templates_sheet(const BoardViewModel& m, BoardViewState& s, std::vector<core::Command>* out, bool inline_list,
                     ImVec2 size = ImVec2(0, 0)) {
    const Theme& t = theme();
    if (!inline_list && !begin_sheet("##board_templates", 0.9f, 760.0f)) return;
    bool close = false;
    text(tr("board.templates_title"), t.title, colors::Text, 0);
    // A finalized interview, or one with as many boards as it can hold: only open boards open.
    const bool cannot_add = m.read_only || m.session->boards.size() >= static_cast<size_t>(core::kMaxBoardsPerSession);
    if (cannot_add) text(std::string(ICON_LOCK) + "  " + tr(m.read_only ? "board.read_only" : "board.too_many"), t.bold,
                         colors::Warning, -1);
    else text(tr("board.templates_hint"), t.body, colors::Muted, -1);
    ImGui::Dummy(ImVec2(1, t.gap));
    const float w = inline_list ? size.x : ImGui::GetContentRegionAvail().x;
    const int cols = w > 700.0f * t.dp ? 2 : 1;
    const float bw = (w - (cols - 1) * t.gap * 2) / cols;
    const float bh = t.target * 1.5f;
    int i = 0;
    if (m.templates)
        for (const core::BoardTemplate& tp : *m.templates) {
            if (i % cols) ImGui::SameLine(0, t.gap * 2);
            const ImVec2 p0 = ImGui::GetCursorScreenPos();
            const std::string id = "board.template." + tp.board.template_id;
            bool held = false;
            const bool tapped = tap_area(id.c_str(), ImVec2(bw, bh), &held);
            const core::Board* open = nullptr;
            for (const auto& b : m.session->boards)
                if (b.template_id == tp.board.template_id) open = &b;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(p0, ImVec2(p0.x + bw, p0.y + bh), held ? colors::SurfacePressed : colors::Surface, t.radius);
            dl->AddRect(p0, ImVec2(p0.x + bw, p0.y + bh), open ? colors::Primary : colors::Border, t.radius, 0,
                        (open ? 2.0f : 1.5f) * t.dp);
            const float ps = bh - t.gap * 2;
            draw_picto(dl, m.pictograms, nullptr, tp.board.pictogram, ImVec2(p0.x + t.gap, p0.y + t.gap), ps);
            ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
            const float tx = p0.x + t.gap * 2 + ps;
            const std::string& tp_title = shown(m, tp.board.template_id, tp.board.template_id, tp.board.title);
            const std::string title = ellipsize(bold, bold->FontSize, tp_title, p0.x + bw - tx - t.pad);
            const std::string sub = open ? std::string(tr("board.template_open"))
                                         : (tp.board.kind == core::BoardKind::Scales
                                                ? trf("board.template_scales", {std::to_string(tp.board.scales.size())})
                                                : trf("board.template_cards", {std::to_string(tp.board.cards.size())}));
            dl->AddText(bold, bold->FontSize, ImVec2(tx, p0.y + bh * 0.5f - bold->FontSize * 1.05f), colors::Text, title.c_str());
            dl->AddText(ImGui::GetFont(), t.body_px * 0.9f, ImVec2(tx, p0.y + bh * 0.5f + t.gap * 0.2f),
                        open ? colors::Primary : colors::Muted, sub.c_str());
            record_last_item(id, tp_title);
            if (tapped && (open || !cannot_add)) {
                if (open) {
                    s.board_id = open->id;
                } else {
                    core::Board nb = core::new_board(tp, m.now);
                    s.board_id = nb.id;
                    out->push_back(command(m, core::AddBoard{std::move(nb), -1}));
                }
                s.selected.clear(), s.hint.clear();
                close = true;
            }
            ++i;
        }
    if (!m.templates || m.templates->empty()) text(tr("board.no_templates"), t.body, colors::Danger, -1);
    if (inline_list) return;
    ImGui::Dummy(ImVec2(1, t.gap));
    if (button("board.templates_close", ICON_CLOSE, tr("board.close"), ButtonKind::Secondary, ImVec2(-FLT_MIN, 0)))
        close = true;
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = BoardSheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

const char* riasec_key(char c) {
    switch (c) {
    case 'R': return "board.riasec.r";
    case 'I': return "board.riasec.i";
    case 'A': return "board.riasec.a";
    case 'S': return "board.riasec.s";
    case 'E': return "board.riasec.e";
    case 'C': return "board.riasec.c";
    default: return nullptr;
    }
}

// A card large, with where it is, « Monter / Descendre », « Remettre dans la pile », and for a
// typed card « Modifier / Supprimer ».
void card_sheet(const BoardViewModel& m, BoardViewState& s, const core::Board& b, std::vector<core::Command>* out) {
    const Theme& t = theme();
    const core::BoardCard* c = b.find_card(s.sheet_card);
    if (!c) {
        s.sheet = BoardSheet::None; // removed meanwhile (undo)
        return;
    }
    if (!begin_sheet("##board_card", 0.9f, 720.0f)) return;
    bool close = false;
    const float w = ImGui::GetContentRegionAvail().x;
    const float ps = std::min(w * 0.35f, 180.0f * t.dp);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    draw_picto(ImGui::GetWindowDrawList(), m.pictograms, c, c->pictogram, p0, ps);
    ImGui::Dummy(ImVec2(ps, ps));
    ImGui::SameLine(0, t.pad * 1.5f);
    ImGui::BeginGroup();
    text(card_label(m, b, *c), t.title, colors::Text, w - ps - t.pad * 1.5f);
    const auto pos = b.position(c->id);
    const std::string where =
        pos.first < 0 ? std::string(tr("board.in_pile"))
                      : trf("board.in_column", {shown(m, b.template_id, b.columns[static_cast<size_t>(pos.first)].id,
                                                     b.columns[static_cast<size_t>(pos.first)].label),
                                               std::to_string(pos.second + 1)});
    text(where, t.body, colors::Muted, w - ps - t.pad * 1.5f);
    if (!c->riasec.empty()) {
        std::string kinds;
        for (char ch : c->riasec)
            if (const char* k = riasec_key(ch)) kinds += (kinds.empty() ? "" : ", ") + std::string(tr(k));
        text(trf("board.riasec", {kinds}), t.body, colors::Muted, w - ps - t.pad * 1.5f);
    }
    if (!c->rome.empty()) text(trf("board.rome", {c->rome}), t.body, colors::Muted, 0);
    if (c->custom) text(tr("board.custom_card"), t.body, colors::Muted, 0);
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(1, t.gap));
    const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
    if (pos.first >= 0) {
        const int n = static_cast<int>(b.placed[static_cast<size_t>(pos.first)].size());
        if (button("board.card.up", ICON_UP, tr("board.up"), ButtonKind::Secondary, ImVec2(bw, 0), pos.second > 0))
            out->push_back(command(m, core::PlaceCard{b.id, c->id, pos.first, pos.second - 1}));
        ImGui::SameLine(0, t.gap * 2);
        if (button("board.card.down", ICON_DOWN, tr("board.down"), ButtonKind::Secondary, ImVec2(bw, 0), pos.second < n - 1))
            out->push_back(command(m, core::PlaceCard{b.id, c->id, pos.first, pos.second + 1}));
        if (button("board.card.to_pile", ICON_BACK, tr("board.to_pile"), ButtonKind::Secondary, ImVec2(-FLT_MIN, 0))) {
            out->push_back(command(m, core::PlaceCard{b.id, c->id, -1, -1}));
            close = true;
        }
    }
    if (c->custom) {
        if (button("board.card.edit", ICON_EDIT, tr("board.edit_card"), ButtonKind::Secondary, ImVec2(bw, 0))) {
            s.custom_edit = c->id;
            s.custom_text = c->label;
            s.custom_picto = c->pictogram;
            s.custom_column = pos.first;
            s.custom_submitted = false;
            s.sheet = BoardSheet::Custom;
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
            return;
        }
        ImGui::SameLine(0, t.gap * 2);
        if (button("board.card.remove", ICON_TRASH, tr("board.remove_card"), ButtonKind::Danger, ImVec2(bw, 0))) {
            out->push_back(command(m, core::RemoveCustomCard{b.id, c->id}));
            close = true;
        }
    }
    ImGui::Dummy(ImVec2(1, t.gap * 0.5f));
    if (button("board.card.close", ICON_CHECK, tr("board.close"), ButtonKind::Primary, ImVec2(-FLT_MIN, 0))) close = true;
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = BoardSheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// Pictograms a typed card can take: those of the board's cards, once each.
std::vector<std::string> picto_choices(const core::Board& b) {
    std::vector<std::string> out;
    for (const auto& c : b.cards)
        if (!c.pictogram.empty() && std::find(out.begin(), out.end(), c.pictogram) == out.end()) out.push_back(c.pictogram);
    return out;
}

std::string card_text_message(core::CardTextProblem p, const std::string& text) {
    switch (p) {
    case core::CardTextProblem::None: return {};
    case core::CardTextProblem::Empty: return tr("board.text_empty");
    case core::CardTextProblem::TooLong: {
        const std::string trimmed = core::trim_card_text(text);
        int n = 0;
        for (unsigned char ch : trimmed) n += (ch & 0xC0) != 0x80;
        return trf("board.text_too_long", {std::to_string(n), std::to_string(core::kMaxCardLabelChars)});
    }
    case core::CardTextProblem::BadCharacters: return tr("board.text_bad");
    }
    return {};
}

// Typing a card (the on-screen keyboard comes up with the field), choosing its pictogram and
// where it goes. A refused text stays in the field with the reason under it.
void custom_sheet(const BoardViewModel& m, BoardViewState& s, const core::Board& b, std::vector<core::Command>* out) {
    const Theme& t = theme();
    if (!s.custom_edit.empty() && !b.find_card(s.custom_edit)) {
        s.sheet = BoardSheet::None;
        return;
    }
    if (!begin_sheet("##board_custom", 0.94f, 900.0f)) return;
    bool close = false;
    text(tr(s.custom_edit.empty() ? "board.custom_title" : "board.edit_title"), t.title, colors::Text, 0);
    const core::CardTextProblem problem = core::check_card_text(s.custom_text);
    const std::string error = s.custom_submitted ? card_text_message(problem, s.custom_text) : std::string();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    if (text_field("board.custom.text", tr("board.custom_label"), s.custom_text, error, tr("board.custom_hint")))
        s.custom_submitted = s.custom_submitted && problem != core::CardTextProblem::None;
    // While the text is typed (the on-screen keyboard may take the lower half of the screen) the
    // sheet is only the text and its buttons; the picture and the place come back after.
    // A press that ends the typing (on « Ajouter ») keeps this layout until the finger has lifted
    // (its release frame included), so the button does not move from under it.
    const ImGuiIO& io = ImGui::GetIO();
    const bool typing = io.WantTextInput || (s.custom_compact && (io.MouseDown[0] || io.MouseReleased[0]));
    s.custom_compact = typing;
    if (!typing) {
        // Pictogram: none, or one of the board's.
        text(tr("board.custom_picto"), t.bold, colors::Text, 0);
        const std::vector<std::string> pics = picto_choices(b);
        const float ps = t.target * 1.1f;
        const float max_h = t.target * 2.6f;
        begin_touch_scroll("##pictos", ImVec2(-FLT_MIN, std::min(max_h, ps * 2 + t.gap * 2)));
        const float rr = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        for (int i = -1; i < static_cast<int>(pics.size()); ++i) {
            if (i >= 0) {
                ImGui::SameLine(0, t.gap);
                if (ImGui::GetCursorScreenPos().x + ps > rr) ImGui::NewLine();
            }
            if (!ImGui::IsRectVisible(ImVec2(ps, ps))) { // a long list: only what is in view
                ImGui::Dummy(ImVec2(ps, ps));
                continue;
            }
            const std::string name = i < 0 ? std::string() : pics[static_cast<size_t>(i)];
            const std::string id = i < 0 ? std::string("board.custom.picto.none") : "board.custom.picto." + name;
            const ImVec2 p0 = ImGui::GetCursorScreenPos();
            bool held = false;
            if (tap_area(id.c_str(), ImVec2(ps, ps), &held)) s.custom_picto = name;
            record_last_item(id, i < 0 ? tr("board.no_picto") : name);
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const bool on = s.custom_picto == name;
            dl->AddRectFilled(p0, ImVec2(p0.x + ps, p0.y + ps), on ? colors::PrimarySoft : (held ? colors::SurfacePressed : colors::Surface), t.radius);
            dl->AddRect(p0, ImVec2(p0.x + ps, p0.y + ps), on ? colors::Primary : colors::Border, t.radius, 0, (on ? 3.0f : 1.0f) * t.dp);
            if (i < 0) centered_icon(dl, p0, ImVec2(p0.x + ps, p0.y + ps), ICON_CLOSE, ps * 0.4f, colors::Muted);
            else draw_picto(dl, m.pictograms, nullptr, name, ImVec2(p0.x + ps * 0.1f, p0.y + ps * 0.1f), ps * 0.8f);
        }
        end_touch_scroll();
        // Where it goes (adding only; an edited card stays where it is).
        if (s.custom_edit.empty()) {
            text(tr("board.custom_where"), t.bold, colors::Text, 0);
            std::vector<std::string> options{tr("board.pile")};
            for (const auto& c : b.columns) options.push_back(shown(m, b.template_id, c.id, c.label));
            int sel = s.custom_column + 1;
            if (segmented("board.custom.where", options, sel)) s.custom_column = sel - 1;
        }
    }
    ImGui::Dummy(ImVec2(1, t.gap));
    const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
    if (button("board.custom.cancel", ICON_CLOSE, tr("board.cancel"), ButtonKind::Secondary, ImVec2(bw, 0))) close = true;
    ImGui::SameLine(0, t.gap * 2);
    if (button("board.custom.ok", ICON_CHECK, tr(s.custom_edit.empty() ? "board.custom_ok" : "board.edit_ok"), ButtonKind::Primary,
               ImVec2(bw, 0))) {
        s.custom_submitted = true;
        if (problem == core::CardTextProblem::None) {
            const std::string label = core::trim_card_text(s.custom_text);
            if (s.custom_edit.empty()) {
                core::BoardCard card;
                card.label = label;
                card.pictogram = s.custom_picto;
                card.custom = true;
                out->push_back(command(m, core::AddCustomCard{b.id, card, s.custom_column, -1}));
            } else {
                out->push_back(command(m, core::EditCustomCard{b.id, s.custom_edit, label, s.custom_picto}));
            }
            s.custom_text.clear();
            close = true;
        }
    }
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = BoardSheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace

// [SECTION] Entry points

void draw_boards(const BoardViewModel& m, BoardViewState& s, std::vector<core::Command>* out) {
    const Theme& t = theme();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    const core::Board* b = current_board(m, s);
    if (!b) {
        // No board yet: the counsellor picks one here.
        templates_sheet(m, s, out, true, size);
        return;
    }
    draw_board_chips(m, s, o, size.x);
    const float top = o.y + t.target + t.gap * 1.5f;
    if (b->kind == core::BoardKind::Scales) draw_scales_board(m, s, *b, o, size, top, out);
    else draw_sort_board(m, s, *b, o, size, top, out);
    // Tabs switched or the board changed under a press: nothing stays lifted.
    ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + size.y));
}

void draw_board_overlays(const BoardViewModel& m, BoardViewState& s, std::vector<core::Command>* out) {
    if (s.sheet == BoardSheet::Templates) {
        templates_sheet(m, s, out, false);
        return;
    }
    const core::Board* b = current_board(m, s);
    if (!b) {
        s.sheet = BoardSheet::None;
        return;
    }
    if (s.sheet == BoardSheet::Card) card_sheet(m, s, *b, out);
    else if (s.sheet == BoardSheet::Custom) custom_sheet(m, s, *b, out);
}

} // namespace amorce::ui
