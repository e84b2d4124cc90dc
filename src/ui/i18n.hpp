// Translation catalog. User-visible text lives in assets/i18n/<lang>.tsv ("key<TAB>text",
// `\n` for a line break, `{0}` `{1}` for arguments); French is the reference language and the
// fallback for any key another language lacks.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace amorce::ui {

class Catalog {
public:
    // Loads fr.tsv (always) and, if lang != "fr", <lang>.tsv over it. Returns false and fills
    // *error when the French file is missing or a line is malformed.
    bool load(const std::string& dir, const std::string& lang, std::string* error);
    // The text for key; the key itself (visible, so a missing text is noticed) if unknown.
    const char* get(const char* key) const;
    bool has(const char* key) const;
    const std::string& language() const { return lang_; }
    std::vector<std::string> keys() const;

private:
    bool load_file(const std::string& path, std::string* error);
    std::unordered_map<std::string, std::string> texts_;
    std::string lang_ = "fr";
};

// The catalog used by tr(); set once at start-up.
void set_catalog(const Catalog* catalog);
std::string current_language(); // "fr" when no catalog is set
const char* tr(const char* key);
// tr() with {0}, {1}... replaced by args.
std::string trf(const char* key, const std::vector<std::string>& args);

} // namespace amorce::ui
