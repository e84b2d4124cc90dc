// cereal serialization of the session model. Binary (portable) for storage, JSON for the
// command line and, later, exports. Every type carries a CEREAL_CLASS_VERSION: bump it and
// branch on `version` in its serialize() when a field is added, so older files still load.
#pragma once

#include "core/session.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace amorce::core {

struct DecodeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string encode_binary(const Session& s);
Session decode_binary(const std::string& bytes); // throws DecodeError

std::string encode_binary(const SessionSummary& s);
SessionSummary decode_summary_binary(const std::string& bytes); // throws DecodeError

std::string to_json(const Session& s);
Session session_from_json(const std::string& json); // throws DecodeError
std::string to_json(const SessionSummary& s);
std::string to_json(const std::vector<SessionSummary>& list);

} // namespace amorce::core
