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
inline constexpr const char* ICON_ROAD     = "\xef\x80\x98"; // road U+F018
inline constexpr const char* ICON_SUN      = "\xef\x86\x85"; // sun U+F185
inline constexpr const char* ICON_HELP_HAND= "\xef\x92\xbe"; // hand-holding-heart U+F4BE
inline constexpr const char* ICON_MOUNTAIN = "\xef\x9b\xbc"; // mountain U+F6FC
inline constexpr const char* ICON_BRIEFCASE= "\xef\x82\xb1"; // briefcase U+F0B1
inline constexpr const char* ICON_STAR     = "\xef\x80\x85"; // star U+F005
inline constexpr const char* ICON_PEOPLE   = "\xef\x83\x80"; // users U+F0C0
inline constexpr const char* ICON_DOOR     = "\xef\x94\xab"; // door-open U+F52B
inline constexpr const char* ICON_GRADUATION= "\xef\x86\x9d"; // graduation-cap U+F19D
inline constexpr const char* ICON_SMILE    = "\xef\x84\x98"; // face-smile U+F118
inline constexpr const char* ICON_COMMENT  = "\xef\x81\xb5"; // comment U+F075
inline constexpr const char* ICON_ZOOM_IN  = "\xef\x80\x8e"; // magnifying-glass-plus U+F00E
inline constexpr const char* ICON_ZOOM_OUT = "\xef\x80\x90"; // magnifying-glass-minus U+F010
inline constexpr const char* ICON_EXPAND   = "\xef\x81\xa5"; // expand U+F065
inline constexpr const char* ICON_QUOTE    = "\xef\x84\x8d"; // quote-left U+F10D
inline constexpr const char* ICON_HAND     = "\xef\x89\x96"; // hand U+F256
inline constexpr const char* ICON_IMAGE    = "\xef\x80\xbe"; // image U+F03E
inline constexpr const char* ICON_UNAVAILABLE= "\xef\x81\xb0"; // eye-slash U+F070
inline constexpr const char* ICON_TAGS     = "\xef\x80\xac"; // tags U+F02C
inline constexpr const char* ICON_FOLDER   = "\xef\x81\xbc"; // folder-open U+F07C
inline constexpr const char* ICON_MINUS    = "\xef\x81\xa8"; // minus U+F068
inline constexpr const char* ICON_UP       = "\xef\x81\xb7"; // chevron-up U+F077
inline constexpr const char* ICON_DOWN     = "\xef\x81\xb8"; // chevron-down U+F078

inline constexpr unsigned short ICON_RANGE_MIN = 0xe29c;
inline constexpr unsigned short ICON_RANGE_MAX = 0xf6fc;

// Exact glyph ranges (pairs, 0-terminated), usable as ImWchar glyph_ranges when
// merging the icon font, so only these glyphs are rasterised into the atlas.
inline constexpr unsigned short ICON_GLYPH_RANGES[] = {
    0xe29c, 0xe29c, 0xf002, 0xf002, 0xf005, 0xf005, 0xf007, 0xf007, 0xf00c, 0xf00e, 0xf010, 0xf010, 0xf013, 0xf013, 0xf015, 0xf015, 0xf018, 0xf018, 0xf023, 0xf023, 0xf02c, 0xf02c, 0xf03e, 0xf03e, 0xf04d, 0xf04d, 0xf053, 0xf054, 0xf05a, 0xf05a, 0xf060, 0xf060, 0xf065, 0xf065, 0xf067, 0xf068, 0xf070, 0xf071, 0xf075, 0xf075, 0xf077, 0xf078, 0xf07c, 0xf07c, 0xf0b1, 0xf0b1, 0xf0c0, 0xf0c0, 0xf0db, 0xf0db, 0xf10d, 0xf10d, 0xf118, 0xf118, 0xf11c, 0xf11c, 0xf133, 0xf133, 0xf185, 0xf185, 0xf19d, 0xf19d, 0xf1c1, 0xf1c1, 0xf1f8, 0xf1f8, 0xf249, 0xf249, 0xf256, 0xf256, 0xf25a, 0xf25a, 0xf2ea, 0xf2ea, 0xf2f9, 0xf2f9, 0xf302, 0xf302, 0xf304, 0xf304, 0xf4be, 0xf4be, 0xf52b, 0xf52b, 0xf56e, 0xf56e, 0xf6fc, 0xf6fc,
    0,
};
