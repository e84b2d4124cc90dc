// Calendar dates and timestamps used by the session model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace amorce::core {

// A calendar date (no time zone). A default-constructed Date is "unset".
struct Date {
    int year = 0;
    int month = 0; // 1..12
    int day = 0;   // 1..31

    bool is_set() const { return year != 0; }
    bool operator==(const Date& o) const { return year == o.year && month == o.month && day == o.day; }
    bool operator!=(const Date& o) const { return !(*this == o); }
    bool operator<(const Date& o) const;

    // Days since 1970-01-01 (proleptic Gregorian).
    std::int64_t to_days() const;
    static Date from_days(std::int64_t days);
    static Date from_unix(std::int64_t unix_seconds); // UTC
    Date plus_days(int days) const { return from_days(to_days() + days); }

    std::string to_french() const; // "07/03/1985"
    std::string to_iso() const;    // "1985-03-07"
};

bool is_valid_date(int year, int month, int day);

// Why a typed date was refused; the UI turns each into a French message.
enum class DateError { None, Empty, Format, NotADate, OutOfRange };

// Parses "dd/mm/yyyy" (also accepts '.' or '-' separators and 1-digit day/month).
// On failure returns nullopt and sets *error.
std::optional<Date> parse_french_date(const std::string& text, DateError* error = nullptr);
std::optional<Date> parse_iso_date(const std::string& text);

// Whole years between birth and on (age on that day).
int age_on(const Date& birth, const Date& on);

std::int64_t unix_now();
std::string format_unix_french(std::int64_t unix_seconds); // "27/11/2026 10:15" (local time)
Date local_date_of(std::int64_t unix_seconds);                // calendar day in local time
Date today_local();
std::string format_unix_iso(std::int64_t unix_seconds);    // "2026-11-27T09:15:00Z"

} // namespace amorce::core
