// The photolangage board. See photo_board.hpp for what it does; this file is laid out as:
//
// [SECTION] Helpers (fitting images, drawing a photo or its placeholder, commands)
// [SECTION] Header: the question and the rounds
// [SECTION] Slots
// [SECTION] Grid: drag to scroll (with inertia), sideways drag or long-press to lift a photo
// [SECTION] Full-screen view: pinch, pan, swipe, choose
// [SECTION] Sheets: the question, the person's words
#include "ui/photo_board.hpp"

#include "ui/i18n.hpp"
#include "ui/icons.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace amorce::ui {

namespace {

// [SECTION] Helpers

// Themes offered for a choice, besides the card's own (French words stored in the session).
const std::vector<std::string>& choice_themes() {
    static const std::vector<std::string> themes = {"famille", "travail", "formation", "santé",  "logement",
                                                    "argent",  "liberté", "enfance",   "espoir", "difficulté",
                                                    "effort",  "calme",   "nature",    "voyage"};
    return themes;
}

struct Fit {
    ImVec2 p0, p1;   // where the image goes on screen
    ImVec2 uv0, uv1; // which part of it
};

// Fills the box, cropping the middle of the image (thumbnails, slots).
Fit fit_cover(ImVec2 img, ImVec2 p0, ImVec2 p1) {
    Fit f{p0, p1, ImVec2(0, 0), ImVec2(1, 1)};
    if (img.x <= 0 || img.y <= 0) return f;
    const float box_aspect = (p1.x - p0.x) / std::max(1.0f, p1.y - p0.y);
    const float img_aspect = img.x / img.y;
    if (img_aspect > box_aspect) {
        const float keep = box_aspect / img_aspect;
        f.uv0.x = (1 - keep) * 0.5f;
        f.uv1.x = 1 - f.uv0.x;
    } else {
        const float keep = img_aspect / box_aspect;
        f.uv0.y = (1 - keep) * 0.5f;
        f.uv1.y = 1 - f.uv0.y;
    }
    return f;
}

// Fits the whole image inside the box, centred (full screen, the words sheet).
Fit fit_contain(ImVec2 img, ImVec2 p0, ImVec2 p1, float scale = 1.0f, ImVec2 offset = ImVec2(0, 0)) {
    Fit f{p0, p1, ImVec2(0, 0), ImVec2(1, 1)};
    if (img.x <= 0 || img.y <= 0) return f;
    const ImVec2 box(p1.x - p0.x, p1.y - p0.y);
    const float s = std::min(box.x / img.x, box.y / img.y) * scale;
    const ImVec2 size(img.x * s, img.y * s);
    const ImVec2 c(p0.x + box.x * 0.5f + offset.x, p0.y + box.y * 0.5f + offset.y);
    f.p0 = ImVec2(c.x - size.x * 0.5f, c.y - size.y * 0.5f);
    f.p1 = ImVec2(c.x + size.x * 0.5f, c.y + size.y * 0.5f);
    return f;
}

ImU32 with_alpha(ImU32 c, float a) {
    const unsigned alpha = static_cast<unsigned>(((c >> 24) & 0xFF) * std::clamp(a, 0.0f, 1.0f));
    return (c & 0x00FFFFFFu) | (alpha << 24);
}

void centered_icon(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const char* icon, float size, ImU32 color) {
    const Theme& t = theme();
    ImFont* f = t.huge ? t.huge : ImGui::GetFont();
    const ImVec2 s = f->CalcTextSizeA(size, FLT_MAX, 0, icon);
    dl->AddText(f, size, ImVec2((p0.x + p1.x - s.x) * 0.5f, (p0.y + p1.y - s.y) * 0.5f), color, icon);
}

// rounded: false in the grid (square corners: a fraction of the vertices, dozens of tiles a frame).
void draw_card_image(ImDrawList* dl, const deck::Card& card, const PhotoTexture& tex, ImVec2 p0, ImVec2 p1,
                     bool cover, float alpha = 1.0f, bool rounded = true) {
    const Theme& t = theme();
    const float r = rounded ? t.radius : 0.0f;
    if (!card.available() || tex.failed) {
        dl->AddRectFilled(p0, p1, with_alpha(colors::rgb(0xE4, 0xE1, 0xDC), alpha), r);
        const float h = p1.y - p0.y;
        const float isz = std::min(h * 0.3f, t.target * 0.8f);
        centered_icon(dl, p0, ImVec2(p1.x, p0.y + h * 0.6f), ICON_UNAVAILABLE, isz, with_alpha(colors::Muted, alpha));
        std::string reason = card.available() ? tr("photo.image_failed")
                                              : tr(("deck.problem." + std::string(deck::problem_key(*card.problem))).c_str());
        ImFont* f = t.body ? t.body : ImGui::GetFont();
        const float fs = std::min(f->FontSize * 0.8f, h * 0.14f);
        // The reason on at most two centred lines (the second cut with "…" if needed).
        const float max_w = (p1.x - p0.x) - t.gap * 2;
        const char* text_begin = reason.c_str();
        const char* text_end = text_begin + reason.size();
        const char* cut = f->CalcWordWrapPositionA(fs / f->FontSize, text_begin, text_end, max_w);
        if (cut == text_begin) cut = text_end;
        std::string lines[2] = {std::string(text_begin, cut), std::string(cut, text_end)};
        while (!lines[1].empty() && lines[1].front() == ' ') lines[1].erase(0, 1);
        lines[1] = ellipsize(f, fs, lines[1], max_w);
        float y = p0.y + h * 0.6f;
        for (const std::string& line : lines) {
            if (line.empty()) continue;
            const float w = f->CalcTextSizeA(fs, FLT_MAX, 0, line.c_str()).x;
            dl->AddText(f, fs, ImVec2((p0.x + p1.x - w) * 0.5f, y), with_alpha(colors::Muted, alpha), line.c_str());
            y += fs * 1.2f;
        }
        return;
    }
    if (!tex.id) {
        // Loading: a calm tile with a faint picture sign, no spinner.
        dl->AddRectFilled(p0, p1, with_alpha(colors::rgb(0xEC, 0xE8, 0xE1), alpha), r);
        centered_icon(dl, p0, p1, ICON_IMAGE, std::min(p1.y - p0.y, p1.x - p0.x) * 0.28f,
                      with_alpha(colors::rgb(0xC9, 0xC1, 0xB5), alpha));
        return;
    }
    const ImVec2 img(static_cast<float>(tex.width), static_cast<float>(tex.height));
    if (cover) {
        const Fit f = fit_cover(img, p0, p1);
        if (r > 0) dl->AddImageRounded(tex.id, f.p0, f.p1, f.uv0, f.uv1, with_alpha(IM_COL32_WHITE, alpha), r);
        else dl->AddImage(tex.id, f.p0, f.p1, f.uv0, f.uv1, with_alpha(IM_COL32_WHITE, alpha));
    } else {
        // Pictograms on a light tile; photos shown whole on a darker one.
        dl->AddRectFilled(p0, p1, with_alpha(card.format == deck::ImageFormat::Png ? colors::Background
                                                                                : colors::rgb(0xEC, 0xE8, 0xE1),
                                             alpha),
                          r);
        ImVec2 q0 = p0, q1 = p1;
        if (card.format == deck::ImageFormat::Png) { // a margin around pictograms
            const float m = std::min(p1.x - p0.x, p1.y - p0.y) * 0.06f;
            q0 = ImVec2(p0.x + m, p0.y + m);
            q1 = ImVec2(p1.x - m, p1.y - m);
        }
        const Fit f = fit_contain(img, q0, q1);
        dl->AddImage(tex.id, f.p0, f.p1, f.uv0, f.uv1, with_alpha(IM_COL32_WHITE, alpha));
    }
}

// Photos fill their tile (cropped at the edges); pictograms (PNG, drawn on transparency) are
// shown whole, so no hat or hand is cut off.
bool cover(const deck::Card& c) { return c.format != deck::ImageFormat::Png; }

const deck::Deck* find_deck(const PhotoLibrary& lib, const std::string& id) {
    for (const auto& d : lib.decks())
        if (d.id == id) return &d;
    return nullptr;
}

int card_index(const deck::Deck& d, const std::string& card_id) {
    for (size_t i = 0; i < d.cards.size(); ++i)
        if (d.cards[i].id == card_id) return static_cast<int>(i);
    return -1;
}

core::Command command(const PhotoBoardModel& m, core::CommandData data) { return core::Command{std::move(data), m.who}; }

const core::PhotoRound* current_round(const PhotoBoardModel& m, PhotoBoardState& s) {
    const core::Session& session = *m.session;
    const core::PhotoRound* r = s.round_id.empty() ? nullptr : core::find_round(session, s.round_id);
    if (!r && !session.photolangage.empty()) {
        r = &session.photolangage.back();
        s.round_id = r->id;
    }
    if (!r) s.round_id.clear();
    return r;
}

const deck::Deck* current_deck(const PhotoBoardModel& m, PhotoBoardState& s, const core::PhotoRound* round) {
    const auto& decks = m.library->decks();
    if (decks.empty()) return nullptr;
    const deck::Deck* d = find_deck(*m.library, s.deck_id);
    if (!d && round) // reopening a session: show the deck its photos came from
        for (const auto& slot : round->slots)
            if (slot && (d = find_deck(*m.library, slot->deck_id)) != nullptr) {
                s.deck_id = d->id;
                break;
            }
    if (!d) {
        d = &decks.front();
        s.deck_id = d->id;
    }
    return d;
}

// Which slot of the round holds this card (-1: none).
int slot_of(const core::PhotoRound& r, const std::string& deck_id, const std::string& card_id) {
    for (size_t i = 0; i < r.slots.size(); ++i)
        if (r.slots[i] && r.slots[i]->deck_id == deck_id && r.slots[i]->card_id == card_id) return static_cast<int>(i);
    return -1;
}

// Puts a card in a slot. Already there: nothing changes. Already in another slot of the round:
// it moves there with the person's words and themes (one card, one slot per round). Another
// card in the target slot is replaced (undo brings it back).
void place_card(const PhotoBoardModel& m, const core::PhotoRound& round, int slot, const deck::Deck& d,
                const deck::Card& c, std::vector<core::Command>* out) {
    const int from = slot_of(round, d.id, c.id);
    if (from == slot) return;
    core::PhotoChoice choice;
    if (from >= 0) {
        choice = *round.slots[static_cast<size_t>(from)];
        out->push_back(command(m, core::SetSlot{round.id, from, std::nullopt}));
    } else {
        choice.deck_id = d.id;
        choice.card_id = c.id;
    }
    out->push_back(command(m, core::SetSlot{round.id, slot, std::move(choice)}));
}

void show_hint(PhotoBoardState& s, const char* key) {
    s.hint = key;
    s.hint_until = ImGui::GetTime() + 4.0;
}

float clampf(float v, float lo, float hi) { return std::max(lo, std::min(v, hi)); }

// Finger positions, one per frame while the grid scrolls (the last one is the lift).
void track_finger(PhotoBoardState& s, float y) {
    s.track.emplace_back(ImGui::GetTime(), y);
    if (s.track.size() > 64) s.track.erase(s.track.begin());
}

} // namespace

float release_velocity(const std::vector<std::pair<double, float>>& tr) {
    const size_t n = tr.size();
    if (n < 2) return 0.0f;
    size_t moved = n - 1; // last sample where the finger had moved
    while (moved > 0 && std::fabs(tr[moved].second - tr[moved - 1].second) <= 2.0f) --moved;
    if (moved == 0) return 0.0f;
    const bool rested = n - 2 > moved && tr[n - 1].first - tr[moved].first > 0.1;
    if (rested) return 0.0f;
    size_t first = moved - 1;
    while (first > 0 && tr[moved].first - tr[first - 1].first <= 0.15) --first;
    const double span = tr[moved].first - tr[first].first;
    if (span <= 1e-4) return 0.0f;
    return static_cast<float>(-(tr[moved].second - tr[first].second) / span); // finger up: scroll grows
}

namespace {

// [SECTION] Header

struct Layout {
    ImVec2 origin, size;
    bool portrait = false;
    ImRect grid;
    std::vector<ImRect> slots;
    ImRect add_slot;
    ImRect hint;
};

void draw_header(const PhotoBoardModel& m, PhotoBoardState& s, const core::PhotoRound& round, ImVec2 origin,
                 float width, float* height_out) {
    const Theme& t = theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* title = t.title ? t.title : ImGui::GetFont();
    ImFont* huge = t.huge ? t.huge : ImGui::GetFont();
    const float icon_box = t.target * 1.2f;
    const float edit_w = t.target;
    const float text_x = origin.x + icon_box + t.gap * 2;
    const float text_w = std::max(50.0f, width - icon_box - edit_w - t.gap * 4);
    const std::string prompt = round.prompt_text.empty() ? std::string(tr("photo.no_question")) : round.prompt_text;
    const ImVec2 ts = title->CalcTextSizeA(title->FontSize, FLT_MAX, text_w, prompt.c_str());
    const float h = std::max(icon_box, ts.y);
    // The pictogram in a soft disc.
    const ImVec2 c(origin.x + icon_box * 0.5f, origin.y + h * 0.5f);
    dl->AddCircleFilled(c, icon_box * 0.5f, colors::PrimarySoft, 32);
    const float isz = icon_box * 0.55f;
    const char* icon = prompt_icon(round.prompt_key);
    const ImVec2 is = huge->CalcTextSizeA(isz, FLT_MAX, 0, icon);
    dl->AddText(huge, isz, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f), colors::Primary, icon);
    dl->AddText(title, title->FontSize, ImVec2(text_x, origin.y + (h - ts.y) * 0.5f), colors::Text, prompt.c_str(),
                nullptr, text_w);
    registry().record("photo.question", ImVec2(text_x, origin.y), ImVec2(text_x + ts.x, origin.y + h), prompt);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - edit_w, origin.y + (h - t.target) * 0.5f));
    if (!m.read_only && icon_button("photo.edit_round", ICON_EDIT, tr("photo.edit_round"))) {
        s.sheet = PhotoSheet::EditRound;
        s.custom_prompt = round.prompt_key.empty() ? round.prompt_text : std::string();
    }
    *height_out = h;
}

// The rounds as numbered chips, « Nouveau tour », and the deck switch.
void draw_rounds_row(const PhotoBoardModel& m, PhotoBoardState& s, ImVec2 origin, float width) {
    const Theme& t = theme();
    ImGui::SetCursorScreenPos(origin);
    const auto& rounds = m.session->photolangage;
    for (size_t i = 0; i < rounds.size(); ++i) {
        bool on = rounds[i].id == s.round_id;
        const std::string id = "photo.round." + std::to_string(i + 1);
        if (chip(id.c_str(), trf("photo.round_n", {std::to_string(i + 1)}), on)) {
            s.round_id = rounds[i].id;
            s.sheet = PhotoSheet::None;
        }
        ImGui::SameLine(0, t.gap);
    }
    if (!m.read_only && button("photo.new_round", ICON_PLUS, tr("photo.new_round"), ButtonKind::Quiet)) {
        s.sheet = PhotoSheet::NewRound;
        s.custom_prompt.clear();
    }
    // Deck switch on the right, when there is more than one deck and room for it.
    const auto& decks = m.library->decks();
    if (decks.size() > 1) {
        std::vector<std::string> names;
        int selected = 0;
        float seg_w = 0;
        ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
        for (size_t i = 0; i < decks.size(); ++i) {
            names.push_back(decks[i].title);
            if (decks[i].id == s.deck_id) selected = static_cast<int>(i);
            seg_w = std::max(seg_w, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, decks[i].title.c_str()).x + t.pad * 2.5f);
        }
        const float w = seg_w * static_cast<float>(decks.size()) + t.gap * static_cast<float>(decks.size() - 1);
        const float after_rounds = ImGui::GetItemRectMax().x; // right end of « Nouveau tour »
        ImGui::SameLine();
        const float right = origin.x + width - w;
        if (right > after_rounds + t.gap) {
            ImGui::SetCursorScreenPos(ImVec2(right, origin.y));
            if (segmented("photo.deck", names, selected)) {
                s.deck_id = decks[static_cast<size_t>(selected)].id;
                s.scroll = 0;
                s.velocity = 0;
            }
        } else {
            // Too many decks for side-by-side segments: one button naming the deck opens a list.
            const float bw = std::min(width * 0.42f, 360.0f * t.dp);
            if (origin.x + width - bw < after_rounds + t.gap) ImGui::NewLine(); // rounds fill the line
            ImGui::SetCursorScreenPos(ImVec2(origin.x + width - bw, ImGui::GetCursorScreenPos().y));
            const deck::Deck* d = find_deck(*m.library, s.deck_id);
            const std::string title = ellipsize(bold, bold->FontSize, d ? d->title : std::string(), bw - t.pad * 4);
            if (button("photo.deck_choose", ICON_FOLDER, title.c_str(), ButtonKind::Secondary, ImVec2(bw, 0)))
                s.sheet = PhotoSheet::Decks;
        }
    }
}

// [SECTION] Slots

void draw_slots(const PhotoBoardModel& m, PhotoBoardState& s, const core::PhotoRound& round, Layout& L,
                std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const bool lifting = s.press == PhotoBoardState::Press::Lifted;
    for (size_t i = 0; i < L.slots.size() && i < round.slots.size(); ++i) {
        const ImRect r = L.slots[i];
        const std::string id = "photo.slot." + std::to_string(i + 1);
        const std::string label = trf("photo.slot_n", {std::to_string(i + 1)});
        const auto& choice = round.slots[i];
        const bool target = lifting && s.hover_slot == static_cast<int>(i);
        ImGui::SetCursorScreenPos(r.Min);
        bool held = false;
        const bool tapped = tap_area(id.c_str(), r.GetSize(), &held);
        const float words_h = body->FontSize * 1.5f + t.gap;
        if (!choice) {
            const ImU32 bg = target ? colors::PrimarySoft : (held ? colors::SurfacePressed : colors::Background);
            dl->AddRectFilled(r.Min, r.Max, bg, t.radius * 1.5f);
            const float thick = (target || lifting ? 3.0f : 2.0f) * t.dp;
            dl->AddRect(r.Min, r.Max, target || lifting ? colors::Primary : colors::Border, t.radius * 1.5f, 0, thick);
            const float isz = std::min(r.GetHeight() * 0.28f, t.target);
            const ImVec2 mid = r.GetCenter();
            centered_icon(dl, ImVec2(r.Min.x, r.Min.y), ImVec2(r.Max.x, mid.y + isz * 0.1f), ICON_HAND, isz,
                          target ? colors::Primary : colors::rgb(0x9A, 0x90, 0x84));
            const ImVec2 ls = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label.c_str());
            dl->AddText(bold, bold->FontSize, ImVec2(mid.x - ls.x * 0.5f, mid.y + isz * 0.3f),
                        target ? colors::Primary : colors::Muted, label.c_str());
            record_last_item(id, label);
            if (tapped) show_hint(s, "photo.hint_empty_slot");
            continue;
        }
        // A chosen photo: the image, its number, the person's words under it.
        const deck::Deck* d = find_deck(*m.library, choice->deck_id);
        const int ci = d ? card_index(*d, choice->card_id) : -1;
        const ImVec2 img_max(r.Max.x, r.Max.y - words_h);
        if (ci >= 0) {
            const deck::Card& card = d->cards[static_cast<size_t>(ci)];
            draw_card_image(dl, card, m.library->thumbnail(*d, card), r.Min, img_max, cover(card), held ? 0.8f : 1.0f);
        } else {
            // The deck or card is no longer installed: the choice is kept, shown by its name.
            dl->AddRectFilled(r.Min, img_max, colors::rgb(0xE4, 0xE1, 0xDC), t.radius);
            const ImVec2 c((r.Min.x + r.Max.x) * 0.5f, (r.Min.y + img_max.y) * 0.5f);
            centered_icon(dl, r.Min, ImVec2(r.Max.x, c.y + t.target * 0.2f), ICON_UNAVAILABLE, t.target * 0.7f,
                          colors::Muted);
            const std::string why = ellipsize(body, body->FontSize * 0.85f, tr("photo.unavailable"), r.GetWidth() - t.gap * 2);
            const float ww = body->CalcTextSizeA(body->FontSize * 0.85f, FLT_MAX, 0, why.c_str()).x;
            dl->AddText(body, body->FontSize * 0.85f, ImVec2(c.x - ww * 0.5f, c.y + t.target * 0.3f), colors::Muted,
                        why.c_str());
        }
        if (target) dl->AddRect(r.Min, r.Max, colors::Primary, t.radius * 1.5f, 0, 4.0f * t.dp);
        // Number badge.
        const float br = t.target * 0.32f;
        const ImVec2 bc(r.Min.x + br + t.gap, r.Min.y + br + t.gap);
        dl->AddCircleFilled(bc, br, colors::Primary, 24);
        const std::string num = std::to_string(i + 1);
        const ImVec2 ns = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, num.c_str());
        dl->AddText(bold, bold->FontSize, ImVec2(bc.x - ns.x * 0.5f, bc.y - ns.y * 0.5f), colors::OnPrimary, num.c_str());
        // Words (quoted) or an invitation to note them.
        const bool has_words = !choice->words.empty();
        std::string words = has_words ? "« " + choice->words + " »" : std::string(ICON_QUOTE) + "  " + tr("photo.tap_words");
        for (char& c : words)
            if (c == '\n') c = ' ';
        words = ellipsize(body, body->FontSize, words, r.GetWidth() - t.gap);
        dl->AddText(body, body->FontSize, ImVec2(r.Min.x + t.gap * 0.5f, img_max.y + t.gap * 0.6f),
                    has_words ? colors::Text : colors::Primary, words.c_str());
        // Scripts and screen readers get the photo's description and the full words.
        const std::string what = ci >= 0 ? d->cards[static_cast<size_t>(ci)].description
                                         : choice->card_id + " (" + tr("photo.unavailable") + ")";
        record_last_item(id, label + " — " + what + (has_words ? " « " + choice->words + " »" : std::string()));
        if (tapped && !m.read_only) {
            s.sheet = PhotoSheet::Choice;
            s.sheet_slot = static_cast<int>(i);
            s.focus_words = choice->words.empty(); // ready to type what the person says
        }
    }
    // One more slot (up to three).
    if (!m.read_only && round.slot_count < core::kMaxSlots && L.add_slot.GetWidth() > 0) {
        const char* label = tr("photo.add_slot");
        const float one_line = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label).x + bold->FontSize * 2 + t.pad * 2;
        ImGui::SetCursorScreenPos(L.add_slot.Min);
        bool add = false;
        if (L.add_slot.GetWidth() >= one_line) {
            add = button("photo.add_slot", ICON_PLUS, label, ButtonKind::Quiet, L.add_slot.GetSize());
        } else {
            // A narrow column (portrait): the sign above the words, wrapped and centred.
            bool held = false;
            add = tap_area("photo.add_slot", L.add_slot.GetSize(), &held);
            const ImRect r = L.add_slot;
            if (held) dl->AddRectFilled(r.Min, r.Max, colors::SurfacePressed, t.radius);
            const float wrap = r.GetWidth() - t.gap * 2;
            const ImVec2 ls = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, wrap, label);
            const float isz = t.target * 0.6f;
            const float top = r.GetCenter().y - (isz + t.gap + ls.y) * 0.5f;
            centered_icon(dl, ImVec2(r.Min.x, top), ImVec2(r.Max.x, top + isz), ICON_PLUS, isz, colors::Primary);
            // Centre each wrapped line.
            const char* b = label;
            const char* e = label + std::strlen(label);
            float y = top + isz + t.gap;
            while (b < e) {
                const char* cut = bold->CalcWordWrapPositionA(1.0f, b, e, wrap);
                if (cut == b) cut = e;
                const std::string line(b, cut);
                const float w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, line.c_str()).x;
                dl->AddText(bold, bold->FontSize, ImVec2(r.GetCenter().x - w * 0.5f, y), colors::Primary, line.c_str());
                y += bold->FontSize * 1.15f;
                b = cut;
                while (b < e && *b == ' ') ++b;
            }
            record_last_item("photo.add_slot", label);
        }
        if (add) out->push_back(command(m, core::SetSlotCount{round.id, round.slot_count + 1, {}}));
    }
}

// [SECTION] Grid

struct GridMetrics {
    int cols = 2;
    float tile_w = 0, tile_h = 0, gap = 0;
    float content_h = 0;
};

GridMetrics grid_metrics(const ImRect& grid, size_t cards, float tile_dp) {
    const Theme& t = theme();
    GridMetrics g;
    g.gap = t.gap * (tile_dp < 110.0f ? 1.0f : 1.5f);
    const float min_tile = tile_dp * t.dp;
    g.cols = std::max(2, static_cast<int>((grid.GetWidth() + g.gap) / (min_tile + g.gap)));
    g.tile_w = (grid.GetWidth() - g.gap * static_cast<float>(g.cols - 1)) / static_cast<float>(g.cols);
    g.tile_h = std::round(g.tile_w * 0.75f);
    const int rows = static_cast<int>((cards + static_cast<size_t>(g.cols) - 1) / static_cast<size_t>(g.cols));
    g.content_h = rows > 0 ? static_cast<float>(rows) * (g.tile_h + g.gap) - g.gap : 0.0f;
    return g;
}

ImRect tile_rect(const ImRect& grid, const GridMetrics& g, float scroll, int index) {
    const int row = index / g.cols, col = index % g.cols;
    const ImVec2 p0(grid.Min.x + static_cast<float>(col) * (g.tile_w + g.gap),
                    grid.Min.y + static_cast<float>(row) * (g.tile_h + g.gap) - scroll);
    return ImRect(p0, ImVec2(p0.x + g.tile_w, p0.y + g.tile_h));
}

int card_at(const ImRect& grid, const GridMetrics& g, float scroll, size_t cards, ImVec2 p) {
    if (!grid.Contains(p)) return -1;
    const float x = p.x - grid.Min.x, y = p.y - grid.Min.y + scroll;
    const int col = static_cast<int>(x / (g.tile_w + g.gap));
    const int row = static_cast<int>(y / (g.tile_h + g.gap));
    if (col < 0 || col >= g.cols || row < 0) return -1;
    if (x - static_cast<float>(col) * (g.tile_w + g.gap) > g.tile_w) return -1; // in a gap
    if (y - static_cast<float>(row) * (g.tile_h + g.gap) > g.tile_h) return -1;
    const int i = row * g.cols + col;
    return i < static_cast<int>(cards) ? i : -1;
}

void draw_grid(const PhotoBoardModel& m, PhotoBoardState& s, const core::PhotoRound& round, const deck::Deck& deck,
               Layout& L, std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImRect grid = L.grid;
    // Pinch on the grid: bigger or smaller photos, keeping the photo under the fingers in view.
    // (Not while a sheet is open over it: those fingers are on the sheet.)
    if (m.gestures && m.gestures->pinching && grid.Contains(m.gestures->pinch_center) && s.full_card < 0 &&
        !ImGui::GetTopMostPopupModal()) {
        const GridMetrics before = grid_metrics(grid, deck.cards.size(), s.tile_dp);
        const float row_before = (s.scroll + m.gestures->pinch_center.y - grid.Min.y) / (before.tile_h + before.gap);
        s.tile_dp = clampf(s.tile_dp * m.gestures->pinch_scale, PhotoBoardState::kMinTileDp, PhotoBoardState::kMaxTileDp);
        const GridMetrics after = grid_metrics(grid, deck.cards.size(), s.tile_dp);
        s.scroll = row_before * (after.tile_h + after.gap) - (m.gestures->pinch_center.y - grid.Min.y);
        s.velocity = 0;
        if (s.press != PhotoBoardState::Press::None) s.press = PhotoBoardState::Press::Ignored;
    }
    const GridMetrics g = grid_metrics(grid, deck.cards.size(), s.tile_dp);
    const float max_scroll = std::max(0.0f, g.content_h - grid.GetHeight());
    if (s.scroll_deck != deck.id || s.card_ids.size() != deck.cards.size()) {
        s.scroll_deck = deck.id;
        s.scroll = 0;
        s.velocity = 0;
        s.card_ids.clear();
        for (const deck::Card& c : deck.cards) s.card_ids.push_back("photo.card." + deck.id + "." + c.id);
    }

    // Input: one invisible item covers the grid, so ImGui knows a finger is busy with it.
    ImGui::SetCursorScreenPos(grid.Min);
    ImGui::InvisibleButton("##photo_grid", grid.GetSize());
    const bool activated = ImGui::IsItemActivated();
    const bool active = ImGui::IsItemActive();
    const bool released = ImGui::IsItemDeactivated();
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
        s.scroll -= io.MouseWheel * g.tile_h * 0.6f;
        s.velocity = 0;
    }
    using Press = PhotoBoardState::Press;
    if (activated) {
        s.track.clear();
        s.track.emplace_back(ImGui::GetTime(), io.MouseClickedPos[0].y);
        s.press = Press::Pending;
        s.press_card = card_at(grid, g, s.scroll, deck.cards.size(), io.MouseClickedPos[0]);
        s.press_scroll = s.scroll;
        s.velocity = 0;
        s.hover_slot = -1;
    }
    const auto can_lift = [&] {
        return s.press_card >= 0 && deck.cards[static_cast<size_t>(s.press_card)].available();
    };
    const auto lift = [&] {
        s.press = Press::Lifted;
        const ImRect r = tile_rect(grid, g, s.scroll, s.press_card);
        s.lift_offset = ImVec2(io.MouseClickedPos[0].x - r.Min.x, io.MouseClickedPos[0].y - r.Min.y);
        s.lift_size = r.GetSize();
    };
    if (active) {
        const ImVec2 d(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
        if (s.press == Press::Pending) {
            if (m.gestures && m.gestures->pinching) s.press = Press::Ignored;
            else if (ImGui::IsMouseDragPastThreshold(0)) {
                if (std::fabs(d.x) > std::fabs(d.y) && can_lift()) lift();
                else s.press = Press::Scrolling;
            } else if (m.gestures && m.gestures->long_press && can_lift()) {
                lift();
            }
        }
        if (s.press == Press::Scrolling) {
            s.scroll = s.press_scroll - d.y;
            track_finger(s, io.MousePos.y);
        }
        if (s.press == Press::Lifted) {
            s.hover_slot = -1;
            for (size_t i = 0; i < L.slots.size(); ++i) {
                ImRect r = L.slots[i];
                r.Expand(t.gap * 2);
                if (r.Contains(io.MousePos)) s.hover_slot = static_cast<int>(i);
            }
        }
    }
    // A second finger cancelled this touch: its lift has no position; forget the press.
    if (released && !ImGui::IsMousePosValid()) s.press = Press::Ignored;
    if (released && s.press == Press::Pending && !released_as_tap()) {
        // The whole move happened between two frames (a quick flick on a slow frame): decide now.
        const ImVec2 d(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
        if (std::fabs(d.x) > std::fabs(d.y) && can_lift()) {
            s.press = Press::Lifted;
            s.hover_slot = -1;
            for (size_t i = 0; i < L.slots.size(); ++i) {
                ImRect r = L.slots[i];
                r.Expand(t.gap * 2);
                if (r.Contains(io.MousePos)) s.hover_slot = static_cast<int>(i);
            }
        } else {
            s.press = Press::Scrolling;
        }
    }
    if (released) {
        if (s.press == Press::Lifted && s.hover_slot >= 0 && s.hover_slot < round.slot_count) {
            const deck::Card& card = deck.cards[static_cast<size_t>(s.press_card)];
            place_card(m, round, s.hover_slot, deck, card, out);
        } else if (s.press == Press::Pending && released_as_tap() && s.press_card >= 0) {
            s.full_card = s.press_card;
            s.zoom = 1.0f;
            s.pan = ImVec2(0, 0);
            s.swipe = 0;
        } else if (s.press == Press::Scrolling) {
            // The finger's last move may arrive with its lift: count it, then let the grid glide
            // at the finger's speed over its last ~150 ms (0 if it had stopped).
            s.scroll = s.press_scroll - (io.MousePos.y - io.MouseClickedPos[0].y);
            track_finger(s, io.MousePos.y);
            s.velocity = release_velocity(s.track);
        }
        s.press = Press::None;
        s.hover_slot = -1;
    }
    if (!active && s.velocity != 0.0f) {
        s.scroll += s.velocity * io.DeltaTime;
        s.velocity *= std::exp(-2.5f * io.DeltaTime); // glides about velocity / 2.5 pixels
        if (std::fabs(s.velocity) < 30.0f * t.dp || s.scroll < 0 || s.scroll > max_scroll) s.velocity = 0;
        request_animation_frames();
    }
    s.scroll = clampf(s.scroll, 0.0f, max_scroll);

    // Drawing: only the rows in view.
    dl->PushClipRect(grid.Min, grid.Max, true);
    const int first_row = static_cast<int>(s.scroll / (g.tile_h + g.gap));
    const int last_row = static_cast<int>((s.scroll + grid.GetHeight()) / (g.tile_h + g.gap));
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    bool loading = false; // a visible photo still on its way (scripts wait for it to arrive)
    for (int row = first_row; row <= last_row; ++row) {
        for (int col = 0; col < g.cols; ++col) {
            const int i = row * g.cols + col;
            if (i >= static_cast<int>(deck.cards.size())) break;
            const deck::Card& card = deck.cards[static_cast<size_t>(i)];
            const ImRect r = tile_rect(grid, g, s.scroll, i);
            const bool lifted = s.press == Press::Lifted && s.press_card == i;
            const bool pressed = s.press == Press::Pending && s.press_card == i;
            const PhotoTexture tex = m.library->thumbnail(deck, card);
            if (card.available() && !tex.id && !tex.failed) loading = true;
            draw_card_image(dl, card, tex, r.Min, r.Max, cover(card), lifted ? 0.3f : (pressed ? 0.8f : 1.0f), false);
            const int slot = slot_of(round, deck.id, card.id);
            if (slot >= 0) {
                dl->AddRect(r.Min, r.Max, colors::Primary, t.radius, 0, 4.0f * t.dp);
                const float br = t.target * 0.3f;
                const ImVec2 bc(r.Max.x - br - t.gap, r.Min.y + br + t.gap);
                dl->AddCircleFilled(bc, br, colors::Primary, 24);
                const std::string num = std::to_string(slot + 1);
                const ImVec2 ns = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, num.c_str());
                dl->AddText(bold, bold->FontSize, ImVec2(bc.x - ns.x * 0.5f, bc.y - ns.y * 0.5f), colors::OnPrimary,
                            num.c_str());
            }
            ImRect vis = r;
            vis.ClipWith(grid);
            if (vis.GetWidth() > 0 && vis.GetHeight() > 0) {
                // Unavailable cards can still be tapped: the full-screen view says why. (Usable
                // ones carry no text: dozens of descriptions copied every frame cost time.)
                std::string label;
                if (!card.available())
                    label = "— " + std::string(tr(("deck.problem." + std::string(deck::problem_key(*card.problem))).c_str()));
                else if (tex.failed)
                    label = "— " + std::string(tr("photo.image_failed"));
                registry().record(s.card_ids[static_cast<size_t>(i)], vis.Min, vis.Max, label);
            }
        }
    }
    dl->PopClipRect();
    if (loading) registry().record("photo.loading", grid.Min, grid.Max, "");
    // A thin bar shows where the grid is scrolled to.
    if (max_scroll > 0) {
        const float track = grid.GetHeight();
        const float bar_h = std::max(t.target * 0.6f, track * grid.GetHeight() / g.content_h);
        const float y = grid.Min.y + (track - bar_h) * (s.scroll / max_scroll);
        const float x = grid.Max.x + t.gap * 0.5f;
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + 3.0f * t.dp, y + bar_h), colors::rgb(0x1F, 0x23, 0x28, 0x50),
                          2.0f * t.dp);
    }
    // The lifted photo follows the finger, above everything.
    if (s.press == Press::Lifted && s.press_card >= 0) {
        const deck::Card& card = deck.cards[static_cast<size_t>(s.press_card)];
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        const float k = 1.08f;
        const ImVec2 size(s.lift_size.x * k, s.lift_size.y * k);
        const ImVec2 p0(io.MousePos.x - s.lift_offset.x * k, io.MousePos.y - s.lift_offset.y * k);
        const ImVec2 p1(p0.x + size.x, p0.y + size.y);
        fg->AddRectFilled(ImVec2(p0.x + 6 * t.dp, p0.y + 8 * t.dp), ImVec2(p1.x + 6 * t.dp, p1.y + 8 * t.dp),
                          colors::rgb(0, 0, 0, 0x40), t.radius);
        draw_card_image(fg, card, m.library->thumbnail(deck, card), p0, p1, cover(card));
        fg->AddRect(p0, p1, colors::Primary, t.radius, 0, 3.0f * t.dp);
    }
}

// [SECTION] Sheets (helpers shared by both)

void round_sheet(const PhotoBoardModel& m, PhotoBoardState& s, const core::PhotoRound* round,
                 std::vector<core::Command>* out) {
    const Theme& t = theme();
    const bool editing = s.sheet == PhotoSheet::EditRound && round;
    if (!begin_sheet("##photo_round")) return;
    bool close = false;
    text(tr(editing ? "photo.sheet.edit_title" : "photo.sheet.new_title"), t.title, colors::Text, 0);
    ImGui::Dummy(ImVec2(1, t.gap));
    // How many photos the person chooses.
    int count = editing ? round->slot_count - 1 : s.new_slot_count - 1;
    if (segmented("photo.sheet.slots", {tr("photo.sheet.slots_1"), tr("photo.sheet.slots_2"), tr("photo.sheet.slots_3")},
                  count)) {
        if (editing) out->push_back(command(m, core::SetSlotCount{round->id, count + 1, {}}));
        else s.new_slot_count = count + 1;
    }
    ImGui::Dummy(ImVec2(1, t.gap));
    // The catalogue: one large row per question.
    const float row_h = std::max(t.target * 1.25f, t.body_px * 2.6f);
    const size_t n = m.prompts ? m.prompts->size() : 0;
    // Everything but the list must fit: title, slot choice, own question, buttons, paddings.
    // Measured on the previous frame; a generous estimate on the first one.
    const float fixed = s.sheet_overhead > 0 ? s.sheet_overhead
                                             : (t.title ? t.title->FontSize : t.body_px) * 1.4f + t.target * 3 +
                                                   t.body_px * 3 + t.gap * 10 + t.pad * 3 +
                                                   ImGui::GetStyle().ItemSpacing.y * 10;
    const float list_h = std::max(row_h * 1.5f, std::min(static_cast<float>(n) * (row_h + t.gap * 0.5f),
                                                         ImGui::GetIO().DisplaySize.y * 0.94f - fixed));
    begin_touch_scroll("##prompts", ImVec2(-FLT_MIN, list_h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    ImFont* huge = t.huge ? t.huge : ImGui::GetFont();
    for (size_t i = 0; i < n; ++i) {
        const core::Prompt& p = (*m.prompts)[i];
        const std::string id = "photo.prompt." + p.key.substr(p.key.rfind('.') + 1);
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        bool held = false;
        const bool tapped = tap_area(id.c_str(), ImVec2(w, row_h), &held);
        const bool current = editing && round->prompt_key == p.key;
        dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + row_h),
                          held ? colors::SurfacePressed : (current ? colors::PrimarySoft : colors::Background), t.radius);
        const float isz = row_h * 0.42f;
        const ImVec2 is = huge->CalcTextSizeA(isz, FLT_MAX, 0, prompt_icon(p.key));
        dl->AddText(huge, isz, ImVec2(p0.x + t.pad + (row_h * 0.6f - is.x) * 0.5f, p0.y + (row_h - is.y) * 0.5f),
                    colors::Primary, prompt_icon(p.key));
        const float tx = p0.x + t.pad * 2 + row_h * 0.6f;
        const float tw = w - (tx - p0.x) - t.pad;
        const ImVec2 ts = body->CalcTextSizeA(body->FontSize, FLT_MAX, tw, p.text.c_str());
        dl->AddText(body, body->FontSize, ImVec2(tx, p0.y + (row_h - ts.y) * 0.5f), colors::Text, p.text.c_str(), nullptr,
                    tw);
        record_last_item(id, p.text);
        ImGui::Dummy(ImVec2(1, t.gap * 0.5f));
        if (tapped) {
            if (editing) {
                out->push_back(command(m, core::SetRoundPrompt{round->id, p.key, p.text}));
            } else {
                core::PhotoRound r = core::new_round(p.key, p.text, s.new_slot_count, m.now);
                s.round_id = r.id;
                out->push_back(command(m, core::AddRound{std::move(r), -1}));
            }
            close = true;
        }
    }
    end_touch_scroll();
    ImGui::Dummy(ImVec2(1, t.gap));
    // Or a question of one's own.
    const float use_w = std::min(ImGui::GetContentRegionAvail().x * 0.4f, 300.0f * t.dp);
    text_field("photo.sheet.custom", tr("photo.sheet.custom_label"), s.custom_prompt, "", tr("photo.sheet.custom_hint"),
               ImGui::GetContentRegionAvail().x - use_w - t.gap * 2);
    const ImVec2 field_min = ImGui::GetItemRectMin(), field_max = ImGui::GetItemRectMax();
    const ImVec2 after_field = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(field_max.x + t.gap * 2, field_min.y));
    std::string custom = s.custom_prompt;
    while (!custom.empty() && (custom.back() == ' ' || custom.back() == '\n')) custom.pop_back();
    if (button("photo.sheet.use_custom", ICON_CHECK, tr("photo.sheet.use_custom"), ButtonKind::Primary,
               ImVec2(use_w, field_max.y - field_min.y), !custom.empty())) {
        if (editing) {
            out->push_back(command(m, core::SetRoundPrompt{round->id, "", custom}));
        } else {
            core::PhotoRound r = core::new_round("", custom, s.new_slot_count, m.now);
            s.round_id = r.id;
            out->push_back(command(m, core::AddRound{std::move(r), -1}));
        }
        close = true;
    }
    ImGui::SetCursorScreenPos(after_field);
    ImGui::Dummy(ImVec2(1, t.gap));
    const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 2) * 0.5f;
    if (editing) {
        if (button("photo.sheet.remove_round", ICON_TRASH, tr("photo.sheet.remove_round"), ButtonKind::Quiet,
                   ImVec2(bw, 0))) {
            out->push_back(command(m, core::RemoveRound{round->id}));
            s.round_id.clear();
            close = true;
        }
        ImGui::SameLine(0, t.gap * 2);
    } else {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + bw + t.gap * 2);
    }
    if (button("photo.sheet.close", ICON_CLOSE, tr("photo.sheet.close"), ButtonKind::Secondary, ImVec2(bw, 0)))
        close = true;
    // Everything but the list, window paddings included, for the next frame's list height.
    s.sheet_overhead = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y - list_h + t.gap;
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = PhotoSheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void choice_sheet(const PhotoBoardModel& m, PhotoBoardState& s, const core::PhotoRound& round,
                  std::vector<core::Command>* out) {
    const Theme& t = theme();
    if (s.sheet_slot < 0 || s.sheet_slot >= static_cast<int>(round.slots.size()) ||
        !round.slots[static_cast<size_t>(s.sheet_slot)]) {
        s.sheet = PhotoSheet::None; // emptied meanwhile (undo)
        return;
    }
    const core::PhotoChoice& choice = *round.slots[static_cast<size_t>(s.sheet_slot)];
    const std::string key = round.id + "/" + std::to_string(s.sheet_slot);
    if (s.words_key != key) {
        s.words_key = key;
        s.words = WrappedText{};
    }
    if (!begin_sheet("##photo_choice", 0.94f, 980.0f)) return;
    bool close = false;
    const deck::Deck* d = find_deck(*m.library, choice.deck_id);
    const int ci = d ? card_index(*d, choice.card_id) : -1;
    const float w = ImGui::GetContentRegionAvail().x;
    const bool wide = w > 640.0f * t.dp;
    const float img_w = wide ? std::round(w * 0.38f) : w;
    const float img_h = wide ? img_w * 0.9f : std::round(w * 0.5f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ci >= 0) {
        const deck::Card& card = d->cards[static_cast<size_t>(ci)];
        PhotoTexture tex = m.library->large(*d, card);
        if (!tex.id) tex = m.library->thumbnail(*d, card);
        draw_card_image(dl, card, tex, p0, ImVec2(p0.x + img_w, p0.y + img_h), false);
    } else {
        dl->AddRectFilled(p0, ImVec2(p0.x + img_w, p0.y + img_h), colors::rgb(0xE4, 0xE1, 0xDC), t.radius);
        centered_icon(dl, p0, ImVec2(p0.x + img_w, p0.y + img_h), ICON_UNAVAILABLE, t.target, colors::Muted);
    }
    ImGui::Dummy(ImVec2(img_w, img_h));
    if (wide) ImGui::SameLine(0, t.pad * 1.5f);
    ImGui::BeginGroup();
    text(std::string(ICON_QUOTE) + "  " + trf("photo.choice.title", {std::to_string(s.sheet_slot + 1)}), t.title,
         colors::Text, 0);
    text(tr("photo.choice.hint"), t.body, colors::Muted, wide ? w - img_w - t.pad * 1.5f : -1.0f);
    std::string words = choice.words;
    if (s.focus_words) {
        ImGui::SetKeyboardFocusHere();
        s.focus_words = false;
    }
    const float field_h = wide ? img_h - ImGui::GetCursorScreenPos().y + p0.y : t.body_px * 6;
    if (wrapped_text_area("photo.words", words, s.words, ImVec2(wide ? w - img_w - t.pad * 1.5f : -FLT_MIN,
                                                                 std::max(field_h, t.body_px * 4))))
        out->push_back(command(m, core::SetChoiceWords{round.id, s.sheet_slot, words}));
    ImGui::EndGroup();
    // Themes: the card's own first, then the usual ones.
    ImGui::Dummy(ImVec2(1, t.gap));
    text(std::string(ICON_TAGS) + "  " + tr("photo.choice.themes"), t.bold, colors::Text, 0);
    std::vector<std::string> offer;
    if (ci >= 0)
        for (const auto& th : d->cards[static_cast<size_t>(ci)].themes)
            if (std::find(offer.begin(), offer.end(), th) == offer.end()) offer.push_back(th);
    for (const auto& th : choice_themes())
        if (std::find(offer.begin(), offer.end(), th) == offer.end()) offer.push_back(th);
    for (const auto& th : choice.themes)
        if (std::find(offer.begin(), offer.end(), th) == offer.end()) offer.push_back(th);
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    for (size_t i = 0; i < offer.size(); ++i) {
        bool on = std::find(choice.themes.begin(), choice.themes.end(), offer[i]) != choice.themes.end();
        const float cw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, offer[i].c_str()).x + t.pad * 3;
        if (i > 0) {
            ImGui::SameLine(0, t.gap);
            if (ImGui::GetCursorScreenPos().x + cw > right) ImGui::NewLine();
        }
        const std::string id = "photo.theme." + offer[i];
        if (chip(id.c_str(), offer[i], on)) {
            std::vector<std::string> themes = choice.themes;
            if (on) themes.push_back(offer[i]);
            else themes.erase(std::remove(themes.begin(), themes.end(), offer[i]), themes.end());
            out->push_back(command(m, core::SetChoiceThemes{round.id, s.sheet_slot, themes}));
        }
    }
    ImGui::Dummy(ImVec2(1, t.gap * 1.5f));
    const float bw = (ImGui::GetContentRegionAvail().x - t.gap * 4) / 3.0f;
    if (button("photo.choice.remove", ICON_TRASH, tr("photo.choice.remove"), ButtonKind::Quiet, ImVec2(bw, 0))) {
        out->push_back(command(m, core::SetSlot{round.id, s.sheet_slot, std::nullopt}));
        close = true;
    }
    ImGui::SameLine(0, t.gap * 2);
    if (button("photo.choice.view", ICON_EXPAND, tr("photo.choice.view"), ButtonKind::Secondary, ImVec2(bw, 0),
               ci >= 0)) {
        s.deck_id = choice.deck_id;
        s.full_card = ci;
        s.zoom = 1.0f;
        s.pan = ImVec2(0, 0);
        close = true;
    }
    ImGui::SameLine(0, t.gap * 2);
    if (button("photo.choice.done", ICON_CHECK, tr("photo.choice.done"), ButtonKind::Primary, ImVec2(bw, 0)))
        close = true;
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = PhotoSheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void decks_sheet(const PhotoBoardModel& m, PhotoBoardState& s) {
    const Theme& t = theme();
    if (!begin_sheet("##photo_decks", 0.9f, 720.0f)) return;
    bool close = false;
    text(tr("photo.decks_title"), t.title, colors::Text, 0);
    ImGui::Dummy(ImVec2(1, t.gap));
    const auto& decks = m.library->decks();
    const float row_h = std::max(t.target * 1.3f, t.body_px * 2.8f);
    const float list_h = std::min(static_cast<float>(decks.size()) * (row_h + t.gap * 0.5f),
                                  ImGui::GetIO().DisplaySize.y * 0.94f - t.target * 2.5f - t.pad * 4);
    begin_touch_scroll("##decks", ImVec2(-FLT_MIN, list_h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    for (const deck::Deck& d : decks) {
        const std::string id = "photo.deck_pick." + d.id;
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        bool held = false;
        const bool tapped = tap_area(id.c_str(), ImVec2(w, row_h), &held);
        const bool current = d.id == s.deck_id;
        dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + row_h),
                          held ? colors::SurfacePressed : (current ? colors::PrimarySoft : colors::Background), t.radius);
        const size_t n = d.cards.size(), ok = d.available_count();
        const std::string count = ok == n ? trf(n == 1 ? "photo.deck_count_one" : "photo.deck_count", {std::to_string(n)})
                                          : trf("photo.deck_count_unavailable", {std::to_string(n), std::to_string(n - ok)});
        const float y = p0.y + (row_h - bold->FontSize - body->FontSize * 1.2f) * 0.5f;
        dl->AddText(bold, bold->FontSize, ImVec2(p0.x + t.pad, y), colors::Text, d.title.c_str());
        dl->AddText(body, body->FontSize, ImVec2(p0.x + t.pad, y + bold->FontSize * 1.15f),
                    ok == n ? colors::Muted : colors::Warning, count.c_str());
        record_last_item(id, d.title + " — " + count);
        ImGui::Dummy(ImVec2(1, t.gap * 0.5f));
        if (tapped) {
            s.deck_id = d.id;
            close = true;
        }
    }
    end_touch_scroll();
    ImGui::Dummy(ImVec2(1, t.gap));
    if (button("photo.decks_close", ICON_CLOSE, tr("photo.sheet.close"), ButtonKind::Secondary, ImVec2(-FLT_MIN, 0)))
        close = true;
    if (close || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        s.sheet = PhotoSheet::None;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// [SECTION] Full-screen view

void full_screen(const PhotoBoardModel& m, PhotoBoardState& s, const core::PhotoRound* round,
                 std::vector<core::Command>* out) {
    const Theme& t = theme();
    ImGuiIO& io = ImGui::GetIO();
    const deck::Deck* deck = current_deck(m, s, round);
    if (!deck || s.full_card < 0 || s.full_card >= static_cast<int>(deck->cards.size())) {
        s.full_card = -1;
        return;
    }
    const int n = static_cast<int>(deck->cards.size());
    const ImVec2 display = io.DisplaySize;
    if (!ImGui::IsPopupOpen("##photo_full")) ImGui::OpenPopup("##photo_full");
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::PushStyleColor(ImGuiCol_PopupBg, colors::rgb(0x16, 0x18, 0x1B));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const bool open = ImGui::BeginPopupModal("##photo_full", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    if (!open) return;
    bool close = false;
    int go = 0; // -1 previous, +1 next
    const deck::Card& card = deck->cards[static_cast<size_t>(s.full_card)];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();

    // Bottom bar: the description and where the photo can go.
    const float bar_h = t.target * 1.4f + t.pad * 2 + body->FontSize * 1.6f;
    const ImRect area(ImVec2(0, 0), ImVec2(display.x, display.y - bar_h));

    // The image: pinch to zoom around the fingers, drag to pan when zoomed, swipe otherwise.
    ImGui::SetCursorScreenPos(area.Min);
    ImGui::InvisibleButton("##photo_full_image", area.GetSize());
    ImGui::SetItemAllowOverlap(); // the buttons drawn over the photo take their taps
    const bool active = ImGui::IsItemActive();
    const ImVec2 centre = area.GetCenter();
    if (m.gestures && m.gestures->pinching) {
        const float old_zoom = s.zoom;
        s.zoom = clampf(s.zoom * m.gestures->pinch_scale, 1.0f, 5.0f);
        const float k = s.zoom / old_zoom;
        const ImVec2 c = m.gestures->pinch_center;
        // Keep the point under the fingers' centre where it is, then follow the fingers.
        s.pan = ImVec2(c.x + (centre.x + s.pan.x - c.x) * k - centre.x + m.gestures->pan_delta.x,
                       c.y + (centre.y + s.pan.y - c.y) * k - centre.y + m.gestures->pan_delta.y);
        s.swipe = 0;
        s.full_press = false;
    } else if (active) {
        if (ImGui::IsItemActivated()) s.full_press = true;
        if (s.full_press) {
            if (s.zoom > 1.01f) s.pan = ImVec2(s.pan.x + io.MouseDelta.x, s.pan.y + io.MouseDelta.y);
            else s.swipe = io.MousePos.x - io.MouseClickedPos[0].x;
        }
    } else if (ImGui::IsItemDeactivated()) {
        if (s.full_press && s.zoom <= 1.01f) {
            const float limit = display.x * 0.15f;
            if (s.swipe < -limit) go = +1;
            else if (s.swipe > limit) go = -1;
        }
        s.full_press = false;
    } else if (s.swipe != 0.0f) {
        // Settle back (or slide the new photo in) smoothly.
        s.swipe *= std::exp(-14.0f * io.DeltaTime);
        if (std::fabs(s.swipe) < 1.0f) s.swipe = 0;
        request_animation_frames();
    }
    if (s.zoom <= 1.01f) s.pan = ImVec2(0, 0);
    PhotoTexture tex = m.library->large(*deck, card);
    if (!tex.id && !tex.failed) tex = m.library->thumbnail(*deck, card); // sharpens when the large one is ready
    ImRect inner = area;
    inner.Expand(-t.pad);
    if (tex.id) {
        const Fit f = fit_contain(ImVec2(static_cast<float>(tex.width), static_cast<float>(tex.height)), inner.Min,
                                  inner.Max, s.zoom, ImVec2(s.pan.x + s.swipe, s.pan.y));
        dl->PushClipRect(area.Min, area.Max, true);
        dl->AddImage(tex.id, f.p0, f.p1, f.uv0, f.uv1);
        dl->PopClipRect();
    } else {
        ImRect box(ImVec2(centre.x - inner.GetWidth() * 0.3f, centre.y - inner.GetHeight() * 0.3f),
                   ImVec2(centre.x + inner.GetWidth() * 0.3f, centre.y + inner.GetHeight() * 0.3f));
        box.Translate(ImVec2(s.swipe, 0));
        draw_card_image(dl, card, tex, box.Min, box.Max, false);
    }
    registry().record("photo.full.image", area.Min, area.Max, card.description);

    // Buttons over the image: close, zoom, previous/next.
    ImGui::SetCursorScreenPos(ImVec2(display.x - t.target - t.pad, t.pad));
    if (icon_button("photo.full.close", ICON_CLOSE, tr("photo.full.close"))) close = true;
    ImGui::SetCursorScreenPos(ImVec2(t.pad, t.pad));
    if (icon_button("photo.full.zoom_in", ICON_ZOOM_IN, tr("photo.zoom_in"), s.zoom < 5.0f && tex.id))
        s.zoom = std::min(5.0f, s.zoom * 1.5f);
    ImGui::SameLine(0, t.gap);
    if (icon_button("photo.full.zoom_out", ICON_ZOOM_OUT, tr("photo.zoom_out"), s.zoom > 1.01f)) {
        s.zoom = std::max(1.0f, s.zoom / 1.5f);
        s.pan = ImVec2(s.pan.x / 1.5f, s.pan.y / 1.5f);
    }
    if (s.zoom > 1.01f) {
        // How much it is enlarged, next to the buttons (« 150 % »).
        const std::string z = std::to_string(static_cast<int>(std::lround(s.zoom * 100.0f))) + " %";
        const ImVec2 zp(t.pad + t.target * 2 + t.gap * 3, t.pad + (t.target - bold->FontSize) * 0.5f);
        dl->AddText(bold, bold->FontSize, zp, colors::rgb(0xE8, 0xE4, 0xDE), z.c_str());
        registry().record("photo.full.zoom", zp, ImVec2(zp.x + t.target, zp.y + bold->FontSize), z);
    }
    ImGui::SetCursorScreenPos(ImVec2(t.pad, centre.y - t.target * 0.5f));
    if (icon_button("photo.full.prev", ICON_PREV, tr("photo.full.prev"), s.full_card > 0)) go = -1;
    ImGui::SetCursorScreenPos(ImVec2(display.x - t.target - t.pad, centre.y - t.target * 0.5f));
    if (icon_button("photo.full.next", ICON_NEXT, tr("photo.full.next"), s.full_card + 1 < n)) go = +1;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) go = -1;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) go = +1;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;

    // Bottom bar.
    const float y0 = display.y - bar_h;
    dl->AddRectFilled(ImVec2(0, y0), display, colors::rgb(0x22, 0x25, 0x29));
    const std::string pos = trf("photo.full.position", {std::to_string(s.full_card + 1), std::to_string(n)});
    const std::string desc = ellipsize(body, body->FontSize, card.description, display.x - t.pad * 4 - 160 * t.dp);
    dl->AddText(body, body->FontSize, ImVec2(t.pad * 1.5f, y0 + t.pad * 0.6f), colors::rgb(0xE8, 0xE4, 0xDE),
                desc.c_str());
    const float pw = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, pos.c_str()).x;
    const ImVec2 pos_at(display.x - pw - t.pad * 1.5f, y0 + t.pad * 0.6f);
    dl->AddText(body, body->FontSize, pos_at, colors::rgb(0xB8, 0xB4, 0xAE), pos.c_str());
    registry().record("photo.full.position", pos_at, ImVec2(pos_at.x + pw, pos_at.y + body->FontSize), pos);
    const float by = y0 + t.pad * 0.6f + body->FontSize * 1.6f;
    if (!card.available()) {
        const std::string why = tr(("deck.problem." + std::string(deck::problem_key(*card.problem))).c_str());
        const std::string line = std::string(ICON_WARNING) + "  " + trf("photo.unavailable_why", {why});
        const ImVec2 at(t.pad * 1.5f, by + t.pad * 0.5f);
        dl->AddText(bold, bold->FontSize, at, colors::rgb(0xFF, 0xC9, 0x9E), line.c_str());
        registry().record("photo.full.unavailable", at, ImVec2(display.x - t.pad, at.y + bold->FontSize), line);
    } else if (round) {
        const std::string lead = tr("photo.full.choose");
        const float lw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, lead.c_str()).x;
        const float slots_w = std::min(display.x - lw - t.pad * 5, 360.0f * t.dp * static_cast<float>(round->slot_count));
        const float sw = (slots_w - t.gap * 2 * static_cast<float>(round->slot_count - 1)) /
                         static_cast<float>(round->slot_count);
        const float x0 = (display.x - (lw + t.pad + slots_w)) * 0.5f;
        dl->AddText(bold, bold->FontSize, ImVec2(x0, by + (t.target * 1.2f - bold->FontSize) * 0.5f),
                    colors::rgb(0xE8, 0xE4, 0xDE), lead.c_str());
        ImGui::SetCursorScreenPos(ImVec2(x0 + lw + t.pad, by));
        const int here = slot_of(*round, deck->id, card.id);
        for (int i = 0; i < round->slot_count; ++i) {
            if (i) ImGui::SameLine(0, t.gap * 2);
            const std::string id = "photo.full.slot." + std::to_string(i + 1);
            const std::string label = trf("photo.slot_n", {std::to_string(i + 1)});
            const bool filled = round->slots[static_cast<size_t>(i)].has_value();
            const char* icon = here == i ? ICON_CHECK : (filled ? ICON_REDO : ICON_HAND);
            if (button(id.c_str(), icon, label.c_str(), here == i ? ButtonKind::Secondary : ButtonKind::Primary,
                       ImVec2(sw, t.target * 1.2f), here != i)) {
                place_card(m, *round, i, *deck, card, out);
                close = true;
            }
        }
    }

    if (go != 0) {
        const int next = s.full_card + go;
        if (next >= 0 && next < n) {
            s.full_card = next;
            s.zoom = 1.0f;
            s.pan = ImVec2(0, 0);
            s.swipe = static_cast<float>(go) * display.x * 0.25f; // the new photo slides in
            request_animation_frames();
        } else {
            s.swipe = 0;
        }
    }
    if (close) {
        s.full_card = -1;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace

const char* prompt_icon(const std::string& key) {
    static const std::pair<const char*, const char*> icons[] = {
        {"prompt.parcours", ICON_ROAD},   {"prompt.demain", ICON_SUN},         {"prompt.aide", ICON_HELP_HAND},
        {"prompt.difficulte", ICON_MOUNTAIN}, {"prompt.travail", ICON_BRIEFCASE}, {"prompt.fierte", ICON_STAR},
        {"prompt.proches", ICON_PEOPLE},  {"prompt.sortie", ICON_DOOR},        {"prompt.apprendre", ICON_GRADUATION},
        {"prompt.aujourdhui", ICON_SMILE},
    };
    for (const auto& [k, icon] : icons)
        if (key == k) return icon;
    return ICON_COMMENT;
}

void draw_photo_board(const PhotoBoardModel& m, PhotoBoardState& s, std::vector<core::Command>* out) {
    const Theme& t = theme();
    const core::PhotoRound* round = current_round(m, s);
    const deck::Deck* deck = current_deck(m, s, round);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();

    if (!round) {
        // No round yet: one calm invitation to pick the first question.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImFont* huge = t.huge ? t.huge : ImGui::GetFont();
        const float isz = huge->FontSize * 1.6f;
        const float top = origin.y + avail.y * 0.18f;
        const ImVec2 is = huge->CalcTextSizeA(isz, FLT_MAX, 0, ICON_PHOTOS);
        dl->AddText(huge, isz, ImVec2(origin.x + (avail.x - is.x) * 0.5f, top), colors::rgb(0x1D, 0x5C, 0x8C, 0x70),
                    ICON_PHOTOS);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top + is.y + t.pad));
        const std::string title = tr("photo.start_title");
        ImFont* tf = t.title ? t.title : ImGui::GetFont();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                             std::max(0.0f, (avail.x - tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, title.c_str()).x) * 0.5f));
        text(title, t.title, colors::Text, 0);
        const std::string hint = tr("photo.start_text");
        ImFont* bf = t.body ? t.body : ImGui::GetFont();
        const float hw = std::min(bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, hint.c_str()).x, avail.x * 0.8f);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail.x - hw) * 0.5f));
        text(hint, t.body, colors::Muted, hw + 2);
        ImGui::Dummy(ImVec2(1, t.pad));
        const float bw = std::min(avail.x * 0.8f, 420.0f * t.dp);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - bw) * 0.5f);
        if (button("photo.start", ICON_PLUS, tr("photo.choose_question"), ButtonKind::Primary, ImVec2(bw, t.target * 1.2f),
                   !m.read_only)) {
            s.sheet = PhotoSheet::NewRound;
            s.custom_prompt.clear();
        }
        return;
    }

    // Header: the question, then the rounds and the deck switch.
    float header_h = 0;
    draw_header(m, s, *round, origin, avail.x, &header_h);
    const float rounds_y = origin.y + header_h + t.gap * 1.5f;
    draw_rounds_row(m, s, ImVec2(origin.x, rounds_y), avail.x);
    const float body_y = ImGui::GetCursorScreenPos().y + t.gap;
    const ImVec2 body_min(origin.x, body_y);
    const ImVec2 body_max(origin.x + avail.x, origin.y + avail.y);
    if (body_max.y - body_min.y < t.target * 2) return; // window too small for the board

    // Layout: slots beside the grid in landscape, above it in portrait.
    Layout L;
    L.portrait = (body_max.y - body_min.y) > (body_max.x - body_min.x) * 0.9f;
    const int n = round->slot_count;
    const bool can_add = n < core::kMaxSlots;
    ImFont* body = t.body ? t.body : ImGui::GetFont();
    const float words_h = body->FontSize * 1.5f + t.gap;
    const float hint_h = t.target;
    if (!L.portrait) {
        const float col_w = std::round(std::clamp((body_max.x - body_min.x) * 0.3f, 180.0f * t.dp, 360.0f * t.dp));
        const float col_x = body_max.x - col_w;
        const float add_h = can_add ? t.target : 0.0f;
        const float avail_h = body_max.y - body_min.y - add_h - (can_add ? t.gap : 0) - hint_h;
        const float slot_h = std::min((avail_h - t.gap * 1.5f * static_cast<float>(n - 1)) / static_cast<float>(n),
                                      col_w * 0.75f + words_h);
        float y = body_min.y;
        for (int i = 0; i < n; ++i) {
            L.slots.emplace_back(ImVec2(col_x, y), ImVec2(body_max.x, y + slot_h));
            y += slot_h + t.gap * 1.5f;
        }
        if (can_add) L.add_slot = ImRect(ImVec2(col_x, y - t.gap * 0.5f), ImVec2(body_max.x, y - t.gap * 0.5f + add_h));
        L.hint = ImRect(ImVec2(body_min.x, body_max.y - hint_h), ImVec2(col_x - t.pad * 1.5f, body_max.y));
        L.grid = ImRect(body_min, ImVec2(col_x - t.pad * 1.5f, body_max.y - hint_h - t.gap));
    } else {
        const float w = body_max.x - body_min.x;
        const float add_w = can_add ? std::min(w * 0.22f, 200.0f * t.dp) : 0.0f;
        const float slot_w = (w - add_w - (can_add ? t.gap * 1.5f : 0) - t.gap * 1.5f * static_cast<float>(n - 1)) /
                             static_cast<float>(n);
        const float slot_h = std::min(slot_w * 0.75f + words_h, (body_max.y - body_min.y) * 0.32f);
        float x = body_min.x;
        for (int i = 0; i < n; ++i) {
            L.slots.emplace_back(ImVec2(x, body_min.y), ImVec2(x + slot_w, body_min.y + slot_h));
            x += slot_w + t.gap * 1.5f;
        }
        if (can_add) L.add_slot = ImRect(ImVec2(x, body_min.y), ImVec2(x + add_w, body_min.y + slot_h));
        const float gy = body_min.y + slot_h + t.gap * 2;
        L.hint = ImRect(ImVec2(body_min.x, body_max.y - hint_h), body_max);
        L.grid = ImRect(ImVec2(body_min.x, gy), ImVec2(body_max.x - t.gap * 1.5f, body_max.y - hint_h - t.gap));
    }

    draw_slots(m, s, *round, L, out);
    if (deck) draw_grid(m, s, *round, *deck, L, out);
    else text(tr("photo.no_decks"), t.body, colors::Muted, -1);

    // The help line: a reminder of how to choose, or the hint a tap asked for.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool recent_hint = !s.hint.empty() && ImGui::GetTime() < s.hint_until;
    const std::string line = recent_hint ? tr(s.hint.c_str()) : tr("photo.how_to_choose");
    // Photo size buttons at the right end of the line (the same as pinching the grid).
    const float buttons_w = deck ? t.target * 2 + t.gap : 0.0f;
    if (deck) {
        ImGui::SetCursorScreenPos(ImVec2(L.hint.Max.x - buttons_w, L.hint.Min.y));
        if (icon_button("photo.grid_smaller", ICON_ZOOM_OUT, tr("photo.grid_smaller"),
                        s.tile_dp > PhotoBoardState::kMinTileDp + 0.5f))
            s.tile_dp = std::max(PhotoBoardState::kMinTileDp, s.tile_dp / 1.3f);
        ImGui::SameLine(0, t.gap);
        if (icon_button("photo.grid_larger", ICON_ZOOM_IN, tr("photo.grid_larger"),
                        s.tile_dp < PhotoBoardState::kMaxTileDp - 0.5f))
            s.tile_dp = std::min(PhotoBoardState::kMaxTileDp, s.tile_dp * 1.3f);
    }
    const std::string shown = ellipsize(body, body->FontSize * 0.9f, line, L.hint.GetWidth() - buttons_w - t.gap);
    dl->AddText(body, body->FontSize * 0.9f, ImVec2(L.hint.Min.x, L.hint.Min.y + (L.hint.GetHeight() - body->FontSize) * 0.5f),
                recent_hint ? colors::Primary : colors::Muted, shown.c_str());
    registry().record("photo.hint", L.hint.Min, L.hint.Max, shown);
    ImGui::SetCursorScreenPos(body_max);
}

void draw_photo_overlays(const PhotoBoardModel& m, PhotoBoardState& s, std::vector<core::Command>* out) {
    const core::PhotoRound* round = current_round(m, s);
    if (s.full_card >= 0) {
        full_screen(m, s, round, out);
        return;
    }
    if (s.sheet == PhotoSheet::NewRound || (s.sheet == PhotoSheet::EditRound && round)) round_sheet(m, s, round, out);
    else if (s.sheet == PhotoSheet::Choice && round) choice_sheet(m, s, *round, out);
    else if (s.sheet == PhotoSheet::Decks) decks_sheet(m, s);
    else s.sheet = PhotoSheet::None;
}

} // namespace amorce::ui
