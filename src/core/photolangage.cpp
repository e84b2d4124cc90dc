#include "core/photolangage.hpp"

#include "core/session.hpp"
#include "core/tsv.hpp"

#include <algorithm>

namespace amorce::core {

PhotoRound new_round(std::string prompt_key, std::string prompt_text, int slot_count, std::int64_t now) {
    PhotoRound r;
    r.id = new_session_id();
    r.prompt_key = std::move(prompt_key);
    r.prompt_text = std::move(prompt_text);
    r.slot_count = std::clamp(slot_count, kMinSlots, kMaxSlots);
    r.slots.assign(static_cast<size_t>(r.slot_count), std::nullopt);
    r.started_at = now;
    return r;
}

int round_index(const Session& s, const std::string& round_id) {
    for (size_t i = 0; i < s.photolangage.size(); ++i)
        if (s.photolangage[i].id == round_id) return static_cast<int>(i);
    return -1;
}

const PhotoRound* find_round(const Session& s, const std::string& round_id) {
    const int i = round_index(s, round_id);
    return i < 0 ? nullptr : &s.photolangage[static_cast<size_t>(i)];
}

PhotoRound* find_round(Session& s, const std::string& round_id) {
    const int i = round_index(s, round_id);
    return i < 0 ? nullptr : &s.photolangage[static_cast<size_t>(i)];
}

std::vector<const PhotoChoice*> all_choices(const Session& s) {
    std::vector<const PhotoChoice*> out;
    for (const auto& round : s.photolangage)
        for (const auto& slot : round.slots)
            if (slot) out.push_back(&*slot);
    return out;
}

std::optional<std::vector<Prompt>> load_prompts(const std::string& path, std::string* error) {
    const auto fail = [&](const std::string& message) -> std::optional<std::vector<Prompt>> {
        if (error) *error = message;
        return std::nullopt;
    };
    std::vector<Prompt> out;
    std::string problem;
    const auto stop = [&](std::string message) {
        problem = std::move(message);
        return false;
    };
    const bool opened = read_tsv_lines(path, [&](int number, const std::string& line) {
        const std::string where = path + ":" + std::to_string(number) + ": ";
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) return stop(where + "expected key<TAB>text");
        Prompt p{line.substr(0, tab), line.substr(tab + 1)};
        if (p.key.empty()) return stop(where + "empty key");
        if (p.key.find(' ') != std::string::npos) return stop(where + "space in key '" + p.key + "'");
        if (p.text.empty()) return stop(where + "empty text for '" + p.key + "'");
        if (p.text.find('\t') != std::string::npos) return stop(where + "more than one tab");
        if (find_prompt(out, p.key)) return stop(where + "duplicate key '" + p.key + "'");
        out.push_back(std::move(p));
        return true;
    });
    if (!opened) return fail("cannot read prompt catalogue " + path);
    if (!problem.empty()) return fail(problem);
    return out;
}

const Prompt* find_prompt(const std::vector<Prompt>& prompts, const std::string& key) {
    for (const auto& p : prompts)
        if (p.key == key) return &p;
    return nullptr;
}

} // namespace amorce::core
