// The session document: writing with cereal, reading back with a strict checker.
//
// [SECTION] Text and key helpers
// [SECTION] Writing (cereal JSONOutputArchive, node by node)
// [SECTION] Reading (rapidjson, the parser cereal itself uses)
#include "export/session_json.hpp"

#include "core/boards.hpp"
#include "core/synthesis.hpp"
#include "core/timeline.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstring>
#include <ctime>
#include <initializer_list>
#include <sstream>

namespace amorce::exporting {

// [SECTION] Text and key helpers ----------------------------------------------------------------
std::string valid_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { out.push_back(static_cast<char>(c)); ++i; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        bool ok = len != 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) ok = false;
            else cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid too.
        if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
                   (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF))
            ok = false;
        if (!ok) { out += "\xEF\xBF\xBD"; ++i; continue; }
        out.append(s, i, len);
        i += len;
    }
    return out;
}

bool is_safe_id(const std::string& id) {
    if (id.empty() || id.size() > 64 || id[0] == '.') return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

namespace {

const char* legal_key(core::LegalStatus s) {
    switch (s) {
    case core::LegalStatus::Prevenu: return "prevenu";
    case core::LegalStatus::Condamne: return "condamne";
    case core::LegalStatus::Unknown: break;
    }
    return "unknown";
}

// Inverse of a key function over the enum's values 0..count-1 (the keys are stable, DESIGN §6).
template <class E, class F> std::optional<E> from_key(const std::string& key, int count, F key_of) {
    for (int i = 0; i < count; ++i)
        if (key == key_of(static_cast<E>(i))) return static_cast<E>(i);
    return std::nullopt;
}

// "2026-01-01T10:00:00Z" back to unix seconds; nullopt for anything else.
std::optional<std::int64_t> parse_utc(const std::string& t) {
    int Y, M, D, h, m, s;
    char z = 0;
    if (t.size() != 20 || std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &Y, &M, &D, &h, &m, &s, &z) != 7 ||
        z != 'Z' || !core::is_valid_date(Y, M, D) || h > 23 || m > 59 || s > 60)
        return std::nullopt;
    return core::Date{Y, M, D}.to_days() * 86400 + h * 3600 + m * 60 + s;
}

// [SECTION] Writing (cereal JSONOutputArchive, node by node) --------------------------------------
// Nodes are opened by hand (setNextName/startNode/makeArray) so that the output is exactly the
// schema's shape: no cereal_class_version, no "value0", optional fields simply absent.
using Out = cereal::JSONOutputArchive;

void put(Out& ar, const char* name, const std::string& v) { ar(cereal::make_nvp(name, valid_utf8(v))); }
void put(Out& ar, const char* name, const char* v) { ar(cereal::make_nvp(name, std::string(v))); }
void put(Out& ar, const char* name, int v) { ar(cereal::make_nvp(name, v)); }
void put(Out& ar, const char* name, bool v) { ar(cereal::make_nvp(name, v)); }
void put_time(Out& ar, const char* name, std::int64_t t) { // 0 = unset: the field is left out
    if (t != 0) ar(cereal::make_nvp(name, core::format_unix_iso(t)));
}
void put_date(Out& ar, const char* name, const core::Date& d) {
    if (d.is_set()) ar(cereal::make_nvp(name, d.to_iso()));
}
void object(Out& ar, const char* name) { // name == nullptr: an element of an array
    if (name) ar.setNextName(name);
    ar.startNode();
}
void array(Out& ar, const char* name) {
    if (name) ar.setNextName(name);
    ar.startNode();
    ar.makeArray();
}
void end(Out& ar) { ar.finishNode(); }
void strings(Out& ar, const char* name, const std::vector<std::string>& v) {
    array(ar, name);
    for (const auto& s : v) ar(valid_utf8(s));
    end(ar);
}

void write_participant(Out& ar, const core::Participant& p) {
    object(ar, "participant");
    put(ar, "last_name", p.last_name);
    put(ar, "first_name", p.first_name);
    put_date(ar, "birth_date", p.birth_date);
    put(ar, "ecrou", p.ecrou);
    put(ar, "establishment", p.establishment);
    put(ar, "legal_status", legal_key(p.legal_status));
    put_date(ar, "entry_date", p.entry_date);
    strings(ar, "languages", p.languages);
    end(ar);
}

void write_interview(Out& ar, const core::Session& s) {
    object(ar, "interview");
    put(ar, "date", s.interview_date().to_iso());
    put(ar, "due_date", s.due_date().to_iso());
    put(ar, "counsellor_id", s.counsellor_id);
    put(ar, "counsellor_name", s.counsellor_name);
    put_time(ar, "created_at", s.created_at);
    put_time(ar, "started_at", s.started_at);
    put_time(ar, "ended_at", s.ended_at);
    put(ar, "consent", s.consent);
    put_time(ar, "consent_at", s.consent_at);
    end(ar);
}

void write_photolangage(Out& ar, const core::Session& s) {
    array(ar, "photolangage");
    for (const auto& r : s.photolangage) {
        object(ar, nullptr);
        put(ar, "id", r.id);
        put(ar, "prompt_key", r.prompt_key);
        put(ar, "prompt_text", r.prompt_text);
        put(ar, "slot_count", r.slot_count);
        put_time(ar, "started_at", r.started_at);
        array(ar, "slots"); // one entry per slot; null for a slot left empty
        for (const auto& slot : r.slots) {
            if (!slot) {
                ar(nullptr);
                continue;
            }
            object(ar, nullptr);
            put(ar, "deck_id", slot->deck_id);
            put(ar, "card_id", slot->card_id);
            put(ar, "words", slot->words);
            strings(ar, "themes", slot->themes);
            end(ar);
        }
        end(ar);
        end(ar);
    }
    end(ar);
}

void write_timeline(Out& ar, const core::Session& s) {
    array(ar, "timeline");
    for (const auto& e : s.timeline.episodes) {
        object(ar, nullptr);
        put(ar, "id", e.id);
        put(ar, "lane", core::lane_key(e.lane));
        put(ar, "kind", e.is_event() ? "event" : "episode");
        put(ar, "edtf", core::to_edtf(e)); // "2019-09/2021-06", "2019", "2022-03/..", "2015~"
        put(ar, "title", e.title);
        if (e.is_event()) put(ar, "event", core::event_key(e.event));
        object(ar, "job");
        put(ar, "title", e.job.title);
        put(ar, "rome_code", e.job.rome_code);
        put(ar, "employer", e.job.employer);
        put(ar, "contract", core::contract_key(e.job.contract));
        put(ar, "work_time", core::work_time_key(e.job.work_time));
        end(ar);
        object(ar, "training");
        put(ar, "title", e.training.title);
        put(ar, "diploma", core::answer_key(e.training.diploma));
        put(ar, "level", e.training.level);
        end(ar);
        put(ar, "note", e.note);
        end(ar);
    }
    end(ar);
}

void write_boards(Out& ar, const core::Session& s) {
    array(ar, "boards");
    for (const auto& b : s.boards) {
        object(ar, nullptr);
        put(ar, "id", b.id);
        put(ar, "template_id", b.template_id);
        put(ar, "kind", core::board_kind_key(b.kind));
        put(ar, "title", b.title);
        put(ar, "prompt", b.prompt);
        put(ar, "pictogram", b.pictogram);
        put_time(ar, "started_at", b.started_at);
        array(ar, "columns");
        for (size_t c = 0; c < b.columns.size(); ++c) {
            const auto& col = b.columns[c];
            object(ar, nullptr);
            put(ar, "id", col.id);
            put(ar, "label", col.label);
            put(ar, "pictogram", col.pictogram);
            put(ar, "role", col.role == core::ColumnRole::None ? "none" : core::column_role_key(col.role));
            put(ar, "ranked", col.ranked);
            strings(ar, "cards", c < b.placed.size() ? b.placed[c] : std::vector<std::string>{});
            end(ar);
        }
        end(ar);
        array(ar, "cards");
        for (const auto& card : b.cards) {
            object(ar, nullptr);
            put(ar, "id", card.id);
            put(ar, "label", card.label);
            put(ar, "pictogram", card.pictogram);
            put(ar, "riasec", card.riasec);
            put(ar, "rome", card.rome);
            put(ar, "custom", card.custom);
            end(ar);
        }
        end(ar);
        array(ar, "scales");
        for (const auto& sc : b.scales) {
            object(ar, nullptr);
            put(ar, "id", sc.id);
            put(ar, "label", sc.label);
            put(ar, "low_label", sc.low_label);
            put(ar, "high_label", sc.high_label);
            put(ar, "value", sc.value);
            end(ar);
        }
        end(ar);
        end(ar);
    }
    end(ar);
}

void ranked_cards(Out& ar, const char* name, const std::vector<core::RankedCard>& v) {
    array(ar, name);
    for (const auto& c : v) {
        object(ar, nullptr);
        put(ar, "board_id", c.board_id);
        put(ar, "card_id", c.card_id);
        put(ar, "label", c.label);
        put(ar, "rank", c.rank);
        end(ar);
    }
    end(ar);
}

// What core derives, measured at the interview date (like the synthesis draft): the central
// system gets the same figures the counsellor saw. Output only: the reader does not need them.
void write_derived(Out& ar, const core::Session& s) {
    const core::BoardResults b = core::derive_board_results(s);
    const core::TimelineFacts f = core::derive_facts(s, s.interview_date());
    object(ar, "derived");
    put(ar, "interest_code", b.interest_code);
    ranked_cards(ar, "strengths", b.strengths);
    ranked_cards(ar, "obstacles", b.obstacles);
    ranked_cards(ar, "wishes", b.wishes);
    ranked_cards(ar, "jobs_interested", b.interested);
    ranked_cards(ar, "jobs_not_for_me", b.not_for_me);
    ranked_cards(ar, "top_values", b.top_values);
    ranked_cards(ar, "priorities", b.priorities);
    array(ar, "scales");
    for (const auto& sc : b.scales) {
        object(ar, nullptr);
        put(ar, "board_id", sc.board_id);
        put(ar, "scale_id", sc.scale_id);
        put(ar, "label", sc.label);
        put(ar, "value", sc.value);
        end(ar);
    }
    end(ar);
    put(ar, "cards_left", b.cards_left);
    put(ar, "months_employed", f.months_employed);
    if (f.highest_diploma) {
        object(ar, "highest_diploma");
        put(ar, "episode_id", f.highest_diploma->episode_id);
        put(ar, "title", f.highest_diploma->title);
        put(ar, "level", f.highest_diploma->level);
        put(ar, "edtf", core::to_edtf(f.highest_diploma->date));
        end(ar);
    }
    if (f.longest_job) {
        object(ar, "longest_job");
        put(ar, "episode_id", f.longest_job->episode_id);
        put(ar, "title", f.longest_job->title);
        put(ar, "rome_code", f.longest_job->rome_code);
        put(ar, "months", f.longest_job->months);
        end(ar);
    }
    array(ar, "gaps");
    for (const auto& g : f.gaps) {
        object(ar, nullptr);
        put(ar, "edtf", core::to_edtf_interval(g.start(), g.end()));
        put(ar, "months", g.months());
        end(ar);
    }
    end(ar);
    end(ar);
}

void write_synthesis(Out& ar, const core::Synthesis& syn) {
    object(ar, "synthesis");
    array(ar, "sections");
    for (core::SectionId id : core::kSections) {
        object(ar, nullptr);
        put(ar, "key", core::section_key(id));
        put(ar, "text", syn.section(id).text);
        end(ar);
    }
    end(ar);
    array(ar, "preconisations");
    for (const auto& r : syn.recommendations) {
        object(ar, nullptr);
        put(ar, "key", r.key);
        put(ar, "label", r.label);
        put(ar, "priority", core::priority_key(r.priority));
        put(ar, "text", r.text);
        end(ar);
    }
    end(ar);
    put(ar, "finalized_by", syn.finalized_by);
    put_time(ar, "finalized_at", syn.finalized_at);
    end(ar);
}

void write_history(Out& ar, const core::Session& s) {
    array(ar, "history");
    for (const auto& h : s.history) {
        object(ar, nullptr);
        put_time(ar, "at", h.at);
        put(ar, "who", h.who);
        put(ar, "what", h.what);
        put(ar, "detail", h.detail);
        end(ar);
    }
    end(ar);
}

} // namespace

std::string session_document(const core::Session& s) {
    std::ostringstream out;
    {
        Out ar(out, Out::Options(324, Out::Options::IndentChar::space, 2));
        put(ar, "schema_version", kSessionSchemaVersion);
        put(ar, "session_id", s.id);
        put(ar, "status", core::status_key(s.status));
        write_participant(ar, s.participant);
        write_interview(ar, s);
        write_photolangage(ar, s);
        write_timeline(ar, s);
        write_boards(ar, s);
        write_derived(ar, s);
        write_synthesis(ar, s.synthesis);
        write_history(ar, s);
    } // the archive closes the root object when it goes
    out << '\n';
    return out.str();
}

core::Session document_view(const core::Session& in) {
    core::Session s = in;
    s.notes.clear();
    s.revision = 0;
    for (auto& sec : s.synthesis.sections) sec.drafted.clear();
    for (auto& b : s.boards) {
        b.next_custom = 1;
        core::normalize_board(b);
    }
    return s;
}

// [SECTION] Reading (rapidjson, the parser cereal itself uses) --------------------------------------
namespace {

using Value = rapidjson::Value;

// Walks a document, recording the first problem as "path: what". Every getter returns false
// once a problem is recorded, so a caller can chain them and check once.
class Reader {
public:
    std::string error;

    bool fail(const std::string& path, const std::string& what) {
        if (error.empty()) error = (path.empty() ? std::string("document") : path) + ": " + what;
        return false;
    }
    static std::string join(const std::string& path, const char* name) {
        return path.empty() ? std::string(name) : path + "." + name;
    }
    static std::string at(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

    // An object with only the listed members (the schema's additionalProperties: false).
    bool object(const Value& v, const std::string& path, std::initializer_list<const char*> allowed) {
        if (!v.IsObject()) return fail(path, "expected an object");
        for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
            bool known = false;
            for (const char* a : allowed)
                if (std::strcmp(a, it->name.GetString()) == 0) known = true;
            if (!known) return fail(join(path, it->name.GetString()), "unknown field");
        }
        return true;
    }
    const Value* member(const Value& obj, const std::string& path, const char* name, bool required) {
        if (!error.empty()) return nullptr;
        auto it = obj.FindMember(name);
        if (it == obj.MemberEnd()) {
            if (required) fail(join(path, name), "missing");
            return nullptr;
        }
        return &it->value;
    }
    bool str(const Value& obj, const std::string& path, const char* name, std::string* out, bool required = true) {
        const Value* v = member(obj, path, name, required);
        if (!v) return error.empty();
        if (!v->IsString()) return fail(join(path, name), "expected a string");
        out->assign(v->GetString(), v->GetStringLength());
        return true;
    }
    bool integer(const Value& obj, const std::string& path, const char* name, int* out, int lo, int hi) {
        const Value* v = member(obj, path, name, true);
        if (!v) return false;
        if (!v->IsInt() || v->GetInt() < lo || v->GetInt() > hi)
            return fail(join(path, name), "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
        *out = v->GetInt();
        return true;
    }
    bool boolean(const Value& obj, const std::string& path, const char* name, bool* out) {
        const Value* v = member(obj, path, name, true);
        if (!v) return false;
        if (!v->IsBool()) return fail(join(path, name), "expected true or false");
        *out = v->GetBool();
        return true;
    }
    // An optional date-time ("2026-01-01T10:00:00Z"); absent = 0.
    bool time(const Value& obj, const std::string& path, const char* name, std::int64_t* out) {
        *out = 0;
        std::string t;
        if (!str(obj, path, name, &t, false)) return false;
        if (t.empty() && !obj.HasMember(name)) return true;
        auto v = parse_utc(t);
        if (!v) return fail(join(path, name), "not a UTC date-time (YYYY-MM-DDThh:mm:ssZ)");
        *out = *v;
        return true;
    }
    bool date(const Value& obj, const std::string& path, const char* name, core::Date* out, bool required = false) {
        *out = {};
        std::string t;
        if (!str(obj, path, name, &t, required)) return false;
        if (t.empty() && !obj.HasMember(name)) return true;
        auto d = core::parse_iso_date(t);
        if (!d || t.size() != 10) return fail(join(path, name), "not a date (YYYY-MM-DD)");
        *out = *d;
        return true;
    }
    template <class E, class F>
    bool key(const Value& obj, const std::string& path, const char* name, E* out, int count, F key_of) {
        std::string k;
        if (!str(obj, path, name, &k)) return false;
        auto e = from_key<E>(k, count, key_of);
        if (!e) return fail(join(path, name), "unknown value '" + k + "'");
        *out = *e;
        return true;
    }
    bool id(const Value& obj, const std::string& path, const char* name, std::string* out) {
        if (!str(obj, path, name, out)) return false;
        if (!is_safe_id(*out)) return fail(join(path, name), "not an id (1-64 of A-Z a-z 0-9 . _ -)");
        return true;
    }
    const Value* array(const Value& obj, const std::string& path, const char* name) {
        const Value* v = member(obj, path, name, true);
        if (!v) return nullptr;
        if (!v->IsArray()) {
            fail(join(path, name), "expected an array");
            return nullptr;
        }
        return v;
    }
    bool strings(const Value& obj, const std::string& path, const char* name, std::vector<std::string>* out) {
        const Value* a = array(obj, path, name);
        if (!a) return false;
        out->clear();
        for (rapidjson::SizeType i = 0; i < a->Size(); ++i) {
            if (!(*a)[i].IsString()) return fail(at(join(path, name), i), "expected a string");
            out->emplace_back((*a)[i].GetString(), (*a)[i].GetStringLength());
        }
        return true;
    }
};

bool parse_edtf_field(Reader& r, const std::string& path, const std::string& text, core::TimelineEpisode* e) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
        auto d = core::parse_edtf(text);
        if (!d) return r.fail(path, "not an EDTF date ('" + text + "')");
        e->start = *d;
        e->end = {};
        return true;
    }
    auto a = core::parse_edtf(text.substr(0, slash));
    const std::string rest = text.substr(slash + 1);
    std::optional<core::FuzzyDate> b = rest == ".." ? std::optional<core::FuzzyDate>(core::FuzzyDate{}) : core::parse_edtf(rest);
    if (!a || !b) return r.fail(path, "not an EDTF interval ('" + text + "')");
    e->start = *a;
    e->end = *b;
    return true;
}

void read_participant(Reader& r, const Value& v, core::Participant& p) {
    const std::string path = "participant";
    if (!r.object(v, path, {"last_name", "first_name", "birth_date", "ecrou", "establishment", "legal_status",
                            "entry_date", "languages"}))
        return;
    r.str(v, path, "last_name", &p.last_name) && r.str(v, path, "first_name", &p.first_name) &&
        r.date(v, path, "birth_date", &p.birth_date) && r.str(v, path, "ecrou", &p.ecrou) &&
        r.str(v, path, "establishment", &p.establishment) &&
        r.key(v, path, "legal_status", &p.legal_status, 3, legal_key) && r.date(v, path, "entry_date", &p.entry_date) &&
        r.strings(v, path, "languages", &p.languages);
}

void read_interview(Reader& r, const Value& v, core::Session& s) {
    const std::string path = "interview";
    if (!r.object(v, path, {"date", "due_date", "counsellor_id", "counsellor_name", "created_at", "started_at",
                            "ended_at", "consent", "consent_at"}))
        return;
    core::Date day, due;
    r.date(v, path, "date", &day, true) && r.date(v, path, "due_date", &due, true) &&
        r.str(v, path, "counsellor_id", &s.counsellor_id) && r.str(v, path, "counsellor_name", &s.counsellor_name) &&
        r.time(v, path, "created_at", &s.created_at) && r.time(v, path, "started_at", &s.started_at) &&
        r.time(v, path, "ended_at", &s.ended_at) && r.boolean(v, path, "consent", &s.consent) &&
        r.time(v, path, "consent_at", &s.consent_at);
}

void read_photolangage(Reader& r, const Value& a, core::Session& s) {
    for (rapidjson::SizeType i = 0; i < a.Size() && r.error.empty(); ++i) {
        const std::string path = Reader::at("photolangage", i);
        const Value& v = a[i];
        if (!r.object(v, path, {"id", "prompt_key", "prompt_text", "slot_count", "started_at", "slots"})) return;
        core::PhotoRound round;
        round.slots.clear();
        if (!(r.id(v, path, "id", &round.id) && r.str(v, path, "prompt_key", &round.prompt_key) &&
              r.str(v, path, "prompt_text", &round.prompt_text) &&
              r.integer(v, path, "slot_count", &round.slot_count, core::kMinSlots, core::kMaxSlots) &&
              r.time(v, path, "started_at", &round.started_at)))
            return;
        const Value* slots = r.array(v, path, "slots");
        if (!slots) return;
        for (rapidjson::SizeType k = 0; k < slots->Size(); ++k) {
            const std::string sp = Reader::at(path + ".slots", k);
            const Value& sv = (*slots)[k];
            if (sv.IsNull()) {
                round.slots.emplace_back();
                continue;
            }
            if (!r.object(sv, sp, {"deck_id", "card_id", "words", "themes"})) return;
            core::PhotoChoice c;
            if (!(r.str(sv, sp, "deck_id", &c.deck_id) && r.str(sv, sp, "card_id", &c.card_id) &&
                  r.str(sv, sp, "words", &c.words) && r.strings(sv, sp, "themes", &c.themes)))
                return;
            if (c.deck_id.empty() || c.card_id.empty()) return void(r.fail(sp, "a chosen photo needs deck_id and card_id"));
            round.slots.push_back(std::move(c));
        }
        s.photolangage.push_back(std::move(round));
    }
}

void read_timeline(Reader& r, const Value& a, core::Session& s) {
    for (rapidjson::SizeType i = 0; i < a.Size() && r.error.empty(); ++i) {
        const std::string path = Reader::at("timeline", i);
        const Value& v = a[i];
        if (!r.object(v, path, {"id", "lane", "kind", "edtf", "title", "event", "job", "training", "note"})) return;
        core::TimelineEpisode e;
        std::string kind, edtf;
        if (!(r.id(v, path, "id", &e.id) && r.str(v, path, "lane", &kind))) return;
        auto lane = core::lane_from_key(kind);
        if (!lane) return void(r.fail(path + ".lane", "unknown value '" + kind + "'"));
        e.lane = *lane;
        if (!r.str(v, path, "kind", &kind)) return;
        if (kind != "event" && kind != "episode") return void(r.fail(path + ".kind", "unknown value '" + kind + "'"));
        e.kind = kind == "event" ? core::EpisodeKind::Event : core::EpisodeKind::Episode;
        if (!(r.str(v, path, "edtf", &edtf) && parse_edtf_field(r, path + ".edtf", edtf, &e))) return;
        if (!e.start.is_set()) return void(r.fail(path + ".edtf", "the start is missing"));
        if (e.is_event() && e.end.is_set()) return void(r.fail(path + ".edtf", "an event is a single date"));
        if (!r.str(v, path, "title", &e.title)) return;
        if (e.is_event()) {
            if (!r.key(v, path, "event", &e.event, 7, core::event_key)) return;
        } else if (v.HasMember("event")) {
            return void(r.fail(path + ".event", "only an event has an event type"));
        }
        const Value* job = r.member(v, path, "job", true);
        if (!job || !r.object(*job, path + ".job", {"title", "rome_code", "employer", "contract", "work_time"})) return;
        const std::string jp = path + ".job";
        if (!(r.str(*job, jp, "title", &e.job.title) && r.str(*job, jp, "rome_code", &e.job.rome_code) &&
              r.str(*job, jp, "employer", &e.job.employer) &&
              r.key(*job, jp, "contract", &e.job.contract, 9, core::contract_key) &&
              r.key(*job, jp, "work_time", &e.job.work_time, 3, core::work_time_key)))
            return;
        if (!e.job.rome_code.empty() && !core::is_valid_rome_code(e.job.rome_code))
            return void(r.fail(jp + ".rome_code", "not a ROME code (a capital letter and 4 digits)"));
        const Value* tr = r.member(v, path, "training", true);
        if (!tr || !r.object(*tr, path + ".training", {"title", "diploma", "level"})) return;
        const std::string tp = path + ".training";
        if (!(r.str(*tr, tp, "title", &e.training.title) &&
              r.key(*tr, tp, "diploma", &e.training.diploma, 3, core::answer_key) &&
              r.integer(*tr, tp, "level", &e.training.level, 0, core::kMaxLevel) && r.str(v, path, "note", &e.note)))
            return;
        s.timeline.episodes.push_back(std::move(e));
    }
}

void read_boards(Reader& r, const Value& a, core::Session& s) {
    for (rapidjson::SizeType i = 0; i < a.Size() && r.error.empty(); ++i) {
        const std::string path = Reader::at("boards", i);
        const Value& v = a[i];
        if (!r.object(v, path, {"id", "template_id", "kind", "title", "prompt", "pictogram", "started_at", "columns",
                                "cards", "scales"}))
            return;
        core::Board b;
        std::string kind;
        if (!(r.id(v, path, "id", &b.id) && r.str(v, path, "template_id", &b.template_id) &&
              r.str(v, path, "kind", &kind)))
            return;
        auto k = core::board_kind_from_key(kind);
        if (!k) return void(r.fail(path + ".kind", "unknown value '" + kind + "'"));
        b.kind = *k;
        if (!(r.str(v, path, "title", &b.title) && r.str(v, path, "prompt", &b.prompt) &&
              r.str(v, path, "pictogram", &b.pictogram) && r.time(v, path, "started_at", &b.started_at)))
            return;
        const Value* cols = r.array(v, path, "columns");
        if (!cols) return;
        for (rapidjson::SizeType c = 0; c < cols->Size(); ++c) {
            const std::string cp = Reader::at(path + ".columns", c);
            const Value& cv = (*cols)[c];
            if (!r.object(cv, cp, {"id", "label", "pictogram", "role", "ranked", "cards"})) return;
            core::BoardColumn col;
            std::string role;
            std::vector<std::string> placed;
            if (!(r.str(cv, cp, "id", &col.id) && r.str(cv, cp, "label", &col.label) &&
                  r.str(cv, cp, "pictogram", &col.pictogram) && r.str(cv, cp, "role", &role)))
                return;
            auto ro = core::column_role_from_key(role);
            if (!ro) return void(r.fail(cp + ".role", "unknown value '" + role + "'"));
            col.role = *ro;
            if (!(r.integer(cv, cp, "ranked", &col.ranked, 0, core::kMaxBoardCards) &&
                  r.strings(cv, cp, "cards", &placed)))
                return;
            b.columns.push_back(std::move(col));
            b.placed.push_back(std::move(placed));
        }
        const Value* cards = r.array(v, path, "cards");
        if (!cards) return;
        for (rapidjson::SizeType c = 0; c < cards->Size(); ++c) {
            const std::string cp = Reader::at(path + ".cards", c);
            const Value& cv = (*cards)[c];
            if (!r.object(cv, cp, {"id", "label", "pictogram", "riasec", "rome", "custom"})) return;
            core::BoardCard card;
            if (!(r.str(cv, cp, "id", &card.id) && r.str(cv, cp, "label", &card.label) &&
                  r.str(cv, cp, "pictogram", &card.pictogram) && r.str(cv, cp, "riasec", &card.riasec) &&
                  r.str(cv, cp, "rome", &card.rome) && r.boolean(cv, cp, "custom", &card.custom)))
                return;
            if (!card.rome.empty() && !core::is_valid_rome_code(card.rome))
                return void(r.fail(cp + ".rome", "not a ROME code (a capital letter and 4 digits)"));
            b.cards.push_back(std::move(card));
        }
        const Value* scales = r.array(v, path, "scales");
        if (!scales) return;
        for (rapidjson::SizeType c = 0; c < scales->Size(); ++c) {
            const std::string cp = Reader::at(path + ".scales", c);
            const Value& cv = (*scales)[c];
            if (!r.object(cv, cp, {"id", "label", "low_label", "high_label", "value"})) return;
            core::BoardScale sc;
            if (!(r.str(cv, cp, "id", &sc.id) && r.str(cv, cp, "label", &sc.label) &&
                  r.str(cv, cp, "low_label", &sc.low_label) && r.str(cv, cp, "high_label", &sc.high_label) &&
                  r.integer(cv, cp, "value", &sc.value, -1, core::kScaleMax)))
                return;
            b.scales.push_back(std::move(sc));
        }
        // A card placed twice or one the board does not hold: the document is not one we wrote.
        for (size_t c = 0; c < b.placed.size(); ++c)
            for (const auto& id : b.placed[c])
                if (!b.find_card(id)) return void(r.fail(path + ".columns[" + std::to_string(c) + "].cards", "unknown card '" + id + "'"));
        core::normalize_board(b);
        s.boards.push_back(std::move(b));
    }
}

void read_synthesis(Reader& r, const Value& v, core::Session& s) {
    const std::string path = "synthesis";
    if (!r.object(v, path, {"sections", "preconisations", "finalized_by", "finalized_at"})) return;
    const Value* secs = r.array(v, path, "sections");
    if (!secs) return;
    for (rapidjson::SizeType i = 0; i < secs->Size(); ++i) {
        const std::string sp = Reader::at(path + ".sections", i);
        std::string key, text;
        if (!(r.object((*secs)[i], sp, {"key", "text"}) && r.str((*secs)[i], sp, "key", &key) &&
              r.str((*secs)[i], sp, "text", &text)))
            return;
        auto id = core::section_from_key(key);
        if (!id) return void(r.fail(sp + ".key", "unknown section '" + key + "'"));
        s.synthesis.section(*id).text = text;
    }
    const Value* recs = r.array(v, path, "preconisations");
    if (!recs) return;
    for (rapidjson::SizeType i = 0; i < recs->Size(); ++i) {
        const std::string rp = Reader::at(path + ".preconisations", i);
        const Value& rv = (*recs)[i];
        core::Recommendation rec;
        std::string pr;
        if (!(r.object(rv, rp, {"key", "label", "priority", "text"}) && r.str(rv, rp, "key", &rec.key) &&
              r.str(rv, rp, "label", &rec.label) && r.str(rv, rp, "priority", &pr) && r.str(rv, rp, "text", &rec.text)))
            return;
        auto p = core::priority_from_key(pr);
        if (!p) return void(r.fail(rp + ".priority", "unknown value '" + pr + "'"));
        if (rec.key.empty()) return void(r.fail(rp + ".key", "empty"));
        rec.priority = *p;
        s.synthesis.recommendations.push_back(std::move(rec));
    }
    r.str(v, path, "finalized_by", &s.synthesis.finalized_by) && r.time(v, path, "finalized_at", &s.synthesis.finalized_at);
}

void read_history(Reader& r, const Value& a, core::Session& s) {
    for (rapidjson::SizeType i = 0; i < a.Size() && r.error.empty(); ++i) {
        const std::string path = Reader::at("history", i);
        core::HistoryEntry h;
        if (!(r.object(a[i], path, {"at", "who", "what", "detail"}) && r.time(a[i], path, "at", &h.at) &&
              r.str(a[i], path, "who", &h.who) && r.str(a[i], path, "what", &h.what) &&
              r.str(a[i], path, "detail", &h.detail)))
            return;
        s.history.push_back(std::move(h));
    }
}

} // namespace

std::optional<core::Session> session_from_document(const std::string& json, std::string* error, DocumentInfo* info) {
    auto failed = [&](const std::string& e) -> std::optional<core::Session> {
        if (error) *error = e;
        return std::nullopt;
    };
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.c_str(), json.size());
    if (doc.HasParseError())
        return failed("not JSON: " + std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at byte " +
                      std::to_string(doc.GetErrorOffset()));
    Reader r;
    core::Session s;
    std::string version;
    // The version first: a later document is refused as such, not for its first unknown field.
    if (!doc.IsObject()) return failed("document: expected an object");
    if (!r.str(doc, "", "schema_version", &version)) return failed(r.error);
    if (version != kSessionSchemaVersion)
        return failed("unknown schema_version '" + version + "' (this Amorce reads " + kSessionSchemaVersion + ")");
    if (!r.object(doc, "", {"schema_version", "session_id", "status", "participant", "interview", "photolangage",
                            "timeline", "boards", "derived", "synthesis", "history"}))
        return failed(r.error);
    std::string status;
    if (r.id(doc, "", "session_id", &s.id) && r.key(doc, "", "status", &s.status, 3, core::status_key)) {
        if (const Value* v = r.member(doc, "", "participant", true)) read_participant(r, *v, s.participant);
        if (const Value* v = r.member(doc, "", "interview", true)) read_interview(r, *v, s);
        if (const Value* v = r.array(doc, "", "photolangage")) read_photolangage(r, *v, s);
        if (const Value* v = r.array(doc, "", "timeline")) read_timeline(r, *v, s);
        if (const Value* v = r.array(doc, "", "boards")) read_boards(r, *v, s);
        if (const Value* v = r.member(doc, "", "derived", true))
            if (!v->IsObject()) r.fail("derived", "expected an object");
        if (const Value* v = r.member(doc, "", "synthesis", true)) read_synthesis(r, *v, s);
        if (const Value* v = r.array(doc, "", "history")) read_history(r, *v, s);
    }
    if (!r.error.empty()) return failed(r.error);
    if (info) {
        info->schema_version = version;
        info->session_id = s.id;
        info->status = core::status_key(s.status);
        info->interview_date = s.interview_date().to_iso();
    }
    return s;
}

} // namespace amorce::exporting
