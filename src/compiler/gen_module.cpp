// Module assembly: functions, globals, constants and the entry function that
// initializes packages and runs main.
#include <cstring>
#include <stdexcept>

#include "compiler/compiler.h"
#include "compiler/gen.h"
#include "types/object.h"

namespace vo::compiler {

using bc::Op;

uint32_t Gen::string_const(const std::string& s) {
  auto it = string_consts_.find(s);
  if (it != string_consts_.end()) return it->second;
  mod_.string_data.push_back(s);
  const std::string& stored = mod_.string_data.back();
  uint32_t i = static_cast<uint32_t>(mod_.consts.size());
  // String constants point at module data, outside the heap: the GC ignores them.
  mod_.consts.push_back(stored.empty() ? 0 : reinterpret_cast<rt::Slot>(stored.data()));
  mod_.consts.push_back(stored.size());
  mod_.const_kinds.push_back(rt::SlotKind::Scalar);
  mod_.const_kinds.push_back(rt::SlotKind::Scalar);
  string_consts_[s] = i;
  return i;
}

uint32_t Gen::slot_const(rt::Slot v, rt::SlotKind k) {
  mod_.consts.push_back(v);
  mod_.const_kinds.push_back(k);
  return static_cast<uint32_t>(mod_.consts.size() - 1);
}

uint32_t Gen::declare_function(const std::string& name) {
  funcs_.emplace_back();
  funcs_.back().name = name;
  return static_cast<uint32_t>(funcs_.size() - 1);
}

uint32_t Gen::func_index(const types::Func* f) {
  auto it = func_ids_.find(f);
  if (it != func_ids_.end()) return it->second;
  if (native_ids_.count(f)) return native_wrapper(f);
  unsupported(f->pos, "function " + f->name + " (no body)");
}

// A bytecode function that calls a native: what a native becomes when used
// as a value (f := math.Sqrt) rather than called directly.
uint32_t Gen::native_wrapper(const types::Func* f) {
  const bc::Native& nat = mod_.natives[native_ids_[f]];
  uint32_t fi = declare_function(nat.name);
  func_ids_[f] = fi;
  bc::Function& fn = funcs_[fi];
  fn.file = std::string(diags_.fset()->position(f->pos).filename);
  FuncBuilder fb(fn);
  const ForwardFrame ff = forward_frame(fb, f->sig());
  fb.emit(Op::CallNative, ff.res, native_ids_[f], ff.params);
  fb.emit(Op::Ret, ff.res, ff.nres);
  return fi;
}

void Gen::compile_func_decl(const ast::FuncDecl* d, uint32_t index) {
  bc::Function& fn = funcs_[index];
  fn.file = std::string(diags_.fset()->position(d->pos).filename);
  FuncBuilder fb(fn);
  fb_ = &fb;
  vars_.clear();
  loops_.clear();
  const types::Object* o = info_->obj(d->name);
  const auto* sig = o->type->as<types::Signature>();
  line(d->pos);
  begin_function(fn, sig, d);
  block(d->body->list);
  end_function(d->body);
  fb_ = nullptr;
}

uint32_t Gen::compile_init() {
  uint32_t index = declare_function("<init>");
  bc::Function& fn = funcs_[index];
  fn.file = mod_.main_file;
  FuncBuilder fb(fn);
  fb_ = &fb;
  for (auto& [pkg, unused] : var_inits_) {
    info_ = &pkg->info;
    pkg_ = pkg;
    vars_.clear();
    for (const types::Initializer& init : info_->init_order) {
      if (init.rhs.empty()) continue;
      size_t m = fb.mark();
      std::vector<const types::Type*> targets;
      for (const types::Var* v : init.lhs) targets.push_back(globals_.count(v) ? v->type : nullptr);
      std::vector<ast::Expr*> rhs;
      for (const ast::Expr* e : init.rhs) rhs.push_back(const_cast<ast::Expr*>(e));
      // All values first, then the stores: the var spec commits as a whole.
      std::vector<uint32_t> vals = rhs_values(rhs, targets, init.rhs[0]->pos);
      for (size_t i = 0; i < init.lhs.size(); ++i) {
        auto g = globals_.find(init.lhs[i]);  // `var _ = f()` is evaluated for its effects only
        if (g != globals_.end()) fb.emit(Op::StoreGlobal, g->second, vals[i], layouts_.slots(init.lhs[i]->type));
      }
      fb.release(m);
    }
    for (const types::Func* f : info_->inits) fb.emit(Op::Call, 0, func_index(f) & 0xFFFF, 0, static_cast<uint8_t>(func_index(f) >> 16));
  }
  fb.emit(Op::Ret, 0, 0);
  mod_.init = index;
  fb_ = nullptr;
  return index;
}

// <init> runs package initialization (every island runs it once on its own
// globals); <entry> runs <init>, then main.
void Gen::compile_entry() {
  uint32_t init_index = compile_init();
  uint32_t index = declare_function("<entry>");
  bc::Function& fn = funcs_[index];
  fn.file = mod_.main_file;
  FuncBuilder fb(fn);
  fb_ = &fb;
  fb.emit(Op::Call, 0, init_index & 0xFFFF, 0, static_cast<uint8_t>(init_index >> 16));
  if (main_index_ == UINT32_MAX) unsupported(ast::NoPos, "a program without func main");
  // main's results (if any) are discarded.
  uint32_t scratch = fb.alloc_scalar(0 + 1);
  fb.emit(Op::Call, scratch, main_index_ & 0xFFFF, scratch, static_cast<uint8_t>(main_index_ >> 16));
  fb.emit(Op::Ret, 0, 0);
  // The result area of main may be larger than one slot.
  const bc::Function& mainf = funcs_[main_index_];
  std::vector<rt::SlotKind> kinds(mainf.slot_kinds.begin() + mainf.param_slots,
                                  mainf.slot_kinds.begin() + mainf.param_slots + mainf.result_slots);
  uint32_t res = kinds.empty() ? scratch : fb.alloc(kinds);
  fn.code[fn.code.size() - 2].a = static_cast<uint16_t>(res);
  mod_.entry = index;
  fb_ = nullptr;
}

void Gen::compile(const std::vector<types::CheckedPackage*>& pkgs) {
  // The string type exists in every module: runtime panics carry strings.
  mod_.string_type = layouts_.rtype(types::basic_type(types::BasicKind::String));
  // Pass 1: globals and function indices for every package.
  std::vector<std::pair<const ast::FuncDecl*, std::pair<types::CheckedPackage*, uint32_t>>> bodies;
  for (types::CheckedPackage* pkg : pkgs) {
    info_ = &pkg->info;
    for (const ast::File* file : pkg->files) {
      if (pkg->pkg->name == "main" && mod_.main_file.empty()) mod_.main_file = file->source ? file->source->name() : "";
      for (const ast::Decl* d : file->decls) {
        if (auto* fd = d->as<ast::FuncDecl>()) {
          types::Object* o = info_->obj(fd->name);
          if (!o) continue;
          if (!fd->body) {
            bind_native(pkg, fd, o->as<types::Func>());
            continue;
          }
          auto* f = o->as<types::Func>();
          uint32_t idx = declare_function(pkg->pkg->path + "." + fd->name->name);
          if (f) func_ids_[f] = idx;
          if (!fd->recv && fd->name->name == "main" && pkg->pkg->name == "main") main_index_ = idx;
          bodies.push_back({fd, {pkg, idx}});
        } else if (auto* gd = d->as<ast::GenDecl>(); gd && gd->tok == ast::Tok::Var) {
          for (const ast::Node* sp : gd->specs) {
            for (const ast::Ident* n : sp->as<ast::ValueSpec>()->names) {
              types::Object* o = info_->obj(n);
              if (!o || n->name == "_") continue;
              auto* v = o->as<types::Var>();
              globals_[v] = mod_.global_slots;
              global_locs_[v] = VarLoc{VarLoc::Global, mod_.global_slots};
              const std::vector<rt::SlotKind>* kp = nullptr;
              try {
                kp = &layouts_.kinds(v->type);
              } catch (const LayoutTooLarge& e) {
                diags_.error(n->pos, e.what());
                continue;
              }
              const auto& k = *kp;
              mod_.global_kinds.insert(mod_.global_kinds.end(), k.begin(), k.end());
              mod_.global_slots += static_cast<uint32_t>(k.size());
            }
          }
        }
      }
    }
    var_inits_.push_back({pkg, 0});
  }
  // Pass 2: bodies.
  for (auto& [fd, where] : bodies) {
    info_ = &where.first->info;
    pkg_ = where.first;
    try {
      compile_func_decl(fd, where.second);
    } catch (const Unsupported& u) {
      diags_.error(u.pos != ast::NoPos ? u.pos : fd->pos, "not supported yet: " + u.what);
    } catch (const LayoutTooLarge& e) {
      diags_.error(fd->pos, e.what());
    } catch (const std::length_error& e) {
      diags_.error(fd->pos, std::string("function too large: ") + e.what());
    }
  }
  try {
    compile_entry();
    fill_method_sets();
  } catch (const Unsupported& u) {
    diags_.error(u.pos, "not supported yet: " + u.what);
  } catch (const LayoutTooLarge& e) {
    diags_.error(ast::NoPos, e.what());
  }
  for (bc::Function& f : funcs_) mod_.funcs.push_back(std::move(f));
}

void Gen::bind_native(const types::CheckedPackage* pkg, const ast::FuncDecl* fd, const types::Func* f) {
  std::string name = pkg->pkg->path + "." + fd->name->name;
  bc::NativeFn fn = natives_ ? natives_(name) : nullptr;
  if (!fn) {
    diags_.error(fd->pos, "missing native implementation of " + name);
    return;
  }
  const types::Signature* sig = f->sig();
  uint32_t params = 0;
  for (const types::Var* v : sig->params->vars) params += layouts_.slots(v->type);
  native_ids_[f] = static_cast<uint32_t>(mod_.natives.size());
  mod_.natives.push_back(bc::Native{name, fn, params, layouts_.slots(sig->results)});
}

std::unique_ptr<bc::Module> compile_program(const std::vector<types::CheckedPackage*>& pkgs,
                                            syntax::Diagnostics& diags, const NativeResolver& natives) {
  auto m = std::make_unique<bc::Module>();
  Gen g(*m, diags, natives);
  g.compile(pkgs);
  if (diags.error_count() > 0) return nullptr;
  return m;
}

}  // namespace vo::compiler
