// The versioned JSON document of one session, as sent to the central system (issue 8, DESIGN §7).
// Written with cereal's JSONOutputArchive; described by assets/schema/session-1.schema.json
// (JSON Schema draft 2020-12); read back and checked by a strict reader that reports the first
// problem with its path ("timeline[2].edtf: not an EDTF date or interval").
//
// [SECTION] Document
// [SECTION] Reading and checking
//
// What goes in: the participant, the interview (counsellor, times, consent), the photolangage
// rounds (card ids and the person's words), the timeline episodes (EDTF dates, ROME codes), the
// boards (columns, where each card went, scales), results derived by core (interest code,
// months employed, highest diploma, ranked cards...), the synthesis sections and préconisations,
// the status, who finalized and when, and the history.
// What stays on the tablet (document_view() clears it): the counsellor's private notes, the
// drafted text behind each synthesis section (only the final text goes), the storage revision
// and the boards' next custom card number (recomputed from the cards).
#pragma once

#include "core/session.hpp"

#include <optional>
#include <string>

namespace amorce::exporting {

// [SECTION] Document
inline constexpr const char* kSessionSchemaVersion = "amorce.session/1";

// The document of `s`, pretty-printed (2 spaces), UTF-8. Invalid UTF-8 in a text becomes U+FFFD,
// so the output is always valid JSON.
std::string session_document(const core::Session& s);

// The session as a document carries it: s without what is not exported (see the header).
// session_from_document(session_document(s)) == document_view(s).
core::Session document_view(const core::Session& s);

// [SECTION] Reading and checking
// What a checked document says about itself (for a bundle summary).
struct DocumentInfo {
    std::string schema_version;
    std::string session_id;
    std::string status;          // "finalized", "exported"
    std::string interview_date;  // YYYY-MM-DD
};

// Parses and checks a document: JSON syntax, a known schema_version (an unknown one is refused:
// "unknown schema_version 'amorce.session/9' (this Amorce reads amorce.session/1)"), every
// required field with its type, no unknown field, ids, dates, EDTF, ROME codes and keys.
// nullopt + *error (English, "path: problem") on the first problem found.
std::optional<core::Session> session_from_document(const std::string& json, std::string* error = nullptr,
                                                   DocumentInfo* info = nullptr);

// An id that may name a file in a bundle: 1-64 characters among A-Z a-z 0-9 . _ - (no leading dot).
bool is_safe_id(const std::string& id);

// Text as valid UTF-8: invalid bytes become U+FFFD.
std::string valid_utf8(const std::string& text);

} // namespace amorce::exporting
