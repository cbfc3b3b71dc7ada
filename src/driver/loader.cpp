#include "driver/loader.h"

#include <sys/stat.h>

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <sstream>

#include "stdlib/registry.h"
#include "syntax/parser.h"

namespace vo::driver {

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool is_dir(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::vector<std::string> vo_files_in(const std::string& dir) {
  std::vector<std::string> files;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 3 && n.compare(n.size() - 3, 3, ".vo") == 0) files.push_back(dir + "/" + n);
    }
    closedir(d);
  }
  std::sort(files.begin(), files.end());  // sorted, never directory order
  return files;
}

// The `module = "path"` entry of a vo.mod file.
std::string module_path(const std::string& vomod) {
  std::string text;
  if (!read_file(vomod, text)) return "";
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t k = line.find("module");
    if (k == std::string::npos || line.find_first_not_of(" \t") != k) continue;
    size_t q1 = line.find('"', k);
    size_t q2 = q1 == std::string::npos ? q1 : line.find('"', q1 + 1);
    if (q2 != std::string::npos) return line.substr(q1 + 1, q2 - q1 - 1);
  }
  return "";
}

class Loader {
 public:
  Loader(Program& p, syntax::Diagnostics& d) : p_(p), diags_(d) {}

  bool load_main(const std::string& path) {
    std::vector<std::string> files;
    std::string root = path;
    if (is_dir(path)) {
      files = vo_files_in(path);
      if (files.empty()) {
        diags_.error(syntax::NoPos, "no .vo files in " + path);
        return false;
      }
    } else {
      if (!exists(path)) {
        diags_.error(syntax::NoPos, path + ": no such file or directory");
        return false;
      }
      files.push_back(path);
      size_t slash = path.rfind('/');
      root = slash == std::string::npos ? "." : path.substr(0, slash);
    }
    if (is_dir(path) && exists(root + "/vo.mod")) {
      module_root_ = root;
      module_ = module_path(root + "/vo.mod");
    }
    std::vector<syntax::File*> parsed;
    for (const std::string& f : files) {
      std::string text;
      if (!read_file(f, text)) {
        diags_.error(syntax::NoPos, "cannot read " + f);
        return false;
      }
      parsed.push_back(parse(f, std::move(text)));
    }
    if (diags_.error_count()) return false;
    check("main", parsed);
    return diags_.error_count() == 0;
  }

 private:
  Program& p_;
  syntax::Diagnostics& diags_;
  std::string module_, module_root_;
  std::map<std::string, types::CheckedPackage*> done_;
  std::set<std::string> loading_;

  syntax::File* parse(const std::string& name, std::string text) {
    syntax::SourceFile* src = p_.fset.add(name, std::move(text));
    return syntax::parse_file(p_.ast, *src, diags_);
  }

  types::CheckedPackage* check(const std::string& path, std::vector<syntax::File*> files) {
    loading_.insert(path);
    types::Importer importer = [this](const std::string& imp) { return import(imp); };
    std::unique_ptr<types::CheckedPackage> pkg = types::check_package(p_.arena, path, files, p_.ast, importer, diags_);
    loading_.erase(path);
    types::CheckedPackage* raw = pkg.get();
    if (raw) {
      raw->pkg->is_std = !module_.empty() ? path.rfind(module_, 0) != 0 && path != "main" : path != "main";
      p_.packages.push_back(std::move(pkg));
      done_[path] = raw;
    }
    return raw;
  }

  types::CheckedPackage* import(const std::string& path) {
    auto it = done_.find(path);
    if (it != done_.end()) return it->second;
    if (loading_.count(path)) {
      diags_.error(syntax::NoPos, "import cycle not allowed: " + path);
      return nullptr;
    }
    std::vector<syntax::File*> files;
    if (!module_.empty() && (path == module_ || path.rfind(module_ + "/", 0) == 0)) {
      std::string dir = module_root_ + path.substr(module_.size());
      for (const std::string& f : vo_files_in(dir)) {
        std::string text;
        if (read_file(f, text)) files.push_back(parse(f, std::move(text)));
      }
    } else {
      for (const stdlib::EmbeddedFile* f : stdlib::package_files(path))
        files.push_back(parse("$std/" + path + "/" + f->name, f->text));
    }
    if (files.empty()) return nullptr;  // the checker reports "could not import"
    return check(path, std::move(files));
  }
};

}  // namespace

std::vector<types::CheckedPackage*> Program::ordered() const {
  std::vector<types::CheckedPackage*> out;
  for (const auto& p : packages) out.push_back(p.get());
  return out;
}

bool load_program(Program& p, const std::string& path, syntax::Diagnostics& diags) {
  Loader l(p, diags);
  return l.load_main(path);
}

}  // namespace vo::driver
