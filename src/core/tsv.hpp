// Small UTF-8 text helpers shared by the data-file loaders (photolangage prompts, the ROME job
// list, board templates): reading a tab-separated file line by line, and checking or measuring
// UTF-8 text. No allocation-heavy parsing, no locale.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace amorce::core {

// Calls `line_fn(number, line)` for every line of the file that is not empty and does not start
// with '#', with its 1-based line number. A trailing '\r' (CRLF files) and a UTF-8 byte-order
// mark on the first line are removed first. `line_fn` returns false to stop reading.
// Returns false when the file cannot be opened.
bool read_tsv_lines(const std::string& path, const std::function<bool(int number, const std::string& line)>& line_fn);

// The tab-separated fields of one line ("a\t\tb" gives "a", "", "b").
std::vector<std::string> split_tabs(const std::string& line);

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(const std::string& s);
// Number of code points of valid UTF-8 (bytes that do not continue a sequence).
std::size_t utf8_length(const std::string& s);

} // namespace amorce::core
