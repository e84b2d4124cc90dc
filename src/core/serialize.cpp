#include "core/serialize.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <algorithm>
#include <array>
#include <sstream>

// [SECTION] Bounded binary loading
// cereal reads a length and then resizes the string/vector before reading its bytes, so 8 bytes
// of garbage could ask for exabytes. While decoding, lengths are checked against the bytes that
// are left (every element takes at least one byte), which turns such input into a DecodeError.
namespace amorce::core::detail {
thread_local std::istream* g_input = nullptr;
thread_local std::uint64_t g_input_size = 0;
inline std::uint64_t bytes_left() {
    if (!g_input) return UINT64_MAX;
    const auto pos = g_input->tellg();
    return pos < 0 ? 0 : g_input_size - static_cast<std::uint64_t>(pos);
}
inline void check_length(std::uint64_t n) {
    if (n > bytes_left()) throw cereal::Exception("length " + std::to_string(n) + " runs past the end of the data");
}
} // namespace amorce::core::detail

namespace cereal {
inline void load(PortableBinaryInputArchive& ar, std::string& s) {
    size_type n = 0;
    ar(make_size_tag(n));
    amorce::core::detail::check_length(n);
    s.resize(static_cast<size_t>(n));
    if (n) ar(binary_data(&s[0], static_cast<std::size_t>(n)));
}
template <class T, class A> void load(PortableBinaryInputArchive& ar, std::vector<T, A>& v) {
    size_type n = 0;
    ar(make_size_tag(n));
    amorce::core::detail::check_length(n);
    v.resize(static_cast<size_t>(n));
    for (auto& item : v) ar(item);
}
} // namespace cereal

// One synthesis section as stored: its key, then its texts. Only sections with some text are
// written; a key this version does not know (a later release's section) is skipped when loading.
namespace amorce::core::detail {
struct StoredSection {
    std::string key;
    std::string text;
    std::string drafted;
};
} // namespace amorce::core::detail

// [SECTION] Class versions (bump on any layout change; never reuse a number)
CEREAL_CLASS_VERSION(amorce::core::Date, 1);
CEREAL_CLASS_VERSION(amorce::core::Participant, 1);
CEREAL_CLASS_VERSION(amorce::core::HistoryEntry, 1);
CEREAL_CLASS_VERSION(amorce::core::PhotoChoice, 1);
CEREAL_CLASS_VERSION(amorce::core::PhotoRound, 1);
CEREAL_CLASS_VERSION(amorce::core::FuzzyDate, 1);
CEREAL_CLASS_VERSION(amorce::core::JobDetails, 1);
CEREAL_CLASS_VERSION(amorce::core::TrainingDetails, 1);
CEREAL_CLASS_VERSION(amorce::core::TimelineEpisode, 1);
CEREAL_CLASS_VERSION(amorce::core::Timeline, 1);
CEREAL_CLASS_VERSION(amorce::core::BoardColumn, 1);
CEREAL_CLASS_VERSION(amorce::core::BoardCard, 1);
CEREAL_CLASS_VERSION(amorce::core::BoardScale, 1);
CEREAL_CLASS_VERSION(amorce::core::Board, 1);
CEREAL_CLASS_VERSION(amorce::core::detail::StoredSection, 1);
CEREAL_CLASS_VERSION(amorce::core::Recommendation, 1);
CEREAL_CLASS_VERSION(amorce::core::Synthesis, 1);
CEREAL_CLASS_VERSION(amorce::core::Session, 5); // 2: photolangage rounds; 3: timeline; 4: boards; 5: synthesis
CEREAL_CLASS_VERSION(amorce::core::SessionSummary, 1);

namespace cereal {
// cereal copies the raw byte into a bool: a damaged byte (not 0/1) would give a bool that is
// neither true nor false (undefined behaviour). Same 1-byte format, read as a number instead.
inline void CEREAL_LOAD_FUNCTION_NAME(PortableBinaryInputArchive& ar, bool& b) {
    std::uint8_t v = 0;
    ar.template loadBinary<sizeof(v)>(&v, sizeof(v));
    b = v != 0;
}
} // namespace cereal

namespace amorce::core {

// [SECTION] serialize functions
template <class Archive> void serialize(Archive& ar, Date& d, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("year", d.year), cereal::make_nvp("month", d.month),
       cereal::make_nvp("day", d.day));
}

template <class Archive> void serialize(Archive& ar, Participant& p, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("last_name", p.last_name), cereal::make_nvp("first_name", p.first_name),
       cereal::make_nvp("birth_date", p.birth_date), cereal::make_nvp("ecrou", p.ecrou),
       cereal::make_nvp("establishment", p.establishment),
       cereal::make_nvp("legal_status", p.legal_status), cereal::make_nvp("entry_date", p.entry_date),
       cereal::make_nvp("languages", p.languages));
}

template <class Archive> void serialize(Archive& ar, HistoryEntry& h, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("at", h.at), cereal::make_nvp("who", h.who), cereal::make_nvp("what", h.what),
       cereal::make_nvp("detail", h.detail));
}

template <class Archive> void serialize(Archive& ar, PhotoChoice& c, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("deck_id", c.deck_id), cereal::make_nvp("card_id", c.card_id),
       cereal::make_nvp("words", c.words), cereal::make_nvp("themes", c.themes));
}

template <class Archive> void save(Archive& ar, const PhotoRound& r, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", r.id), cereal::make_nvp("prompt_key", r.prompt_key),
       cereal::make_nvp("prompt_text", r.prompt_text), cereal::make_nvp("slot_count", r.slot_count),
       cereal::make_nvp("slots", r.slots), cereal::make_nvp("started_at", r.started_at));
}

template <class Archive> void load(Archive& ar, PhotoRound& r, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", r.id), cereal::make_nvp("prompt_key", r.prompt_key),
       cereal::make_nvp("prompt_text", r.prompt_text), cereal::make_nvp("slot_count", r.slot_count),
       cereal::make_nvp("slots", r.slots), cereal::make_nvp("started_at", r.started_at));
    // Damaged data: keep the invariant the commands rely on (1..3 slots, slots.size() == slot_count).
    r.slot_count = std::clamp(r.slot_count, kMinSlots, kMaxSlots);
    r.slots.resize(static_cast<size_t>(r.slot_count));
}

// Timeline enums are stored by their stable key (lane_key, contract_key...), never by number, so
// reordering or adding values never changes the meaning of a stored file. An unknown key (a
// damaged byte) loads as the enum's neutral value instead of failing the whole session.
namespace {
template <class E, size_t N>
E enum_from_key(const std::string& key, const std::array<E, N>& values, const char* (*key_of)(E), E fallback) {
    for (E v : values)
        if (key == key_of(v)) return v;
    return fallback;
}
constexpr std::array<WorkTime, 3> kWorkTimes = {WorkTime::Unknown, WorkTime::Full, WorkTime::Part};
constexpr std::array<Answer, 3> kAnswers = {Answer::Unknown, Answer::Yes, Answer::No};
constexpr std::array<EventType, 7> kAllEventTypes = {EventType::None, EventType::Diploma, EventType::ChildBirth,
                                                     EventType::DetentionEntry, EventType::Release,
                                                     EventType::Move, EventType::Other};
constexpr std::array<EpisodeKind, 2> kKinds = {EpisodeKind::Episode, EpisodeKind::Event};
const char* kind_key(EpisodeKind k) { return k == EpisodeKind::Event ? "event" : "episode"; }
} // namespace

template <class Archive> void serialize(Archive& ar, FuzzyDate& d, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("year", d.year), cereal::make_nvp("month", d.month),
       cereal::make_nvp("approximate", d.approximate));
}

template <class Archive> void save(Archive& ar, const JobDetails& j, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("title", j.title), cereal::make_nvp("rome_code", j.rome_code),
       cereal::make_nvp("employer", j.employer), cereal::make_nvp("contract", std::string(contract_key(j.contract))),
       cereal::make_nvp("work_time", std::string(work_time_key(j.work_time))));
}

template <class Archive> void load(Archive& ar, JobDetails& j, std::uint32_t /*version*/) {
    std::string contract, work_time;
    ar(cereal::make_nvp("title", j.title), cereal::make_nvp("rome_code", j.rome_code),
       cereal::make_nvp("employer", j.employer), cereal::make_nvp("contract", contract),
       cereal::make_nvp("work_time", work_time));
    j.contract = enum_from_key(contract, kContracts, contract_key, Contract::Unknown);
    j.work_time = enum_from_key(work_time, kWorkTimes, work_time_key, WorkTime::Unknown);
}

template <class Archive> void save(Archive& ar, const TrainingDetails& t, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("title", t.title), cereal::make_nvp("diploma", std::string(answer_key(t.diploma))),
       cereal::make_nvp("level", t.level));
}

template <class Archive> void load(Archive& ar, TrainingDetails& t, std::uint32_t /*version*/) {
    std::string diploma;
    ar(cereal::make_nvp("title", t.title), cereal::make_nvp("diploma", diploma), cereal::make_nvp("level", t.level));
    t.diploma = enum_from_key(diploma, kAnswers, answer_key, Answer::Unknown);
}

template <class Archive> void save(Archive& ar, const TimelineEpisode& e, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", e.id), cereal::make_nvp("lane", std::string(lane_key(e.lane))),
       cereal::make_nvp("kind", std::string(kind_key(e.kind))), cereal::make_nvp("start", e.start),
       cereal::make_nvp("end", e.end), cereal::make_nvp("title", e.title), cereal::make_nvp("job", e.job),
       cereal::make_nvp("training", e.training), cereal::make_nvp("event", std::string(event_key(e.event))),
       cereal::make_nvp("note", e.note));
}

template <class Archive> void load(Archive& ar, TimelineEpisode& e, std::uint32_t /*version*/) {
    std::string lane, kind, event;
    ar(cereal::make_nvp("id", e.id), cereal::make_nvp("lane", lane), cereal::make_nvp("kind", kind),
       cereal::make_nvp("start", e.start), cereal::make_nvp("end", e.end), cereal::make_nvp("title", e.title),
       cereal::make_nvp("job", e.job), cereal::make_nvp("training", e.training), cereal::make_nvp("event", event),
       cereal::make_nvp("note", e.note));
    e.lane = lane_from_key(lane).value_or(Lane::Personal);
    e.kind = enum_from_key(kind, kKinds, kind_key, EpisodeKind::Episode);
    e.event = enum_from_key(event, kAllEventTypes, event_key, EventType::None);
    // Damaged data: keep the invariants the commands and derived facts rely on.
    normalize_episode(e);
}

template <class Archive> void serialize(Archive& ar, Timeline& t, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("episodes", t.episodes));
}

// Boards: roles and kinds stored by their keys like the timeline enums; a loaded board is
// normalized (placed lists matching the columns, each card once, scale values in range).
template <class Archive> void save(Archive& ar, const BoardColumn& c, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", c.id), cereal::make_nvp("label", c.label), cereal::make_nvp("pictogram", c.pictogram),
       cereal::make_nvp("role", std::string(column_role_key(c.role))), cereal::make_nvp("ranked", c.ranked));
}

template <class Archive> void load(Archive& ar, BoardColumn& c, std::uint32_t /*version*/) {
    std::string role;
    ar(cereal::make_nvp("id", c.id), cereal::make_nvp("label", c.label), cereal::make_nvp("pictogram", c.pictogram),
       cereal::make_nvp("role", role), cereal::make_nvp("ranked", c.ranked));
    c.role = column_role_from_key(role).value_or(ColumnRole::None);
}

template <class Archive> void serialize(Archive& ar, BoardCard& c, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", c.id), cereal::make_nvp("label", c.label), cereal::make_nvp("pictogram", c.pictogram),
       cereal::make_nvp("riasec", c.riasec), cereal::make_nvp("rome", c.rome), cereal::make_nvp("custom", c.custom));
}

template <class Archive> void serialize(Archive& ar, BoardScale& sc, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", sc.id), cereal::make_nvp("label", sc.label), cereal::make_nvp("low_label", sc.low_label),
       cereal::make_nvp("high_label", sc.high_label), cereal::make_nvp("value", sc.value));
}

template <class Archive> void save(Archive& ar, const Board& b, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", b.id), cereal::make_nvp("template_id", b.template_id),
       cereal::make_nvp("kind", std::string(board_kind_key(b.kind))), cereal::make_nvp("title", b.title),
       cereal::make_nvp("prompt", b.prompt), cereal::make_nvp("pictogram", b.pictogram),
       cereal::make_nvp("columns", b.columns), cereal::make_nvp("cards", b.cards), cereal::make_nvp("placed", b.placed),
       cereal::make_nvp("scales", b.scales), cereal::make_nvp("started_at", b.started_at),
       cereal::make_nvp("next_custom", b.next_custom));
}

template <class Archive> void load(Archive& ar, Board& b, std::uint32_t /*version*/) {
    std::string kind;
    ar(cereal::make_nvp("id", b.id), cereal::make_nvp("template_id", b.template_id), cereal::make_nvp("kind", kind),
       cereal::make_nvp("title", b.title), cereal::make_nvp("prompt", b.prompt),
       cereal::make_nvp("pictogram", b.pictogram), cereal::make_nvp("columns", b.columns),
       cereal::make_nvp("cards", b.cards), cereal::make_nvp("placed", b.placed), cereal::make_nvp("scales", b.scales),
       cereal::make_nvp("started_at", b.started_at), cereal::make_nvp("next_custom", b.next_custom));
    b.kind = board_kind_from_key(kind).value_or(BoardKind::Sort);
    normalize_board(b);
}

// Synthesis: sections by key, priorities by key; loaded recommendations are normalized.
namespace detail {
template <class Archive> void serialize(Archive& ar, StoredSection& st, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("key", st.key), cereal::make_nvp("text", st.text), cereal::make_nvp("drafted", st.drafted));
}
} // namespace detail

template <class Archive> void save(Archive& ar, const Recommendation& r, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("key", r.key), cereal::make_nvp("label", r.label),
       cereal::make_nvp("priority", std::string(priority_key(r.priority))), cereal::make_nvp("text", r.text));
}

template <class Archive> void load(Archive& ar, Recommendation& r, std::uint32_t /*version*/) {
    std::string priority;
    ar(cereal::make_nvp("key", r.key), cereal::make_nvp("label", r.label), cereal::make_nvp("priority", priority),
       cereal::make_nvp("text", r.text));
    r.priority = priority_from_key(priority).value_or(Priority::Medium);
}

template <class Archive> void save(Archive& ar, const Synthesis& sy, std::uint32_t /*version*/) {
    std::vector<detail::StoredSection> sections;
    for (SectionId id : kSections) {
        const SynthesisSection& sec = sy.section(id);
        if (!sec.text.empty() || !sec.drafted.empty()) sections.push_back({section_key(id), sec.text, sec.drafted});
    }
    ar(cereal::make_nvp("sections", sections), cereal::make_nvp("recommendations", sy.recommendations),
       cereal::make_nvp("finalized_by", sy.finalized_by), cereal::make_nvp("finalized_at", sy.finalized_at));
}

template <class Archive> void load(Archive& ar, Synthesis& sy, std::uint32_t /*version*/) {
    std::vector<detail::StoredSection> sections;
    ar(cereal::make_nvp("sections", sections), cereal::make_nvp("recommendations", sy.recommendations),
       cereal::make_nvp("finalized_by", sy.finalized_by), cereal::make_nvp("finalized_at", sy.finalized_at));
    for (auto& st : sections)
        if (const auto id = section_from_key(st.key)) sy.section(*id) = SynthesisSection{std::move(st.text), std::move(st.drafted)};
    normalize_synthesis(sy);
}

template <class Archive> void serialize(Archive& ar, Session& s, std::uint32_t version) {
    ar(cereal::make_nvp("id", s.id), cereal::make_nvp("participant", s.participant),
       cereal::make_nvp("counsellor_id", s.counsellor_id),
       cereal::make_nvp("counsellor_name", s.counsellor_name),
       cereal::make_nvp("created_at", s.created_at), cereal::make_nvp("started_at", s.started_at),
       cereal::make_nvp("ended_at", s.ended_at), cereal::make_nvp("consent", s.consent),
       cereal::make_nvp("consent_at", s.consent_at), cereal::make_nvp("notes", s.notes),
       cereal::make_nvp("status", s.status), cereal::make_nvp("history", s.history),
       cereal::make_nvp("revision", s.revision));
    if (version >= 2) ar(cereal::make_nvp("photolangage", s.photolangage));
    if (version >= 3) ar(cereal::make_nvp("timeline", s.timeline));
    if (version >= 4) ar(cereal::make_nvp("boards", s.boards));
    if (version >= 5) ar(cereal::make_nvp("synthesis", s.synthesis));
}

template <class Archive> void serialize(Archive& ar, SessionSummary& s, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("id", s.id), cereal::make_nvp("display_name", s.display_name),
       cereal::make_nvp("ecrou", s.ecrou), cereal::make_nvp("interview_date", s.interview_date),
       cereal::make_nvp("status", s.status), cereal::make_nvp("updated_at", s.updated_at),
       cereal::make_nvp("revision", s.revision));
}

// [SECTION] encode / decode
namespace {
template <class T> std::string encode_bin(const T& value) {
    std::ostringstream os(std::ios::binary);
    {
        cereal::PortableBinaryOutputArchive ar(os);
        ar(value);
    }
    return os.str();
}

template <class T> T decode_bin(const std::string& bytes, const char* what) {
    T value{};
    std::istringstream is(bytes, std::ios::binary);
    detail::g_input = &is;
    detail::g_input_size = bytes.size();
    try {
        cereal::PortableBinaryInputArchive ar(is);
        ar(value);
    } catch (const std::exception& e) {
        detail::g_input = nullptr;
        throw DecodeError(std::string("cannot decode ") + what + ": " + e.what());
    }
    detail::g_input = nullptr;
    return value;
}

template <class T> std::string encode_json(const T& value, const char* name) {
    std::ostringstream os;
    {
        cereal::JSONOutputArchive ar(os, cereal::JSONOutputArchive::Options::Default());
        ar(cereal::make_nvp(name, value));
    }
    return os.str();
}
} // namespace

std::string encode_binary(const Session& s) { return encode_bin(s); }
Session decode_binary(const std::string& bytes) { return decode_bin<Session>(bytes, "session"); }
std::string encode_binary(const SessionSummary& s) { return encode_bin(s); }
SessionSummary decode_summary_binary(const std::string& bytes) {
    return decode_bin<SessionSummary>(bytes, "session summary");
}

std::string to_json(const Session& s) { return encode_json(s, "session"); }
std::string to_json(const SessionSummary& s) { return encode_json(s, "session"); }
std::string to_json(const std::vector<SessionSummary>& list) { return encode_json(list, "sessions"); }

Session session_from_json(const std::string& json) {
    Session s;
    try {
        std::istringstream is(json);
        cereal::JSONInputArchive ar(is);
        ar(cereal::make_nvp("session", s));
    } catch (const std::exception& e) {
        throw DecodeError(std::string("cannot decode session JSON: ") + e.what());
    }
    return s;
}

} // namespace amorce::core
