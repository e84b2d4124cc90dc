// Text for the PDF: UTF-8, glyph fitting, paragraphs, French line breaking (see text_layout.hpp).
#include "report/text_layout.hpp"

#include <algorithm>

namespace amorce::report {

namespace {

// Zero-width or combining-invisible code points that an emoji sequence or a pasted text carries.
bool is_invisible(char32_t cp) {
    return cp == 0x00AD                        // soft hyphen
           || (cp >= 0x200B && cp <= 0x200F)   // zero-width space, joiners, direction marks
           || (cp >= 0x202A && cp <= 0x202E)   // bidi embeddings
           || (cp >= 0x2060 && cp <= 0x2064)   // word joiner, invisible operators
           || cp == 0xFEFF                     // BOM / zero-width no-break space
           || (cp >= 0xFE00 && cp <= 0xFE0F)   // variation selectors
           || (cp >= 0xE0100 && cp <= 0xE01EF) // variation selectors supplement
           || (cp >= 0x1F3FB && cp <= 0x1F3FF) // emoji skin tones
           || (cp >= 0xE0020 && cp <= 0xE007F) // tag characters (flag sequences)
           || cp == 0x20E3;                    // combining keycap
}

bool is_thin_space(char32_t cp) {
    return cp == 0x202F || cp == 0x2007 || cp == 0x2009 || cp == 0x200A || (cp >= 0x2002 && cp <= 0x2006) ||
           cp == 0x205F || cp == 0x3000;
}

// First code point of a UTF-8 piece (0 when empty).
char32_t first_cp(std::string_view s) {
    const auto cps = decode_utf8(s.substr(0, std::min<size_t>(s.size(), 4)));
    return cps.empty() ? 0 : cps.front();
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Byte length of the UTF-8 sequence starting with lead byte c (1 for an invalid lead).
size_t seq_len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;
}

// Code point boundaries (byte offsets, including 0 and size) of a string already fitted (valid UTF-8).
std::vector<size_t> boundaries(std::string_view s) {
    std::vector<size_t> b;
    size_t i = 0;
    while (i < s.size()) {
        b.push_back(i);
        i += std::max<size_t>(1, std::min(seq_len(static_cast<unsigned char>(s[i])), s.size() - i));
    }
    b.push_back(s.size());
    return b;
}

} // namespace

std::vector<char32_t> decode_utf8(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out.push_back(c);
            ++i;
            continue;
        }
        size_t len = 0;
        char32_t cp = 0, min = 0;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
        bool ok = len != 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) ok = false;
            else cp = (cp << 6) | (cc & 0x3F);
        }
        if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string fit_to_font(std::string_view text, const std::function<bool(char32_t)>& has_glyph, bool keep_newlines,
                        const char* missing) {
    const std::vector<char32_t> cps = decode_utf8(text);
    std::string out;
    out.reserve(text.size());
    const bool has_nbsp = has_glyph(kNoBreakSpace);
    for (size_t i = 0; i < cps.size(); ++i) {
        char32_t cp = cps[i];
        if (cp == '\r') {
            if (i + 1 < cps.size() && cps[i + 1] == '\n') continue; // "\r\n": the "\n" follows
            cp = '\n';
        }
        if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
            out += keep_newlines ? '\n' : ' ';
            continue;
        }
        if (cp == '\t') cp = ' ';
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue; // control characters
        if (is_invisible(cp)) continue;
        if (is_thin_space(cp)) cp = has_nbsp ? kNoBreakSpace : U' ';
        if (cp == 0x2010 || cp == 0x2011 || cp == 0x2212) cp = '-';
        if (cp == kNoBreakSpace && !has_nbsp) cp = ' ';
        if (cp == ' ' || has_glyph(cp)) {
            append_utf8(out, cp);
        } else {
            out += missing;
        }
    }
    return out;
}

bool is_blank(std::string_view text) {
    for (const char32_t cp : decode_utf8(text))
        if (cp != ' ' && cp != '\n' && cp != '\r' && cp != '\t' && cp != kNoBreakSpace) return false;
    return true;
}

std::vector<std::string> split_paragraphs(std::string_view text) {
    std::vector<std::string> paragraphs;
    std::string current;
    bool pending_newline = false;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        if (is_blank(line)) {
            if (!current.empty()) paragraphs.push_back(std::move(current));
            current.clear();
            pending_newline = false;
        } else {
            if (pending_newline) current += '\n';
            current.append(line.data(), line.size());
            pending_newline = true;
        }
        pos = end + 1;
    }
    if (!current.empty()) paragraphs.push_back(std::move(current));
    return paragraphs;
}

std::vector<std::string> break_pieces(std::string_view paragraph) {
    // Raw words: split on ASCII spaces; "\n" is a piece of its own.
    std::vector<std::string> raw;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) raw.push_back(std::move(word));
        word.clear();
    };
    for (const char c : paragraph) {
        if (c == ' ') {
            flush();
        } else if (c == '\n') {
            flush();
            raw.emplace_back("\n");
        } else {
            word += c;
        }
    }
    flush();

    std::vector<std::string> pieces;
    bool glue_next = false; // the previous piece ends with «
    for (std::string& w : raw) {
        if (w == "\n") {
            pieces.push_back(std::move(w));
            glue_next = false;
            continue;
        }
        const char32_t first = first_cp(w);
        const bool glue_before = first == ':' || first == ';' || first == '!' || first == '?' || first == 0x00BB;
        const bool can_glue = !pieces.empty() && pieces.back() != "\n";
        if (can_glue && (glue_next || glue_before)) {
            pieces.back() += ' ';
            pieces.back() += w;
        } else {
            pieces.push_back(std::move(w));
        }
        glue_next = ends_with(pieces.back(), "\xC2\xAB"); // «
    }
    return pieces;
}

std::vector<TextLine> break_lines(std::string_view paragraph, float width, float space, const MeasureFn& measure,
                                  float max_stretch) {
    std::vector<TextLine> lines;
    TextLine line;
    auto finish = [&](bool justify) {
        if (line.words.empty()) return;
        line.justify = justify && line.words.size() > 1;
        if (line.justify) {
            const float gaps = static_cast<float>(line.words.size() - 1);
            const float stretch = (width - line.natural_width) / gaps + space;
            if (stretch > space * max_stretch) line.justify = false;
        }
        lines.push_back(std::move(line));
        line = TextLine{};
    };
    auto add = [&](std::string w, float wd) {
        if (!line.words.empty()) line.natural_width += space;
        line.natural_width += wd;
        line.words.push_back(std::move(w));
        line.widths.push_back(wd);
    };

    for (std::string& piece : break_pieces(paragraph)) {
        if (piece == "\n") {
            finish(false);
            continue;
        }
        float w = measure(piece);
        if (w > width) {
            // Too wide for any line: cut between characters, as much as fits on each line.
            if (!line.words.empty()) finish(true);
            const std::vector<size_t> b = boundaries(piece);
            size_t start = 0;
            while (start < piece.size()) {
                // Largest end such that piece[start, end) fits (at least one code point).
                size_t k = static_cast<size_t>(std::upper_bound(b.begin(), b.end(), start) - b.begin());
                size_t best = b[k];
                for (; k < b.size(); ++k) {
                    if (measure(std::string_view(piece).substr(start, b[k] - start)) > width) break;
                    best = b[k];
                }
                std::string part = piece.substr(start, best - start);
                const float pw = measure(part);
                start = best;
                if (start < piece.size()) {
                    add(std::move(part), pw);
                    finish(false);
                } else {
                    w = pw;
                    piece = std::move(part);
                }
            }
            add(std::move(piece), w);
            continue;
        }
        const float needed = line.words.empty() ? w : line.natural_width + space + w;
        if (needed > width && !line.words.empty()) finish(true);
        add(std::move(piece), w);
    }
    finish(false);
    return lines;
}

std::string ellipsize(std::string_view text, float width, const MeasureFn& measure) {
    if (measure(text) <= width) return std::string(text);
    const std::string ell = "\xE2\x80\xA6"; // …
    if (measure(ell) > width) return {};
    const std::vector<size_t> b = boundaries(text);
    // Binary search on the number of code points kept.
    size_t lo = 0, hi = b.size() - 1;
    while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        std::string candidate(text.substr(0, b[mid]));
        candidate += ell;
        if (measure(candidate) <= width) lo = mid;
        else hi = mid - 1;
    }
    std::string kept(text.substr(0, b[lo]));
    while (!kept.empty() && kept.back() == ' ') kept.pop_back();
    return kept + ell;
}

} // namespace amorce::report
