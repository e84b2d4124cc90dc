// Text for the PDF, independent of libharu: UTF-8 decoding, fitting text to a font's glyphs
// (what the font lacks becomes a visible « ? »), splitting into paragraphs, and the line breaker
// with the French rules (no line starting with « : ; ! ? » or « » », none ending with « « »,
// non-breaking spaces hold). Widths come from a caller's measure function, so the rules are
// unit-tested without a PDF.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace amorce::report {

// Code points of a UTF-8 string; an invalid byte gives U+FFFD (and the decoder moves on by one byte).
std::vector<char32_t> decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t cp);

inline constexpr char32_t kNoBreakSpace = 0x00A0;

// Fits text to a font: `has_glyph(cp)` says whether the font can show cp.
// - tab -> space; "\r\n" and "\r" -> "\n" (when keep_newlines, else a space); other control
//   characters removed;
// - invisible code points (joiners, variation selectors, emoji skin tones, soft hyphen, BOM) removed;
// - thin / narrow / figure spaces -> U+00A0 (or a space when the font lacks U+00A0);
//   non-breaking hyphen, minus sign -> '-';
// - any other code point the font lacks (emoji, CJK, U+FFFD from invalid UTF-8) -> `missing` ("?").
std::string fit_to_font(std::string_view text, const std::function<bool(char32_t)>& has_glyph,
                        bool keep_newlines = true, const char* missing = "?");

// Paragraphs of a section's text: separated by a line holding nothing but spaces; leading and
// trailing blank lines dropped. Single line breaks stay inside a paragraph ("\n").
std::vector<std::string> split_paragraphs(std::string_view text);

// True when the text holds nothing but spaces (ASCII or U+00A0) and line breaks.
bool is_blank(std::string_view text);

// The unbreakable pieces of a paragraph (no line break inside): words split on ASCII spaces,
// with a piece starting with : ; ! ? » joined to the one before and a piece ending with « joined
// to the one after (keeping the space between them). A "\n" in the text gives a "\n" piece.
std::vector<std::string> break_pieces(std::string_view paragraph);

struct TextLine {
    std::vector<std::string> words; // drawn one after the other, separated by (stretched) spaces
    std::vector<float> widths;      // of each word
    float natural_width = 0;        // words + normal spaces
    bool justify = false;           // false: last line of a paragraph, before a "\n", or too loose
};

using MeasureFn = std::function<float(std::string_view)>;

// Greedy line breaking of one paragraph into lines at most `width` wide (`space` is the width
// of a space). A word wider than a line is cut between characters. A line is justified unless
// it is the last of the paragraph, ends at a "\n", has a single word, or would need gaps wider
// than `max_stretch` spaces.
std::vector<TextLine> break_lines(std::string_view paragraph, float width, float space, const MeasureFn& measure,
                                  float max_stretch = 4.0f);

// `text` cut to fit `width` with « … » at the end (whole code points); "" when not even « … » fits.
std::string ellipsize(std::string_view text, float width, const MeasureFn& measure);

} // namespace amorce::report
