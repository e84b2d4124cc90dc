#include "core/boards.hpp"

#include "core/session.hpp"
#include "core/timeline.hpp"
#include "core/tsv.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

namespace amorce::core {

// [SECTION] Keys and equality
namespace {
constexpr std::array<ColumnRole, 11> kRoles = {
    ColumnRole::None,       ColumnRole::Strength,  ColumnRole::Obstacle,  ColumnRole::Wish,
    ColumnRole::Interested, ColumnRole::Unsure,    ColumnRole::NotForMe,  ColumnRole::Important,
    ColumnRole::Secondary,  ColumnRole::NotImportant, ColumnRole::Priority,
};
} // namespace

const char* column_role_key(ColumnRole r) {
    switch (r) {
    case ColumnRole::None: return "";
    case ColumnRole::Strength: return "strength";
    case ColumnRole::Obstacle: return "obstacle";
    case ColumnRole::Wish: return "wish";
    case ColumnRole::Interested: return "interested";
    case ColumnRole::Unsure: return "unsure";
    case ColumnRole::NotForMe: return "not_for_me";
    case ColumnRole::Important: return "important";
    case ColumnRole::Secondary: return "secondary";
    case ColumnRole::NotImportant: return "not_important";
    case ColumnRole::Priority: return "priority";
    }
    return "";
}

// "" and "none" both name ColumnRole::None (a template writes "none": its role field is required).
std::optional<ColumnRole> column_role_from_key(const std::string& key) {
    if (key == "none") return ColumnRole::None;
    for (ColumnRole r : kRoles)
        if (key == column_role_key(r)) return r;
    return std::nullopt;
}

const char* board_kind_key(BoardKind k) { return k == BoardKind::Scales ? "scales" : "sort"; }

std::optional<BoardKind> board_kind_from_key(const std::string& key) {
    if (key == "sort") return BoardKind::Sort;
    if (key == "scales") return BoardKind::Scales;
    return std::nullopt;
}

bool BoardColumn::operator==(const BoardColumn& o) const {
    return id == o.id && label == o.label && pictogram == o.pictogram && role == o.role && ranked == o.ranked;
}

bool BoardCard::operator==(const BoardCard& o) const {
    return id == o.id && label == o.label && pictogram == o.pictogram && riasec == o.riasec && rome == o.rome &&
           custom == o.custom;
}

bool BoardScale::operator==(const BoardScale& o) const {
    return id == o.id && label == o.label && low_label == o.low_label && high_label == o.high_label &&
           value == o.value;
}

bool Board::operator==(const Board& o) const {
    return id == o.id && template_id == o.template_id && kind == o.kind && title == o.title && prompt == o.prompt &&
           pictogram == o.pictogram && columns == o.columns && cards == o.cards && placed == o.placed &&
           scales == o.scales && started_at == o.started_at && next_custom == o.next_custom;
}

// [SECTION] Board queries
std::vector<const BoardCard*> Board::pool() const {
    std::unordered_set<std::string> in_columns;
    for (const auto& column : placed)
        for (const auto& id : column) in_columns.insert(id);
    std::vector<const BoardCard*> out;
    for (const auto& card : cards)
        if (!in_columns.count(card.id)) out.push_back(&card);
    return out;
}

const BoardCard* Board::find_card(const std::string& card_id) const {
    for (const auto& card : cards)
        if (card.id == card_id) return &card;
    return nullptr;
}

std::pair<int, int> Board::position(const std::string& card_id) const {
    for (size_t c = 0; c < placed.size(); ++c)
        for (size_t i = 0; i < placed[c].size(); ++i)
            if (placed[c][i] == card_id) return {static_cast<int>(c), static_cast<int>(i)};
    return {-1, -1};
}

int Board::column_index(const std::string& column_id) const {
    for (size_t c = 0; c < columns.size(); ++c)
        if (columns[c].id == column_id) return static_cast<int>(c);
    return -1;
}

int Board::left_to_sort() const {
    if (kind == BoardKind::Scales) {
        int n = 0;
        for (const auto& scale : scales) n += scale.value < 0 ? 1 : 0;
        return n;
    }
    return static_cast<int>(pool().size());
}

int board_index(const Session& s, const std::string& board_id) {
    for (size_t i = 0; i < s.boards.size(); ++i)
        if (s.boards[i].id == board_id) return static_cast<int>(i);
    return -1;
}

const Board* find_board(const Session& s, const std::string& board_id) {
    const int i = board_index(s, board_id);
    return i < 0 ? nullptr : &s.boards[static_cast<size_t>(i)];
}

Board* find_board(Session& s, const std::string& board_id) {
    const int i = board_index(s, board_id);
    return i < 0 ? nullptr : &s.boards[static_cast<size_t>(i)];
}

int custom_card_number(const std::string& id) {
    static const std::string prefix = "custom.";
    if (id.size() <= prefix.size() || id.size() > prefix.size() + 9 || id.compare(0, prefix.size(), prefix) != 0)
        return 0;
    int n = 0;
    for (size_t i = prefix.size(); i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9') return 0;
        n = n * 10 + (id[i] - '0');
    }
    return n;
}

void normalize_board(Board& b) {
    b.placed.resize(b.columns.size());
    std::unordered_set<std::string> known, seen;
    for (const auto& card : b.cards) known.insert(card.id);
    for (auto& column : b.placed)
        column.erase(std::remove_if(column.begin(), column.end(),
                                    [&](const std::string& id) { return !known.count(id) || !seen.insert(id).second; }),
                     column.end());
    for (auto& scale : b.scales)
        if (scale.value != -1) scale.value = scale.value < 0 ? -1 : std::min(scale.value, kScaleMax);
    for (const auto& card : b.cards)
        if (const int n = custom_card_number(card.id); n > 0 && b.next_custom <= n) b.next_custom = n + 1;
    if (b.next_custom < 1) b.next_custom = 1;
    for (auto& column : b.columns) column.ranked = std::clamp(column.ranked, 0, kMaxBoardCards);
}

// [SECTION] Templates
namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string trim_ascii(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && is_space_byte(s[b])) ++b;
    while (e > b && is_space_byte(s[e - 1])) --e;
    return s.substr(b, e - b);
}

bool has_control_chars(const std::string& s) {
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return true;
        // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8.
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return true;
    }
    return false;
}

bool is_valid_riasec(std::string& letters) {
    if (letters.empty() || letters.size() > 3) return false;
    for (char& c : letters) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (std::string("RIASEC").find(c) == std::string::npos) return false;
    }
    for (size_t i = 0; i < letters.size(); ++i)
        for (size_t j = i + 1; j < letters.size(); ++j)
            if (letters[i] == letters[j]) return false;
    return true;
}

std::optional<int> parse_count(const std::string& s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

// How many fields each record takes: {required, maximum}, the record name included.
struct RecordShape {
    const char* name;
    size_t required;
    size_t max;
};
constexpr std::array<RecordShape, 6> kRecords = {{
    {"board", 4, 5},
    {"prompt", 2, 2},
    {"column", 4, 6},
    {"card", 3, 6},
    {"scale", 3, 5},
    {"en", 3, 3},
}};

class TemplateReader {
public:
    TemplateReader(std::string path, const std::function<bool(const std::string&)>& has_pictogram,
                   std::vector<TemplateProblem>* problems)
        : has_pictogram_(has_pictogram), problems_(problems) {
        t_.file = std::move(path);
    }

    std::optional<BoardTemplate> read() {
        const bool opened = read_tsv_lines(t_.file, [&](int number, const std::string& line) {
            line_ = number;
            read_line(line);
            return true;
        });
        line_ = 0; // whole-file problems
        if (!opened) {
            add(TemplateProblem::Kind::CannotRead, t_.file);
            return std::nullopt;
        }
        if (!has_board_) {
            if (!reported_not_first_) add(TemplateProblem::Kind::Empty, "no board record");
        } else if (t_.board.kind == BoardKind::Sort) {
            if (t_.board.columns.empty()) add(TemplateProblem::Kind::Empty, "no column");
            if (t_.board.cards.empty()) add(TemplateProblem::Kind::Empty, "no card");
        } else if (t_.board.scales.empty()) {
            add(TemplateProblem::Kind::Empty, "no scale");
        }
        if (fatal_) return std::nullopt;
        t_.board.placed.assign(t_.board.columns.size(), {});
        return std::move(t_);
    }

private:
    // A problem on the current line (0 once the whole file has been read).
    void add(TemplateProblem::Kind kind, std::string detail, bool fatal = true) {
        fatal_ = fatal_ || fatal;
        if (problems_) problems_->push_back(TemplateProblem{kind, line_, std::move(detail), fatal});
    }

    // At most kMaxCardLabelChars code points (LabelTooLong, fatal, otherwise).
    bool label_ok(const std::string& label, const std::string& id) {
        if (utf8_length(label) > static_cast<size_t>(kMaxCardLabelChars)) {
            add(TemplateProblem::Kind::LabelTooLong, id);
            return false;
        }
        return true;
    }

    // A pictogram the checker does not know is a warning and is dropped.
    std::string pictogram(const std::string& name) {
        if (name.empty() || !has_pictogram_ || has_pictogram_(name)) return name;
        add(TemplateProblem::Kind::MissingPictogram, name, false);
        return {};
    }

    bool fresh_id(std::unordered_set<std::string>& ids, const std::string& id) {
        if (ids.insert(id).second) return true;
        add(TemplateProblem::Kind::DuplicateId, id);
        return false;
    }

    void read_line(const std::string& line) {
        using K = TemplateProblem::Kind;
        if (!is_valid_utf8(line)) {
            add(K::NotUtf8, "line " + std::to_string(line_));
            return;
        }
        std::vector<std::string> f = split_tabs(line);
        for (auto& field : f) field = trim_ascii(field);
        const std::string record = f[0]; // a copy: f is resized below
        const RecordShape* shape = nullptr;
        for (const auto& r : kRecords)
            if (record == r.name) shape = &r;
        if (!shape) {
            add(K::UnknownRecord, record);
            return;
        }
        if (record == "board") {
            if (has_board_) {
                add(K::BoardNotFirst, "second board record");
                return;
            }
        } else if (!has_board_) { // reported once; a later board record is still read and checked
            if (!reported_not_first_) add(K::BoardNotFirst, record + " before board");
            reported_not_first_ = true;
            return;
        }
        // Optional fields left out at the end of the line count as empty.
        if (f.size() > shape->max) {
            add(K::BadValue, "too many fields in " + record);
            return;
        }
        f.resize(shape->max);
        for (size_t i = 1; i < shape->required; ++i)
            if (f[i].empty()) {
                add(K::MissingField, record + " field " + std::to_string(i + 1));
                return;
            }
        for (const auto& field : f)
            if (has_control_chars(field)) {
                add(K::BadValue, "control character in " + record);
                return;
            }
        Board& b = t_.board;
        if (record == "board") {
            has_board_ = true;
            b.id = f[1];
            b.template_id = f[1];
            const auto kind = board_kind_from_key(f[2]);
            if (!kind) add(K::BadValue, "kind " + f[2]);
            b.kind = kind.value_or(BoardKind::Sort);
            if (label_ok(f[3], f[1])) b.title = f[3];
            b.pictogram = pictogram(f[4]);
        } else if (record == "prompt") {
            if (!b.prompt.empty()) add(K::DuplicateId, "prompt");
            b.prompt = f[1];
        } else if (record == "column") {
            if (b.kind == BoardKind::Scales) return add(K::BadValue, "column " + f[1] + " on a scales board");
            if (b.columns.size() >= static_cast<size_t>(kMaxBoardColumns)) {
                if (!reported_columns_) add(K::TooMany, "more than " + std::to_string(kMaxBoardColumns) + " columns");
                reported_columns_ = true;
                return;
            }
            if (!fresh_id(column_ids_, f[1])) return;
            BoardColumn c;
            c.id = f[1];
            const auto role = column_role_from_key(f[2]);
            if (!role) add(K::BadValue, "role " + f[2]);
            c.role = role.value_or(ColumnRole::None);
            if (label_ok(f[3], f[1])) c.label = f[3];
            c.pictogram = pictogram(f[4]);
            if (!f[5].empty()) {
                const auto ranked = parse_count(f[5]);
                if (!ranked || *ranked > kMaxBoardCards) add(K::BadValue, "ranked " + f[5]);
                c.ranked = ranked.value_or(0);
            }
            b.columns.push_back(std::move(c));
        } else if (record == "card") {
            if (b.kind == BoardKind::Scales) return add(K::BadValue, "card " + f[1] + " on a scales board");
            if (b.cards.size() >= static_cast<size_t>(kMaxBoardCards)) {
                if (!reported_cards_) add(K::TooMany, "more than " + std::to_string(kMaxBoardCards) + " cards");
                reported_cards_ = true;
                return;
            }
            if (f[1].rfind("custom.", 0) == 0)
                return add(K::BadValue, "card id " + f[1] + " (custom. is for added cards)");
            if (!fresh_id(card_ids_, f[1])) return;
            BoardCard c;
            c.id = f[1];
            if (label_ok(f[2], f[1])) c.label = f[2];
            c.pictogram = pictogram(f[3]);
            if (!f[4].empty()) {
                std::string letters = f[4];
                if (is_valid_riasec(letters)) c.riasec = letters;
                else add(K::BadValue, "riasec " + f[4]);
            }
            if (!f[5].empty()) {
                if (is_valid_rome_code(f[5])) c.rome = f[5];
                else add(K::BadValue, "rome " + f[5]);
            }
            b.cards.push_back(std::move(c));
        } else if (record == "scale") {
            if (b.kind == BoardKind::Sort) return add(K::BadValue, "scale " + f[1] + " on a sort board");
            if (b.scales.size() >= static_cast<size_t>(kMaxBoardScales)) {
                if (!reported_scales_) add(K::TooMany, "more than " + std::to_string(kMaxBoardScales) + " scales");
                reported_scales_ = true;
                return;
            }
            if (!fresh_id(scale_ids_, f[1])) return;
            BoardScale sc;
            sc.id = f[1];
            if (label_ok(f[2], f[1]) && label_ok(f[3], f[1]) && label_ok(f[4], f[1])) {
                sc.label = f[2];
                sc.low_label = f[3];
                sc.high_label = f[4];
            }
            b.scales.push_back(std::move(sc));
        } else if (record == "en") {
            const std::string& id = f[1];
            const bool known = id == b.id || column_ids_.count(id) || card_ids_.count(id) || scale_ids_.count(id);
            if (!known) return add(K::BadValue, "en for unknown id " + id);
            if (!fresh_id(english_ids_, id) || !label_ok(f[2], id)) return;
            t_.english.emplace_back(id, f[2]);
        }
    }

    const std::function<bool(const std::string&)>& has_pictogram_;
    std::vector<TemplateProblem>* problems_;
    BoardTemplate t_;
    int line_ = 0;
    bool fatal_ = false;
    bool has_board_ = false;
    bool reported_not_first_ = false;
    bool reported_columns_ = false, reported_cards_ = false, reported_scales_ = false;
    std::unordered_set<std::string> column_ids_, card_ids_, scale_ids_, english_ids_;
};

} // namespace

std::optional<BoardTemplate> load_board_template(const std::string& path,
                                                 const std::function<bool(const std::string&)>& has_pictogram,
                                                 std::vector<TemplateProblem>* problems) {
    return TemplateReader(path, has_pictogram, problems).read();
}

std::vector<BoardTemplate> load_board_templates(
    const std::string& dir, const std::function<bool(const std::string&)>& has_pictogram,
    std::vector<std::pair<std::string, TemplateProblem>>* problems) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->path().extension() == ".tsv" && it->is_regular_file(type_ec)) files.push_back(it->path());
    }
    if (ec && problems) problems->emplace_back(dir, TemplateProblem{TemplateProblem::Kind::CannotRead, 0, dir, true});
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });

    std::vector<BoardTemplate> out;
    for (const auto& file : files) {
        std::vector<TemplateProblem> found;
        auto t = load_board_template(file.string(), has_pictogram, &found);
        if (t) {
            const bool duplicate = std::any_of(out.begin(), out.end(), [&](const BoardTemplate& other) {
                return other.board.template_id == t->board.template_id;
            });
            if (duplicate) {
                found.push_back(TemplateProblem{TemplateProblem::Kind::DuplicateId, 0, t->board.template_id, true});
                t.reset();
            }
        }
        if (problems)
            for (auto& p : found) problems->emplace_back(file.string(), std::move(p));
        if (t) out.push_back(std::move(*t));
    }
    return out;
}

Board new_board(const BoardTemplate& t, std::int64_t now) {
    Board b = t.board;
    b.id = new_session_id();
    if (b.template_id.empty()) b.template_id = t.board.id;
    b.placed.assign(b.columns.size(), {});
    for (auto& scale : b.scales) scale.value = -1;
    b.started_at = now;
    b.next_custom = 1;
    normalize_board(b);
    return b;
}

// [SECTION] Custom cards
std::string trim_card_text(const std::string& text) {
    static const std::array<std::string, 3> kWideSpaces = {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"}; // nbsp, narrow nbsp, thin
    size_t b = 0, e = text.size();
    for (bool again = true; again && b < e;) {
        again = false;
        if (is_space_byte(text[b])) {
            ++b;
            again = true;
            continue;
        }
        for (const auto& w : kWideSpaces)
            if (text.compare(b, w.size(), w) == 0 && b + w.size() <= e) {
                b += w.size();
                again = true;
                break;
            }
    }
    for (bool again = true; again && e > b;) {
        again = false;
        if (is_space_byte(text[e - 1])) {
            --e;
            again = true;
            continue;
        }
        for (const auto& w : kWideSpaces)
            if (e - b >= w.size() && text.compare(e - w.size(), w.size(), w) == 0) {
                e -= w.size();
                again = true;
                break;
            }
    }
    return text.substr(b, e - b);
}

CardTextProblem check_card_text(const std::string& text) {
    const std::string t = trim_card_text(text);
    if (t.empty()) return CardTextProblem::Empty;
    if (!is_valid_utf8(t)) return CardTextProblem::BadCharacters;
    if (utf8_length(t) > static_cast<size_t>(kMaxCardLabelChars)) return CardTextProblem::TooLong;
    if (has_control_chars(t)) return CardTextProblem::BadCharacters;
    return CardTextProblem::None;
}

// [SECTION] Derived results
std::string interest_code(const std::vector<const BoardCard*>& interested) {
    static const char kLetters[] = "RIASEC";
    std::array<int, 6> points{};
    for (const BoardCard* card : interested) {
        if (!card) continue;
        int weight = 3;
        for (char c : card->riasec) {
            if (weight == 0) break;
            const char* at = std::find(kLetters, kLetters + 6, c);
            if (at != kLetters + 6) points[static_cast<size_t>(at - kLetters)] += weight;
            --weight;
        }
    }
    std::array<int, 6> order = {0, 1, 2, 3, 4, 5};
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return points[static_cast<size_t>(a)] > points[static_cast<size_t>(b)]; });
    std::string code;
    for (int i : order) {
        if (code.size() == 3 || points[static_cast<size_t>(i)] == 0) break;
        code += kLetters[i];
    }
    return code;
}

BoardResults derive_board_results(const Session& s) {
    BoardResults r;
    r.boards = static_cast<int>(s.boards.size());
    std::vector<const BoardCard*> interested;
    for (const Board& b : s.boards) {
        if (b.kind == BoardKind::Sort) r.cards_left += static_cast<int>(b.pool().size());
        for (size_t c = 0; c < b.columns.size() && c < b.placed.size(); ++c) {
            const BoardColumn& column = b.columns[c];
            std::vector<RankedCard>* list = nullptr;
            switch (column.role) {
            case ColumnRole::Strength: list = &r.strengths; break;
            case ColumnRole::Obstacle: list = &r.obstacles; break;
            case ColumnRole::Wish: list = &r.wishes; break;
            case ColumnRole::Interested: list = &r.interested; break;
            case ColumnRole::NotForMe: list = &r.not_for_me; break;
            case ColumnRole::Important: list = &r.top_values; break;
            case ColumnRole::Priority: list = &r.priorities; break;
            case ColumnRole::None:
            case ColumnRole::Unsure:
            case ColumnRole::Secondary:
            case ColumnRole::NotImportant: break;
            }
            if (!list) continue;
            const auto& ids = b.placed[c];
            // An Important column gives its first `ranked` cards (all of them when not ranked).
            size_t n = ids.size();
            if (column.role == ColumnRole::Important && column.ranked > 0)
                n = std::min(n, static_cast<size_t>(column.ranked));
            for (size_t i = 0; i < n; ++i) {
                const BoardCard* card = b.find_card(ids[i]);
                if (!card) continue;
                list->push_back(RankedCard{b.id, card->id, card->label, static_cast<int>(i) + 1});
                if (column.role == ColumnRole::Interested) interested.push_back(card);
            }
        }
        for (const auto& scale : b.scales)
            if (scale.value >= 0) r.scales.push_back(ScaleResult{b.id, scale.id, scale.label, scale.value});
    }
    r.interest_code = interest_code(interested);
    return r;
}

} // namespace amorce::core
