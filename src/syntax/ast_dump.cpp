#include "syntax/ast_dump.h"

#include <string_view>
#include <vector>

namespace vo::syntax {

namespace {

const char* dir_suffix(ChanDir d) {
  switch (d) {
    case ChanDir::Send: return "Send";
    case ChanDir::Recv: return "Recv";
    default: return "";
  }
}

class Dumper {
 public:
  std::string out;

  void node(const Node* n);

 private:
  void open(std::string_view head) {
    out += '(';
    out += head;
  }
  void close() { out += ')'; }
  void child(const Node* n) {
    out += ' ';
    node(n);
  }
  void word(std::string_view w) {
    out += ' ';
    out += w;
  }
  template <class T>
  void children(const std::vector<T*>& list) {
    for (const T* n : list) child(n);
  }
  // A parenthesized list: ` (a b c)`.
  template <class T>
  void group(const std::vector<T*>& list) {
    out += " (";
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ' ';
      node(list[i]);
    }
    out += ')';
  }
  void field_list(const FieldList* fl) {
    if (!fl) {
      word("nil");
      return;
    }
    group(fl->list);
  }
  void expr(const Node* n);
  void type(const Node* n);
  void stmt(const Node* n);
  void decl(const Node* n);
};

void Dumper::node(const Node* n) {
  if (!n) {
    out += "nil";
    return;
  }
  if (n->kind <= NodeKind::Ellipsis) return expr(n);
  if (n->kind <= NodeKind::IslandType) return type(n);
  if (n->kind <= NodeKind::RangeStmt) return stmt(n);
  decl(n);
}

void Dumper::expr(const Node* n) {
  switch (n->kind) {
    case NodeKind::BadExpr: out += "(BadExpr)"; return;
    case NodeKind::Ident: out += n->as<Ident>()->name; return;
    case NodeKind::BasicLit: out += n->as<BasicLit>()->value; return;
    case NodeKind::CompositeLit: {
      auto* c = n->as<CompositeLit>();
      open("Composite");
      child(c->type);
      children(c->elts);
      return close();
    }
    case NodeKind::FuncLit: {
      auto* f = n->as<FuncLit>();
      open("FuncLit");
      child(f->type);
      child(f->body);
      return close();
    }
    case NodeKind::ParenExpr: open("Paren"); child(n->as<ParenExpr>()->x); return close();
    case NodeKind::SelectorExpr: {
      auto* s = n->as<SelectorExpr>();
      open("Sel");
      child(s->x);
      child(s->sel);
      return close();
    }
    case NodeKind::IndexExpr: {
      auto* i = n->as<IndexExpr>();
      open("Index");
      child(i->x);
      child(i->index);
      return close();
    }
    case NodeKind::SliceExpr: {
      auto* s = n->as<SliceExpr>();
      open(s->slice3 ? "Slice3" : "Slice");
      child(s->x);
      child(s->low);
      child(s->high);
      if (s->slice3) child(s->max);
      return close();
    }
    case NodeKind::TypeAssertExpr: {
      auto* t = n->as<TypeAssertExpr>();
      open("Assert");
      child(t->x);
      if (t->type) {
        child(t->type);
      } else {
        word("type");
      }
      return close();
    }
    case NodeKind::CallExpr: {
      auto* c = n->as<CallExpr>();
      open("Call");
      child(c->fun);
      children(c->args);
      if (c->ellipsis != NoPos) word("...");
      return close();
    }
    case NodeKind::StarExpr: open("Star"); child(n->as<StarExpr>()->x); return close();
    case NodeKind::UnaryExpr: {
      auto* u = n->as<UnaryExpr>();
      open("Unary");
      word(tok_string(u->op));
      child(u->x);
      return close();
    }
    case NodeKind::BinaryExpr: {
      auto* b = n->as<BinaryExpr>();
      open("Binary");
      word(tok_string(b->op));
      child(b->x);
      child(b->y);
      return close();
    }
    case NodeKind::KeyValueExpr: {
      auto* kv = n->as<KeyValueExpr>();
      open("KV");
      child(kv->key);
      child(kv->value);
      return close();
    }
    case NodeKind::TryExpr: open("Try"); child(n->as<TryExpr>()->x); return close();
    case NodeKind::DynExpr: {
      auto* d = n->as<DynExpr>();
      switch (d->op) {
        case DynExpr::Op::Field: open("DynField"); child(d->x); child(d->name); break;
        case DynExpr::Op::Index: open("DynIndex"); child(d->x); child(d->index); break;
        case DynExpr::Op::Call: open("DynCall"); child(d->x); children(d->args); break;
        case DynExpr::Op::Method:
          open("DynMethod");
          child(d->x);
          child(d->name);
          children(d->args);
          break;
      }
      if (d->ellipsis != NoPos) word("...");
      return close();
    }
    case NodeKind::Ellipsis: open("Ellipsis"); child(n->as<Ellipsis>()->elt); return close();
    default: out += "(?)"; return;
  }
}

void Dumper::type(const Node* n) {
  switch (n->kind) {
    case NodeKind::ArrayType: {
      auto* a = n->as<ArrayType>();
      if (!a->len) {
        open("SliceType");
      } else {
        open("Array");
        child(a->len);
      }
      child(a->elt);
      return close();
    }
    case NodeKind::StructType: open("Struct"); field_list(n->as<StructType>()->fields); return close();
    case NodeKind::FuncType: {
      auto* f = n->as<FuncType>();
      open("FuncType");
      field_list(f->params);
      field_list(f->results);
      return close();
    }
    case NodeKind::InterfaceType:
      open("Interface");
      field_list(n->as<InterfaceType>()->methods);
      return close();
    case NodeKind::MapType: {
      auto* m = n->as<MapType>();
      open("Map");
      child(m->key);
      child(m->value);
      return close();
    }
    case NodeKind::ChanType: {
      auto* c = n->as<ChanType>();
      open(std::string("Chan") + dir_suffix(c->dir));
      child(c->value);
      return close();
    }
    case NodeKind::PortType: {
      auto* p = n->as<PortType>();
      open(std::string("Port") + dir_suffix(p->dir));
      child(p->value);
      return close();
    }
    case NodeKind::IslandType: out += "island"; return;
    default: out += "(?)"; return;
  }
}

void Dumper::stmt(const Node* n) {
  switch (n->kind) {
    case NodeKind::BadStmt: out += "(BadStmt)"; return;
    case NodeKind::DeclStmt: node(n->as<DeclStmt>()->decl); return;
    case NodeKind::EmptyStmt: out += "(Empty)"; return;
    case NodeKind::LabeledStmt: {
      auto* l = n->as<LabeledStmt>();
      open("Label");
      child(l->label);
      child(l->stmt);
      return close();
    }
    case NodeKind::ExprStmt: open("Expr"); child(n->as<ExprStmt>()->x); return close();
    case NodeKind::SendStmt: {
      auto* s = n->as<SendStmt>();
      open("Send");
      child(s->chan);
      child(s->value);
      return close();
    }
    case NodeKind::IncDecStmt: {
      auto* s = n->as<IncDecStmt>();
      open("IncDec");
      word(tok_string(s->tok));
      child(s->x);
      return close();
    }
    case NodeKind::AssignStmt: {
      auto* a = n->as<AssignStmt>();
      open("Assign");
      word(tok_string(a->tok));
      group(a->lhs);
      group(a->rhs);
      return close();
    }
    case NodeKind::GoStmt: {
      auto* g = n->as<GoStmt>();
      open("Go");
      if (g->island) {
        out += " @";
        node(g->island);
      }
      child(g->call);
      return close();
    }
    case NodeKind::DeferStmt: {
      auto* d = n->as<DeferStmt>();
      open(d->is_errdefer ? "Errdefer" : "Defer");
      child(d->call);
      return close();
    }
    case NodeKind::FailStmt: open("Fail"); child(n->as<FailStmt>()->x); return close();
    case NodeKind::ReturnStmt: open("Return"); children(n->as<ReturnStmt>()->results); return close();
    case NodeKind::BranchStmt: {
      auto* b = n->as<BranchStmt>();
      open(tok_string(b->tok));
      if (b->label) child(b->label);
      return close();
    }
    case NodeKind::BlockStmt: open("Block"); children(n->as<BlockStmt>()->list); return close();
    case NodeKind::IfStmt: {
      auto* s = n->as<IfStmt>();
      open("If");
      child(s->init);
      child(s->cond);
      child(s->body);
      if (s->else_) child(s->else_);
      return close();
    }
    case NodeKind::CaseClause: {
      auto* c = n->as<CaseClause>();
      if (c->is_default) {
        open("Default");
      } else {
        open("Case");
        group(c->list);
      }
      children(c->body);
      return close();
    }
    case NodeKind::SwitchStmt: {
      auto* s = n->as<SwitchStmt>();
      open("Switch");
      child(s->init);
      child(s->tag);
      if (s->body) children(s->body->list);
      return close();
    }
    case NodeKind::TypeSwitchStmt: {
      auto* s = n->as<TypeSwitchStmt>();
      open("TypeSwitch");
      child(s->init);
      child(s->assign);
      if (s->body) children(s->body->list);
      return close();
    }
    case NodeKind::CommClause: {
      auto* c = n->as<CommClause>();
      if (c->comm) {
        open("Comm");
        child(c->comm);
      } else {
        open("Default");
      }
      children(c->body);
      return close();
    }
    case NodeKind::SelectStmt: {
      auto* s = n->as<SelectStmt>();
      open("Select");
      if (s->body) children(s->body->list);
      return close();
    }
    case NodeKind::ForStmt: {
      auto* f = n->as<ForStmt>();
      open("For");
      child(f->init);
      child(f->cond);
      child(f->post);
      child(f->body);
      return close();
    }
    case NodeKind::RangeStmt: {
      auto* r = n->as<RangeStmt>();
      open("Range");
      if (r->tok != Tok::Illegal) {
        word(tok_string(r->tok));
        child(r->key);
        child(r->value);
      }
      child(r->x);
      child(r->body);
      return close();
    }
    default: out += "(?)"; return;
  }
}

void Dumper::decl(const Node* n) {
  switch (n->kind) {
    case NodeKind::GenDecl: {
      auto* g = n->as<GenDecl>();
      switch (g->tok) {
        case Tok::Import: open("Import"); break;
        case Tok::Const: open("Const"); break;
        case Tok::Type: open("Type"); break;
        default: open("Var"); break;
      }
      children(g->specs);
      return close();
    }
    case NodeKind::FuncDecl: {
      auto* f = n->as<FuncDecl>();
      open("Func");
      if (f->recv) {
        out += " recv";
        field_list(f->recv);
      }
      child(f->name);
      child(f->type);
      child(f->body);
      return close();
    }
    case NodeKind::ImportSpec: {
      auto* s = n->as<ImportSpec>();
      open("Spec");
      if (s->name) child(s->name);
      child(s->path);
      return close();
    }
    case NodeKind::ValueSpec: {
      auto* s = n->as<ValueSpec>();
      open("Spec");
      group(s->names);
      child(s->type);
      group(s->values);
      if (s->iota) word("iota=" + std::to_string(s->iota));
      return close();
    }
    case NodeKind::TypeSpec: {
      auto* s = n->as<TypeSpec>();
      open("Spec");
      child(s->name);
      if (s->assign != NoPos) word("=");
      child(s->type);
      return close();
    }
    case NodeKind::Field: {
      auto* f = n->as<Field>();
      open("Field");
      if (!f->names.empty()) group(f->names);
      child(f->type);
      if (f->tag) child(f->tag);
      return close();
    }
    case NodeKind::FieldList: {
      auto* fl = n->as<FieldList>();
      open("Fields");
      children(fl->list);
      return close();
    }
    case NodeKind::File: {
      auto* f = n->as<File>();
      open("File");
      child(f->package);
      children(f->decls);
      return close();
    }
    default: out += "(?)"; return;
  }
}

}  // namespace

std::string dump(const Node* n) {
  Dumper d;
  d.node(n);
  return d.out;
}

}  // namespace vo::syntax
