// Natives of package time: the wall and monotonic clocks, Sleep, and time
// zones read from the system's TZif files (/usr/share/zoneinfo), with the
// POSIX TZ rule at the end of a file extending it past its last transition.
#include <time.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "stdlib/registry.h"
#include "vm/api.h"

namespace vo::stdlib {

namespace {

using rt::Slot;

constexpr int64_t kMinI64 = INT64_MIN, kMaxI64 = INT64_MAX;
constexpr int64_t kDay = 86400;

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = floor_div(y, 400);
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t year_of_day(int64_t z) {
  z += 719468;
  int64_t era = floor_div(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (m <= 2);
}

int days_in_month(int64_t y, int m) {
  static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : k[m - 1];
}

// ---- clocks ----

int64_t mono_raw() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// The monotonic reading counts from the program's start (plus one, so that
// it is never zero), as Go's does.
int64_t mono_now() {
  static const int64_t start = mono_raw() - 1;
  return mono_raw() - start;
}

void now(vm::NativeCtx&, Slot*, Slot* r) {
  int64_t mono = mono_now();
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  api::ret_int(r, ts.tv_sec);
  api::ret_int(r + 1, ts.tv_nsec);
  api::ret_int(r + 2, mono);
}

void mono(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, mono_now()); }

// time.Sleep parks the goroutine; other goroutines run meanwhile.
void sleep(vm::NativeCtx& ctx, Slot* a, Slot*) { api::sleep(ctx, api::arg_int(a)); }

// Marks the calling goroutine as a timer's helper: it does not keep the
// program alive once every other goroutine has finished.
void daemon(vm::NativeCtx& ctx, Slot*, Slot*) { api::mark_daemon(ctx); }

// ---- time zones ----

struct ZoneType {
  int32_t offset = 0;
  bool dst = false;
  std::string abbr;
};

// A POSIX TZ rule date: Jn (1..365, no Feb 29), n (0..365), or Mm.w.d.
struct RuleDate {
  char kind = 0;  // 'J', 'D' or 'M'
  int day = 0, week = 0, mon = 0;
  int64_t time = 7200;  // seconds after local midnight
};

struct PosixRule {
  std::string std_name, dst_name;
  int64_t std_off = 0, dst_off = 0;  // seconds east of UTC
  bool has_dst = false;
  RuleDate start, end;
};

struct Zone {
  std::vector<ZoneType> types;
  std::vector<int64_t> trans;
  std::vector<uint8_t> idx;
  std::optional<PosixRule> rule;
};

// -- POSIX TZ strings --

bool tz_name(const std::string& s, size_t& i, std::string* out) {
  if (i < s.size() && s[i] == '<') {
    size_t j = s.find('>', i);
    if (j == std::string::npos) return false;
    *out = s.substr(i + 1, j - i - 1);
    i = j + 1;
    return !out->empty();
  }
  size_t j = i;
  while (j < s.size() && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z'))) ++j;
  if (j - i < 3) return false;
  *out = s.substr(i, j - i);
  i = j;
  return true;
}

bool tz_num(const std::string& s, size_t& i, int64_t* out, int max) {
  size_t j = i;
  int64_t v = 0;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 4) v = v * 10 + (s[j++] - '0');
  if (j == i || v > max) return false;
  i = j;
  *out = v;
  return true;
}

// [+-]hh[:mm[:ss]] in seconds.
bool tz_offset(const std::string& s, size_t& i, int64_t* out, int max_hours) {
  int64_t sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
  int64_t h = 0, m = 0, sec = 0;
  if (!tz_num(s, i, &h, max_hours)) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!tz_num(s, i, &m, 59)) return false;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!tz_num(s, i, &sec, 59)) return false;
    }
  }
  *out = sign * (h * 3600 + m * 60 + sec);
  return true;
}

bool tz_rule_date(const std::string& s, size_t& i, RuleDate* d) {
  int64_t v = 0;
  if (i < s.size() && s[i] == 'J') {
    ++i;
    if (!tz_num(s, i, &v, 365) || v < 1) return false;
    d->kind = 'J';
    d->day = static_cast<int>(v);
  } else if (i < s.size() && s[i] == 'M') {
    ++i;
    int64_t m, w, dd;
    if (!tz_num(s, i, &m, 12) || m < 1 || i >= s.size() || s[i++] != '.') return false;
    if (!tz_num(s, i, &w, 5) || w < 1 || i >= s.size() || s[i++] != '.') return false;
    if (!tz_num(s, i, &dd, 6)) return false;
    d->kind = 'M';
    d->mon = static_cast<int>(m);
    d->week = static_cast<int>(w);
    d->day = static_cast<int>(dd);
  } else {
    if (!tz_num(s, i, &v, 365)) return false;
    d->kind = 'D';
    d->day = static_cast<int>(v);
  }
  d->time = 7200;
  if (i < s.size() && s[i] == '/') {
    ++i;
    if (!tz_offset(s, i, &d->time, 167)) return false;
  }
  return true;
}

std::optional<PosixRule> parse_posix(const std::string& s) {
  PosixRule r;
  size_t i = 0;
  int64_t off;
  if (!tz_name(s, i, &r.std_name) || !tz_offset(s, i, &off, 24)) return std::nullopt;
  r.std_off = -off;
  if (i == s.size()) return r;
  if (!tz_name(s, i, &r.dst_name)) return std::nullopt;
  r.has_dst = true;
  r.dst_off = r.std_off + 3600;
  if (i < s.size() && s[i] != ',') {
    if (!tz_offset(s, i, &off, 24)) return std::nullopt;
    r.dst_off = -off;
  }
  if (i == s.size()) {  // the US rules are the default
    r.start = {'M', 0, 2, 3, 7200};
    r.end = {'M', 0, 1, 11, 7200};
    return r;
  }
  if (s[i++] != ',' || !tz_rule_date(s, i, &r.start)) return std::nullopt;
  if (i >= s.size() || s[i++] != ',' || !tz_rule_date(s, i, &r.end)) return std::nullopt;
  if (i != s.size()) return std::nullopt;
  return r;
}

// Seconds from the start of `year` (UTC) to the instant the rule date
// happens, for a local time at UTC offset `off`.
int64_t rule_time(int64_t year, const RuleDate& d, int64_t off) {
  int64_t day = 0;  // day of year, from 0
  switch (d.kind) {
    case 'J':
      day = d.day - 1;
      if (is_leap(year) && d.day >= 60) ++day;
      break;
    case 'D': day = d.day; break;
    case 'M': {
      int64_t first = days_from_civil(year, d.mon, 1);
      int64_t wd = ((first + 4) % 7 + 7) % 7;  // weekday of the 1st
      int64_t dom = (d.day - wd + 7) % 7 + 1;    // first such weekday
      dom += 7 * (d.week - 1);
      while (dom > days_in_month(year, d.mon)) dom -= 7;
      day = first + dom - 1 - days_from_civil(year, 1, 1);
      break;
    }
  }
  return day * kDay + d.time - off;
}

struct Lookup {
  std::string name;
  int64_t offset = 0, start = kMinI64, end = kMaxI64;
};

Lookup rule_lookup(const PosixRule& r, int64_t t_unix) {
  if (!r.has_dst) return {r.std_name, r.std_off, kMinI64, kMaxI64};
  int64_t year = year_of_day(floor_div(t_unix, kDay));
  int64_t y0 = days_from_civil(year, 1, 1) * kDay;
  int64_t ysec = t_unix - y0;
  int64_t start = rule_time(year, r.start, r.std_off);
  int64_t end = rule_time(year, r.end, r.dst_off);
  std::string std_name = r.std_name, dst_name = r.dst_name;
  int64_t std_off = r.std_off, dst_off = r.dst_off;
  if (end < start) {  // southern hemisphere: the "DST" period spans the new year
    std::swap(start, end);
    std::swap(std_name, dst_name);
    std::swap(std_off, dst_off);
  }
  int64_t year_len = (is_leap(year) ? 366 : 365) * kDay;
  if (ysec < start) return {std_name, std_off, y0, y0 + start};
  if (ysec >= end) return {std_name, std_off, y0 + end, y0 + year_len};
  return {dst_name, dst_off, y0 + start, y0 + end};
}

// -- TZif --

struct Reader {
  const std::string& d;
  size_t p = 0;
  bool ok = true;
  uint64_t be(int n) {
    if (p + n > d.size()) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = v << 8 | static_cast<uint8_t>(d[p++]);
    return v;
  }
  void skip(size_t n) {
    if (p + n > d.size()) ok = false;
    p += n;
  }
};

std::optional<Zone> parse_tzif(const std::string& data) {
  Reader rd{data};
  auto header = [&](uint64_t c[6]) {
    if (rd.be(4) != 0x545A6966) return 0;  // "TZif"
    int version = static_cast<int>(rd.be(1));
    rd.skip(15);
    for (int i = 0; i < 6; ++i) c[i] = rd.be(4);  // isutcnt isstdcnt leapcnt timecnt typecnt charcnt
    return rd.ok ? (version ? version - '0' + 0 : 1) : 0;
  };
  uint64_t c[6];
  int version = header(c);
  if (!version || c[4] == 0) return std::nullopt;
  bool v2 = data[4] >= '2';
  if (v2) {  // skip the 32-bit body, read the 64-bit one
    rd.skip(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (!header(c) || c[4] == 0) return std::nullopt;
  }
  int tsize = v2 ? 8 : 4;
  Zone z;
  for (uint64_t i = 0; i < c[3]; ++i) {
    uint64_t v = rd.be(tsize);
    z.trans.push_back(tsize == 8 ? static_cast<int64_t>(v) : static_cast<int32_t>(v));
  }
  for (uint64_t i = 0; i < c[3]; ++i) z.idx.push_back(static_cast<uint8_t>(rd.be(1)));
  std::vector<uint8_t> abbr_idx;
  for (uint64_t i = 0; i < c[4]; ++i) {
    ZoneType t;
    t.offset = static_cast<int32_t>(rd.be(4));
    t.dst = rd.be(1) != 0;
    abbr_idx.push_back(static_cast<uint8_t>(rd.be(1)));
    z.types.push_back(t);
  }
  if (!rd.ok || rd.p + c[5] > data.size()) return std::nullopt;
  std::string chars = data.substr(rd.p, c[5]);
  rd.skip(c[5]);
  for (size_t i = 0; i < z.types.size(); ++i) {
    size_t a = abbr_idx[i];
    if (a < chars.size()) z.types[i].abbr = chars.substr(a, chars.find('\0', a) - a);
  }
  for (uint8_t i : z.idx)
    if (i >= z.types.size()) return std::nullopt;
  rd.skip(c[2] * (tsize + 4) + c[1] + c[0]);
  if (v2 && rd.ok && rd.p < data.size() && data[rd.p] == '\n') {
    size_t e = data.find('\n', rd.p + 1);
    if (e != std::string::npos) {
      std::string footer = data.substr(rd.p + 1, e - rd.p - 1);
      if (!footer.empty()) z.rule = parse_posix(footer);
    }
  }
  return z;
}

// The zone type for times before the first transition, as Go picks it.
size_t first_type(const Zone& z) {
  bool used = false;
  for (uint8_t i : z.idx) used |= i == 0;
  if (!used) return 0;
  if (!z.idx.empty() && z.types[z.idx[0]].dst)
    for (int i = z.idx[0] - 1; i >= 0; --i)
      if (!z.types[i].dst) return static_cast<size_t>(i);
  for (size_t i = 0; i < z.types.size(); ++i)
    if (!z.types[i].dst) return i;
  return 0;
}

Lookup zone_lookup(const Zone& z, int64_t t_unix) {
  if (z.trans.empty()) {
    if (z.rule) return rule_lookup(*z.rule, t_unix);
    const ZoneType& t = z.types[first_type(z)];
    return {t.abbr, t.offset, kMinI64, kMaxI64};
  }
  if (t_unix < z.trans[0]) {
    const ZoneType& t = z.types[first_type(z)];
    return {t.abbr, t.offset, kMinI64, z.trans[0]};
  }
  size_t lo = 0, hi = z.trans.size();
  while (hi - lo > 1) {
    size_t m = lo + (hi - lo) / 2;
    if (t_unix < z.trans[m])
      hi = m;
    else
      lo = m;
  }
  const ZoneType& t = z.types[z.idx[lo]];
  Lookup out{t.abbr, t.offset, z.trans[lo], lo + 1 < z.trans.size() ? z.trans[lo + 1] : kMaxI64};
  if (lo + 1 == z.trans.size() && z.rule) {
    Lookup e = rule_lookup(*z.rule, t_unix);
    if (e.start < out.start) e.start = out.start;  // not before the last transition
    return e;
  }
  return out;
}

// Loaded zones by id (1-based); id 0 is UTC.
std::vector<std::unique_ptr<Zone>>& zones() {
  static std::vector<std::unique_ptr<Zone>> z;
  return z;
}

// Zones are shared by every island of the process; natives that touch the
// tables hold this lock (a Zone never changes once loaded).
std::mutex& zones_mutex() {
  static std::mutex mu;
  return mu;
}

std::unordered_map<std::string, int64_t>& zone_ids() {
  static std::unordered_map<std::string, int64_t> m;
  return m;
}

bool read_file(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out->assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return true;
}

// Loads the zone in `path`; 0 when it cannot be read or parsed.
int64_t load_zone_file(const std::string& key, const std::string& path) {
  auto it = zone_ids().find(key);
  if (it != zone_ids().end()) return it->second;
  std::string data;
  if (!read_file(path, &data)) return 0;
  std::optional<Zone> z = parse_tzif(data);
  if (!z) return 0;
  zones().push_back(std::make_unique<Zone>(std::move(*z)));
  auto id = static_cast<int64_t>(zones().size());
  zone_ids()[key] = id;
  return id;
}

int64_t load_zone(const std::string& name) {
  if (!name.empty() && name[0] == '/') return load_zone_file(name, name);
  std::string dirs[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/"};
  if (const char* zi = std::getenv("ZONEINFO"); zi && *zi) {
    if (int64_t id = load_zone_file(name, std::string(zi) + "/" + name)) return id;
  }
  for (const std::string& d : dirs)
    if (int64_t id = load_zone_file(name, d + name)) return id;
  return 0;
}

// tzLoad(name) (id int, err string): err is "" on success.
void tz_load(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string name(api::arg_string(a));
  bool bad = name.empty() || name.find('\0') != std::string::npos || name.find("..") != std::string::npos ||
             name[0] == '/' || name[0] == '\\';
  int64_t id = 0;
  if (!bad) {
    std::lock_guard<std::mutex> lock(zones_mutex());
    id = load_zone(name);
  }
  api::ret_int(r, id);
  if (bad)
    api::ret_string(ctx, r + 1, "time: invalid location name");
  else
    api::ret_string(ctx, r + 1, id ? "" : "unknown time zone " + name);
}

// tzLocal() int: the zone of the TZ variable or /etc/localtime; 0 for UTC.
void tz_local(vm::NativeCtx&, Slot*, Slot* r) {
  const char* tz = std::getenv("TZ");
  int64_t id = 0;
  std::lock_guard<std::mutex> lock(zones_mutex());
  if (!tz) {
    id = load_zone_file("/etc/localtime", "/etc/localtime");
  } else if (*tz) {
    std::string name = tz[0] == ':' ? tz + 1 : tz;
    if (name != "UTC" && name != "") {
      id = load_zone(name);
      if (!id) {  // a POSIX TZ string such as "EST5EDT"
        if (std::optional<PosixRule> rule = parse_posix(name)) {
          Zone z;
          z.types.push_back({static_cast<int32_t>(rule->std_off), false, rule->std_name});
          z.rule = rule;
          zones().push_back(std::make_unique<Zone>(std::move(z)));
          id = static_cast<int64_t>(zones().size());
        }
      }
    }
  }
  api::ret_int(r, id);
}

const Zone* zone_arg(const Slot* a) {
  int64_t id = api::arg_int(a);
  std::lock_guard<std::mutex> lock(zones_mutex());
  if (id <= 0 || id > static_cast<int64_t>(zones().size())) return nullptr;
  return zones()[static_cast<size_t>(id - 1)].get();
}

// tzLookup(id, t_unix) (name string, offset int, start, end int64)
void tz_lookup(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  const Zone* z = zone_arg(a);
  Lookup l = z ? zone_lookup(*z, api::arg_int(a + 1)) : Lookup{"UTC", 0, kMinI64, kMaxI64};
  api::ret_string(ctx, r, l.name);
  api::ret_int(r + 2, l.offset);
  api::ret_int(r + 3, l.start);
  api::ret_int(r + 4, l.end);
}

// tzZones(id) (names []string, offsets []int): the zone's types.
void tz_zones(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  const Zone* z = zone_arg(a);
  std::vector<std::string> names;
  std::vector<int64_t> offsets;
  if (z) {
    for (const ZoneType& t : z->types) {
      names.push_back(t.abbr);
      offsets.push_back(t.offset);
    }
    if (z->rule) {
      names.push_back(z->rule->std_name);
      offsets.push_back(z->rule->std_off);
      if (z->rule->has_dst) {
        names.push_back(z->rule->dst_name);
        offsets.push_back(z->rule->dst_off);
      }
    }
  } else {
    names.push_back("UTC");
    offsets.push_back(0);
  }
  api::ret_strings(ctx, r, names);
  api::ret_ints(ctx, r + 3, offsets);
}

constexpr NativeDef kNatives[] = {
    {"time.now", now},           {"time.monoNow", mono},     {"time.Sleep", sleep}, {"time.daemon", daemon},
    {"time.tzLoad", tz_load},    {"time.tzLocal", tz_local}, {"time.tzLookup", tz_lookup},
    {"time.tzZones", tz_zones},
};

}  // namespace

std::span<const NativeDef> time_natives() { return kNatives; }

}  // namespace vo::stdlib
