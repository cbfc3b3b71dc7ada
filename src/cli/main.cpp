// The `vo` command: run, check, disasm, version, help.
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <iostream>
#include <string>
#include <vector>

#include "bytecode/module.h"
#include "compiler/compiler.h"
#include "driver/loader.h"
#include "stdlib/registry.h"
#include "vm/vm.h"

namespace {

constexpr const char* kVersion = "vo 0.1.0 (C++ implementation)";

void usage(std::FILE* out) {
  std::fprintf(out,
               "usage: vo <command> [arguments]\n\n"
               "commands:\n"
               "  run FILE.vo|DIR [args...]   compile and run a program\n"
               "  check FILE.vo|DIR           type-check only; print every error\n"
               "  disasm FILE.vo|DIR          print the compiled bytecode\n"
               "  version                     print the version\n"
               "  help                        print this help\n");
}

// The .vo files of a program: the file itself, or a directory's files sorted by name.
bool source_files(const std::string& path, std::vector<std::string>& files, std::string& err) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    err = "vo: " + path + ": no such file or directory";
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    files.push_back(path);
    return true;
  }
  DIR* d = opendir(path.c_str());
  if (!d) {
    err = "vo: cannot read directory " + path;
    return false;
  }
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 3 && n.compare(n.size() - 3, 3, ".vo") == 0) files.push_back(path + "/" + n);
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    err = "vo: no .vo files in " + path;
    return false;
  }
  return true;
}

// Loads, checks and (unless check_only) compiles; prints diagnostics.
// Returns the module, or nullptr on any error.
std::unique_ptr<vo::bc::Module> build(vo::driver::Program& p, const std::string& path, bool check_only) {
  std::vector<std::string> names;
  std::string err;
  if (!source_files(path, names, err)) {
    std::fprintf(stderr, "%s\n", err.c_str());
    return nullptr;
  }
  vo::syntax::Diagnostics diags(&p.fset);
  std::unique_ptr<vo::bc::Module> module;
  if (vo::driver::load_program(p, path, diags) && !check_only) {
    module = vo::compiler::compile_program(p.ordered(), diags,
                                           [](const std::string& n) { return vo::stdlib::find_native(n); });
  }
  if (diags.error_count() > 0) {
    std::fputs(diags.format().c_str(), stderr);
    return nullptr;
  }
  if (check_only) return std::make_unique<vo::bc::Module>();
  std::string bad = vo::bc::verify(*module);
  if (!bad.empty()) {
    std::fprintf(stderr, "vo: internal error: invalid bytecode: %s\n", bad.c_str());
    return nullptr;
  }
  return module;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "help" || cmd == "-h" || cmd == "--help") {
    usage(stdout);
    return 0;
  }
  if (cmd == "version" || cmd == "--version") {
    std::printf("%s\n", kVersion);
    return 0;
  }
  if (cmd != "run" && cmd != "check" && cmd != "disasm") {
    std::fprintf(stderr, "vo: unknown command %s\n", argv[1]);
    usage(stderr);
    return 2;
  }
  if (argc < 3) {
    std::fprintf(stderr, "vo %s: missing file or directory\n", cmd.c_str());
    return 2;
  }
  std::string path = argv[2];
  if (!path.empty() && path[0] == '-') {
    std::fprintf(stderr, "vo %s: unknown flag %s\n", cmd.c_str(), path.c_str());
    return 2;
  }
  vo::driver::Program p;
  std::unique_ptr<vo::bc::Module> module = build(p, path, cmd == "check");
  if (!module) return 1;
  if (cmd == "check") return 0;
  if (cmd == "disasm") {
    std::fputs(vo::bc::disassemble(*module).c_str(), stdout);
    return 0;
  }
  vo::vm::VM vm(*module);
  vm.set_args(std::vector<std::string>(argv + 2, argv + argc));
  vo::vm::RunResult r = vm.run();
  if (!r.error.empty()) std::fprintf(stderr, "%s\n", r.error.c_str());
  return r.exit_code;
}
