// A session as a synthesis document (issue 6): what the PDF prints, taken from the session, its
// synthesis and the decks its photos come from. Sections the counsellor has not written or
// drafted yet come from a fresh draft, so a draft session prints a complete draft.
#pragma once

#include "core/session.hpp"
#include "core/synthesis.hpp"
#include "deck/deck.hpp"
#include "report/synthesis_pdf.hpp"

#include <string>
#include <vector>

namespace amorce::report {

// decks: the installed decks (a photo whose deck or card is missing prints as « Photo
// indisponible »). finalizer_name: the name of the counsellor who finalized (the session holds
// an id); empty: the session's counsellor name.
SynthesisDocument document_from_session(const core::Session& s, const core::SynthesisAssets& assets,
                                        const std::vector<deck::Deck>& decks, const std::string& finalizer_name = {});

} // namespace amorce::report
