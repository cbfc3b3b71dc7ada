// Package variable initialization order (go/types initorder.go, with Vo's
// rule that every var spec is one initialization unit) and the detection of
// invalid recursive types (a type that contains itself by value).
#include <algorithm>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "types/checker_impl.h"

namespace vo::types {

using syntax::Pos;

namespace {

bool is_func_decl(const DeclInfo* d) { return d->fdecl != nullptr; }

// Finds a dependency path from `from` to `to` (both included: from, ..., to),
// through any declarations including functions. Empty if there is none.
bool find_path(DeclInfo* from, DeclInfo* to, std::unordered_set<DeclInfo*>& seen, std::vector<DeclInfo*>& path) {
  if (!seen.insert(from).second) return false;
  for (DeclInfo* d : from->deps) {
    if (d == to) {
      path.push_back(d);
      return true;
    }
    if (find_path(d, to, seen, path)) {
      path.push_back(d);
      return true;
    }
  }
  return false;
}

}  // namespace

void Checker::init_order() {
  // The graph: one node per declaration of a const, var spec or function.
  std::unordered_map<DeclInfo*, Object*> rep;  // representative (first) object
  std::vector<DeclInfo*> nodes;
  for (Object* o : pkg_objects_) {
    if (o->kind == ObjKind::TypeName) continue;
    auto it = decls_.find(o);
    if (it == decls_.end() || rep.count(it->second) != 0) continue;
    rep[it->second] = o;
    nodes.push_back(it->second);
  }
  auto in_graph = [&rep](DeclInfo* d) { return rep.count(d) != 0; };

  // Collapse function nodes: a value depends on every value reachable
  // through the functions it references (mutually recursive functions are fine).
  std::unordered_map<DeclInfo*, std::vector<DeclInfo*>> vdeps;
  std::unordered_map<DeclInfo*, std::vector<DeclInfo*>> dependents;
  for (DeclInfo* n : nodes) {
    if (is_func_decl(n)) continue;
    std::vector<DeclInfo*>& out = vdeps[n];
    std::unordered_set<DeclInfo*> out_set, seen_funcs;
    std::vector<DeclInfo*> stack(n->deps.rbegin(), n->deps.rend());
    while (!stack.empty()) {
      DeclInfo* d = stack.back();
      stack.pop_back();
      if (!in_graph(d)) continue;
      if (is_func_decl(d)) {
        if (seen_funcs.insert(d).second) stack.insert(stack.end(), d->deps.rbegin(), d->deps.rend());
      } else if (out_set.insert(d).second) {
        out.push_back(d);
        dependents[d].push_back(n);
      }
    }
  }

  std::unordered_map<DeclInfo*, size_t> ndeps;
  auto later = [](const DeclInfo* a, const DeclInfo* b) { return a->order > b->order; };
  std::priority_queue<DeclInfo*, std::vector<DeclInfo*>, decltype(later)> ready(later);
  size_t remaining = 0;
  for (auto& [n, deps] : vdeps) {
    ndeps[n] = deps.size();
    ++remaining;
    if (deps.empty()) ready.push(n);
  }
  std::unordered_set<DeclInfo*> done, reported;

  auto emit = [&](DeclInfo* n) {
    done.insert(n);
    --remaining;
    for (DeclInfo* p : dependents[n]) {
      if (done.count(p) == 0 && ndeps[p] > 0 && --ndeps[p] == 0) ready.push(p);
    }
    if (n->vars.empty() || n->values.empty()) return;  // constants; zero-valued vars
    if (n->values.size() == n->vars.size() || n->values.size() == 1) {
      info_.init_order.push_back(Initializer{n->vars, {n->values.begin(), n->values.end()}});
    }
  };

  while (remaining > 0) {
    while (!ready.empty()) {
      DeclInfo* n = ready.top();
      ready.pop();
      if (done.count(n) == 0) emit(n);
    }
    if (remaining == 0) break;
    // Every remaining node waits on a cycle: report the earliest one that
    // lies on a cycle, then release it to continue.
    DeclInfo* pick = nullptr;
    for (auto& [n, deps] : vdeps) {
      if (done.count(n) != 0) continue;
      if (pick == nullptr || ndeps[n] < ndeps[pick] || (ndeps[n] == ndeps[pick] && n->order < pick->order)) pick = n;
    }
    std::unordered_set<DeclInfo*> seen;
    std::vector<DeclInfo*> path;  // reversed: to, ..., first step
    if (reported.count(pick) == 0 && find_path(pick, pick, seen, path)) {
      std::reverse(path.begin(), path.end());  // first step, ..., pick
      for (DeclInfo* d : path) reported.insert(d);
      Object* obj = rep[pick];
      if (path.size() == 1) {
        error(obj->pos, "initialization cycle: " + obj->name + " refers to itself");
      } else {
        std::string msg = "initialization cycle for " + obj->name;
        const Object* from = obj;
        for (DeclInfo* d : path) {
          msg += "\n\t" + from->name + " refers to " + rep[d]->name;
          from = rep[d];
        }
        error(obj->pos, msg);
      }
    }
    emit(pick);
  }
}

// ---- invalid recursive types -------------------------------------------------------------------

namespace {

struct ValidTypeWalker {
  Checker& c;
  std::vector<const Named*> path;
  std::unordered_map<const Named*, size_t> on_path;  // index in path

  bool walk(const Type* t) {
    if (t == nullptr) return true;
    switch (t->kind) {
      case TypeKind::Array: return walk(t->as<Array>()->elem);
      case TypeKind::Struct:
        for (const Var* f : t->as<Struct>()->fields) {
          if (!walk(f->type)) return false;
        }
        return true;
      case TypeKind::Interface:
        for (const Type* e : t->as<Interface>()->embeddeds) {
          if (!walk(e)) return false;
        }
        return true;
      case TypeKind::Named: return walk_named(t->as<Named>());
      default: return true;  // pointers, slices, maps, ... break the containment
    }
  }

  bool walk_named(const Named* n) {
    if (c.valid_named_.count(n) != 0 || n->underlying == nullptr) return true;
    if (n->obj == nullptr || n->obj->pkg != c.pkg_) return true;  // imported types are valid
    auto it = on_path.find(n);
    if (it != on_path.end()) {
      // n contains itself: make it invalid so that nothing recurses forever.
      const_cast<Named*>(n)->underlying = c.invalid_type();
      std::vector<Object*> cycle;
      for (size_t i = it->second; i < path.size(); ++i) cycle.push_back(path[i]->obj);
      c.report_cycle(cycle);
      return false;
    }
    on_path.emplace(n, path.size());
    path.push_back(n);
    const bool ok = walk(n->underlying);
    path.pop_back();
    on_path.erase(n);
    if (ok) c.valid_named_.insert(n);
    return ok;
  }
};

}  // namespace

void Checker::valid_type(const Named* n, Pos pos) {
  (void)pos;
  ValidTypeWalker w{*this, {}};
  w.walk_named(n);
}

}  // namespace vo::types
