// The synthesis PDF with libharu (see synthesis_pdf.hpp).
//
// Table of contents
//   [SECTION] libharu errors
//   [SECTION] Fonts (embedded TTF, glyph coverage through stb_truetype)
//   [SECTION] The page writer (cursor, page breaks, text, shapes)
//   [SECTION] Header, identity, sections
//   [SECTION] Timeline figure
//   [SECTION] Photos and words, boards, préconisations
//   [SECTION] Footers, saving, the atomic write
//
// Units are PDF points (1/72 inch); the cursor `y` goes down the page from the top margin.
// libharu reports errors through a callback that only records the first one (no longjmp: C++
// objects on the stack must unwind normally); the writer checks it after each block and stops.
#include "report/synthesis_pdf.hpp"

#include "deck/images.hpp"
#include "report/text_layout.hpp"

#include <hpdf.h>
#include <stb_truetype.h> // implementation compiled into Debian's libstb

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include <fcntl.h>
#include <stdlib.h> // mkstemp
#include <sys/stat.h>
#include <unistd.h>

namespace amorce::report {

namespace fs = std::filesystem;

#ifndef AMORCE_REPORT_FONTS_DIR
#define AMORCE_REPORT_FONTS_DIR "assets/fonts"
#endif

std::string default_fonts_dir() { return AMORCE_REPORT_FONTS_DIR; }

const char* priority_words(Priority p) {
    switch (p) {
    case Priority::High: return "Priorité haute";
    case Priority::Medium: return "Priorité moyenne";
    case Priority::Low: return "Priorité basse";
    }
    return "Priorité moyenne";
}

namespace {

// [SECTION] libharu errors ----------------------------------------------------------------------

struct HaruErrors {
    HPDF_STATUS error = 0;
    HPDF_STATUS detail = 0;
};

void HPDF_STDCALL on_haru_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* e = static_cast<HaruErrors*>(user_data);
    if (e->error == 0) {
        e->error = error_no;
        e->detail = detail_no;
    }
}

std::string haru_message(HPDF_STATUS error, HPDF_STATUS detail) {
    const char* what = nullptr;
    switch (error) {
    case HPDF_FAILD_TO_ALLOC_MEM: what = "out of memory"; break;
    case HPDF_FILE_IO_ERROR: what = "file input/output error"; break;
    case HPDF_FILE_OPEN_ERROR: what = "a file could not be opened"; break;
    case HPDF_TTF_INVALID_CMAP: what = "the font has no usable character map"; break;
    case HPDF_TTF_INVALID_FOMAT: what = "the font file is not a valid TrueType font"; break;
    case HPDF_TTF_MISSING_TABLE: what = "the font file misses a required table"; break;
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: what = "the font's licence forbids embedding"; break;
    case HPDF_INVALID_FONTDEF_DATA: what = "invalid font data"; break;
    case HPDF_UNSUPPORTED_JPEG_FORMAT: what = "unsupported JPEG format"; break;
    case HPDF_PAGE_INVALID_SIZE: what = "invalid page size"; break;
    default: break;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "PDF library error 0x%04X (detail %u)%s%s", static_cast<unsigned>(error),
                  static_cast<unsigned>(detail), what ? ": " : "", what ? what : "");
    return buf;
}

// Owns the HPDF_Doc.
struct HaruDoc {
    HPDF_Doc pdf = nullptr;
    HaruErrors errors;
    HaruDoc() { pdf = HPDF_New(on_haru_error, &errors); }
    ~HaruDoc() {
        if (pdf) HPDF_Free(pdf);
    }
    HaruDoc(const HaruDoc&) = delete;
    HaruDoc& operator=(const HaruDoc&) = delete;
    bool failed() const { return errors.error != 0; }
    // Forgets an error an optional step caused (a damaged photo): the document goes on.
    void forgive() {
        errors = HaruErrors{};
        HPDF_ResetError(pdf);
    }
};

// [SECTION] Fonts ------------------------------------------------------------------------------

struct Font {
    HPDF_Font handle = nullptr;
    std::vector<unsigned char> data; // the TTF bytes, for stb_truetype's coverage queries
    stbtt_fontinfo info{};
    std::map<char32_t, bool> covered;

    bool has(char32_t cp) {
        const auto it = covered.find(cp);
        if (it != covered.end()) return it->second;
        const bool ok = stbtt_FindGlyphIndex(&info, static_cast<int>(cp)) != 0;
        covered.emplace(cp, ok);
        return ok;
    }
};

bool read_all(const std::string& path, std::vector<unsigned char>* out, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = "cannot read the font " + path + " (" + std::strerror(errno) + ")";
        return false;
    }
    out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad() || out->empty()) {
        *error = "cannot read the font " + path + " (empty or unreadable)";
        return false;
    }
    return true;
}

bool load_font(HaruDoc& doc, const std::string& path, Font* font, std::string* error) {
    if (!read_all(path, &font->data, error)) return false;
    const int offset = stbtt_GetFontOffsetForIndex(font->data.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&font->info, font->data.data(), offset)) {
        *error = "the font " + path + " is not a TrueType font";
        return false;
    }
    const char* name = HPDF_LoadTTFontFromFile(doc.pdf, path.c_str(), HPDF_TRUE);
    if (!name || doc.failed()) {
        *error = "cannot embed the font " + path + ": " + haru_message(doc.errors.error, doc.errors.detail);
        return false;
    }
    font->handle = HPDF_GetFont(doc.pdf, name, "UTF-8");
    if (!font->handle || doc.failed()) {
        *error = "cannot use the font " + path + " with UTF-8: " + haru_message(doc.errors.error, doc.errors.detail);
        return false;
    }
    return true;
}

// [SECTION] The page writer ----------------------------------------------------------------------

struct Rgb {
    float r, g, b;
};
constexpr Rgb rgb(int r, int g, int b) { return Rgb{r / 255.0f, g / 255.0f, b / 255.0f}; }

namespace color {
constexpr Rgb kText = rgb(0x1E, 0x23, 0x28);
constexpr Rgb kMuted = rgb(0x5F, 0x67, 0x70);
constexpr Rgb kFaint = rgb(0x8A, 0x91, 0x99);
constexpr Rgb kAccent = rgb(0x1F, 0x3A, 0x5F);
constexpr Rgb kRule = rgb(0xC9, 0xD1, 0xDB);
constexpr Rgb kPanel = rgb(0xF3, 0xF5, 0xF8);
constexpr Rgb kPlaceholder = rgb(0xE4, 0xE6, 0xE9);
constexpr Rgb kPlaceholderLine = rgb(0xBF, 0xC4, 0xCA);
constexpr Rgb kToday = rgb(0xC0, 0x2B, 0x2B);
constexpr Rgb kGapFill = rgb(0xFF, 0xF4, 0xDC);
constexpr Rgb kGapHatch = rgb(0xD0, 0xA5, 0x55);
constexpr Rgb kBandAlt = rgb(0xF8, 0xF6, 0xF2);
constexpr Rgb kDraft = rgb(0xA6, 0x5E, 0x00);
constexpr Rgb kDraftFill = rgb(0xFF, 0xF3, 0xE0);
constexpr Rgb kFinal = rgb(0x1E, 0x6B, 0x3A);
constexpr Rgb kFinalFill = rgb(0xE3, 0xF3, 0xE8);
} // namespace color

// A4 portrait and its margins (18 mm).
constexpr float kMm = 72.0f / 25.4f;
constexpr float kPageW = 595.276f;
constexpr float kPageH = 841.89f;
constexpr float kMargin = 18.0f * kMm;
constexpr float kLeft = kMargin;
constexpr float kRight = kPageW - kMargin;
constexpr float kWidth = kRight - kLeft;
constexpr float kTop = kPageH - kMargin;
constexpr float kBottom = kMargin + 4.0f; // the footer sits in the margin below

// Body text.
constexpr float kBodySize = 10.5f;
constexpr float kBodyLeading = 15.0f;
constexpr float kParagraphGap = 5.5f;

class Writer {
public:
    Writer(HaruDoc& doc, Font& regular, Font& bold) : doc_(doc), regular_(regular), bold_(bold) {}

    // --- pages
    void new_page() {
        page_ = HPDF_AddPage(doc_.pdf);
        if (!page_) return;
        HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        pages_.push_back(page_);
        y_ = kTop;
        if (pages_.size() > 1) y_ -= 6.0f; // room under the running header
    }
    // Starts a new page unless `h` points fit above the bottom margin.
    void need(float h) {
        if (y_ - h < kBottom) new_page();
    }
    float room() const { return y_ - kBottom; }
    float y() const { return y_; }
    void set_y(float y) { y_ = y; }
    void down(float dy) { y_ -= dy; }
    HPDF_Page page() const { return page_; }
    const std::vector<HPDF_Page>& pages() const { return pages_; }
    bool failed() const { return doc_.failed() || !page_; }

    // --- text
    std::string fit(std::string_view text, bool keep_newlines = true) {
        return fit_to_font(
            text, [this](char32_t cp) { return regular_.has(cp) && bold_.has(cp); }, keep_newlines);
    }
    Font& font(bool bold) { return bold ? bold_ : regular_; }
    float width(std::string_view s, bool bold, float size) {
        if (s.empty()) return 0;
        const HPDF_TextWidth tw = HPDF_Font_TextWidth(font(bold).handle, reinterpret_cast<const HPDF_BYTE*>(s.data()),
                                                      static_cast<HPDF_UINT>(s.size()));
        return static_cast<float>(tw.width) * size / 1000.0f;
    }
    MeasureFn measure(bool bold, float size) {
        return [this, bold, size](std::string_view s) { return width(s, bold, size); };
    }
    // One run of already-fitted text at (x, baseline).
    void text_at(float x, float baseline, std::string_view s, bool bold, float size, Rgb c) {
        if (s.empty()) return;
        const std::string z(s);
        HPDF_Page_SetRGBFill(page_, c.r, c.g, c.b);
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font(bold).handle, size);
        HPDF_Page_TextOut(page_, x, baseline, z.c_str());
        HPDF_Page_EndText(page_);
    }
    void text_at(HPDF_Page page, float x, float baseline, std::string_view s, bool bold, float size, Rgb c) {
        HPDF_Page saved = page_;
        page_ = page;
        text_at(x, baseline, s, bold, size, c);
        page_ = saved;
    }

    // A line of words, justified to `width` when asked.
    void draw_line(const TextLine& line, float x, float baseline, float width, bool bold, float size, Rgb c) {
        HPDF_Page_SetRGBFill(page_, c.r, c.g, c.b);
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font(bold).handle, size);
        if (!line.justify) {
            std::string joined;
            for (size_t i = 0; i < line.words.size(); ++i) {
                if (i) joined += ' ';
                joined += line.words[i];
            }
            HPDF_Page_TextOut(page_, x, baseline, joined.c_str());
        } else {
            const float space = this->width(" ", bold, size);
            const float gap = space + (width - line.natural_width) / static_cast<float>(line.words.size() - 1);
            float cx = x;
            for (size_t i = 0; i < line.words.size(); ++i) {
                HPDF_Page_TextOut(page_, cx, baseline, line.words[i].c_str());
                cx += line.widths[i] + gap;
            }
        }
        HPDF_Page_EndText(page_);
    }

    struct Style {
        bool bold = false;
        float size = kBodySize;
        float leading = kBodyLeading;
        Rgb color = color::kText;
        bool justify = true;
    };

    // Lines of a paragraph (text already fitted), x..x+width.
    std::vector<TextLine> lines(std::string_view fitted, float width, const Style& st) {
        std::vector<TextLine> ls = break_lines(fitted, width, this->width(" ", st.bold, st.size), measure(st.bold, st.size));
        if (!st.justify)
            for (TextLine& l : ls) l.justify = false;
        return ls;
    }

    // Flows a paragraph from the cursor, breaking pages as needed (at least `keep` lines
    // together at the start). The text is fitted here.
    void paragraph(std::string_view text, float x, float width, const Style& st, int keep = 2) {
        const std::string fitted = fit(text);
        const std::vector<TextLine> ls = lines(fitted, width, st);
        const float ascent = st.size * 0.78f;
        for (size_t i = 0; i < ls.size(); ++i) {
            if (i == 0) need(st.leading * static_cast<float>(std::min<size_t>(ls.size(), static_cast<size_t>(keep))));
            else need(st.leading);
            if (failed()) return;
            draw_line(ls[i], x, y_ - ascent, width, st.bold, st.size, st.color);
            y_ -= st.leading;
        }
    }

    // --- shapes
    void fill_rect(float x, float y, float w, float h, Rgb c) {
        HPDF_Page_SetRGBFill(page_, c.r, c.g, c.b);
        HPDF_Page_Rectangle(page_, x, y, w, h);
        HPDF_Page_Fill(page_);
    }
    void stroke_rect(float x, float y, float w, float h, Rgb c, float lw) {
        HPDF_Page_SetRGBStroke(page_, c.r, c.g, c.b);
        HPDF_Page_SetLineWidth(page_, lw);
        HPDF_Page_Rectangle(page_, x, y, w, h);
        HPDF_Page_Stroke(page_);
    }
    void line(float x0, float y0, float x1, float y1, Rgb c, float lw) {
        HPDF_Page_SetRGBStroke(page_, c.r, c.g, c.b);
        HPDF_Page_SetLineWidth(page_, lw);
        HPDF_Page_MoveTo(page_, x0, y0);
        HPDF_Page_LineTo(page_, x1, y1);
        HPDF_Page_Stroke(page_);
    }
    void line(HPDF_Page page, float x0, float y0, float x1, float y1, Rgb c, float lw) {
        HPDF_Page saved = page_;
        page_ = page;
        line(x0, y0, x1, y1, c, lw);
        page_ = saved;
    }
    // A rounded rectangle path (then fill and/or stroke).
    void rounded_path(float x, float y, float w, float h, float r) {
        r = std::min({r, w / 2, h / 2});
        const float k = 0.5523f * r;
        HPDF_Page_MoveTo(page_, x + r, y);
        HPDF_Page_LineTo(page_, x + w - r, y);
        HPDF_Page_CurveTo(page_, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
        HPDF_Page_LineTo(page_, x + w, y + h - r);
        HPDF_Page_CurveTo(page_, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
        HPDF_Page_LineTo(page_, x + r, y + h);
        HPDF_Page_CurveTo(page_, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
        HPDF_Page_LineTo(page_, x, y + r);
        HPDF_Page_CurveTo(page_, x, y + r - k, x + r - k, y, x + r, y);
        HPDF_Page_ClosePath(page_);
    }
    void rounded(float x, float y, float w, float h, float r, Rgb fill, Rgb stroke, float lw) {
        HPDF_Page_SetRGBFill(page_, fill.r, fill.g, fill.b);
        HPDF_Page_SetRGBStroke(page_, stroke.r, stroke.g, stroke.b);
        HPDF_Page_SetLineWidth(page_, lw);
        rounded_path(x, y, w, h, r);
        HPDF_Page_FillStroke(page_);
    }

    HaruDoc& doc() { return doc_; }

private:
    HaruDoc& doc_;
    Font& regular_;
    Font& bold_;
    HPDF_Page page_ = nullptr;
    std::vector<HPDF_Page> pages_;
    float y_ = kTop;
};

// [SECTION] Header, identity, sections ---------------------------------------------------------

std::string date_or(const core::Date& d, const char* missing = "non renseignée") {
    return d.is_set() ? d.to_french() : std::string(missing);
}

std::string status_text(const SynthesisDocument& d) {
    if (!d.finalized) return "Brouillon";
    std::string s = "Finalisée";
    if (d.finalized_on.is_set()) s += " le " + d.finalized_on.to_french();
    if (!is_blank(d.finalized_by)) s += " par " + d.finalized_by;
    return s;
}

// A grid of label / value cells (label small and grey above, value below, wrapped).
struct Cell {
    std::string label;
    std::string value;
    float share = 1; // of the row's width
    bool muted = false;
};

constexpr float kLabelSize = 7.5f;
constexpr float kValueSize = 10.0f;
constexpr float kValueLeading = 13.0f;

float cell_row_height(Writer& w, const std::vector<Cell>& row, float width, float gap,
                      std::vector<std::vector<TextLine>>* out) {
    float total = 0;
    for (const Cell& c : row) total += c.share;
    float h = 0;
    out->clear();
    for (const Cell& c : row) {
        const float cw = width * c.share / total - gap;
        Writer::Style st;
        st.size = kValueSize;
        st.justify = false;
        out->push_back(w.lines(w.fit(c.value, false), cw, st));
        h = std::max(h, 11.0f + kValueLeading * static_cast<float>(std::max<size_t>(1, out->back().size())));
    }
    return h;
}

void draw_cell_row(Writer& w, const std::vector<Cell>& row, float x, float top, float width, float gap,
                   const std::vector<std::vector<TextLine>>& ls) {
    float total = 0;
    for (const Cell& c : row) total += c.share;
    float cx = x;
    for (size_t i = 0; i < row.size(); ++i) {
        const float cw = width * row[i].share / total;
        w.text_at(cx, top - kLabelSize, w.fit(row[i].label, false), true, kLabelSize, color::kMuted);
        float base = top - 11.0f - kValueSize * 0.85f;
        for (const TextLine& l : ls[i]) {
            w.draw_line(l, cx, base, cw - gap, false, kValueSize, row[i].muted ? color::kFaint : color::kText);
            base -= kValueLeading;
        }
        cx += cw;
    }
}

void draw_header(Writer& w, const SynthesisDocument& d) {
    // Status badge, top right.
    const std::string status = w.fit(status_text(d), false);
    const float badge_size = 8.5f;
    const float badge_w = w.width(status, true, badge_size) + 16.0f;
    const float badge_h = 17.0f;
    const Rgb fg = d.finalized ? color::kFinal : color::kDraft;
    const Rgb bg = d.finalized ? color::kFinalFill : color::kDraftFill;
    const float top = w.y();
    w.rounded(kRight - badge_w, top - badge_h - 2.0f, badge_w, badge_h, 8.5f, bg, fg, 0.7f);
    w.text_at(kRight - badge_w + 8.0f, top - 2.0f - badge_h + 5.4f, status, true, badge_size, fg);

    // Kicker and title (wrapped beside the badge).
    w.text_at(kLeft, top - 7.0f, w.fit("ENTRETIEN D’ACCUEIL EN DÉTENTION — CONFIDENTIEL", false), true, 7.5f,
              color::kMuted);
    w.down(12.0f);
    Writer::Style title;
    title.bold = true;
    title.size = 19.0f;
    title.leading = 23.0f;
    title.color = color::kAccent;
    title.justify = false;
    const float title_w = kWidth - badge_w - 14.0f;
    w.paragraph(d.title, kLeft, title_w, title);
    w.down(8.0f);

    // Establishment, interview date, counsellor, due date.
    std::vector<Cell> row = {
        {"ÉTABLISSEMENT", is_blank(d.establishment) ? "non renseigné" : d.establishment, 1.5f,
         is_blank(d.establishment)},
        {"DATE DE L’ENTRETIEN", date_or(d.interview_date), 0.9f, !d.interview_date.is_set()},
        {"CONSEILLER·ÈRE", is_blank(d.counsellor) ? "non renseigné" : d.counsellor, 1.1f, is_blank(d.counsellor)},
    };
    if (d.due_date.is_set()) row.push_back({"SYNTHÈSE À REMETTRE LE", d.due_date.to_french(), 1.0f, false});
    std::vector<std::vector<TextLine>> ls;
    const float h = cell_row_height(w, row, kWidth, 10.0f, &ls);
    w.line(kLeft, w.y(), kRight, w.y(), color::kRule, 0.6f);
    w.down(8.0f);
    draw_cell_row(w, row, kLeft, w.y(), kWidth, 10.0f, ls);
    w.down(h + 4.0f);
}

void draw_identity(Writer& w, const SynthesisDocument& d) {
    const Identity& id = d.identity;
    std::string birth = date_or(id.birth_date);
    if (id.birth_date.is_set() && d.interview_date.is_set()) {
        const int age = core::age_on(id.birth_date, d.interview_date);
        if (age > 0 && age < 130) birth += " (" + std::to_string(age) + "\u00A0ans)";
    }
    std::string languages;
    for (const std::string& l : id.languages) {
        if (is_blank(l)) continue;
        if (!languages.empty()) languages += ", ";
        languages += l;
    }
    const std::vector<Cell> row1 = {
        {"NOM ET PRÉNOM", is_blank(id.name) ? "non renseigné" : id.name, 1.4f, is_blank(id.name)},
        {"DATE DE NAISSANCE", birth, 1.0f, !id.birth_date.is_set()},
        {"NUMÉRO D’ÉCROU", is_blank(id.ecrou) ? "non renseigné" : id.ecrou, 0.9f, is_blank(id.ecrou)},
    };
    const std::vector<Cell> row2 = {
        {"SITUATION PÉNALE", is_blank(id.legal_status) ? "non renseignée" : id.legal_status, 1.4f,
         is_blank(id.legal_status)},
        {"ENTRÉE EN DÉTENTION", date_or(id.entry_date), 1.0f, !id.entry_date.is_set()},
        {"LANGUES", languages.empty() ? "non renseignées" : languages, 0.9f, languages.empty()},
    };
    const float pad = 10.0f;
    std::vector<std::vector<TextLine>> l1, l2;
    const float inner = kWidth - 2 * pad;
    const float h1 = cell_row_height(w, row1, inner, 10.0f, &l1);
    const float h2 = cell_row_height(w, row2, inner, 10.0f, &l2);
    const float heading = 16.0f;
    const float total = pad + heading + h1 + 6.0f + h2 + pad - 4.0f;
    w.need(total + 8.0f);
    const float top = w.y() - 6.0f;
    w.rounded(kLeft, top - total, kWidth, total, 4.0f, color::kPanel, color::kPanel, 0.1f);
    w.text_at(kLeft + pad, top - pad - 9.0f, w.fit("Identité", false), true, 11.0f, color::kAccent);
    float y = top - pad - heading;
    draw_cell_row(w, row1, kLeft + pad, y, inner, 10.0f, l1);
    y -= h1 + 6.0f;
    draw_cell_row(w, row2, kLeft + pad, y, inner, 10.0f, l2);
    w.set_y(top - total - 4.0f);
}

void heading(Writer& w, const std::string& title, float keep_below) {
    const float size = 13.5f;
    w.down(14.0f);
    Writer::Style st;
    st.bold = true;
    st.size = size;
    st.leading = 17.0f;
    st.color = color::kAccent;
    st.justify = false;
    const std::string fitted = w.fit(title, false);
    const std::vector<TextLine> ls = w.lines(fitted, kWidth, st);
    w.need(st.leading * static_cast<float>(ls.size()) + 8.0f + keep_below);
    for (const TextLine& l : ls) {
        w.draw_line(l, kLeft, w.y() - size * 0.8f, kWidth, true, size, color::kAccent);
        w.down(st.leading);
    }
    w.line(kLeft, w.y() + 1.5f, kRight, w.y() + 1.5f, color::kRule, 0.6f);
    w.down(8.0f);
}

void body_text(Writer& w, const std::string& text) {
    Writer::Style st;
    const std::vector<std::string> paragraphs = split_paragraphs(text);
    for (size_t i = 0; i < paragraphs.size(); ++i) {
        if (i) w.down(kParagraphGap);
        w.paragraph(paragraphs[i], kLeft, kWidth, st);
        if (w.failed()) return;
    }
}

void not_filled(Writer& w, const char* what) {
    w.need(kBodyLeading + 4.0f);
    w.text_at(kLeft, w.y() - kBodySize * 0.78f, w.fit(what, false), false, kBodySize, color::kFaint);
    w.down(kBodyLeading);
}

// [SECTION] Timeline figure --------------------------------------------------------------------

struct LaneColors {
    Rgb fill, ink;
};
LaneColors lane_colors(core::Lane lane) {
    switch (lane) {
    case core::Lane::Education: return {rgb(0xD6, 0xE6, 0xF5), rgb(0x15, 0x46, 0x6B)};
    case core::Lane::Employment: return {rgb(0xD5, 0xEB, 0xDC), rgb(0x1E, 0x55, 0x34)};
    case core::Lane::NoWork: return {rgb(0xE6, 0xE3, 0xDE), rgb(0x45, 0x4B, 0x52)};
    case core::Lane::Personal: return {rgb(0xEA, 0xDF, 0xF2), rgb(0x4E, 0x2F, 0x66)};
    case core::Lane::Justice: return {rgb(0xF6, 0xE2, 0xCF), rgb(0x6B, 0x3A, 0x0F)};
    case core::Lane::Projects: return {rgb(0xD3, 0xEE, 0xEC), rgb(0x0F, 0x55, 0x50)};
    }
    return {rgb(0xE6, 0xE3, 0xDE), rgb(0x45, 0x4B, 0x52)};
}

core::DateWords french_date_words() {
    core::DateWords w;
    w.months = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    w.approx = "vers {0}";
    w.ongoing = "en cours";
    w.range = "{0} – {1}";
    return w;
}

// The text on an episode's box or in the legend.
std::string episode_label(const TimelineFigure& f, const core::TimelineEpisode& e) {
    std::string t = core::display_title(e);
    if (is_blank(t) && e.is_event()) {
        const auto it = f.event_names.find(e.event);
        if (it != f.event_names.end()) t = it->second;
    }
    return t;
}

void draw_hatch(Writer& w, float x, float y, float width, float height) {
    HPDF_Page p = w.page();
    w.fill_rect(x, y, width, height, color::kGapFill);
    HPDF_Page_GSave(p);
    HPDF_Page_Rectangle(p, x, y, width, height);
    HPDF_Page_Clip(p);
    HPDF_Page_EndPath(p);
    HPDF_Page_SetRGBStroke(p, color::kGapHatch.r, color::kGapHatch.g, color::kGapHatch.b);
    HPDF_Page_SetLineWidth(p, 0.5f);
    const float step = 4.0f;
    for (float s = x - height; s < x + width; s += step) {
        HPDF_Page_MoveTo(p, s, y);
        HPDF_Page_LineTo(p, s + height, y + height);
    }
    HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
}

void draw_diamond(Writer& w, float cx, float cy, float r, Rgb fill, Rgb ink) {
    HPDF_Page p = w.page();
    HPDF_Page_SetRGBFill(p, fill.r, fill.g, fill.b);
    HPDF_Page_SetRGBStroke(p, ink.r, ink.g, ink.b);
    HPDF_Page_SetLineWidth(p, 0.6f);
    HPDF_Page_MoveTo(p, cx, cy + r);
    HPDF_Page_LineTo(p, cx + r, cy);
    HPDF_Page_LineTo(p, cx, cy - r);
    HPDF_Page_LineTo(p, cx - r, cy);
    HPDF_Page_ClosePath(p);
    HPDF_Page_FillStroke(p);
}

// Draws the figure at the cursor (on a new page when it does not fit) and returns its height
// without the list under it; with measure_only, only returns that height (to keep a heading with it).
float draw_timeline(Writer& w, const TimelineFigure& f, bool measure_only = false) {
    const core::Timeline& t = f.timeline;
    const core::Date today = f.today.is_set() ? f.today : core::today_local();
    const int today_m = core::month_index(today.year, std::clamp(today.month, 1, 12));
    if (t.episodes.empty()) {
        if (!measure_only) not_filled(w, "La frise n’a pas été remplie.");
        return kBodyLeading;
    }

    // Years shown: from birth (or the first episode) to the last date (at least the year after today).
    int first_year = f.birth_date.is_set() ? f.birth_date.year : 0;
    int last_year = today.year + 1;
    int min_start = today.year;
    for (const core::TimelineEpisode& e : t.episodes) {
        if (!e.start.is_set()) continue;
        min_start = std::min(min_start, e.start.year);
        last_year = std::max(last_year, core::year_of_month_index(e.last_month(today_m)));
    }
    if (first_year == 0 || first_year > min_start) first_year = min_start;
    last_year = std::min(last_year, today.year + core::kMaxYearsAhead);
    first_year = std::max(first_year, last_year - 120);
    const int m0 = core::month_index(first_year, 1);
    const int m1 = core::month_index(last_year, 12) + 1; // exclusive

    const float label_w = 86.0f;
    const float px0 = kLeft + label_w + 6.0f;
    const float pw = kRight - px0;
    auto xm = [&](int month) {
        const int m = std::clamp(month, m0, m1);
        return px0 + pw * static_cast<float>(m - m0) / static_cast<float>(m1 - m0);
    };

    // Rows per lane.
    std::array<core::LaneRows, core::kLaneCount> rows;
    // Events sit in a strip of their own at the top of their lane, above the boxes.
    std::array<bool, core::kLaneCount> has_events{};
    int total_rows = 0, event_strips = 0;
    for (int li = 0; li < core::kLaneCount; ++li) {
        rows[static_cast<size_t>(li)] = core::stack_lane(t, core::kLanes[static_cast<size_t>(li)], today_m);
        total_rows += std::max(1, rows[static_cast<size_t>(li)].row_count);
    }
    for (const core::TimelineEpisode& e : t.episodes)
        if (e.is_event() && e.start.is_set() && static_cast<size_t>(e.lane) < core::kLaneCount)
            has_events[static_cast<size_t>(e.lane)] = true;
    for (const bool h : has_events) event_strips += h ? 1 : 0;
    const float strip_h = 9.0f;
    const float top_band = 11.0f, axis_h = 22.0f, key_h = 14.0f;
    const float max_lanes_h = (kTop - kBottom) - top_band - axis_h - key_h - 80.0f; // room for a heading above
    float bar_h = 11.0f, row_gap = 2.5f;
    const float lane_pad = 3.5f;
    auto lanes_height = [&] {
        return static_cast<float>(total_rows) * (bar_h + row_gap) + core::kLaneCount * (2 * lane_pad - row_gap) +
               static_cast<float>(event_strips) * strip_h;
    };
    while (lanes_height() > max_lanes_h && bar_h > 0.5f) {
        bar_h *= 0.85f;
        row_gap = std::min(2.5f, bar_h * 0.25f);
    }
    const float lanes_h = lanes_height();
    const float figure_h = top_band + lanes_h + axis_h + key_h + 4.0f;
    if (measure_only) return figure_h;
    w.need(figure_h);
    if (w.failed()) return figure_h;

    const float top = w.y() - top_band;
    std::array<float, core::kLaneCount> lane_top{}, lane_bottom{};
    {
        float y = top;
        for (int li = 0; li < core::kLaneCount; ++li) {
            const int r = std::max(1, rows[static_cast<size_t>(li)].row_count);
            lane_top[static_cast<size_t>(li)] = y;
            y -= static_cast<float>(r) * (bar_h + row_gap) - row_gap + 2 * lane_pad + (has_events[static_cast<size_t>(li)] ? strip_h : 0.0f);
            lane_bottom[static_cast<size_t>(li)] = y;
        }
    }
    const float bottom = lane_bottom[core::kLaneCount - 1];

    // Lane bands and names.
    for (int li = 0; li < core::kLaneCount; ++li) {
        const size_t l = static_cast<size_t>(li);
        const float bh = lane_top[l] - lane_bottom[l];
        if (li % 2 == 0) w.fill_rect(kLeft, lane_bottom[l], kWidth, bh, color::kBandAlt);
        const LaneColors lc = lane_colors(core::kLanes[l]);
        w.fill_rect(kLeft, lane_bottom[l] + 1.0f, 2.5f, bh - 2.0f, lc.ink);
        Writer::Style st;
        st.size = 7.5f;
        st.leading = 8.6f;
        st.justify = false;
        std::vector<TextLine> ls = w.lines(w.fit(f.lane_names[l], false), label_w - 8.0f, st);
        if (ls.size() > 2) ls.resize(2);
        float base = (lane_top[l] + lane_bottom[l]) / 2 + st.leading * static_cast<float>(ls.size()) / 2 - 6.4f;
        for (const TextLine& tl : ls) {
            w.draw_line(tl, kLeft + 6.0f, base, label_w, true, st.size, lc.ink);
            base -= st.leading;
        }
    }

    // Year grid and axis.
    const float year_w = pw / static_cast<float>(last_year - first_year + 1);
    int step = 1;
    for (const int s : {1, 2, 5, 10, 20, 50}) {
        step = s;
        if (year_w * static_cast<float>(s) >= 24.0f) break;
    }
    for (int yr = first_year; yr <= last_year + 1; ++yr) {
        const float x = xm(core::month_index(yr, 1));
        const bool labelled = yr % step == 0;
        if (labelled) w.line(x, top, x, bottom, color::kRule, 0.35f);
        w.line(x, bottom, x, bottom - (labelled ? 3.5f : 1.8f), color::kFaint, 0.4f);
        if (labelled && yr <= last_year) {
            const std::string ys = std::to_string(yr);
            const float tw = w.width(ys, false, 7.0f);
            if (x - tw / 2 >= px0 - 4.0f && x + tw / 2 <= kRight + 2.0f) {
                w.text_at(x - tw / 2, bottom - 11.0f, ys, false, 7.0f, color::kMuted);
                if (f.birth_date.is_set() && yr > f.birth_date.year) {
                    const std::string age = std::to_string(yr - f.birth_date.year) + "\u00A0ans";
                    const float aw = w.width(age, false, 6.0f);
                    w.text_at(x - aw / 2, bottom - 19.0f, age, false, 6.0f, color::kFaint);
                }
            }
        }
    }
    w.line(px0, bottom, kRight, bottom, color::kFaint, 0.5f);

    // Periods without information (hatched across school, work and no-work lanes).
    const std::vector<core::Gap> gaps = core::find_gaps(t, f.birth_date, today_m);
    for (const core::Gap& g : gaps) {
        const float x0 = xm(g.first_month), x1 = xm(g.last_month + 1);
        const float gy0 = lane_bottom[static_cast<size_t>(core::Lane::NoWork)];
        draw_hatch(w, x0, gy0, std::max(0.5f, x1 - x0), lane_top[0] - gy0);
    }

    // Boxes, then events on top; labels that do not fit are numbered and listed under the figure.
    struct Listed {
        int number;
        std::string label;
        std::string dates;
    };
    std::vector<Listed> listed;
    std::vector<std::pair<int, std::string>> events; // month, "label"
    const core::DateWords words = french_date_words();
    // Episodes in date order for stable numbering.
    std::vector<size_t> order(t.episodes.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return t.episodes[a].first_month() < t.episodes[b].first_month();
    });
    const float label_size = std::min(6.8f, bar_h * 0.62f);
    const MeasureFn measure_label = w.measure(false, label_size);
    struct LabelJob {
        size_t episode;
        int row;
        float bx0, bw, by;
    };
    std::vector<LabelJob> jobs;
    for (const size_t i : order) {
        const core::TimelineEpisode& e = t.episodes[i];
        if (!e.start.is_set() || e.is_event()) continue;
        const size_t l = static_cast<size_t>(e.lane);
        if (l >= core::kLaneCount) continue;
        const int row = std::max(0, rows[l].row[i]);
        const float by = lane_top[l] - lane_pad - (has_events[l] ? strip_h : 0.0f) -
                         static_cast<float>(row + 1) * bar_h - static_cast<float>(row) * row_gap;
        const float bx0 = xm(e.first_month()), bx1 = xm(e.last_month(today_m) + 1);
        const float bw = std::max(1.2f, bx1 - bx0);
        const LaneColors lc = lane_colors(e.lane);
        HPDF_Page p = w.page();
        const bool future = e.first_month() > today_m;
        if (future) {
            const HPDF_UINT16 dash[] = {2, 1};
            HPDF_Page_SetDash(p, dash, 2, 0);
        }
        HPDF_Page_SetRGBFill(p, lc.fill.r, lc.fill.g, lc.fill.b);
        HPDF_Page_SetRGBStroke(p, lc.ink.r, lc.ink.g, lc.ink.b);
        HPDF_Page_SetLineWidth(p, 0.5f);
        HPDF_Page_Rectangle(p, bx0, by, bw, bar_h);
        HPDF_Page_FillStroke(p);
        if (future) HPDF_Page_SetDash(p, nullptr, 0, 0);

        if (bar_h >= 5.0f) jobs.push_back({i, row, bx0, bw, by});
    }
    // Labels after every box, left to right in each row, never over the previous label of the row.
    std::map<std::pair<size_t, int>, float> occupied; // (lane, row) -> x where the last label ends
    for (const LabelJob& j : jobs) {
        const core::TimelineEpisode& e = t.episodes[j.episode];
        const std::string label = w.fit(episode_label(f, e), false);
        if (is_blank(label)) continue;
        const LaneColors lc = lane_colors(e.lane);
        const auto key = std::make_pair(static_cast<size_t>(e.lane), j.row);
        const float occ = occupied.count(key) ? occupied[key] : -1e9f;
        const float text_base = j.by + (bar_h - label_size * 0.7f) / 2;
        const float x = std::max(j.bx0 + 1.8f, occ + 2.5f);
        const float avail = j.bx0 + j.bw - 1.2f - x;
        if (avail > 0 && measure_label(label) <= avail) {
            w.text_at(x, text_base, label, false, label_size, lc.ink);
            occupied[key] = x + measure_label(label);
            continue;
        }
        // Short form: a number, listed under the figure with the whole label and the dates, then as
        // much of the label as fits.
        const int number = static_cast<int>(listed.size()) + 1;
        const std::string n = std::to_string(number);
        const float nw = w.width(n, true, label_size);
        float nx = x;
        if (avail < nw + 8.0f) nx = std::max(j.bx0 + j.bw / 2 - nw / 2, occ + 2.0f); // centred on a small box
        w.text_at(nx, text_base, n, true, label_size, lc.ink);
        occupied[key] = nx + nw;
        const float rest = j.bx0 + j.bw - 1.2f - (nx + nw + 2.5f);
        const std::string cut = rest > 0 ? ellipsize(label, rest, measure_label) : std::string();
        if (decode_utf8(cut).size() >= 5) {
            w.text_at(nx + nw + 2.5f, text_base, cut, false, label_size, lc.ink);
            occupied[key] = nx + nw + 2.5f + measure_label(cut);
        }
        listed.push_back({number, label, core::period_label(e.start, e.end, true, words)});
    }
    for (const size_t i : order) {
        const core::TimelineEpisode& e = t.episodes[i];
        if (!e.start.is_set() || !e.is_event()) continue;
        const size_t l = static_cast<size_t>(e.lane);
        if (l >= core::kLaneCount) continue;
        const float cy = lane_top[l] - lane_pad - strip_h / 2 + 1.0f;
        const float cx = (xm(e.first_month()) + xm(e.first_month() + 1)) / 2;
        const LaneColors lc = lane_colors(e.lane);
        draw_diamond(w, cx, cy, 3.8f, lc.ink, rgb(0xFF, 0xFF, 0xFF));
        std::string label = episode_label(f, e);
        if (is_blank(label)) label = "Événement";
        events.emplace_back(e.first_month(), core::date_label(e.start, words) + "\u00A0: " + label);
    }

    // Reference day.
    const float tx = (xm(today_m) + xm(today_m + 1)) / 2;
    w.line(tx, top + 2.0f, tx, bottom, color::kToday, 0.9f);
    const std::string tl = w.fit(f.today_label, false);
    const float tlw = w.width(tl, true, 6.5f);
    w.text_at(std::min(tx - tlw / 2, kRight - tlw), top + 4.0f, tl, true, 6.5f, color::kToday);

    // Key: hatching, reference line, future plans.
    float ky = bottom - axis_h - 8.0f;
    float kx = px0;
    draw_hatch(w, kx, ky - 1.0f, 14.0f, 7.0f);
    kx += 18.0f;
    const std::string gl = w.fit(f.gap_label, false);
    w.text_at(kx, ky, gl, false, 7.0f, color::kMuted);
    kx += w.width(gl, false, 7.0f) + 16.0f;
    w.line(kx + 4.0f, ky - 1.5f, kx + 4.0f, ky + 6.5f, color::kToday, 0.9f);
    kx += 10.0f;
    const std::string rl = w.fit("Date de l’entretien", false);
    w.text_at(kx, ky, rl, false, 7.0f, color::kMuted);
    kx += w.width(rl, false, 7.0f) + 16.0f;
    draw_diamond(w, kx + 4.0f, ky + 2.5f, 3.5f, color::kMuted, rgb(0xFF, 0xFF, 0xFF));
    kx += 11.0f;
    w.text_at(kx, ky, w.fit("Événement", false), false, 7.0f, color::kMuted);
    w.set_y(ky - 10.0f);

    // Numbered boxes and events, in two columns of small text.
    Writer::Style small;
    small.size = 8.0f;
    small.leading = 10.5f;
    small.color = color::kMuted;
    small.justify = false;
    if (!listed.empty()) {
        const float col_w = (kWidth - 12.0f) / 2;
        const size_t half = (listed.size() + 1) / 2;
        for (size_t i = 0; i < half; ++i) {
            w.need(small.leading);
            for (size_t c = 0; c < 2; ++c) {
                const size_t k = i + c * half;
                if (k >= listed.size()) continue;
                std::string s = std::to_string(listed[k].number) + ". " + listed[k].label;
                if (!listed[k].dates.empty()) s += " (" + listed[k].dates + ")";
                const std::string shown = ellipsize(w.fit(s, false), col_w, w.measure(false, small.size));
                w.text_at(kLeft + static_cast<float>(c) * (col_w + 12.0f), w.y() - small.size * 0.8f, shown, false,
                          small.size, color::kMuted);
            }
            w.down(small.leading);
        }
        w.down(3.0f);
    }
    if (!events.empty()) {
        std::stable_sort(events.begin(), events.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string s = "Événements\u00A0: ";
        for (size_t i = 0; i < events.size(); ++i) {
            if (i) s += " ; ";
            s += events[i].second;
        }
        s += ".";
        w.paragraph(s, kLeft, kWidth, small, 1);
    }
    return figure_h;
}

// [SECTION] Photos and words, boards, préconisations -------------------------------------------

constexpr float kThumbW = 112.0f;
constexpr float kThumbMaxH = 84.0f;

// Photos already embedded, by path (the same photo chosen twice is embedded once).
struct ImageCache {
    std::map<std::string, HPDF_Image> images; // nullptr: unavailable
};

HPDF_Image load_photo(HaruDoc& doc, ImageCache& cache, const std::string& path) {
    if (path.empty()) return nullptr;
    const auto it = cache.images.find(path);
    if (it != cache.images.end()) return it->second;
    HPDF_Image image = nullptr;
    std::vector<std::uint8_t> bytes;
    deck::ImageError err = deck::ImageError::None;
    std::string message;
    deck::ImageLimits limits;
    limits.max_file_bytes = 32ull << 20;
    if (deck::read_file(path, limits.max_file_bytes, &bytes, &err, &message)) {
        const deck::ImageInfo info = deck::inspect_image(bytes.data(), bytes.size(), limits);
        if (info.ok() && bytes.size() < (1ull << 31)) {
            if (info.format == deck::ImageFormat::Jpeg)
                image = HPDF_LoadJpegImageFromMem(doc.pdf, bytes.data(), static_cast<HPDF_UINT>(bytes.size()));
            else if (info.format == deck::ImageFormat::Png)
                image = HPDF_LoadPngImageFromMem(doc.pdf, bytes.data(), static_cast<HPDF_UINT>(bytes.size()));
            if (doc.failed()) {
                // libharu refused this image (an unsupported variant): a placeholder instead.
                doc.forgive();
                image = nullptr;
            }
        }
    }
    cache.images.emplace(path, image);
    return image;
}

void draw_placeholder(Writer& w, float x, float top, float width, float height) {
    w.rounded(x, top - height, width, height, 3.0f, color::kPlaceholder, color::kPlaceholderLine, 0.6f);
    const std::string s = w.fit("Photo indisponible", false);
    const float tw = w.width(s, false, 8.0f);
    w.text_at(x + (width - tw) / 2, top - height / 2 - 3.0f, s, false, 8.0f, color::kMuted);
}

void draw_words(Writer& w, const std::vector<PersonWords>& words, ImageCache& cache) {
    if (words.empty()) {
        not_filled(w, "Aucune photo choisie.");
        return;
    }
    const float tx = kLeft + kThumbW + 14.0f;
    const float tw = kRight - tx;
    for (size_t i = 0; i < words.size(); ++i) {
        const PersonWords& pw = words[i];
        HPDF_Image image = load_photo(w.doc(), cache, pw.photo_path);
        float ih = 74.0f;
        if (image) {
            const float iw0 = static_cast<float>(HPDF_Image_GetWidth(image));
            const float ih0 = static_cast<float>(HPDF_Image_GetHeight(image));
            if (iw0 > 0 && ih0 > 0) ih = std::min(kThumbMaxH, kThumbW * ih0 / iw0);
        }
        float iw = kThumbW;
        if (image) {
            const float iw0 = static_cast<float>(HPDF_Image_GetWidth(image));
            const float ih0 = static_cast<float>(HPDF_Image_GetHeight(image));
            if (iw0 > 0 && ih0 > 0) iw = std::min(kThumbW, ih * iw0 / ih0);
        }
        w.need(ih + 10.0f);
        if (w.failed()) return;
        const float top = w.y();
        HPDF_Page photo_page = w.page();
        if (image) {
            HPDF_Page_DrawImage(w.page(), image, kLeft, top - ih, iw, ih);
            w.stroke_rect(kLeft, top - ih, iw, ih, color::kRule, 0.5f);
        } else {
            draw_placeholder(w, kLeft, top, kThumbW, ih);
        }

        // The question (grey), then the words, beside the photo.
        Writer::Style q;
        q.size = 8.5f;
        q.leading = 11.5f;
        q.color = color::kMuted;
        q.justify = false;
        if (!is_blank(pw.question)) {
            w.paragraph(pw.question, tx, tw, q, 1);
            w.down(3.0f);
        }
        Writer::Style st;
        st.size = 11.0f;
        st.leading = 15.5f;
        st.justify = false;
        if (is_blank(pw.words)) {
            Writer::Style none = st;
            none.color = color::kFaint;
            none.size = 10.0f;
            w.paragraph("Pas de paroles notées.", tx, tw, none, 1);
        } else {
            const std::vector<std::string> ps = split_paragraphs(pw.words);
            for (size_t k = 0; k < ps.size(); ++k) {
                std::string s = ps[k];
                if (k == 0) s = "«\u00A0" + s;
                if (k + 1 == ps.size()) s += "\u00A0»";
                if (k) w.down(3.0f);
                w.paragraph(s, tx, tw, st, 1);
            }
        }
        // Below whichever is lower on this page: the photo or the words.
        if (w.page() == photo_page) w.set_y(std::min(w.y(), top - ih));
        if (i + 1 < words.size()) {
            w.down(8.0f);
            if (w.room() > 20.0f) w.line(kLeft, w.y(), kRight, w.y(), rgb(0xE3, 0xE7, 0xEC), 0.5f);
            w.down(10.0f);
        }
    }
}

void draw_boards(Writer& w, const std::vector<BoardSummary>& boards) {
    if (boards.empty()) {
        not_filled(w, "Aucun support d’expression utilisé.");
        return;
    }
    for (size_t b = 0; b < boards.size(); ++b) {
        const BoardSummary& board = boards[b];
        if (b) w.down(8.0f);
        Writer::Style title;
        title.bold = true;
        title.size = 10.5f;
        title.leading = 14.5f;
        title.justify = false;
        w.need(title.leading + kBodyLeading);
        w.paragraph(board.title, kLeft, kWidth, title, 1);
        Writer::Style st;
        st.size = 10.0f;
        st.leading = 14.0f;
        st.justify = false;
        if (board.lines.empty()) {
            Writer::Style none = st;
            none.color = color::kFaint;
            w.paragraph("Rien n’a été classé.", kLeft + 12.0f, kWidth - 12.0f, none, 1);
        }
        for (const std::string& line : board.lines) {
            if (is_blank(line)) continue;
            w.need(st.leading);
            w.text_at(kLeft + 3.0f, w.y() - st.size * 0.78f, "\u2022", true, st.size, color::kAccent);
            w.paragraph(line, kLeft + 12.0f, kWidth - 12.0f, st, 1);
        }
    }
}

void draw_recommendations(Writer& w, const std::vector<RecommendationItem>& items) {
    if (items.empty()) {
        not_filled(w, "Aucune préconisation choisie.");
        return;
    }
    for (size_t i = 0; i < items.size(); ++i) {
        const RecommendationItem& it = items[i];
        if (i) w.down(9.0f);
        // Priority chip on the right, the numbered label on the left.
        const std::string chip = w.fit(priority_words(it.priority), false);
        const float chip_size = 7.5f;
        const float chip_w = w.width(chip, true, chip_size) + 12.0f;
        Rgb fg = color::kMuted, bg = color::kPanel;
        if (it.priority == Priority::High) fg = rgb(0x9B, 0x1C, 0x1C), bg = rgb(0xFC, 0xE8, 0xE6);
        if (it.priority == Priority::Medium) fg = color::kDraft, bg = color::kDraftFill;
        Writer::Style label;
        label.bold = true;
        label.size = 11.0f;
        label.leading = 15.0f;
        label.justify = false;
        const std::string number = std::to_string(i + 1) + ".";
        const float nx = kLeft + 18.0f;
        const std::vector<TextLine> ls = w.lines(w.fit(it.label, false), kWidth - 18.0f - chip_w - 10.0f, label);
        w.need(label.leading * static_cast<float>(ls.size()) + (is_blank(it.text) ? 0.0f : kBodyLeading));
        if (w.failed()) return;
        const float top = w.y();
        w.text_at(kLeft, top - label.size * 0.8f, number, true, label.size, color::kAccent);
        w.rounded(kRight - chip_w, top - 13.0f, chip_w, 13.0f, 6.5f, bg, fg, 0.5f);
        w.text_at(kRight - chip_w + 6.0f, top - 9.6f, chip, true, chip_size, fg);
        for (const TextLine& l : ls) {
            w.draw_line(l, nx, w.y() - label.size * 0.8f, kWidth, true, label.size, color::kText);
            w.down(label.leading);
        }
        if (!is_blank(it.text)) {
            w.down(1.5f);
            Writer::Style st;
            st.size = 10.0f;
            st.leading = 14.0f;
            const std::vector<std::string> ps = split_paragraphs(it.text);
            for (size_t k = 0; k < ps.size(); ++k) {
                if (k) w.down(3.0f);
                w.paragraph(ps[k], nx, kRight - nx, st);
            }
        }
    }
}

// [SECTION] Footers, saving, the atomic write --------------------------------------------------

void draw_page_furniture(Writer& w, const SynthesisDocument& d) {
    const size_t n = w.pages().size();
    const std::string footer = w.fit(d.footer, false);
    std::string running = w.fit(d.identity.name, false);
    if (d.interview_date.is_set())
        running += (running.empty() ? "" : " — ") + std::string("entretien du ") + d.interview_date.to_french();
    running = "Synthèse" + (running.empty() ? std::string() : " — " + running);
    const std::string draft = d.finalized ? std::string() : w.fit("Brouillon", false);
    for (size_t i = 0; i < n; ++i) {
        HPDF_Page p = w.pages()[i];
        // Footer: rule, « Document confidentiel », footer text, « Page n / N ».
        const float fy = 12.0f * kMm;
        w.line(p, kLeft, fy + 10.0f, kRight, fy + 10.0f, color::kRule, 0.5f);
        const std::string conf = "Document confidentiel";
        w.text_at(p, kLeft, fy, conf, true, 7.5f, color::kMuted);
        const std::string page_no = "Page " + std::to_string(i + 1) + " / " + std::to_string(n);
        const float pnw = w.width(page_no, false, 7.5f);
        w.text_at(p, kRight - pnw, fy, page_no, false, 7.5f, color::kMuted);
        if (!footer.empty()) {
            const float fx = kLeft + w.width(conf, true, 7.5f) + 8.0f;
            const std::string shown = ellipsize(footer, kRight - pnw - 12.0f - fx, w.measure(false, 7.5f));
            w.text_at(p, fx, fy, shown, false, 7.5f, color::kFaint);
        }
        // Running header from page 2.
        if (i > 0) {
            const float hy = kPageH - 12.0f * kMm;
            const float dw = draft.empty() ? 0.0f : w.width(draft, true, 7.5f) + 10.0f;
            const std::string shown = ellipsize(running, kWidth - dw, w.measure(false, 7.5f));
            w.text_at(p, kLeft, hy, shown, false, 7.5f, color::kMuted);
            if (!draft.empty()) w.text_at(p, kRight - dw + 10.0f, hy, draft, true, 7.5f, color::kDraft);
            w.line(p, kLeft, hy - 5.0f, kRight, hy - 5.0f, color::kRule, 0.5f);
        }
    }
}

std::string errno_text(int e) { return std::strerror(e); }

} // namespace

bool render_synthesis_pdf(const SynthesisDocument& d, std::string* out, std::string* error) {
    std::string local_error;
    std::string& err = error ? *error : local_error;
    out->clear();
    HaruDoc doc;
    if (!doc.pdf) {
        err = "cannot create the PDF document (out of memory)";
        return false;
    }
    HPDF_SetCompressionMode(doc.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc.pdf);
    HPDF_SetCurrentEncoder(doc.pdf, "UTF-8");
    if (doc.failed()) {
        err = "cannot set up UTF-8 text: " + haru_message(doc.errors.error, doc.errors.detail);
        return false;
    }
    const std::string dir = default_fonts_dir();
    Font regular, bold;
    if (!load_font(doc, d.font_regular.empty() ? dir + "/AtkinsonHyperlegible-Regular.ttf" : d.font_regular, &regular,
                   &err) ||
        !load_font(doc, d.font_bold.empty() ? dir + "/AtkinsonHyperlegible-Bold.ttf" : d.font_bold, &bold, &err))
        return false;

    HPDF_SetInfoAttr(doc.pdf, HPDF_INFO_CREATOR, "Amorce");
    HPDF_SetInfoAttr(doc.pdf, HPDF_INFO_PRODUCER, "Amorce (libharu)");

    Writer w(doc, regular, bold);
    w.new_page();
    draw_header(w, d);
    draw_identity(w, d);

    ImageCache cache;
    std::array<bool, 5> drawn{};
    auto attach = [&](Attachment a) {
        drawn[static_cast<size_t>(a)] = true;
        switch (a) {
        case Attachment::None: break;
        case Attachment::Timeline:
            if (d.has_timeline) {
                w.down(6.0f);
                draw_timeline(w, d.timeline);
            }
            break;
        case Attachment::Words: w.down(6.0f); draw_words(w, d.words, cache); break;
        case Attachment::Boards: w.down(4.0f); draw_boards(w, d.boards); break;
        case Attachment::Recommendations: w.down(4.0f); draw_recommendations(w, d.recommendations); break;
        }
    };
    auto has_content = [&](Attachment a) {
        switch (a) {
        case Attachment::None: return false;
        case Attachment::Timeline: return d.has_timeline;
        case Attachment::Words: return !d.words.empty();
        case Attachment::Boards: return !d.boards.empty();
        case Attachment::Recommendations: return !d.recommendations.empty();
        }
        return false;
    };
    // What must follow a heading on its page: two lines of text, or the figure or first photo
    // that comes right under it.
    auto keep_below = [&](Attachment a, bool blank_text) {
        if (!blank_text || !has_content(a)) return 2 * kBodyLeading;
        if (a == Attachment::Timeline) return draw_timeline(w, d.timeline, true) + 6.0f;
        if (a == Attachment::Words) return kThumbMaxH + 6.0f;
        return 2 * kBodyLeading + 14.0f;
    };
    for (const Section& s : d.sections) {
        if (w.failed()) break;
        const bool fresh = s.attachment != Attachment::None && !drawn[static_cast<size_t>(s.attachment)];
        heading(w, s.title, keep_below(fresh ? s.attachment : Attachment::None, is_blank(s.text)));
        // An attachment is drawn once, after the first section that carries it. A section with
        // neither text nor anything attached says so; with text, an empty attachment says it is empty.
        const bool attach_here = s.attachment != Attachment::None && !drawn[static_cast<size_t>(s.attachment)];
        if (is_blank(s.text)) {
            if (!attach_here || !has_content(s.attachment)) {
                not_filled(w, "Section non renseignée");
                if (attach_here) drawn[static_cast<size_t>(s.attachment)] = true;
                continue;
            }
        } else {
            body_text(w, s.text);
        }
        if (attach_here) attach(s.attachment);
    }
    // What no section carried, under its own heading.
    const std::pair<Attachment, const char*> rest[] = {
        {Attachment::Timeline, "Frise chronologique"},
        {Attachment::Words, "Paroles de la personne"},
        {Attachment::Boards, "Supports d’expression"},
        {Attachment::Recommendations, "Préconisations"},
    };
    for (const auto& [a, title] : rest) {
        if (w.failed()) break;
        if (drawn[static_cast<size_t>(a)]) continue;
        if (!has_content(a)) continue;
        heading(w, title, keep_below(a, true));
        attach(a);
    }
    if (w.failed()) {
        err = "cannot lay out the PDF: " + haru_message(doc.errors.error, doc.errors.detail);
        return false;
    }
    draw_page_furniture(w, d);
    if (doc.failed()) {
        err = "cannot lay out the PDF: " + haru_message(doc.errors.error, doc.errors.detail);
        return false;
    }

    if (HPDF_SaveToStream(doc.pdf) != HPDF_OK || doc.failed()) {
        err = "cannot build the PDF: " + haru_message(doc.errors.error, doc.errors.detail);
        return false;
    }
    const HPDF_UINT32 size = HPDF_GetStreamSize(doc.pdf);
    out->resize(size);
    HPDF_UINT32 got = 0;
    while (got < size) {
        HPDF_UINT32 n = size - got;
        const HPDF_STATUS st = HPDF_ReadFromStream(doc.pdf, reinterpret_cast<HPDF_BYTE*>(&(*out)[got]), &n);
        got += n;
        if (st == HPDF_STREAM_EOF || n == 0) break;
        if (st != HPDF_OK) break;
    }
    if (got != size || size == 0) {
        out->clear();
        err = "cannot read the PDF from memory: " + haru_message(doc.errors.error, doc.errors.detail);
        return false;
    }
    return true;
}

bool write_synthesis_pdf(const SynthesisDocument& d, const std::string& out_path, std::string* error) {
    std::string local_error;
    std::string& err = error ? *error : local_error;
    if (out_path.empty()) {
        err = "no output file given";
        return false;
    }
    const fs::path target(out_path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        err = "cannot write " + out_path + ": " + folder.string() +
              (fs::exists(folder, ec) ? " is not a folder" : " does not exist");
        return false;
    }
    if (fs::is_directory(target, ec)) {
        err = "cannot write " + out_path + ": it is a folder";
        return false;
    }

    std::string pdf;
    if (!render_synthesis_pdf(d, &pdf, &err)) return false;

    std::string tmpl = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        err = "cannot write in " + folder.string() + " (" + errno_text(errno) + ")";
        return false;
    }
    const std::string temp(name.data());
    auto fail = [&](const std::string& why) {
        ::close(fd);
        ::unlink(temp.c_str());
        err = why;
        return false;
    };
    ::fchmod(fd, 0644);
    size_t written = 0;
    while (written < pdf.size()) {
        const ssize_t n = ::write(fd, pdf.data() + written, pdf.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("cannot write " + out_path + " (" + errno_text(errno) + ")");
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) return fail("cannot write " + out_path + " (" + errno_text(errno) + ")");
    if (::close(fd) != 0) {
        const int e = errno;
        ::unlink(temp.c_str());
        err = "cannot write " + out_path + " (" + errno_text(e) + ")";
        return false;
    }
    if (::rename(temp.c_str(), out_path.c_str()) != 0) {
        const int e = errno;
        ::unlink(temp.c_str());
        err = "cannot replace " + out_path + " (" + errno_text(e) + ")";
        return false;
    }
    // The rename itself reaches the disk (best effort on file systems that refuse a folder fsync).
    const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return true;
}

} // namespace amorce::report
