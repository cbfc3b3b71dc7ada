// The Vo parser: builds the AST of one source file (syntax/ast.h).
//
// Syntax errors are reported to `diags` as "file:line:col: message" entries,
// using Go's wording ("expected ';', found 'x'", "expected operand", ...).
// After an error the parser resynchronizes at the next statement or
// declaration, so one run reports several errors. It always terminates and
// always returns a (possibly partial) tree: nesting deeper than
// kMaxNestingDepth, more than kMaxSyntaxErrors errors, or an expression over
// kMaxBinaryOperators / kMaxPostfixChain stop the file early (the statement
// or declaration being parsed is dropped), so every tree it returns has a
// bounded depth.
#pragma once
#include "syntax/ast.h"
#include "syntax/diag.h"
#include "syntax/source.h"

namespace vo::syntax {

constexpr int kMaxNestingDepth = 128;     // recursive syntax frames (spec §1.4)
constexpr int kMaxBinaryOperators = 512;  // binary operators along one expression path
constexpr int kMaxPostfixChain = 512;     // selectors, indexes, calls, ?, ~> on one operand
constexpr int kMaxSyntaxErrors = 256;     // per file; later errors are suppressed

// Parses a whole file. Never returns nullptr.
File* parse_file(Ast& ast, const SourceFile& src, Diagnostics& diags);

// Parses `src` as a single expression (tests and tools). Never returns nullptr;
// on error the result may contain BadExpr nodes.
Expr* parse_expr(Ast& ast, const SourceFile& src, Diagnostics& diags);

}  // namespace vo::syntax
