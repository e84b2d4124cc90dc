// Content of tests/data/golden-v6/amorce.db (schema version 2: accounts and the recovery wrap,
// issue 7; Session cereal payload version 5), shared by the generator (tests/data/make_golden.cpp)
// and the test that opens the file (tests/unit/test_store.cpp); the command-line test
// (tests/cli/cli_test.sh) uses the file as an encrypted data folder.
//
// The sessions are golden v5's, saved in clear and then encrypted by create_admin() (the path every
// schema-1 file takes); three accounts, Argon2id at the minimum cost (a test file, fast to unlock).
//
// FROZEN: the committed file was written from exactly this content. Never edit these values;
// a later schema version gets its own golden_vN.hpp and golden-vN/ directory (see README.md).
#pragma once

#include "golden_v5.hpp"

#include <vector>

namespace golden_v6 {

inline constexpr const char* kDir = "golden-v6";

// Created first by create_admin().
inline constexpr const char* kAdminId = "admin";
inline constexpr const char* kAdminName = "Adèle Administratrice";
inline constexpr const char* kAdminPin = "482915";
// Counsellors, added by the administrator. c-002 then failed twice (failures kept in the file).
inline constexpr const char* kCounsellorId = "c-001";
inline constexpr const char* kCounsellorName = "Émile Lœwy";
inline constexpr const char* kCounsellorSecret = "cheval bleu du matin";
inline constexpr const char* kSecondId = "c-002";
inline constexpr const char* kSecondName = "Françoise Dubœuf";
inline constexpr const char* kSecondPin = "730146";
inline constexpr int kSecondFailures = 2;
// The organisation recovery key create_admin() returned when the file was written.
inline constexpr const char* kRecoveryKey = "GV4F VZ36 0KKE FWQE S60J KN46 YBWX G8MJ";

inline std::vector<amorce::core::Session> sessions() { return golden_v5::sessions(); }

} // namespace golden_v6
