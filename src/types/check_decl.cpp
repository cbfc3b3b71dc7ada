// The checker driver and declarations: collection of package-level objects
// and imports, lazy resolution of package-level declarations (go/types
// objDecl with colors and an object path for cycle detection), constant,
// variable, type and function declarations, methods and receivers, local
// declarations, function bodies and the final package-level checks.
#include <pthread.h>

#include <algorithm>
#include <functional>
#include <string>

#include "types/checker_impl.h"
#include "types/check_expr_util.h"

namespace vo::types {

using syntax::Pos;

namespace {

// Declarations are resolved recursively (a variable's initializer declares
// the variables it uses first, a type its field types), so the recursion is
// as deep as the program's longest dependency chain. The checker therefore
// runs on a thread with a large stack (reserved, committed only as used).
constexpr size_t kCheckerStack = size_t{1} << 30;

void* run_function(void* arg) {
  (*static_cast<std::function<void()>*>(arg))();
  return nullptr;
}

void run_with_large_stack(std::function<void()> f) {
  pthread_attr_t attr;
  pthread_t thread;
  bool started = false;
  if (pthread_attr_init(&attr) == 0) {
    started = pthread_attr_setstacksize(&attr, kCheckerStack) == 0 &&
              pthread_create(&thread, &attr, run_function, &f) == 0;
    pthread_attr_destroy(&attr);
  }
  if (started) {
    pthread_join(thread, nullptr);
  } else {
    f();  // no thread available: check on the caller's stack
  }
}

}  // namespace

std::unique_ptr<CheckedPackage> check_package(TypeArena& arena, const std::string& path,
                                              std::vector<syntax::File*> files,
                                              const syntax::Ast& ast, const Importer& importer,
                                              syntax::Diagnostics& diags) {
  auto out = std::make_unique<CheckedPackage>();
  out->files = files;
  out->pkg = arena.make<Package>();
  out->pkg->path = path;
  CheckedPackage* result = out.get();
  run_with_large_stack([&] {
    Checker checker(arena, ast, importer, diags, result);
    checker.run(result->files);
  });
  return out;
}

Checker::Checker(TypeArena& arena, const syntax::Ast& ast, const Importer& importer, syntax::Diagnostics& diags,
                 CheckedPackage* out)
    : arena_(arena), ast_(ast), importer_(importer), diags_(diags), out_(out), pkg_(out->pkg), info_(out->info) {
  info_.types.resize(ast_.expr_count());
  info_.objects.resize(ast_.expr_count());
}

namespace {

// The package name: from the first package clause ("main" when a file omits it).
std::string package_name(Checker& c, const std::vector<syntax::File*>& files) {
  std::string name;
  for (const syntax::File* f : files) {
    std::string n = f->package != nullptr ? f->package->name : "main";
    if (name.empty()) {
      name = n;
    } else if (n != name) {
      Pos pos = f->package != nullptr ? f->package->pos : f->pos;
      c.error(pos, "package " + n + "; expected package " + name);
    }
  }
  return name.empty() ? "main" : name;
}

// Saved checker context around a package-level declaration or a body.
struct Env {
  DeclInfo* decl;
  FuncCtx* fn;
  Scope* scope;
  std::optional<Value> iota;
  bool has_call_or_recv;
  int dyn_targets;
  Pos errpos;
};

Env save_env(const Checker& c) {
  return Env{c.decl_, c.fn_, c.scope_, c.iota_, c.has_call_or_recv_, c.dyn_targets_, c.errpos_};
}

void restore_env(Checker& c, const Env& e) {
  c.decl_ = e.decl;
  c.fn_ = e.fn;
  c.scope_ = e.scope;
  c.iota_ = e.iota;
  c.has_call_or_recv_ = e.has_call_or_recv;
  c.dyn_targets_ = e.dyn_targets;
  c.errpos_ = e.errpos;
}

std::string pos_string(const Checker& c, Pos pos) {
  const syntax::FileSet* fs = c.diags_.fset();
  return fs != nullptr ? fs->position(pos).str() : std::to_string(pos);
}

std::string redeclared(const Checker& c, const std::string& name, const Object* alt) {
  std::string msg = name + " redeclared in this block";
  if (alt != nullptr && alt->pos != syntax::NoPos) {
    msg += "\n\t" + pos_string(c, alt->pos) + ": other declaration of " + name;
  }
  return msg;
}

using xu::unparen;

// The receiver type expression of a method declaration, or nullptr.
const syntax::Expr* recv_type_expr(const syntax::FuncDecl* fd) {
  if (fd->recv == nullptr || fd->recv->list.empty()) return nullptr;
  return fd->recv->list[0]->type;
}

// The receiver base type name as written (T in `T` or `*T`), or nullptr.
const syntax::Ident* recv_base_ident(const syntax::FuncDecl* fd) {
  const syntax::Expr* t = unparen(recv_type_expr(fd));
  if (t != nullptr && t->is<syntax::StarExpr>()) t = unparen(t->as<syntax::StarExpr>()->x);
  return t != nullptr ? t->as<syntax::Ident>() : nullptr;
}

bool is_const_type(const Type* t) {
  const Type* u = underlying(t);
  const Basic* b = u != nullptr ? u->as<Basic>() : nullptr;
  return b != nullptr && (b->is_boolean() || b->is_numeric() || b->is_string());
}

bool is_invalid(const Type* t) {
  const Basic* b = t != nullptr ? t->as<Basic>() : nullptr;
  return t == nullptr || (b != nullptr && b->bkind == BasicKind::Invalid);
}

// Resource limit on nested declaration resolution (far beyond real
// programs; keeps the recursion within the checker thread's stack).
constexpr size_t kMaxDeclDepth = 50000;

// Whether a var spec initializes each name from its own expression.
bool one_to_one(const DeclInfo* d) { return d->values.size() == d->vars.size() && !d->values.empty(); }

}  // namespace

void Checker::run(const std::vector<syntax::File*>& files) {
  pkg_->name = package_name(*this, files);
  pkg_->scope = make<Scope>(universe(), "package " + pkg_->name);
  collect_objects(files);
  package_objects();
  process_later();
  check_bodies();
  process_later();
  init_order();
  report_unused_imports();
  record_remaining_untyped();
  later_.clear();
  later_next_ = 0;
}

// ---- collection -----------------------------------------------------------------------------

void Checker::collect_objects(const std::vector<syntax::File*>& files) {
  std::vector<Scope*> file_scopes;
  for (const syntax::File* file : files) {
    Scope* fs = make<Scope>(pkg_->scope, "file");
    pkg_->scope->children.push_back(fs);
    record_scope(file, fs);
    file_scopes.push_back(fs);
    collect_imports(file, fs);
    for (const syntax::Decl* d : file->decls) {
      if (const auto* gd = d->as<syntax::GenDecl>()) {
        if (gd->tok != syntax::Tok::Import) collect_gen_decl(gd, fs);
      } else if (const auto* fd = d->as<syntax::FuncDecl>()) {
        collect_func_decl(fd, fs);
      }
    }
  }
  // A package-level name may not also be an import name in some file.
  for (Scope* fs : file_scopes) {
    for (Object* o : fs->ordered) {
      Object* alt = pkg_->scope->lookup_local(o->name);
      if (alt == nullptr) continue;
      if (const PkgName* pn = o->as<PkgName>()) {
        error(alt->pos, alt->name + " already declared through import of package " + pn->imported->name +
                            " (\"" + pn->imported->path + "\")");
      } else {
        const std::string from = o->pkg != nullptr ? o->pkg->name : o->name;
        error(alt->pos, alt->name + " already declared through dot-import of package " + from);
      }
    }
  }
  associate_methods();
}

void Checker::collect_imports(const syntax::File* file, Scope* file_scope) {
  for (const syntax::ImportSpec* spec : file->imports) {
    if (spec->path == nullptr) continue;
    std::string err;
    Value pv = Value::make_from_literal(syntax::Tok::String, spec->path->value, &err);
    if (pv.kind() != Value::Kind::String || pv.string_val().empty()) {
      error(spec->path->pos, "invalid import path: " + spec->path->value);
      continue;
    }
    const std::string path = pv.string_val();
    CheckedPackage* cp = importer_(path);
    Package* imp = cp != nullptr ? cp->pkg : nullptr;
    if (imp == nullptr) {
      error(spec->path->pos, "could not import " + path);
      // A stand-in package keeps uses of the name from cascading.
      imp = make<Package>();
      imp->path = path;
      size_t slash = path.rfind('/');
      imp->name = slash == std::string::npos ? path : path.substr(slash + 1);
      imp->scope = make<Scope>(nullptr, "package " + imp->name);
      fake_pkgs_.insert(imp);
    }
    if (fake_pkgs_.count(imp) == 0 &&
        std::find(pkg_->imports.begin(), pkg_->imports.end(), imp) == pkg_->imports.end()) {
      pkg_->imports.push_back(imp);
    }
    std::string name = spec->name != nullptr ? spec->name->name : imp->name;
    if (name == "init") {
      error(spec->pos, "cannot import package as init - init must be a func");
      continue;
    }
    PkgName* pn = make<PkgName>(name);
    pn->pos = spec->name != nullptr ? spec->name->pos : spec->path->pos;
    pn->pkg = pkg_;
    pn->imported = imp;
    if (fake_pkgs_.count(imp) != 0) pn->used = true;  // no "imported and not used" on top
    if (spec->name != nullptr) record_def(spec->name, pn);
    info_.implicits[spec] = pn;
    imports_.push_back({pn, spec});
    if (name == "_") continue;
    if (name == ".") {
      // Dot import: the package's exported objects join the file scope.
      pn->used = true;
      if (imp->scope != nullptr) {
        for (Object* o : imp->scope->ordered) {
          if (!o->exported()) continue;
          if (Object* alt = file_scope->lookup_local(o->name)) {
            error(spec->pos, redeclared(*this, o->name, alt));
            continue;
          }
          file_scope->insert(o);  // o keeps its own parent scope
        }
      }
      continue;
    }
    if (Object* alt = file_scope->insert(pn)) {
      error(pn->pos, redeclared(*this, name, alt));
    }
  }
}

void Checker::declare_pkg_obj(const syntax::Ident* id, Object* obj, DeclInfo* d) {
  obj->pos = id->pos;
  obj->pkg = pkg_;
  const bool is_func = obj->kind == ObjKind::Func;
  if (id->name == "init" && !is_func) {
    error(id->pos, "cannot declare init - must be func");
  } else if (id->name == "main" && !is_func && pkg_->name == "main") {
    error(id->pos, "cannot declare main - must be func");
  }
  record_def(id, obj);
  d->order = static_cast<int>(pkg_objects_.size());
  decls_[obj] = d;
  pkg_objects_.push_back(obj);
  if (id->name == "_") return;  // blank objects are checked but not declared
  if (Object* alt = pkg_->scope->insert(obj)) error(id->pos, redeclared(*this, id->name, alt));
}

void Checker::collect_gen_decl(const syntax::GenDecl* gd, Scope* file_scope) {
  using syntax::Tok;
  if (gd->tok == Tok::Const) {
    const syntax::ValueSpec* last = nullptr;  // last spec with a type or values
    for (const syntax::Node* n : gd->specs) {
      const auto* vs = n->as<syntax::ValueSpec>();
      if (vs == nullptr) continue;
      const bool inherited = vs->type == nullptr && vs->values.empty() && last != nullptr;
      if (vs->type != nullptr || !vs->values.empty()) last = vs;
      const syntax::ValueSpec* src = last != nullptr ? last : vs;
      for (size_t i = 0; i < vs->names.size(); ++i) {
        Const* c = make<Const>(vs->names[i]->name);
        DeclInfo* d = new_decl();
        d->file_scope = file_scope;
        d->spec = vs;
        d->vtype = src->type;
        if (i < src->values.size()) d->values.push_back(src->values[i]);
        d->iota = vs->iota;
        declare_pkg_obj(vs->names[i], c, d);
      }
      // Arity (the parser already reports a first spec without values).
      if (last == nullptr) continue;
      const size_t l = vs->names.size(), r = src->values.size();
      if (l < r) {
        if (inherited) error(vs->pos, "extra init expr at " + pos_string(*this, src->values[l]->pos));
        else error(src->values[l]->pos, "extra init expr");
      } else if (l > r) {
        error(vs->names[r]->pos, "missing init expr for " + vs->names[r]->name);
      }
    }
    return;
  }
  if (gd->tok == Tok::Var) {
    for (const syntax::Node* n : gd->specs) {
      const auto* vs = n->as<syntax::ValueSpec>();
      if (vs == nullptr) continue;
      DeclInfo* d = new_decl();
      d->file_scope = file_scope;
      d->spec = vs;
      d->vtype = vs->type;
      for (const syntax::Expr* v : vs->values) d->values.push_back(v);
      for (const syntax::Ident* id : vs->names) {
        Var* v = make<Var>(id->name);
        v->is_global = true;
        d->vars.push_back(v);
      }
      for (size_t i = 0; i < vs->names.size(); ++i) {
        const int order = static_cast<int>(pkg_objects_.size());
        declare_pkg_obj(vs->names[i], d->vars[i], d);
        if (i > 0) d->order = order - static_cast<int>(i);  // the spec's order is its first name's
      }
    }
    return;
  }
  if (gd->tok == Tok::Type) {
    for (const syntax::Node* n : gd->specs) {
      const auto* ts = n->as<syntax::TypeSpec>();
      if (ts == nullptr || ts->name == nullptr) continue;
      TypeName* tn = make<TypeName>(ts->name->name);
      tn->is_alias = ts->assign != syntax::NoPos;
      DeclInfo* d = new_decl();
      d->file_scope = file_scope;
      d->tspec = ts;
      declare_pkg_obj(ts->name, tn, d);
    }
  }
}

void Checker::collect_func_decl(const syntax::FuncDecl* fd, Scope* file_scope) {
  if (fd->name == nullptr || fd->type == nullptr) return;
  const std::string& name = fd->name->name;
  Func* f = make<Func>(name);
  f->pos = fd->name->pos;
  f->pkg = pkg_;
  f->decl = fd;
  DeclInfo* d = new_decl();
  d->file_scope = file_scope;
  d->fdecl = fd;
  d->func = f;
  const bool has_params = fd->type->params != nullptr && !fd->type->params->list.empty();
  const bool has_results = fd->type->results != nullptr && !fd->type->results->list.empty();
  if (fd->recv == nullptr && name == "init") {
    // init functions are not declared: the name cannot be referenced.
    if (has_params || has_results) error(fd->name->pos, "func init must have no arguments and no return values");
    if (fd->body == nullptr) error(fd->name->pos, "missing function body");
    record_def(fd->name, f);
    d->order = static_cast<int>(pkg_objects_.size());
    decls_[f] = d;
    pkg_objects_.push_back(f);
    info_.inits.push_back(f);
    return;
  }
  if (fd->recv == nullptr) {
    if (name == "main" && pkg_->name == "main") {
      // Vo's main may declare results (they are discarded).
      if (has_params) error(fd->name->pos, "func main must have no arguments");
      if (fd->body == nullptr) error(fd->name->pos, "missing function body");
    }
    declare_pkg_obj(fd->name, f, d);
    return;
  }
  // A method: associated with its receiver base type by associate_methods.
  if (fd->body == nullptr) error(fd->name->pos, "missing function body");
  record_def(fd->name, f);
  d->order = static_cast<int>(pkg_objects_.size());
  decls_[f] = d;
  pkg_objects_.push_back(f);
}

void Checker::associate_methods() {
  for (Object* o : pkg_objects_) {
    Func* f = o->as<Func>();
    if (f == nullptr || f->decl == nullptr || f->decl->recv == nullptr || f->name == "_") continue;
    const syntax::Ident* base = recv_base_ident(f->decl);
    if (base == nullptr) continue;
    TypeName* tn = pkg_->scope->lookup_local(base->name) ? pkg_->scope->lookup_local(base->name)->as<TypeName>()
                                                         : nullptr;
    // Aliases cannot have methods in Vo (check_receiver reports it).
    if (tn == nullptr || tn->is_alias) continue;
    methods_[tn].push_back(f);
  }
}

// ---- lazy package-level declarations ------------------------------------------------------

void Checker::package_objects() {
  // Defined types first, then aliases, then everything else (as go/types):
  // this resolves most type references before values need them.
  std::vector<Object*> order;
  for (Object* o : pkg_objects_) {
    if (const TypeName* tn = o->as<TypeName>(); tn != nullptr && !tn->is_alias) order.push_back(o);
  }
  for (Object* o : pkg_objects_) {
    if (const TypeName* tn = o->as<TypeName>(); tn != nullptr && tn->is_alias) order.push_back(o);
  }
  for (Object* o : pkg_objects_) {
    if (o->kind != ObjKind::TypeName) order.push_back(o);
  }
  for (Object* o : order) obj_decl(o);
}

void Checker::obj_decl(Object* obj) {
  auto cit = colors_.find(obj);
  const Color color = cit == colors_.end() ? Color::White : cit->second;
  if (color == Color::White && obj->type != nullptr) {
    colors_[obj] = Color::Black;
    return;
  }
  if (color == Color::Grey) {
    cycle_error_if_grey(obj, obj->pos);
    return;
  }
  if (color == Color::Black) {
    if (obj->type == nullptr) obj->type = invalid_type();
    return;
  }
  auto dit = decls_.find(obj);
  if (dit == decls_.end()) {
    if (obj->type == nullptr) obj->type = invalid_type();
    return;
  }
  if (obj_path_.size() >= kMaxDeclDepth) {
    error(obj->pos, "declaration of " + obj->name + " depends on a chain of more than " +
                        std::to_string(kMaxDeclDepth) + " declarations");
    if (obj->type == nullptr) obj->type = invalid_type();
    colors_[obj] = Color::Black;
    return;
  }
  DeclInfo* d = dit->second;

  // Names of a var spec that share their initialization are declared together.
  std::vector<Object*> group{obj};
  Var* var = obj->as<Var>();
  if (var != nullptr && !one_to_one(d)) {
    for (Var* v : d->vars) {
      if (v != var) group.push_back(v);
    }
  }
  for (Object* o : group) {
    colors_[o] = Color::Grey;
    obj_path_.push_back(o);
  }
  const Env saved = save_env(*this);
  decl_ = nullptr;
  fn_ = nullptr;
  scope_ = d->file_scope;
  iota_.reset();
  has_call_or_recv_ = false;
  dyn_targets_ = -1;
  errpos_ = syntax::NoPos;

  switch (obj->kind) {
    case ObjKind::Const: {
      decl_ = d;
      const bool inherited = d->spec != nullptr && d->spec->type == nullptr && d->spec->values.empty();
      const syntax::Expr* init = d->values.empty() ? nullptr : d->values[0];
      if (inherited) errpos_ = obj->pos;  // positions in the inherited expression would mislead
      const_decl(obj->as<Const>(), d->vtype, init, d->iota);
      break;
    }
    case ObjKind::Var:
      decl_ = d;
      if (one_to_one(d)) {
        size_t i = static_cast<size_t>(std::find(d->vars.begin(), d->vars.end(), var) - d->vars.begin());
        if (d->vtype != nullptr) var->type = typ(d->vtype);
        init_vars({var}, {d->values[i]}, nullptr);
        if (var->type == nullptr) var->type = invalid_type();
      } else {
        var_decl_pkg(d);
      }
      break;
    case ObjKind::TypeName:
      type_decl(obj->as<TypeName>(), d->tspec, false);
      break;
    case ObjKind::Func:
      func_decl(obj->as<Func>(), d);
      break;
    default:
      break;
  }
  restore_env(*this, saved);
  for (size_t i = 0; i < group.size(); ++i) obj_path_.pop_back();
  for (Object* o : group) {
    colors_[o] = Color::Black;
    if (o->type == nullptr) o->type = invalid_type();
  }
  // Methods are resolved once their receiver base type is complete.
  if (TypeName* tn = obj->as<TypeName>(); tn != nullptr && !tn->is_alias) {
    if (Named* named = const_cast<Named*>(tn->type ? tn->type->as<Named>() : nullptr)) collect_methods(tn, named);
  }
}

bool Checker::cycle_error_if_grey(Object* obj, Pos pos) {
  auto it = colors_.find(obj);
  if (it == colors_.end() || it->second != Color::Grey) return false;
  switch (obj->kind) {
    case ObjKind::Const:
    case ObjKind::Var:
      if (!valid_cycle(obj) || obj->type == nullptr) obj->type = invalid_type();
      break;
    case ObjKind::TypeName:
      if (!valid_cycle(obj)) obj->type = invalid_type();
      break;
    case ObjKind::Func:
      valid_cycle(obj);
      break;
    default:
      break;
  }
  return true;
}

// go/types validCycle: a cycle through a grey object is fine when it goes
// through a defined type (T refers to itself via a field pointer, ...) or
// consists only of constants and variables (reported by the init-order pass).
bool Checker::valid_cycle(Object* obj) {
  auto it = std::find(obj_path_.begin(), obj_path_.end(), obj);
  if (it == obj_path_.end()) return true;
  std::vector<Object*> cycle(it, obj_path_.end());
  size_t nval = 0, ndef = 0;
  for (Object* o : cycle) {
    if (o->kind == ObjKind::Const || o->kind == ObjKind::Var) ++nval;
    else if (const TypeName* tn = o->as<TypeName>(); tn != nullptr && !tn->is_alias) ++ndef;
  }
  if (nval == cycle.size()) return true;
  if (nval == 0 && ndef > 0) return true;
  report_cycle(cycle);
  return false;
}

void Checker::report_cycle(const std::vector<Object*>& cycle) {
  if (cycle.empty()) return;
  // Report at the object that appears first in the source.
  size_t first = 0;
  for (size_t i = 1; i < cycle.size(); ++i) {
    if (cycle[i]->pos < cycle[first]->pos) first = i;
  }
  const Object* obj = cycle[first];
  const bool is_type = obj->kind == ObjKind::TypeName;
  if (cycle.size() == 1) {
    error(obj->pos, is_type ? "invalid recursive type: " + obj->name + " refers to itself"
                            : "invalid cycle in declaration: " + obj->name + " refers to itself");
    return;
  }
  std::string msg = is_type ? "invalid recursive type " + obj->name : "invalid cycle in declaration of " + obj->name;
  for (size_t k = 0; k < cycle.size(); ++k) {
    const Object* a = cycle[(first + k) % cycle.size()];
    const Object* b = cycle[(first + k + 1) % cycle.size()];
    msg += "\n\t" + a->name + " refers to " + b->name;
  }
  error(obj->pos, msg);
}

// ---- constants, variables ----------------------------------------------------------------

void Checker::const_decl(Const* obj, const syntax::Expr* typ_expr, const syntax::Expr* init, int iota) {
  const std::optional<Value> saved_iota = iota_;
  iota_ = Value::make_int64(iota);
  obj->val = Value::make_unknown();
  if (typ_expr != nullptr) {
    const Type* t = typ(typ_expr);
    if (!is_const_type(t)) {
      if (!is_invalid(underlying(t))) error(typ_expr->pos, "invalid constant type " + tstr(t));
      obj->type = invalid_type();
      iota_ = saved_iota;
      return;
    }
    obj->type = t;
  }
  Operand x;
  if (init != nullptr) expr(x, init);
  iota_ = saved_iota;
  if (x.invalid() || is_invalid(x.type) || (obj->type != nullptr && is_invalid(obj->type))) {
    if (obj->type == nullptr) obj->type = invalid_type();
    return;
  }
  if (x.mode != Mode::Constant) {
    error(x.expr != nullptr ? x.expr->pos : obj->pos, opstr(x) + " is not constant");
    if (obj->type == nullptr) obj->type = invalid_type();
    return;
  }
  if (obj->type == nullptr) obj->type = x.type;
  assignment(x, obj->type, "constant declaration");
  if (x.invalid()) return;
  obj->val = x.val;
}

// A var spec whose names share their initialization: no values (type only),
// one multi-valued expression, or a count mismatch (reported by init_vars).
void Checker::var_decl_pkg(DeclInfo* d) {
  const Type* t = d->vtype != nullptr ? typ(d->vtype) : nullptr;
  for (Var* v : d->vars) v->type = t;
  if (d->values.empty()) {
    if (t == nullptr) {
      for (Var* v : d->vars) v->type = invalid_type();
    }
    return;
  }
  init_vars(d->vars, d->values, nullptr);
  for (Var* v : d->vars) {
    if (v->type == nullptr) v->type = invalid_type();
  }
}

// ---- types ------------------------------------------------------------------------------------

void Checker::type_decl(TypeName* obj, const syntax::TypeSpec* spec, bool local) {
  if (spec->assign != syntax::NoPos) {
    obj->is_alias = true;
    // A reference to the alias while its right-hand side is being resolved
    // is a cycle; until then it denotes an invalid type.
    obj->type = invalid_type();
    obj->type = typ(spec->type);
    return;
  }
  Named* named = make<Named>(obj);
  obj->type = named;
  const Pos pos = obj->pos;
  later_.push_back([this, named, pos] { valid_type(named, pos); });
  const Type* rhs = defined_type(spec->type, named);
  if (named->underlying == nullptr) {
    const Type* u = underlying(rhs);
    if (u == nullptr) {
      // The right-hand side is a defined type still being declared: a cycle
      // of definitions without a type literal (type T U; type U T).
      const Named* rn = rhs->as<Named>();
      auto it = std::find(obj_path_.begin(), obj_path_.end(), static_cast<Object*>(rn->obj));
      if (it != obj_path_.end()) report_cycle(std::vector<Object*>(it, obj_path_.end()));
      else error(pos, "invalid recursive type " + obj->name);
      u = invalid_type();
    }
    named->underlying = u;
  }
  (void)local;
}

void Checker::collect_methods(TypeName* tn, Named* named) {
  auto it = methods_.find(tn);
  if (it == methods_.end()) return;
  std::vector<Func*> list = std::move(it->second);
  methods_.erase(it);
  const Struct* st = named->underlying != nullptr ? named->underlying->as<Struct>() : nullptr;
  for (Func* m : list) {
    const Func* alt = nullptr;
    for (const Func* e : named->methods) {
      if (e->name == m->name) alt = e;
    }
    if (alt != nullptr) {
      error(m->pos, "method " + tn->name + "." + m->name + " already declared at " + pos_string(*this, alt->pos));
      continue;
    }
    if (st != nullptr) {
      for (const Var* f : st->fields) {
        if (f->name == m->name) {
          error(m->pos, "field and method with the same name " + m->name + "\n\t" + pos_string(*this, f->pos) +
                            ": other declaration of " + m->name);
        }
      }
    }
    named->methods.push_back(m);
  }
  // Resolve the signatures now so that method sets are complete for
  // lookups and interface satisfaction.
  for (Func* m : named->methods) obj_decl(m);
}

// ---- functions -----------------------------------------------------------------------------

void Checker::func_decl(Func* obj, DeclInfo* d) {
  const syntax::FuncDecl* fd = d->fdecl;
  // Guard against references to the function from its own signature.
  Signature* placeholder = make<Signature>();
  placeholder->params = make<Tuple>();
  placeholder->results = make<Tuple>();
  obj->type = placeholder;
  const Color saved = colors_[obj];
  colors_[obj] = Color::Black;
  Scope* fscope = make<Scope>(scope_, "function " + obj->name);
  scope_->children.push_back(fscope);
  record_scope(fd->type, fscope);
  Signature* sig = func_type(fd->type, fd->recv, fscope);
  colors_[obj] = saved;
  obj->type = sig;
  if (fd->recv != nullptr) {
    if (sig->recv != nullptr && sig->recv->type != nullptr && sig->recv->type->is<Pointer>()) obj->ptr_recv = true;
    check_receiver(obj, fd, sig->recv);
    check_protocol_method(obj->name, sig, fd->name->pos);
  }
  if (fd->body != nullptr) bodies_.push_back(Body{d, obj, fd});
}

void Checker::check_receiver(Func* f, const syntax::FuncDecl* fd, Var* recv) {
  if (recv == nullptr) return;
  const syntax::Expr* rexpr = recv_type_expr(fd);
  const Pos pos = rexpr != nullptr ? rexpr->pos : fd->pos;
  // Vo: an alias can never be a receiver base type.
  if (const syntax::Ident* base = recv_base_ident(fd)) {
    Object* o = scope_->lookup(base->name);
    if (const TypeName* tn = o != nullptr ? o->as<TypeName>() : nullptr; tn != nullptr && tn->is_alias) {
      error(pos, "invalid receiver (receiver base type is an alias)");
      return;
    }
  }
  const Type* rt = recv->type;
  if (is_invalid(rt)) return;
  const Type* base = rt->is<Pointer>() ? rt->as<Pointer>()->elem : rt;
  if (is_invalid(base)) return;
  if (const Named* n = base->as<Named>()) {
    if (n->obj->pkg != pkg_) {
      error(pos, "cannot define new methods on non-local type " + tstr(base));
      return;
    }
    const Type* u = n->underlying;
    if (u != nullptr && (u->is<Pointer>() || u->is<Interface>())) {
      error(pos, "invalid receiver type " + tstr(base) + " (pointer or interface type)");
    }
    return;
  }
  if (base->is<Basic>()) {
    error(pos, "cannot define new methods on non-local type " + tstr(base));
    return;
  }
  error(pos, "invalid receiver type " + tstr(rt));
}

namespace {

struct Protocol {
  const char* name;
  const char* spelling;
};

const Protocol kProtocols[] = {
    {"DynAttr", "DynAttr(name string) (any, error)"},
    {"DynSetAttr", "DynSetAttr(name string, value any) error"},
    {"DynIndex", "DynIndex(key any) (any, error)"},
    {"DynSetIndex", "DynSetIndex(key any, value any) error"},
    {"DynCall", "DynCall(args ...any) (any, error)"},
};

bool is_any(const Type* t) {
  const Interface* it = t != nullptr ? t->as<Interface>() : nullptr;  // any is an alias: no Named
  return it != nullptr && it->explicit_methods.empty() && it->embeddeds.empty() &&
         (it->all_methods.empty() || !it->complete);
}

bool is_error(const Type* t) { return t == universe_error(); }

bool is_string(const Type* t) {
  const Basic* b = t != nullptr ? t->as<Basic>() : nullptr;
  return b != nullptr && b->bkind == BasicKind::String;
}

// Whether sig has exactly the protocol's shape.
bool protocol_matches(const std::string& name, const Signature* sig) {
  const auto& p = sig->params->vars;
  const auto& r = sig->results->vars;
  auto type = [](const std::vector<Var*>& v, size_t i) { return v[i]->type; };
  if (name == "DynAttr") {
    return !sig->variadic && p.size() == 1 && is_string(type(p, 0)) && r.size() == 2 && is_any(type(r, 0)) &&
           is_error(type(r, 1));
  }
  if (name == "DynSetAttr") {
    return !sig->variadic && p.size() == 2 && is_string(type(p, 0)) && is_any(type(p, 1)) && r.size() == 1 &&
           is_error(type(r, 0));
  }
  if (name == "DynIndex") {
    return !sig->variadic && p.size() == 1 && is_any(type(p, 0)) && r.size() == 2 && is_any(type(r, 0)) &&
           is_error(type(r, 1));
  }
  if (name == "DynSetIndex") {
    return !sig->variadic && p.size() == 2 && is_any(type(p, 0)) && is_any(type(p, 1)) && r.size() == 1 &&
           is_error(type(r, 0));
  }
  if (name == "DynCall") {
    const Slice* s = p.size() == 1 && type(p, 0) != nullptr ? type(p, 0)->as<Slice>() : nullptr;
    return sig->variadic && s != nullptr && is_any(s->elem) && r.size() == 2 && is_any(type(r, 0)) &&
           is_error(type(r, 1));
  }
  return true;
}

}  // namespace

void Checker::check_protocol_method(const std::string& name, const Signature* sig, Pos pos) {
  if (sig == nullptr || sig->params == nullptr || sig->results == nullptr) return;
  for (const Protocol& p : kProtocols) {
    if (name != p.name) continue;
    for (const Var* v : sig->params->vars) {
      if (is_invalid(v->type)) return;
    }
    for (const Var* v : sig->results->vars) {
      if (is_invalid(v->type)) return;
    }
    if (!protocol_matches(name, sig)) {
      error(pos, "invalid signature for protocol method " + name + ": must be " + p.spelling);
    }
    return;
  }
}

// ---- local declarations -----------------------------------------------------------------

void Checker::declare_local(const syntax::Ident* id, Object* obj) {
  record_def(id, obj);
  if (id->name == "_") return;
  if (Object* alt = scope_->insert(obj)) error(id->pos, redeclared(*this, id->name, alt));
}

void Checker::decl_stmt(const syntax::GenDecl* gd) {
  using syntax::Tok;
  if (gd->tok == Tok::Const) {
    const syntax::ValueSpec* last = nullptr;
    for (const syntax::Node* n : gd->specs) {
      const auto* vs = n->as<syntax::ValueSpec>();
      if (vs == nullptr) continue;
      const bool inherited = vs->type == nullptr && vs->values.empty() && last != nullptr;
      if (vs->type != nullptr || !vs->values.empty()) last = vs;
      const syntax::ValueSpec* src = last != nullptr ? last : vs;
      std::vector<Const*> consts;
      for (size_t i = 0; i < vs->names.size(); ++i) {
        Const* c = make<Const>(vs->names[i]->name);
        c->pos = vs->names[i]->pos;
        c->pkg = pkg_;
        const Pos saved = errpos_;
        if (inherited) errpos_ = c->pos;
        const_decl(c, src->type, i < src->values.size() ? src->values[i] : nullptr, vs->iota);
        errpos_ = saved;
        if (c->type == nullptr) c->type = invalid_type();
        consts.push_back(c);
      }
      if (last != nullptr) {
        const size_t l = vs->names.size(), r = src->values.size();
        if (l < r) {
          if (inherited) error(vs->pos, "extra init expr at " + pos_string(*this, src->values[l]->pos));
          else error(src->values[l]->pos, "extra init expr");
        } else if (l > r) {
          error(vs->names[r]->pos, "missing init expr for " + vs->names[r]->name);
        }
      }
      process_later();
      // The scope of a local constant begins after its spec.
      for (size_t i = 0; i < consts.size(); ++i) declare_local(vs->names[i], consts[i]);
    }
    return;
  }
  if (gd->tok == Tok::Var) {
    for (const syntax::Node* n : gd->specs) {
      if (const auto* vs = n->as<syntax::ValueSpec>()) local_var_spec(vs);
    }
    return;
  }
  if (gd->tok == Tok::Type) {
    for (const syntax::Node* n : gd->specs) {
      const auto* ts = n->as<syntax::TypeSpec>();
      if (ts == nullptr || ts->name == nullptr) continue;
      TypeName* tn = make<TypeName>(ts->name->name);
      tn->pos = ts->name->pos;
      tn->pkg = pkg_;
      tn->is_alias = ts->assign != syntax::NoPos;
      // The scope of a local type begins at its name (it may refer to itself).
      declare_local(ts->name, tn);
      colors_[tn] = Color::Grey;
      obj_path_.push_back(tn);
      type_decl(tn, ts, true);
      obj_path_.pop_back();
      colors_[tn] = Color::Black;
      if (tn->type == nullptr) tn->type = invalid_type();
    }
    return;
  }
  error(gd->pos, "invalid declaration in function body");
}

void Checker::local_var_spec(const syntax::ValueSpec* vs) {
  std::vector<Var*> vars;
  for (const syntax::Ident* id : vs->names) vars.push_back(new_var(id->name, id->pos, nullptr));
  const Type* t = vs->type != nullptr ? typ(vs->type) : nullptr;
  for (Var* v : vars) v->type = t;
  if (!vs->values.empty()) {
    std::vector<const syntax::Expr*> values(vs->values.begin(), vs->values.end());
    if (values.size() == vars.size()) {
      for (size_t i = 0; i < vars.size(); ++i) init_vars({vars[i]}, {values[i]}, nullptr);
    } else {
      init_vars(vars, values, nullptr);
    }
  }
  for (Var* v : vars) {
    if (v->type == nullptr) v->type = invalid_type();
  }
  // Function literals in the initializers are checked before the names
  // enter the scope (their scope begins after the spec).
  process_later();
  for (size_t i = 0; i < vars.size(); ++i) declare_var_in_scope(vars[i], vs->names[i]);
}

// ---- bodies and final passes ----------------------------------------------------------------

void Checker::process_later() {
  if (!obj_path_.empty()) return;
  while (later_next_ < later_.size()) {
    std::function<void()> f = std::move(later_[later_next_]);
    ++later_next_;
    f();
  }
}

void Checker::check_bodies() {
  for (size_t i = 0; i < bodies_.size(); ++i) {
    const Body b = bodies_[i];
    auto it = info_.scopes.find(b.fdecl->type);
    Scope* fscope = it != info_.scopes.end() ? it->second : nullptr;
    if (fscope == nullptr || b.fdecl->body == nullptr) continue;
    func_body(b.decl, b.fdecl, b.func->sig(), b.fdecl->body, fscope, nullptr);
    process_later();
  }
}

void Checker::func_body(DeclInfo* d, const syntax::Node* node, const Signature* sig, const syntax::BlockStmt* body,
                        Scope* fscope, std::vector<Var*>* captures) {
  if (body == nullptr || sig == nullptr) return;
  const Env saved = save_env(*this);
  FuncCtx ctx;
  ctx.node = node;
  ctx.sig = sig;
  ctx.scope = fscope;
  ctx.outer = node->is<syntax::FuncLit>() ? fn_ : nullptr;
  ctx.captures = captures;
  // Receiver, parameters and results belong to this function.
  if (sig->recv != nullptr) sig->recv->owner_func = node;
  for (Var* v : sig->params->vars) v->owner_func = node;
  for (Var* v : sig->results->vars) v->owner_func = node;
  decl_ = d;
  fn_ = &ctx;
  scope_ = fscope;
  if (!node->is<syntax::FuncLit>()) iota_.reset();
  has_call_or_recv_ = false;
  dyn_targets_ = -1;
  errpos_ = syntax::NoPos;
  func_body_stmts(body);
  restore_env(*this, saved);
  if (node->is<syntax::FuncLit>()) checked_bodies_.insert(node);
}

void Checker::report_unused_imports() {
  for (const auto& [pn, spec] : imports_) {
    if (pn->used || pn->name == "_") continue;
    const std::string& path = pn->imported->path;
    size_t slash = path.rfind('/');
    const std::string elem = slash == std::string::npos ? path : path.substr(slash + 1);
    if (pn->name == elem || pn->name == ".") {
      warning(spec->pos, "\"" + path + "\" imported and not used");
    } else {
      warning(spec->pos, "\"" + path + "\" imported as " + pn->name + " and not used");
    }
  }
}

}  // namespace vo::types
