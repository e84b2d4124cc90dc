#include "core/date.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace amorce::core {

bool Date::operator<(const Date& o) const {
    if (year != o.year) return year < o.year;
    if (month != o.month) return month < o.month;
    return day < o.day;
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
std::int64_t Date::to_days() const {
    int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date Date::from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

Date Date::from_unix(std::int64_t unix_seconds) {
    std::int64_t days = unix_seconds / 86400;
    if (unix_seconds < 0 && unix_seconds % 86400 != 0) --days;
    return from_days(days);
}

std::string Date::to_french() const {
    if (!is_set()) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day, month, year);
    return buf;
}

std::string Date::to_iso() const {
    if (!is_set()) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

bool is_valid_date(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    static const int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = days_in[month - 1];
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && leap) max = 29;
    return day <= max;
}

namespace {
// Reads 1..max_digits decimal digits at text[pos]; advances pos.
bool read_number(const std::string& text, size_t& pos, int max_digits, int& out) {
    int digits = 0;
    out = 0;
    while (pos < text.size() && digits < max_digits && text[pos] >= '0' && text[pos] <= '9') {
        out = out * 10 + (text[pos] - '0');
        ++pos;
        ++digits;
    }
    return digits > 0;
}

std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}
} // namespace

std::optional<Date> parse_french_date(const std::string& raw, DateError* error) {
    auto fail = [&](DateError e) -> std::optional<Date> {
        if (error) *error = e;
        return std::nullopt;
    };
    const std::string text = trim(raw);
    if (text.empty()) return fail(DateError::Empty);
    size_t pos = 0;
    int d = 0, m = 0, y = 0;
    auto is_sep = [&](size_t p) {
        return p < text.size() && (text[p] == '/' || text[p] == '.' || text[p] == '-');
    };
    if (!read_number(text, pos, 2, d) || !is_sep(pos)) return fail(DateError::Format);
    ++pos;
    if (!read_number(text, pos, 2, m) || !is_sep(pos)) return fail(DateError::Format);
    ++pos;
    const size_t year_start = pos;
    if (!read_number(text, pos, 4, y) || pos != text.size() || pos - year_start != 4)
        return fail(DateError::Format);
    if (!is_valid_date(y, m, d)) return fail(DateError::NotADate);
    if (y < 1900 || y > 2200) return fail(DateError::OutOfRange);
    if (error) *error = DateError::None;
    return Date{y, m, d};
}

std::optional<Date> parse_iso_date(const std::string& text) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    if (!is_valid_date(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

int age_on(const Date& birth, const Date& on) {
    int age = on.year - birth.year;
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
    return age;
}

std::int64_t unix_now() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_unix_french(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
                  tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
    return buf;
}

Date local_date_of(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Date today_local() { return local_date_of(unix_now()); }

std::string format_unix_iso(std::int64_t t) {
    const Date d = Date::from_unix(t);
    std::int64_t secs = t % 86400;
    if (secs < 0) secs += 86400;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                  static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60),
                  static_cast<int>(secs % 60));
    return buf;
}

} // namespace amorce::core
