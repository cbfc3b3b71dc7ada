#include "stdlib/regexp/engine.h"

#include <re2/re2.h>

#include "stdlib/regexp/go_tree.h"
#include "stdlib/regexp/prefix.h"
#include "stdlib/regexp/translate.h"

namespace vo::stdlib::rx {

namespace {

// RE2's memory budget for a program and its DFA caches. RE2 expands a
// Unicode class into a UTF-8 automaton of hundreds of instructions where Go
// uses one, so counted repetitions of such classes grow large: with RE2's
// default 8 MB, \pL{300} compiles (in about 1 s) and \pL{1000} fails as
// "expression too large"; allowing it would take seconds and 200 MB.
constexpr int64_t kMaxMem = int64_t{8} << 20;

RE2::Options options(bool longest) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_posix_syntax(false);  // Perl classes, \b, flags, non-greedy operators: Go's syntax.Perl
  o.set_longest_match(longest);
  o.set_log_errors(false);
  o.set_max_mem(kMaxMem);
  return o;
}

// Go's ErrorCode for an RE2 error; the two parsers report the same failures.
const char* go_code(RE2::ErrorCode c) {
  switch (c) {
    case RE2::ErrorBadEscape:
      return kErrInvalidEscape;
    case RE2::ErrorBadCharClass:
      return kErrInvalidCharClass;
    case RE2::ErrorBadCharRange:
      return kErrInvalidCharRange;
    case RE2::ErrorMissingBracket:
      return kErrMissingBracket;
    case RE2::ErrorMissingParen:
      return kErrMissingParen;
    case RE2::ErrorUnexpectedParen:
      return kErrUnexpectedParen;
    case RE2::ErrorTrailingBackslash:
      return kErrTrailingBackslash;
    case RE2::ErrorRepeatArgument:
      return kErrMissingRepeatArgument;
    case RE2::ErrorRepeatSize:
      return kErrInvalidRepeatSize;
    case RE2::ErrorRepeatOp:
      return kErrInvalidRepeatOp;
    case RE2::ErrorBadPerlOp:
      return kErrInvalidPerlOp;
    case RE2::ErrorBadUTF8:
      return kErrInvalidUTF8;
    case RE2::ErrorBadNamedCapture:
      return kErrInvalidNamedCapture;
    case RE2::ErrorPatternTooLarge:
      return kErrLarge;
    default:
      return kErrInternalError;
  }
}

// Go's parseInt: digits without a leading zero; -1 when too big.
int count(std::string_view s, size_t* i) {
  size_t start = *i;
  while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9') ++*i;
  if (*i - start > 8) return -1;
  return *i == start ? 0 : std::stoi(std::string(s.substr(start, *i - start)));
}

// For stacked repetitions ending in {n,m} with a count out of range, Go
// reports the count ("invalid repeat count: `{1001}`") before the stacking;
// RE2 the other way round. True with *brace set to that {n,m}.
bool bad_last_count(std::string_view ops, std::string* brace) {
  size_t open = ops.rfind('{');
  if (open == std::string_view::npos) return false;
  size_t i = open + 1;
  int min = count(ops, &i), max = min;
  if (i < ops.size() && ops[i] == ',') {
    ++i;
    max = i < ops.size() && ops[i] == '}' ? -2 : count(ops, &i);
  }
  if (i >= ops.size() || ops[i] != '}') return false;
  *brace = std::string(ops.substr(open, i + 1 - open));
  return min < 0 || min > 1000 || max > 1000 || max == -1 || (max >= 0 && min > max);
}

SyntaxError go_error(const RE2& re, std::string_view expr) {
  SyntaxError e{go_code(re.error_code()), re.error_arg()};
  switch (re.error_code()) {
    case RE2::ErrorRepeatOp:
      if (std::string brace; bad_last_count(e.expr, &brace)) e = SyntaxError{kErrInvalidRepeatSize, brace};
      break;
    case RE2::ErrorMissingParen:
    case RE2::ErrorUnexpectedParen:
    case RE2::ErrorPatternTooLarge:
      e.expr = std::string(expr);  // Go names the whole expression (RE2 saw the translation)
      break;
    case RE2::ErrorTrailingBackslash:
      e.expr.clear();
      break;
    default:
      break;
  }
  return e;
}

// The error Go reports first for a pattern the translation rejected: Go
// parses left to right, so an error RE2 finds in the text before the
// translation's is Go's. (A group or class left open there is only cut off.)
SyntaxError first_error(const Translation& t, const TranslateError& terr, std::string_view expr) {
  RE2 before(t.pattern.substr(0, terr.translated), options(false));
  if (before.ok()) return terr.error;
  switch (before.error_code()) {
    case RE2::ErrorMissingParen:
    case RE2::ErrorMissingBracket:
      return terr.error;
    default:
      return go_error(before, expr);
  }
}

// What an RE2 object comes to hold once it has been used: its program, the
// reverse program it makes for submatches, and the states its DFAs cache
// (measured: about 120 bytes per instruction, \pL's 1,200 instructions
// taking 150 KB). The caches can grow further, up to kMaxMem.
int64_t footprint(const RE2& re) {
  constexpr int64_t kBytesPerInst = 128, kBaseBytes = 4096;
  return kBaseBytes + kBytesPerInst * re.ProgramSize() + 2 * static_cast<int64_t>(re.pattern().size());
}

}  // namespace

Engine::Engine() = default;
Engine::~Engine() = default;

std::unique_ptr<Engine> compile(std::string_view expr, bool longest, SyntaxError* err) {
  Translation t;
  TranslateError terr;
  if (!translate(expr, &t, &terr)) {
    *err = first_error(t, terr, expr);
    return nullptr;
  }
  auto re = std::make_unique<RE2>(t.pattern, options(longest));
  if (!re->ok()) {
    *err = go_error(*re, expr);
    return nullptr;
  }
  if (re->NumberOfCapturingGroups() + 1 != static_cast<int>(t.names.size())) {
    *err = SyntaxError{kErrInternalError, std::string(expr)};
    return nullptr;
  }
  GoTree tree = parse_go_tree(expr);
  if (tree.max_height > kMaxHeight) {
    *err = SyntaxError{kErrNestingDepth, std::string(expr)};
    return nullptr;
  }
  auto e = std::make_unique<Engine>();
  e->re = std::move(re);
  e->names = std::move(t.names);
  e->has_nonword_boundary = t.has_nonword_boundary;
  LiteralPrefix p = literal_prefix(tree.root);
  e->prefix = std::move(p.prefix);
  e->prefix_complete = p.complete;
  e->footprint = footprint(*e->re);
  return e;
}

}  // namespace vo::stdlib::rx
