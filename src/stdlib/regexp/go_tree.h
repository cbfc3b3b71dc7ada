// The shape of the parse tree Go's regexp/syntax builds for a pattern, for
// what Go derives from it and RE2 does not: LiteralPrefix, and the "nests
// too deeply" limit (a tree taller than 1000 is an error in Go). Literals,
// groups, alternations and repetitions are kept; other constructs are
// opaque classes or assertions. Literals are merged and alternations
// factored as Go's parser does it, since that decides both the height and
// the literal a program starts with.
//
// Goroutines run natives on small stacks, so nothing here recurses deeper
// than a small bound: parsing keeps its own stack, every node records its
// height, and a subtree taller than kMaxKept is replaced by an opaque node
// that keeps only its height.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vo::stdlib::rx {

struct GoNode {
  enum Kind { Lit, Empty, Capture, Concat, Alt, Repeat, CharClass, Assert, Opaque };
  Kind kind = Empty;
  std::u32string runes;      // Lit (under (?i), each rune is the least of its case orbit, as in Go)
  bool fold = false;         // Lit: parsed under (?i)
  int min = 0, max = 0;      // Repeat: max -1 means unbounded
  bool begin_text = false;   // Assert: ^ (without m) or \A
  bool end_text = false;     // Assert: $ (without m) or \z
  int height = 1;            // of Go's subtree (exact also for Opaque)
  std::vector<GoNode> subs;  // Capture, Concat, Alt, Repeat
};

inline constexpr int kMaxKept = 32;      // deeper subtrees become Opaque
inline constexpr int kMaxHeight = 1000;  // Go's maxHeight

// Builds nodes as Go's parser does, tracking the tallest node built.
class GoTreeBuilder {
 public:
  GoNode leaf(GoNode::Kind k);
  GoNode literal(char32_t r, bool fold);
  GoNode wrap(GoNode::Kind k, GoNode sub);
  GoNode repeat(GoNode sub, int min, int max);
  // Go's concat: nested concatenations flattened, adjacent literals with the
  // same case flag merged.
  GoNode concat(std::vector<GoNode> items);
  // Go's alternate: nested alternations flattened, then factored.
  GoNode alternate(std::vector<GoNode> subs) { return alternate(std::move(subs), 0); }

  int max_height() const { return max_height_; }

 private:
  int max_height_ = 1;

  GoNode alternate(std::vector<GoNode> subs, int depth);
  std::vector<GoNode> factor_strings(std::vector<GoNode> subs, int depth);
  std::vector<GoNode> factor_pieces(std::vector<GoNode> subs, int depth);
  std::vector<GoNode> merge_classes(std::vector<GoNode> subs);
  GoNode remove_leading_string(GoNode n, size_t k);
  GoNode remove_leading_regexp(GoNode n);
  GoNode finish(GoNode n);  // sets the height, records it, and caps the subtree
};

struct GoTree {
  GoNode root;
  int max_height = 1;  // the tallest node the parse built
};

// Parses a valid Go pattern.
GoTree parse_go_tree(std::string_view expr);

}  // namespace vo::stdlib::rx
