#include "core/synthesis.hpp"

#include "core/photolangage.hpp"
#include "core/session.hpp"
#include "core/tsv.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

namespace amorce::core {

namespace {

const char* const kNbsp = "\xC2\xA0"; // U+00A0

// [SECTION] UTF-8 helpers

// Length in bytes of the UTF-8 sequence starting with `c` (1 for ASCII and stray bytes).
size_t sequence_length(unsigned char c) {
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 1;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Trims ASCII spaces, line breaks and non-breaking spaces at both ends.
std::string trim(const std::string& s) {
    size_t a = 0, b = s.size();
    for (;;) {
        if (a < b && is_ascii_space(s[a])) ++a;
        else if (b - a >= 2 && s.compare(a, 2, kNbsp) == 0) a += 2;
        else break;
    }
    for (;;) {
        if (b > a && is_ascii_space(s[b - 1])) --b;
        else if (b - a >= 2 && s.compare(b - 2, 2, kNbsp) == 0) b -= 2;
        else break;
    }
    return s.substr(a, b - a);
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool ends_with(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// Lower-case letter at s[i] (ASCII a-z, or Latin-1 à..þ as C3 A0..BE, or œ C5 93)?
bool lower_letter_at(const std::string& s, size_t i) {
    if (i >= s.size()) return false;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') return true;
    if (i + 1 >= s.size()) return false;
    const unsigned char d = static_cast<unsigned char>(s[i + 1]);
    return (c == 0xC3 && d >= 0xA0 && d <= 0xBE && d != 0xB7) || (c == 0xC5 && d == 0x93);
}

// The first letter in capitals (« la personne a… » -> « La personne a… »); other text unchanged.
std::string upper_first(std::string s) {
    if (s.empty() || !lower_letter_at(s, 0)) return s;
    const size_t n = sequence_length(static_cast<unsigned char>(s[0]));
    return to_upper_fr(s.substr(0, n)) + s.substr(n);
}

// The first letter in lower case when the second one is lower case too (« Commis de cuisine » ->
// « commis de cuisine », « Électricien » -> « électricien », but « CAP cuisine » and « VAE » stay).
std::string lower_first(std::string s) {
    if (s.empty()) return s;
    const unsigned char c = static_cast<unsigned char>(s[0]);
    const size_t n = sequence_length(c);
    if (!lower_letter_at(s, n)) return s;
    if (c >= 'A' && c <= 'Z') {
        s[0] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && n == 2) {
        const unsigned char d = static_cast<unsigned char>(s[1]);
        if (d >= 0x80 && d <= 0x9E && d != 0x97) s[1] = static_cast<char>(d + 0x20);
    } else if (c == 0xC5 && n == 2 && static_cast<unsigned char>(s[1]) == 0x92) {
        s[1] = static_cast<char>(0x93); // Œ -> œ
    }
    return s;
}

// Replaces {0}..{9} by the arguments.
std::string fill(const std::string& pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size() + 32);
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i + 1])) &&
            pattern[i + 2] == '}') {
            const size_t k = static_cast<size_t>(pattern[i + 1] - '0');
            if (k < args.size()) {
                out += args[k];
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

// French elision of "de" before a vowel in a date phrase: « de avril » -> « d’avril », « de août » -> « d’août ».
bool vowel_at(const std::string& s, size_t i) {
    if (i >= s.size()) return false;
    const char c = s[i];
    if (c != '\0' && std::strchr("aeiouyAEIOUY", c)) return true;
    if (i + 1 >= s.size() || static_cast<unsigned char>(c) != 0xC3) return false;
    const unsigned char d = static_cast<unsigned char>(s[i + 1]);
    return (d >= 0xA0 && d <= 0xAF) || (d >= 0xB2 && d <= 0xBC) || (d >= 0x80 && d <= 0x8F);
}
std::string elide_de(std::string s) {
    for (size_t at = 0; (at = s.find("de ", at)) != std::string::npos;) {
        const bool word_start = at == 0 || s[at - 1] == ' ';
        if (word_start && vowel_at(s, at + 3)) {
            s.replace(at, 3, "d\xE2\x80\x99");
            at += 4;
        } else {
            at += 3;
        }
    }
    return s;
}

} // namespace

// [SECTION] Text helpers

std::string clean_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    const size_t n = text.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c == '\r') {
                out += '\n';
                i += (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            if (c == '\n') out += '\n';
            else if (c == '\t') out += ' ';
            else if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);
            ++i;
            continue;
        }
        // A complete, valid sequence is kept (C1 controls U+0080-U+009F, C2 80..9F, are not).
        const size_t len = sequence_length(c);
        const std::string seq = text.substr(i, len);
        if (len > 1 && seq.size() == len && is_valid_utf8(seq) &&
            !(c == 0xC2 && static_cast<unsigned char>(seq[1]) < 0xA0)) {
            out += seq;
            i += len;
        } else {
            ++i; // invalid or control: dropped
        }
    }
    return out;
}

bool is_blank_text(const std::string& text) { return trim(text).empty(); }

std::string typeset_inline(const std::string& text) {
    std::string s = clean_text(text);
    for (char& c : s)
        if (c == '\n') c = ' ';
    s = trim(s);
    std::string out;
    out.reserve(s.size() + 8);
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\'') {
            out += "\xE2\x80\x99";
        } else if (c == ' ' && i + 1 < s.size() &&
                   (std::strchr(":;?!", s[i + 1]) || s.compare(i + 1, 2, "\xC2\xBB") == 0)) {
            out += kNbsp;
        } else if (c == ' ' && i >= 2 && s.compare(i - 2, 2, "\xC2\xAB") == 0) {
            out += kNbsp;
        } else {
            out += c;
        }
    }
    return out;
}

// [SECTION] Sections

const char* section_key(SectionId id) {
    switch (id) {
    case SectionId::ParcoursFormation: return "parcours_formation";
    case SectionId::ParcoursPro: return "parcours_pro";
    case SectionId::Competences: return "competences";
    case SectionId::Projets: return "projets";
    case SectionId::Freins: return "freins";
    case SectionId::Paroles: return "paroles";
    case SectionId::Preconisations: return "preconisations";
    }
    return "parcours_formation";
}

std::optional<SectionId> section_from_key(const std::string& key) {
    for (SectionId id : kSections)
        if (key == section_key(id)) return id;
    return std::nullopt;
}

// [SECTION] Recommendations

const char* priority_key(Priority p) {
    switch (p) {
    case Priority::High: return "high";
    case Priority::Medium: return "medium";
    case Priority::Low: return "low";
    }
    return "medium";
}

std::optional<Priority> priority_from_key(const std::string& key) {
    for (Priority p : kPriorities)
        if (key == priority_key(p)) return p;
    return std::nullopt;
}

int Synthesis::recommendation_index(const std::string& key) const {
    for (size_t i = 0; i < recommendations.size(); ++i)
        if (recommendations[i].key == key) return static_cast<int>(i);
    return -1;
}

const Recommendation* Synthesis::find_recommendation(const std::string& key) const {
    const int i = recommendation_index(key);
    return i < 0 ? nullptr : &recommendations[static_cast<size_t>(i)];
}

bool Synthesis::empty() const {
    for (const auto& s : sections)
        if (!s.text.empty() || !s.drafted.empty()) return false;
    return recommendations.empty() && finalized_by.empty() && finalized_at == 0;
}

void normalize_synthesis(Synthesis& s) {
    std::set<std::string> seen;
    auto& list = s.recommendations;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const Recommendation& r) { return r.key.empty() || !seen.insert(r.key).second; }),
               list.end());
}

namespace {
bool valid_catalogue_key(const std::string& key) {
    if (key.empty()) return false;
    for (unsigned char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}
} // namespace

std::optional<std::vector<RecommendationType>> load_recommendation_catalogue(const std::string& path,
                                                                             std::string* error) {
    std::vector<RecommendationType> out;
    std::string problem;
    const auto stop = [&](std::string message) {
        problem = std::move(message);
        return false;
    };
    const bool opened = read_tsv_lines(path, [&](int number, const std::string& line) {
        const std::string where = path + ":" + std::to_string(number) + ": ";
        if (!is_valid_utf8(line)) return stop(where + "not UTF-8");
        const std::vector<std::string> f = split_tabs(line);
        if (f.size() < 2) return stop(where + "expected key<TAB>label[<TAB>condition[<TAB>hint]]");
        if (f.size() > 4) return stop(where + "more than 4 fields");
        RecommendationType t;
        t.key = f[0];
        t.label = f[1];
        if (f.size() > 2) t.condition = f[2];
        if (f.size() > 3) t.hint = f[3];
        if (!valid_catalogue_key(t.key)) return stop(where + "bad key '" + t.key + "' (a-z, 0-9, _)");
        if (trim(t.label).empty()) return stop(where + "empty label for '" + t.key + "'");
        if (!t.condition.empty()) {
            int n = 0;
            const std::string digits = starts_with(t.condition, "age<") ? t.condition.substr(4) : "";
            if (digits.empty() || digits.size() > 3 ||
                !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return stop(where + "unknown condition '" + t.condition + "' (expected age<N)");
            n = std::stoi(digits);
            if (n <= 0) return stop(where + "unknown condition '" + t.condition + "' (expected age<N)");
            t.max_age = n;
        }
        if (find_recommendation_type(out, t.key)) return stop(where + "duplicate key '" + t.key + "'");
        out.push_back(std::move(t));
        return true;
    });
    if (!opened) problem = "cannot read recommendation catalogue " + path;
    if (!problem.empty()) {
        if (error) *error = problem;
        return std::nullopt;
    }
    return out;
}

const RecommendationType* find_recommendation_type(const std::vector<RecommendationType>& catalogue,
                                                   const std::string& key) {
    for (const auto& t : catalogue)
        if (t.key == key) return &t;
    return nullptr;
}

std::optional<int> age_at_interview(const Session& s) {
    const Date birth = s.participant.birth_date;
    const Date on = s.interview_date();
    if (!birth.is_set() || !is_valid_date(birth.year, birth.month, birth.day) || on < birth) return std::nullopt;
    return age_on(birth, on);
}

bool condition_holds(const RecommendationType& t, const Session& s) {
    if (t.max_age <= 0) return true;
    const auto age = age_at_interview(s);
    return !age || *age < t.max_age;
}

Recommendation make_recommendation(const RecommendationType& t, Priority priority, std::string text) {
    return Recommendation{t.key, t.label, priority, std::move(text)};
}

// [SECTION] Phrases

std::string Phrases::get(const std::string& key) const {
    const auto it = map_.find(key);
    return it == map_.end() ? "[" + key + "]" : it->second;
}

std::string Phrases::format(const std::string& key, const std::vector<std::string>& args) const {
    return fill(get(key), args);
}

std::vector<std::string> Phrases::keys() const {
    std::vector<std::string> out;
    out.reserve(map_.size());
    for (const auto& [k, v] : map_) out.push_back(k);
    return out;
}

std::optional<Phrases> load_phrases(const std::string& path, std::string* error) {
    Phrases out;
    std::string problem;
    const auto stop = [&](std::string message) {
        problem = std::move(message);
        return false;
    };
    const bool opened = read_tsv_lines(path, [&](int number, const std::string& line) {
        const std::string where = path + ":" + std::to_string(number) + ": ";
        if (!is_valid_utf8(line)) return stop(where + "not UTF-8");
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) return stop(where + "expected key<TAB>text");
        const std::string key = line.substr(0, tab);
        const std::string text = line.substr(tab + 1);
        if (key.empty()) return stop(where + "empty key");
        if (key.find(' ') != std::string::npos) return stop(where + "space in key '" + key + "'");
        if (text.empty()) return stop(where + "empty text for '" + key + "'");
        if (text.find('\t') != std::string::npos) return stop(where + "more than one tab");
        if (out.has(key)) return stop(where + "duplicate key '" + key + "'");
        out.set(key, text);
        return true;
    });
    if (!opened) problem = "cannot read phrases " + path;
    if (!problem.empty()) {
        if (error) *error = problem;
        return std::nullopt;
    }
    return out;
}

const std::vector<std::string>& required_phrase_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (SectionId id : kSections) k.push_back(std::string("section.") + section_key(id));
        for (Priority p : kPriorities) k.push_back(std::string("priority.") + priority_key(p));
        for (int m = 1; m <= 12; ++m) k.push_back("date.month." + std::to_string(m));
        for (int l = 1; l <= kMaxLevel; ++l) k.push_back("level." + std::to_string(l));
        for (Contract c : kContracts)
            if (c != Contract::Unknown) k.push_back(std::string("contract.") + contract_key(c));
        for (const char* r : {"R", "I", "A", "S", "E", "C"}) k.push_back(std::string("riasec.") + r);
        for (const char* key : {
                 "person.default", "person.age", "person.prevenu", "person.condamne",
                 "date.approx", "period.range", "period.range_same_year", "period.since", "period.at",
                 "duration.years.1", "duration.years.n", "duration.months.1", "duration.months.n", "duration.both",
                 "list.join", "list.join_last", "list.join_strong", "quote", "level.short", "level.unknown",
                 "worktime.full", "worktime.part", "employer",
                 "frise.unused", "frise.no_training", "frise.training", "frise.training_untitled",
                 "frise.training_level", "frise.diploma_yes", "frise.diploma_no", "frise.highest",
                 "frise.no_diploma", "frise.no_job", "frise.job", "frise.job_ongoing", "frise.job_untitled",
                 "frise.job_untitled_ongoing", "frise.total", "frise.longest", "frise.longest_untitled",
                 "frise.last_end", "frise.last_ongoing", "frise.no_work", "frise.no_work_title", "frise.gaps",
                 "frise.gap", "frise.gap_item", "frise.no_gap", "frise.jobs_done", "frise.rome", "frise.projects",
                 "frise.project_item", "frise.project_untitled", "frise.far_from_work", "frise.never_worked",
                 "supports.unused", "supports.no_strength_board", "supports.no_strengths", "supports.strengths",
                 "supports.no_obstacle_board", "supports.no_obstacles", "supports.obstacles", "supports.low_scales",
                 "supports.wishes", "supports.jobs", "supports.code", "supports.not_for_me", "supports.values",
                 "supports.priorities", "supports.scales", "supports.scale_item", "supports.no_projects",
                 "photos.unused", "photos.none_chosen", "photos.first", "photos.first_no_question", "photos.other",
                 "photos.no_words", "photos.no_words_no_question", "photos.count.1", "photos.count.2",
                 "photos.count.3", "photos.round_empty",
                 "preco.suggested", "preco.chosen", "preco.other_leads", "preco.none", "preco.no_tool",
                 "why.obstacle", "why.wish", "why.priority", "why.age", "why.no_diploma", "why.experience",
                 "why.jobs", "why.scale", "draft.empty"})
            k.push_back(key);
        return k;
    }();
    return keys;
}

std::vector<std::string> missing_phrase_keys(const Phrases& p) {
    std::vector<std::string> out;
    for (const auto& k : required_phrase_keys())
        if (!p.has(k)) out.push_back(k);
    return out;
}

std::optional<SynthesisAssets> load_synthesis_assets(const std::string& assets_dir, std::string* error) {
    SynthesisAssets a;
    auto phrases = load_phrases(assets_dir + "/synthesis/phrases.fr.tsv", error);
    if (!phrases) return std::nullopt;
    const auto missing = missing_phrase_keys(*phrases);
    if (!missing.empty()) {
        if (error) {
            *error = assets_dir + "/synthesis/phrases.fr.tsv: missing";
            for (const auto& k : missing) *error += " " + k;
        }
        return std::nullopt;
    }
    auto catalogue = load_recommendation_catalogue(assets_dir + "/synthesis/preconisations.tsv", error);
    if (!catalogue) return std::nullopt;
    a.phrases = std::move(*phrases);
    a.catalogue = std::move(*catalogue);
    return a;
}

// [SECTION] Drafting

std::string DraftSection::text() const {
    std::string out;
    for (const auto& paragraph : paragraphs) {
        if (!out.empty()) out += "\n\n";
        for (size_t i = 0; i < paragraph.size(); ++i) {
            if (i) out += ' ';
            out += paragraph[i];
        }
    }
    return out;
}

std::vector<std::string> DraftSection::sentences() const {
    std::vector<std::string> out;
    for (const auto& paragraph : paragraphs) out.insert(out.end(), paragraph.begin(), paragraph.end());
    return out;
}

void DraftSection::add(std::vector<std::string> paragraph) {
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
}

DraftContext::DraftContext(const Session& s, const SynthesisAssets& a)
    : session(s), assets(a), phrases(a.phrases), interview(s.interview_date()) {
    interview_month = month_index(interview);
    age = age_at_interview(s);
    name = typeset_inline(s.participant.first_name);
    if (name.empty()) name = phrases.get("person.default");
    facts = derive_facts(s, interview);
    boards = derive_board_results(s);
}

namespace {

// Shared wording helpers over the phrases.
struct Words {
    const Phrases& p;

    // A whole sentence: the template filled, first letter in capitals.
    std::string sentence(const std::string& key, const std::vector<std::string>& args) const {
        return upper_first(p.format(key, args));
    }
    std::string quote(const std::string& text) const { return p.format("quote", {text}); }

    // "a, b et c"; "a ; b et c" when an item holds a comma outside « » and ( ).
    std::string list(const std::vector<std::string>& items) const {
        if (items.empty()) return {};
        bool strong = false;
        for (const auto& item : items) {
            int depth = 0;
            for (size_t i = 0; i < item.size(); ++i) {
                if (item[i] == '(' || item.compare(i, 2, "\xC2\xAB") == 0) ++depth;
                else if (item[i] == ')' || item.compare(i, 2, "\xC2\xBB") == 0) --depth;
                else if (item[i] == ',' && depth <= 0) strong = true;
            }
        }
        std::string out = items[0];
        for (size_t i = 1; i < items.size(); ++i)
            out = p.format(i + 1 == items.size() ? "list.join_last" : (strong ? "list.join_strong" : "list.join"),
                           {out, items[i]});
        return out;
    }

    std::string duration(int months) const {
        const int y = months / 12, m = months % 12;
        const std::string years = y == 1 ? p.get("duration.years.1") : p.format("duration.years.n", {std::to_string(y)});
        const std::string mons = m == 1 ? p.get("duration.months.1") : p.format("duration.months.n", {std::to_string(m)});
        if (y == 0) return mons;
        if (m == 0) return years;
        return p.format("duration.both", {years, mons});
    }

    std::string month_name(int month) const { return p.get("date.month." + std::to_string(month)); }

    std::string date(const FuzzyDate& d) const {
        std::string text = std::to_string(d.year);
        if (d.has_month()) text = month_name(d.month) + " " + text;
        return d.approximate ? p.format("date.approx", {text}) : text;
    }

    // "de septembre 2012 à août 2014", "de février à août 2010", "depuis 2020", "en 2015".
    std::string period(const FuzzyDate& start, const FuzzyDate& end, bool open) const {
        if (!end.is_set()) return open ? elide_de(p.format("period.since", {date(start)})) : p.format("period.at", {date(start)});
        if (end == start || (start.year == end.year && !start.has_month() && !end.has_month() &&
                             start.approximate == end.approximate))
            return p.format("period.at", {date(start)});
        if (start.year == end.year && start.has_month() && end.has_month() && !start.approximate && !end.approximate)
            return elide_de(p.format("period.range_same_year",
                                     {month_name(start.month), month_name(end.month), std::to_string(end.year)}));
        return elide_de(p.format("period.range", {date(start), date(end)}));
    }
    std::string period(const TimelineEpisode& e) const { return period(e.start, e.end, !e.is_event()); }
};

// Episodes of a lane, periods only (or events too), started by the interview, in date order.
std::vector<const TimelineEpisode*> lane_episodes(const Session& s, Lane lane, int until_month, bool events,
                                                  bool future = false) {
    std::vector<const TimelineEpisode*> out;
    for (const auto& e : s.timeline.episodes)
        if (e.lane == lane && e.start.is_set() && (events || !e.is_event()) && (future || e.first_month() <= until_month))
            out.push_back(&e);
    std::stable_sort(out.begin(), out.end(), [](const TimelineEpisode* a, const TimelineEpisode* b) {
        return a->first_month() < b->first_month();
    });
    return out;
}

std::string job_title(const TimelineEpisode& e) {
    const std::string t = typeset_inline(e.job.title);
    return t.empty() ? typeset_inline(e.title) : t;
}
std::string training_title(const TimelineEpisode& e) {
    const std::string t = typeset_inline(e.training.title);
    return t.empty() ? typeset_inline(e.title) : t;
}

// « CAP cuisine (niveau 3), diplôme obtenu »
std::string training_phrase(const Words& w, const TimelineEpisode& e) {
    std::string title = training_title(e);
    if (title.empty()) title = w.p.get("frise.training_untitled");
    if (e.training.level > 0)
        title = w.p.format("frise.training_level", {title, w.p.format("level.short", {std::to_string(e.training.level)})});
    if (e.training.diploma == Answer::Yes || (e.is_event() && e.event == EventType::Diploma && e.training.diploma != Answer::No))
        return w.p.format("frise.diploma_yes", {title});
    if (e.training.diploma == Answer::No) return w.p.format("frise.diploma_no", {title});
    return title;
}

// How a board card reads in a third-person sentence: its phrase « card.<id> » (« Mon logement »
// -> « le logement »), a job card's label (« Cuisinier, cuisinière » -> « cuisinier/cuisinière »),
// else the card as the person saw it, quoted.
std::string card_words(const Words& w, const std::string& card_id, const std::string& label, bool job) {
    if (w.p.has("card." + card_id)) return w.p.get("card." + card_id);
    const std::string text = typeset_inline(label);
    if (job) {
        std::string out = lower_first(text);
        for (size_t at = 0; (at = out.find(", ", at)) != std::string::npos;) out.replace(at, 2, "/");
        return out;
    }
    return w.quote(text);
}

const BoardCard* card_of(const Session& s, const RankedCard& r) {
    const Board* b = find_board(s, r.board_id);
    return b ? b->find_card(r.card_id) : nullptr;
}

std::vector<std::string> card_list(const Words& w, const Session& s, const std::vector<RankedCard>& cards) {
    std::vector<std::string> out;
    for (const auto& r : cards) {
        const BoardCard* card = card_of(s, r);
        const bool job = card && !card->riasec.empty();
        const bool custom = card && card->custom;
        out.push_back(custom ? w.quote(typeset_inline(r.label)) : card_words(w, r.card_id, r.label, job));
    }
    return out;
}

std::string scale_words(const Words& w, const ScaleResult& r) {
    if (w.p.has("scale." + r.scale_id)) return w.p.get("scale." + r.scale_id);
    return w.quote(typeset_inline(r.label));
}

bool has_role(const Session& s, ColumnRole role) {
    for (const Board& b : s.boards)
        for (const BoardColumn& c : b.columns)
            if (c.role == role) return true;
    return false;
}

bool tools_used(const Session& s) {
    return !s.timeline.episodes.empty() || !s.boards.empty() || !s.photolangage.empty();
}

} // namespace

void draft_from_participant(const DraftContext& c, Draft& d) {
    const Words w{c.phrases};
    std::vector<std::string> para;
    if (c.age && *c.age >= 0 && *c.age <= 130)
        para.push_back(w.sentence("person.age", {c.name, std::to_string(*c.age)}));
    if (c.session.participant.legal_status == LegalStatus::Prevenu) para.push_back(w.sentence("person.prevenu", {c.name}));
    if (c.session.participant.legal_status == LegalStatus::Condamne) para.push_back(w.sentence("person.condamne", {c.name}));
    d[SectionId::Projets].add(std::move(para));
}

void draft_from_timeline(const DraftContext& c, Draft& d) {
    const Words w{c.phrases};
    const Session& s = c.session;
    if (s.timeline.episodes.empty()) {
        d[SectionId::ParcoursFormation].add({w.sentence("frise.unused", {c.name})});
        d[SectionId::ParcoursPro].add({w.sentence("frise.unused", {c.name})});
        return;
    }
    const int now = c.interview_month;

    // Parcours scolaire et formation: each training (and diploma event) in date order, then the highest diploma.
    {
        std::vector<std::string> para;
        std::vector<const TimelineEpisode*> items;
        for (const auto& e : s.timeline.episodes)
            if (e.start.is_set() && e.first_month() <= now &&
                ((e.lane == Lane::Education && !e.is_event()) || (e.is_event() && e.event == EventType::Diploma)))
                items.push_back(&e);
        std::stable_sort(items.begin(), items.end(), [](const TimelineEpisode* a, const TimelineEpisode* b) {
            return a->first_month() < b->first_month();
        });
        for (const TimelineEpisode* e : items)
            para.push_back(w.sentence("frise.training", {w.period(*e), training_phrase(w, *e)}));
        if (items.empty()) {
            para.push_back(w.sentence("frise.no_training", {c.name}));
        } else if (const auto& h = c.facts.highest_diploma) {
            std::string title = typeset_inline(h->title);
            if (title.empty()) title = w.p.get("frise.training_untitled");
            const std::string level = h->level > 0 ? w.p.get("level." + std::to_string(h->level)) : w.p.get("level.unknown");
            para.push_back(w.sentence("frise.highest", {title, level}));
        } else {
            para.push_back(w.sentence("frise.no_diploma", {c.name}));
        }
        d[SectionId::ParcoursFormation].add(std::move(para));
    }

    // Parcours professionnel: jobs, totals, periods without work, gaps.
    const auto jobs = lane_episodes(s, Lane::Employment, now, false);
    {
        std::vector<std::string> para;
        for (const TimelineEpisode* e : jobs) {
            std::string details;
            if (e->job.contract != Contract::Unknown)
                details += " " + w.p.get(std::string("contract.") + contract_key(e->job.contract));
            if (e->job.work_time == WorkTime::Full) details += " " + w.p.get("worktime.full");
            if (e->job.work_time == WorkTime::Part) details += " " + w.p.get("worktime.part");
            const std::string employer = typeset_inline(e->job.employer);
            if (!employer.empty()) details += " " + w.p.format("employer", {employer});
            const std::string title = lower_first(job_title(*e));
            const bool ongoing = e->ongoing() && e->last_month(now) >= now;
            const char* key = title.empty() ? (ongoing ? "frise.job_untitled_ongoing" : "frise.job_untitled")
                                            : (ongoing ? "frise.job_ongoing" : "frise.job");
            para.push_back(w.sentence(key, {w.period(*e), c.name, title, details}));
        }
        if (jobs.empty()) para.push_back(w.sentence("frise.no_job", {c.name}));
        d[SectionId::ParcoursPro].add(std::move(para));
    }
    if (!jobs.empty()) {
        std::vector<std::string> para;
        if (c.facts.months_employed > 0)
            para.push_back(w.sentence("frise.total", {c.name, w.duration(c.facts.months_employed)}));
        if (jobs.size() > 1 && c.facts.longest_job) {
            const std::string title = lower_first(typeset_inline(c.facts.longest_job->title));
            para.push_back(title.empty() ? w.sentence("frise.longest_untitled", {w.duration(c.facts.longest_job->months)})
                                         : w.sentence("frise.longest", {w.duration(c.facts.longest_job->months), title}));
        }
        if (const auto& last = c.facts.last_job_end) {
            if (last->ongoing) para.push_back(w.sentence("frise.last_ongoing", {c.name}));
            else para.push_back(w.sentence("frise.last_end", {w.p.format("period.at", {w.date(last->end)})}));
        }
        d[SectionId::ParcoursPro].add(std::move(para));
    }
    {
        std::vector<std::string> para;
        for (const TimelineEpisode* e : lane_episodes(s, Lane::NoWork, now, false)) {
            const std::string title = lower_first(typeset_inline(e->title));
            const std::string what = title.empty() ? std::string() : " " + w.p.format("frise.no_work_title", {title});
            para.push_back(w.sentence("frise.no_work", {w.period(*e), what}));
        }
        d[SectionId::ParcoursPro].add(std::move(para));
    }
    {
        std::vector<std::string> items;
        for (const Gap& g : c.facts.gaps)
            items.push_back(w.p.format("frise.gap_item", {w.period(g.start(), g.end(), true), w.duration(g.months())}));
        if (items.empty()) {
            if (s.participant.birth_date.is_set())
                d[SectionId::ParcoursPro].add({w.sentence("frise.no_gap", {std::to_string(kMinGapMonths)})});
        } else {
            d[SectionId::ParcoursPro].add({w.sentence(items.size() == 1 ? "frise.gap" : "frise.gaps", {w.list(items)})});
        }
    }

    // Compétences: the jobs already done, with their ROME codes.
    {
        std::vector<std::string> items;
        std::set<std::string> seen;
        for (const TimelineEpisode* e : jobs) {
            const std::string title = lower_first(job_title(*e));
            if (title.empty()) continue;
            const std::string code = e->job.rome_code;
            const std::string item = code.empty() ? title : w.p.format("frise.rome", {title, code});
            if (seen.insert(item).second) items.push_back(item);
        }
        if (!items.empty()) d[SectionId::Competences].add({w.sentence("frise.jobs_done", {w.list(items)})});
    }

    // Projets: the projects lane.
    {
        std::vector<std::string> items;
        for (const TimelineEpisode* e : lane_episodes(s, Lane::Projects, now, true, true)) {
            std::string title = lower_first(typeset_inline(display_title(*e)));
            if (title.empty()) title = w.p.get("frise.project_untitled");
            items.push_back(w.p.format("frise.project_item", {title, w.period(*e)}));
        }
        if (!items.empty()) d[SectionId::Projets].add({w.sentence("frise.projects", {w.list(items)})});
    }

    // Freins: far from work, or no work at all.
    if (jobs.empty()) {
        d[SectionId::Freins].add({w.sentence("frise.never_worked", {c.name})});
    } else if (const auto& last = c.facts.last_job_end; last && !last->ongoing && last->end.is_set()) {
        const int months = now - last->end.last_month();
        if (months >= 12) d[SectionId::Freins].add({w.sentence("frise.far_from_work", {w.duration(months)})});
    }
}

void draft_from_boards(const DraftContext& c, Draft& d) {
    const Words w{c.phrases};
    const Session& s = c.session;
    const BoardResults& r = c.boards;
    if (s.boards.empty()) {
        for (SectionId id : {SectionId::Competences, SectionId::Projets, SectionId::Freins})
            d[id].add({w.sentence("supports.unused", {c.name})});
        return;
    }
    // Compétences: strengths.
    if (!has_role(s, ColumnRole::Strength)) d[SectionId::Competences].add({w.sentence("supports.no_strength_board", {c.name})});
    else if (r.strengths.empty()) d[SectionId::Competences].add({w.sentence("supports.no_strengths", {c.name})});
    else d[SectionId::Competences].add({w.sentence("supports.strengths", {c.name, w.list(card_list(w, s, r.strengths))})});

    // Projets: wishes, jobs, values, priorities, scales.
    {
        std::vector<std::string> para;
        if (!r.wishes.empty()) para.push_back(w.sentence("supports.wishes", {w.list(card_list(w, s, r.wishes)), c.name}));
        if (!r.interested.empty())
            para.push_back(w.sentence("supports.jobs", {c.name, w.list(card_list(w, s, r.interested))}));
        if (!r.interest_code.empty()) {
            std::string code;
            std::vector<std::string> words;
            for (char letter : r.interest_code) {
                if (!code.empty()) code += '-';
                code += letter;
                words.push_back(w.p.get(std::string("riasec.") + letter));
            }
            para.push_back(w.sentence("supports.code", {code, w.list(words)}));
        }
        if (!r.not_for_me.empty()) para.push_back(w.sentence("supports.not_for_me", {w.list(card_list(w, s, r.not_for_me)), c.name}));
        if (!r.top_values.empty()) para.push_back(w.sentence("supports.values", {c.name, w.list(card_list(w, s, r.top_values))}));
        if (!r.priorities.empty()) para.push_back(w.sentence("supports.priorities", {w.list(card_list(w, s, r.priorities)), c.name}));
        if (!r.scales.empty()) {
            std::vector<std::string> items;
            for (const auto& sc : r.scales)
                items.push_back(w.p.format("supports.scale_item", {scale_words(w, sc), std::to_string(sc.value)}));
            para.push_back(w.sentence("supports.scales", {w.list(items), c.name}));
        }
        if (para.empty()) para.push_back(w.sentence("supports.no_projects", {c.name}));
        d[SectionId::Projets].add(std::move(para));
    }

    // Freins: obstacles, low scales.
    {
        std::vector<std::string> para;
        if (!has_role(s, ColumnRole::Obstacle)) para.push_back(w.sentence("supports.no_obstacle_board", {c.name}));
        else if (r.obstacles.empty()) para.push_back(w.sentence("supports.no_obstacles", {c.name}));
        else para.push_back(w.sentence("supports.obstacles", {w.list(card_list(w, s, r.obstacles)), c.name}));
        std::vector<std::string> low;
        for (const auto& sc : r.scales)
            if (sc.value <= 3) low.push_back(w.p.format("supports.scale_item", {scale_words(w, sc), std::to_string(sc.value)}));
        if (!low.empty()) para.push_back(w.sentence("supports.low_scales", {w.list(low), c.name}));
        d[SectionId::Freins].add(std::move(para));
    }
}

namespace {
// The person's words for a quote: one line, typography fixed, outer « » removed (the template adds them).
std::string quoted_words(const std::string& words) {
    std::string t = typeset_inline(words);
    if (starts_with(t, "\xC2\xAB") && ends_with(t, "\xC2\xBB") && t.find("\xC2\xAB", 2) == std::string::npos &&
        t.find("\xC2\xBB") == t.size() - 2)
        t = trim(t.substr(2, t.size() - 4));
    return t;
}
// The question as it sits inside a sentence: without its final period (« … votre parcours »), ? and ! kept.
std::string question(const std::string& prompt) {
    std::string q = typeset_inline(prompt);
    while (!q.empty() && q.back() == '.' && !ends_with(q, "...")) q = trim(q.substr(0, q.size() - 1));
    return q;
}
// A sentence ending with a quote gets its period only when the quote does not end a sentence itself.
std::string close_quote(std::string sentence, const std::string& words) {
    const bool punctuated = ends_with(words, ".") || ends_with(words, "!") || ends_with(words, "?") ||
                            ends_with(words, "\xE2\x80\xA6");
    if (!punctuated && ends_with(sentence, "\xC2\xBB")) sentence += '.';
    return sentence;
}
} // namespace

void draft_from_photolangage(const DraftContext& c, Draft& d) {
    const Words w{c.phrases};
    const Session& s = c.session;
    DraftSection& out = d[SectionId::Paroles];
    if (s.photolangage.empty()) {
        out.add({w.sentence("photos.unused", {c.name})});
        return;
    }
    if (all_choices(s).empty()) {
        out.add({w.sentence("photos.none_chosen", {c.name})});
        return;
    }
    for (const PhotoRound& round : s.photolangage) {
        const std::string q = question(round.prompt_text);
        std::vector<const PhotoChoice*> chosen;
        for (const auto& slot : round.slots)
            if (slot) chosen.push_back(&*slot);
        std::vector<std::string> para;
        if (chosen.empty()) {
            if (!q.empty()) para.push_back(w.sentence("photos.round_empty", {q, c.name}));
            out.add(std::move(para));
            continue;
        }
        bool first = true;
        for (const PhotoChoice* choice : chosen) {
            const std::string words = quoted_words(choice->words);
            if (words.empty()) continue;
            std::string sentence = first ? (q.empty() ? w.sentence("photos.first_no_question", {c.name, words})
                                                      : w.sentence("photos.first", {q, c.name, words}))
                                         : w.sentence("photos.other", {words});
            para.push_back(close_quote(std::move(sentence), words));
            first = false;
        }
        if (para.empty()) {
            const std::string count = w.p.get("photos.count." + std::to_string(std::clamp(static_cast<int>(chosen.size()), 1, 3)));
            para.push_back(q.empty() ? w.sentence("photos.no_words_no_question", {c.name, count})
                                     : w.sentence("photos.no_words", {q, c.name, count}));
        }
        out.add(std::move(para));
    }
}

void draft_from_recommendations(const DraftContext& c, Draft& d) {
    const Words w{c.phrases};
    DraftSection& out = d[SectionId::Preconisations];
    const auto suggestions = suggest_recommendations(c.session, c.assets, true);
    auto label_of = [&](const std::string& key, const std::string& label) {
        return w.p.has("preconisation." + key) ? w.p.get("preconisation." + key) : lower_first(typeset_inline(label));
    };
    const auto& chosen = c.session.synthesis.recommendations;
    if (!chosen.empty()) {
        // Once the counsellor has chosen, the comment follows the choice; the tools' other leads
        // are named after it, never presented as the recommendations.
        std::vector<std::string> labels, others;
        for (const auto& r : chosen) labels.push_back(label_of(r.key, r.label));
        for (const auto& sug : suggestions)
            if (!c.session.synthesis.find_recommendation(sug.key)) others.push_back(label_of(sug.key, sug.label));
        std::vector<std::string> paragraph{w.sentence("preco.chosen", {w.list(labels), c.name})};
        if (!others.empty()) paragraph.push_back(w.sentence("preco.other_leads", {w.list(others), c.name}));
        out.add(std::move(paragraph));
    } else if (!suggestions.empty()) {
        std::vector<std::string> labels;
        for (const auto& sug : suggestions)
            labels.push_back(w.p.has("preconisation." + sug.key) ? w.p.get("preconisation." + sug.key)
                                                                : lower_first(typeset_inline(sug.label)));
        out.add({w.sentence("preco.suggested", {w.list(labels), c.name})});
    } else if (!tools_used(c.session)) {
        out.add({w.sentence("preco.no_tool", {c.name})});
    } else {
        out.add({w.sentence("preco.none", {c.name})});
    }
}

const std::vector<DraftSource>& draft_sources() {
    static const std::vector<DraftSource> sources = {
        {"participant", &draft_from_participant},   {"boards", &draft_from_boards},
        {"timeline", &draft_from_timeline},         {"photolangage", &draft_from_photolangage},
        {"recommendations", &draft_from_recommendations},
    };
    return sources;
}

Draft draft_synthesis(const Session& s, const SynthesisAssets& assets) {
    const DraftContext context(s, assets);
    Draft d;
    for (const DraftSource& source : draft_sources()) source.fn(context, d);
    const Words w{context.phrases};
    for (SectionId id : kSections)
        if (d[id].empty()) d[id].add({w.sentence("draft.empty", {context.name})});
    return d;
}

// [SECTION] Re-drafting

RedraftPlan redraft(const Synthesis& current, const Draft& draft, const std::vector<SectionId>& overwrite) {
    RedraftPlan plan;
    for (SectionId id : kSections) {
        const SynthesisSection& now = current.section(id);
        const std::string fresh = clean_text(draft.text(id));
        if (!now.edited() || now.text == fresh) {
            if (now.text != fresh || now.drafted != fresh) plan.changes.push_back({id, fresh, fresh});
            continue;
        }
        plan.would_overwrite.push_back(id);
        if (std::find(overwrite.begin(), overwrite.end(), id) != overwrite.end())
            plan.changes.push_back({id, fresh, fresh});
        else if (now.drafted != fresh)
            plan.changes.push_back({id, now.text, fresh});
    }
    return plan;
}

// [SECTION] Suggested recommendations

namespace {
bool has_card(const std::vector<RankedCard>& list, const char* card_id) {
    return std::any_of(list.begin(), list.end(), [&](const RankedCard& r) { return r.card_id == card_id; });
}
const RankedCard* find_card_in(const std::vector<RankedCard>& list, const char* card_id) {
    for (const auto& r : list)
        if (r.card_id == card_id) return &r;
    return nullptr;
}
const ScaleResult* find_scale(const std::vector<ScaleResult>& list, const char* scale_id) {
    for (const auto& r : list)
        if (r.scale_id == scale_id) return &r;
    return nullptr;
}
} // namespace

std::vector<Suggestion> suggest_recommendations(const Session& s, const SynthesisAssets& assets, bool include_chosen) {
    const Phrases& p = assets.phrases;
    const Words w{p};
    const Date interview = s.interview_date();
    const BoardResults r = derive_board_results(s);
    const TimelineFacts facts = derive_facts(s, interview);
    const auto age = age_at_interview(s);

    std::map<std::string, std::vector<std::string>> reasons;
    const auto because = [&](const char* key, std::string why) {
        auto& list = reasons[key];
        if (std::find(list.begin(), list.end(), why) == list.end()) list.push_back(std::move(why));
    };
    const auto label = [&](const RankedCard& c) { return typeset_inline(c.label); };
    const auto obstacle = [&](const char* card, const char* key) {
        if (const RankedCard* c = find_card_in(r.obstacles, card)) because(key, p.format("why.obstacle", {label(*c)}));
    };
    const auto wish = [&](const char* card, const char* key) {
        if (const RankedCard* c = find_card_in(r.wishes, card)) because(key, p.format("why.wish", {label(*c)}));
    };
    const auto priority = [&](const char* card, const char* key) {
        if (const RankedCard* c = find_card_in(r.priorities, card); c && c->rank <= 3)
            because(key, p.format("why.priority", {label(*c), std::to_string(c->rank)}));
    };
    const auto low_scale = [&](const char* scale, const char* key) {
        if (const ScaleResult* sc = find_scale(r.scales, scale); sc && sc->value <= 3)
            because(key, p.format("why.scale", {typeset_inline(sc->label), std::to_string(sc->value)}));
    };
    const bool timeline_used = !s.timeline.episodes.empty();
    const bool no_diploma = timeline_used && !facts.highest_diploma;

    obstacle("obstacle.literacy", "savoirs_base");
    obstacle("obstacle.french", "francais");
    if (no_diploma) because("formation_qualifiante", p.get("why.no_diploma"));
    wish("wish.training", "formation_qualifiante");
    wish("wish.diploma", "formation_qualifiante");
    priority("priority.training", "formation_qualifiante");
    if (facts.months_employed >= 12 && (no_diploma || has_card(r.wishes, "wish.diploma"))) {
        because("vae", p.format("why.experience", {w.duration(facts.months_employed)}));
        if (no_diploma) because("vae", p.get("why.no_diploma"));
        wish("wish.diploma", "vae");
    }
    obstacle("obstacle.debts", "travail_detention");
    priority("priority.money", "travail_detention");
    wish("wish.job", "emploi_sortie");
    priority("priority.job", "emploi_sortie");
    if (!r.interested.empty()) because("emploi_sortie", p.get("why.jobs"));
    // Age-bound recommendations (Mission locale: "age<26" in the catalogue) are suggested on the age alone.
    for (const RecommendationType& t : assets.catalogue)
        if (t.max_age > 0 && age && *age < t.max_age) because(t.key.c_str(), p.format("why.age", {std::to_string(*age)}));
    obstacle("obstacle.health", "sante_addictions");
    obstacle("obstacle.addiction", "sante_addictions");
    wish("wish.care", "sante_addictions");
    priority("priority.health", "sante_addictions");
    low_scale("sante", "sante_addictions");
    obstacle("obstacle.housing", "logement");
    wish("wish.housing", "logement");
    priority("priority.housing", "logement");
    obstacle("obstacle.id", "droits_papiers");
    obstacle("obstacle.residence", "droits_papiers");
    priority("priority.rights", "droits_papiers");
    obstacle("obstacle.licence", "permis");
    wish("wish.licence", "permis");
    obstacle("obstacle.debts", "budget");
    priority("priority.money", "budget");
    obstacle("obstacle.mobility", "mobilite");
    priority("priority.mobility", "mobilite");
    obstacle("obstacle.confidence", "remobilisation");
    low_scale("confiance", "remobilisation");
    low_scale("moral", "remobilisation");
    obstacle("obstacle.family", "famille");
    obstacle("obstacle.childcare", "famille");
    wish("wish.family", "famille");
    wish("wish.business", "creation_entreprise");

    std::vector<Suggestion> out;
    for (const RecommendationType& t : assets.catalogue) {
        const auto it = reasons.find(t.key);
        if (it == reasons.end()) continue;
        if (t.max_age > 0 && (!age || *age >= t.max_age)) continue; // only when the condition surely holds
        if (!include_chosen && s.synthesis.find_recommendation(t.key)) continue;
        out.push_back(Suggestion{t.key, t.label, it->second});
    }
    return out;
}

// [SECTION] Finalizing

const char* finalize_problem_key(FinalizeProblem p) {
    switch (p) {
    case FinalizeProblem::NotDraft: return "not_draft";
    case FinalizeProblem::EmptySection: return "empty_section";
    case FinalizeProblem::NoRecommendation: return "no_recommendation";
    }
    return "not_draft";
}

std::vector<FinalizeIssue> check_finalize(const Session& s) {
    std::vector<FinalizeIssue> out;
    if (s.status != SessionStatus::Draft) out.push_back({FinalizeProblem::NotDraft});
    for (SectionId id : kRequiredSections)
        if (is_blank_text(s.synthesis.section(id).text)) out.push_back({FinalizeProblem::EmptySection, id});
    if (s.synthesis.recommendations.empty()) out.push_back({FinalizeProblem::NoRecommendation});
    return out;
}

} // namespace amorce::core
