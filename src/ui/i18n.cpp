#include "ui/i18n.hpp"

#include <fstream>

namespace amorce::ui {

namespace {
const Catalog* g_catalog = nullptr;

std::string unescape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char c = s[++i];
            if (c == 'n') out += '\n';
            else if (c == 't') out += '\t';
            else out += c;
        } else {
            out += s[i];
        }
    }
    return out;
}
} // namespace

bool Catalog::load_file(const std::string& path, std::string* error) {
    std::ifstream in(path);
    if (!in) {
        if (error) *error = "cannot read translation file " + path;
        return false;
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const size_t tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) {
            if (error) *error = path + ":" + std::to_string(number) + ": expected key<TAB>text";
            return false;
        }
        texts_[line.substr(0, tab)] = unescape(line.substr(tab + 1));
    }
    return true;
}

bool Catalog::load(const std::string& dir, const std::string& lang, std::string* error) {
    texts_.clear();
    lang_ = lang;
    if (!load_file(dir + "/fr.tsv", error)) return false;
    if (lang != "fr" && !load_file(dir + "/" + lang + ".tsv", error)) return false;
    return true;
}

const char* Catalog::get(const char* key) const {
    auto it = texts_.find(key);
    return it == texts_.end() ? key : it->second.c_str();
}

bool Catalog::has(const char* key) const { return texts_.count(key) != 0; }

std::vector<std::string> Catalog::keys() const {
    std::vector<std::string> out;
    for (const auto& kv : texts_) out.push_back(kv.first);
    return out;
}

void set_catalog(const Catalog* catalog) { g_catalog = catalog; }
std::string current_language() { return g_catalog ? g_catalog->language() : std::string("fr"); }

const char* tr(const char* key) { return g_catalog ? g_catalog->get(key) : key; }

std::string trf(const char* key, const std::vector<std::string>& args) {
    std::string text = tr(key);
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string token = "{" + std::to_string(i) + "}";
        for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + args[i].size()))
            text.replace(pos, token.size(), args[i]);
    }
    return text;
}

} // namespace amorce::ui
