#pragma once

// Font Awesome Free solid icon codepoints (UTF-8) for use with ImGui.
// Source: npm package @fortawesome/fontawesome-free@6.7.2, font webfonts/fa-solid-900.ttf
// (assets/fonts/fa-solid-900.ttf). Codepoints from metadata/icon-families.json;
// each one verified present in the TTF. Generated file; licence: assets/fonts/LICENSE-FontAwesome.txt
// Note: 'plus' uses its legacy PUA codepoint U+F067 (primary U+002B would clash with ASCII '+').

inline constexpr const char* ICON_HOUSE    = "\xef\x80\x95"; // house U+F015
inline constexpr const char* ICON_PLUS     = "\xef\x81\xa7"; // plus U+F067
inline constexpr const char* ICON_SEARCH   = "\xef\x80\x82"; // magnifying-glass U+F002
inline constexpr const char* ICON_PHOTOS   = "\xef\x8c\x82"; // images U+F302
inline constexpr const char* ICON_TIMELINE = "\xee\x8a\x9c"; // timeline U+E29C
inline constexpr const char* ICON_BOARDS   = "\xef\x83\x9b"; // table-columns U+F0DB
inline constexpr const char* ICON_NOTE     = "\xef\x89\x89"; // note-sticky U+F249
inline constexpr const char* ICON_UNDO     = "\xef\x8b\xaa"; // rotate-left U+F2EA
inline constexpr const char* ICON_REDO     = "\xef\x8b\xb9"; // rotate-right U+F2F9
inline constexpr const char* ICON_CHECK    = "\xef\x80\x8c"; // check U+F00C
inline constexpr const char* ICON_CLOSE    = "\xef\x80\x8d"; // xmark U+F00D
inline constexpr const char* ICON_STOP     = "\xef\x81\x8d"; // stop U+F04D
inline constexpr const char* ICON_USER     = "\xef\x80\x87"; // user U+F007
inline constexpr const char* ICON_LOCK     = "\xef\x80\xa3"; // lock U+F023
inline constexpr const char* ICON_SETTINGS = "\xef\x80\x93"; // gear U+F013
inline constexpr const char* ICON_TOUCH    = "\xef\x89\x9a"; // hand-pointer U+F25A
inline constexpr const char* ICON_BACK     = "\xef\x81\xa0"; // arrow-left U+F060
inline constexpr const char* ICON_CALENDAR = "\xef\x84\xb3"; // calendar U+F133
inline constexpr const char* ICON_WARNING  = "\xef\x81\xb1"; // triangle-exclamation U+F071
inline constexpr const char* ICON_INFO     = "\xef\x81\x9a"; // circle-info U+F05A
inline constexpr const char* ICON_TRASH    = "\xef\x87\xb8"; // trash U+F1F8
inline constexpr const char* ICON_EDIT     = "\xef\x8c\x84"; // pen U+F304
inline constexpr const char* ICON_PDF      = "\xef\x87\x81"; // file-pdf U+F1C1
inline constexpr const char* ICON_EXPORT   = "\xef\x95\xae"; // file-export U+F56E
inline constexpr const char* ICON_KEYBOARD = "\xef\x84\x9c"; // keyboard U+F11C
inline constexpr const char* ICON_PREV     = "\xef\x81\x93"; // chevron-left U+F053
inline constexpr const char* ICON_NEXT     = "\xef\x81\x94"; // chevron-right U+F054

inline constexpr unsigned short ICON_RANGE_MIN = 0xe29c;
inline constexpr unsigned short ICON_RANGE_MAX = 0xf56e;

// Exact glyph ranges (pairs, 0-terminated), usable as ImWchar glyph_ranges when
// merging the icon font, so only these glyphs are rasterised into the atlas.
inline constexpr unsigned short ICON_GLYPH_RANGES[] = {
    0xe29c, 0xe29c, 0xf002, 0xf002, 0xf007, 0xf007, 0xf00c, 0xf00d, 0xf013, 0xf013, 0xf015, 0xf015, 0xf023, 0xf023, 0xf04d, 0xf04d, 0xf053, 0xf054, 0xf05a, 0xf05a, 0xf060, 0xf060, 0xf067, 0xf067, 0xf071, 0xf071, 0xf0db, 0xf0db, 0xf11c, 0xf11c, 0xf133, 0xf133, 0xf1c1, 0xf1c1, 0xf1f8, 0xf1f8, 0xf249, 0xf249, 0xf25a, 0xf25a, 0xf2ea, 0xf2ea, 0xf2f9, 0xf2f9, 0xf302, 0xf302, 0xf304, 0xf304, 0xf56e, 0xf56e,
    0,
};
