#include "syntax/ast_walk.h"

namespace vo::syntax {

namespace {

template <class T>
void each(const std::vector<T*>& v, const std::function<void(const Node*)>& f) {
  for (const T* x : v)
    if (x) f(x);
}

void opt(const Node* n, const std::function<void(const Node*)>& f) {
  if (n) f(n);
}

}  // namespace

void for_each_child(const Node* n, const std::function<void(const Node*)>& f) {
  switch (n->kind) {
    case NodeKind::BadExpr: case NodeKind::Ident: case NodeKind::BasicLit: case NodeKind::IslandType:
    case NodeKind::BadStmt: case NodeKind::EmptyStmt:
      return;
    case NodeKind::CompositeLit: { auto* x = n->as<CompositeLit>(); opt(x->type, f); each(x->elts, f); return; }
    case NodeKind::FuncLit: { auto* x = n->as<FuncLit>(); opt(x->type, f); opt(x->body, f); return; }
    case NodeKind::ParenExpr: opt(n->as<ParenExpr>()->x, f); return;
    case NodeKind::SelectorExpr: { auto* x = n->as<SelectorExpr>(); opt(x->x, f); opt(x->sel, f); return; }
    case NodeKind::IndexExpr: { auto* x = n->as<IndexExpr>(); opt(x->x, f); opt(x->index, f); return; }
    case NodeKind::SliceExpr: { auto* x = n->as<SliceExpr>(); opt(x->x, f); opt(x->low, f); opt(x->high, f); opt(x->max, f); return; }
    case NodeKind::TypeAssertExpr: { auto* x = n->as<TypeAssertExpr>(); opt(x->x, f); opt(x->type, f); return; }
    case NodeKind::CallExpr: { auto* x = n->as<CallExpr>(); opt(x->fun, f); each(x->args, f); return; }
    case NodeKind::StarExpr: opt(n->as<StarExpr>()->x, f); return;
    case NodeKind::UnaryExpr: opt(n->as<UnaryExpr>()->x, f); return;
    case NodeKind::BinaryExpr: { auto* x = n->as<BinaryExpr>(); opt(x->x, f); opt(x->y, f); return; }
    case NodeKind::KeyValueExpr: { auto* x = n->as<KeyValueExpr>(); opt(x->key, f); opt(x->value, f); return; }
    case NodeKind::TryExpr: opt(n->as<TryExpr>()->x, f); return;
    case NodeKind::DynExpr: { auto* x = n->as<DynExpr>(); opt(x->x, f); opt(x->name, f); opt(x->index, f); each(x->args, f); return; }
    case NodeKind::Ellipsis: opt(n->as<Ellipsis>()->elt, f); return;
    case NodeKind::ArrayType: { auto* x = n->as<ArrayType>(); opt(x->len, f); opt(x->elt, f); return; }
    case NodeKind::StructType: opt(n->as<StructType>()->fields, f); return;
    case NodeKind::FuncType: { auto* x = n->as<FuncType>(); opt(x->params, f); opt(x->results, f); return; }
    case NodeKind::InterfaceType: opt(n->as<InterfaceType>()->methods, f); return;
    case NodeKind::MapType: { auto* x = n->as<MapType>(); opt(x->key, f); opt(x->value, f); return; }
    case NodeKind::ChanType: opt(n->as<ChanType>()->value, f); return;
    case NodeKind::PortType: opt(n->as<PortType>()->value, f); return;
    case NodeKind::DeclStmt: opt(n->as<DeclStmt>()->decl, f); return;
    case NodeKind::LabeledStmt: { auto* x = n->as<LabeledStmt>(); opt(x->label, f); opt(x->stmt, f); return; }
    case NodeKind::ExprStmt: opt(n->as<ExprStmt>()->x, f); return;
    case NodeKind::SendStmt: { auto* x = n->as<SendStmt>(); opt(x->chan, f); opt(x->value, f); return; }
    case NodeKind::IncDecStmt: opt(n->as<IncDecStmt>()->x, f); return;
    case NodeKind::AssignStmt: { auto* x = n->as<AssignStmt>(); each(x->lhs, f); each(x->rhs, f); return; }
    case NodeKind::GoStmt: { auto* x = n->as<GoStmt>(); opt(x->island, f); opt(x->call, f); return; }
    case NodeKind::DeferStmt: opt(n->as<DeferStmt>()->call, f); return;
    case NodeKind::FailStmt: opt(n->as<FailStmt>()->x, f); return;
    case NodeKind::ReturnStmt: each(n->as<ReturnStmt>()->results, f); return;
    case NodeKind::BranchStmt: opt(n->as<BranchStmt>()->label, f); return;
    case NodeKind::BlockStmt: each(n->as<BlockStmt>()->list, f); return;
    case NodeKind::IfStmt: { auto* x = n->as<IfStmt>(); opt(x->init, f); opt(x->cond, f); opt(x->body, f); opt(x->else_, f); return; }
    case NodeKind::CaseClause: { auto* x = n->as<CaseClause>(); each(x->list, f); each(x->body, f); return; }
    case NodeKind::SwitchStmt: { auto* x = n->as<SwitchStmt>(); opt(x->init, f); opt(x->tag, f); opt(x->body, f); return; }
    case NodeKind::TypeSwitchStmt: { auto* x = n->as<TypeSwitchStmt>(); opt(x->init, f); opt(x->assign, f); opt(x->body, f); return; }
    case NodeKind::CommClause: { auto* x = n->as<CommClause>(); opt(x->comm, f); each(x->body, f); return; }
    case NodeKind::SelectStmt: opt(n->as<SelectStmt>()->body, f); return;
    case NodeKind::ForStmt: { auto* x = n->as<ForStmt>(); opt(x->init, f); opt(x->cond, f); opt(x->post, f); opt(x->body, f); return; }
    case NodeKind::RangeStmt: { auto* x = n->as<RangeStmt>(); opt(x->key, f); opt(x->value, f); opt(x->x, f); opt(x->body, f); return; }
    case NodeKind::GenDecl: each(n->as<GenDecl>()->specs, f); return;
    case NodeKind::FuncDecl: { auto* x = n->as<FuncDecl>(); opt(x->recv, f); opt(x->name, f); opt(x->type, f); opt(x->body, f); return; }
    case NodeKind::ImportSpec: { auto* x = n->as<ImportSpec>(); opt(x->name, f); opt(x->path, f); return; }
    case NodeKind::ValueSpec: { auto* x = n->as<ValueSpec>(); each(x->names, f); opt(x->type, f); each(x->values, f); return; }
    case NodeKind::TypeSpec: { auto* x = n->as<TypeSpec>(); opt(x->name, f); opt(x->type, f); return; }
    case NodeKind::Field: { auto* x = n->as<Field>(); each(x->names, f); opt(x->type, f); opt(x->tag, f); return; }
    case NodeKind::FieldList: each(n->as<FieldList>()->list, f); return;
    case NodeKind::File: { auto* x = n->as<File>(); opt(x->package, f); each(x->decls, f); return; }
  }
}

void walk(const Node* n, const std::function<bool(const Node*)>& f) {
  if (!f(n)) return;
  for_each_child(n, [&](const Node* c) { walk(c, f); });
}

}  // namespace vo::syntax
