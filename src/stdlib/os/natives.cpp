// Natives of package os: process arguments, environment, exit, and the
// system calls behind files and directories. File natives return a Linux
// errno (0 on success); os.vo wraps it into Go's error values. Every
// descriptor argument is checked, so a bad one is EBADF, never a crash.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "stdlib/registry.h"
#include "vm/api.h"

extern char** environ;

namespace vo::stdlib {

namespace {

using rt::Slot;

// Go's FileMode bits.
constexpr uint32_t kModeDir = 1u << 31, kModeSymlink = 1u << 27, kModeDevice = 1u << 26,
                   kModeNamedPipe = 1u << 25, kModeSocket = 1u << 24, kModeSetuid = 1u << 23,
                   kModeSetgid = 1u << 22, kModeCharDevice = 1u << 21, kModeSticky = 1u << 20,
                   kModeIrregular = 1u << 19;

uint32_t go_mode(mode_t m) {
  uint32_t mode = m & 0777;
  switch (m & S_IFMT) {
    case S_IFBLK: mode |= kModeDevice; break;
    case S_IFCHR: mode |= kModeDevice | kModeCharDevice; break;
    case S_IFDIR: mode |= kModeDir; break;
    case S_IFIFO: mode |= kModeNamedPipe; break;
    case S_IFLNK: mode |= kModeSymlink; break;
    case S_IFREG: break;
    case S_IFSOCK: mode |= kModeSocket; break;
    default: mode |= kModeIrregular; break;
  }
  if (m & S_ISUID) mode |= kModeSetuid;
  if (m & S_ISGID) mode |= kModeSetgid;
  if (m & S_ISVTX) mode |= kModeSticky;
  return mode;
}

// A C string for a path argument; false (EINVAL) if it holds a NUL byte.
bool c_path(const Slot* a, std::string* out) {
  std::string_view s = api::arg_string(a);
  if (s.find('\0') != std::string_view::npos) return false;
  out->assign(s);
  return true;
}

// A descriptor argument: -1 when out of range.
int fd_arg(const Slot* a) {
  int64_t fd = api::arg_int(a);
  return fd < 0 || fd > INT_MAX ? -1 : static_cast<int>(fd);
}

// A []byte argument as a pointer and length.
uint8_t* bytes_arg(const Slot* a, size_t* n) {
  rt::SliceRef s = api::arg_slice(a);
  *n = s.len > 0 ? static_cast<size_t>(s.len) : 0;
  return s.ptr;
}

void ret_errno(Slot* r, int e) { api::ret_int(r, e); }

void runtime_args(vm::NativeCtx& ctx, Slot*, Slot* r) { api::ret_strings(ctx, r, api::program_args(ctx)); }

void exit(vm::NativeCtx& ctx, Slot* a, Slot*) {
  int64_t code = api::arg_int(a);
  if (code < INT_MIN || code > INT_MAX) api::panic("os.Exit: status code out of range");
  api::exit_program(ctx, static_cast<int>(code));
}

void getenv(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string key(api::arg_string(a));
  const char* v = key.find('\0') == std::string::npos ? std::getenv(key.c_str()) : nullptr;
  api::ret_string(ctx, r, v ? v : "");
}

void lookup_env(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string key(api::arg_string(a));
  const char* v = key.find('\0') == std::string::npos && key.find('=') == std::string::npos
                      ? std::getenv(key.c_str())
                      : nullptr;
  api::ret_string(ctx, r, v ? v : "");
  api::ret_bool(r + 2, v != nullptr);
}

void setenv(vm::NativeCtx&, Slot* a, Slot*) {
  ::setenv(std::string(api::arg_string(a)).c_str(), std::string(api::arg_string(a + 2)).c_str(), 1);
}

void unsetenv(vm::NativeCtx&, Slot* a, Slot*) { ::unsetenv(std::string(api::arg_string(a)).c_str()); }

void environ_(vm::NativeCtx& ctx, Slot*, Slot* r) {
  std::vector<std::string> v;
  for (char** e = environ; e && *e; ++e) v.emplace_back(*e);
  api::ret_strings(ctx, r, v);
}

void clearenv_(vm::NativeCtx&, Slot*, Slot*) { ::clearenv(); }

// Go spells the system's messages with a lower-case first letter.
void strerror_(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  int64_t e = api::arg_int(a);
  std::string s;
  if (e <= 0 || e > 4095) {
    s = "errno " + std::to_string(e);
  } else {
    s = ::strerror(static_cast<int>(e));
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
      s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  api::ret_string(ctx, r, s);
}

void getpid_(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, ::getpid()); }
void getppid_(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, ::getppid()); }
void getuid_(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, ::getuid()); }
void geteuid_(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, ::geteuid()); }
void getgid_(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, ::getgid()); }
void getegid_(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, ::getegid()); }
void getpagesize_(vm::NativeCtx&, Slot*, Slot* r) { api::ret_int(r, ::sysconf(_SC_PAGESIZE)); }

void hostname(vm::NativeCtx& ctx, Slot*, Slot* r) {
  struct utsname u;
  if (::uname(&u) != 0) {
    api::ret_string(ctx, r, "");
    ret_errno(r + 2, errno);
    return;
  }
  api::ret_string(ctx, r, u.nodename);
  ret_errno(r + 2, 0);
}

void executable(vm::NativeCtx& ctx, Slot*, Slot* r) {
  std::string buf(4096, '\0');
  ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size());
  int e = n < 0 ? errno : 0;
  buf.resize(n < 0 ? 0 : static_cast<size_t>(n));
  api::ret_string(ctx, r, buf);
  ret_errno(r + 2, e);
}

void kill_(vm::NativeCtx&, Slot* a, Slot* r) {
  int64_t pid = api::arg_int(a), sig = api::arg_int(a + 1);
  if (pid <= 0 || pid > INT_MAX || sig < 0 || sig > 64) return ret_errno(r, EINVAL);
  ret_errno(r, ::kill(static_cast<pid_t>(pid), static_cast<int>(sig)) == 0 ? 0 : errno);
}

void getwd(vm::NativeCtx& ctx, Slot*, Slot* r) {
  std::string buf(PATH_MAX, '\0');
  if (!::getcwd(buf.data(), buf.size())) {
    int e = errno;
    api::ret_string(ctx, r, "");
    ret_errno(r + 2, e);
    return;
  }
  buf.resize(std::strlen(buf.c_str()));
  api::ret_string(ctx, r, buf);
  ret_errno(r + 2, 0);
}

void chdir_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  if (!c_path(a, &p)) return ret_errno(r, EINVAL);
  ret_errno(r, ::chdir(p.c_str()) == 0 ? 0 : errno);
}

// ---- files ----

void open_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  int64_t flag = api::arg_int(a + 2), perm = api::arg_int(a + 3);
  if (!c_path(a, &p) || flag < 0 || flag > INT_MAX || perm < 0 || perm > 07777) {
    api::ret_int(r, -1);
    return ret_errno(r + 1, EINVAL);
  }
  int fd;
  do fd = ::open(p.c_str(), static_cast<int>(flag) | O_CLOEXEC, static_cast<mode_t>(perm));
  while (fd < 0 && errno == EINTR);
  api::ret_int(r, fd);
  ret_errno(r + 1, fd < 0 ? errno : 0);
}

void read_(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  size_t n;
  uint8_t* p = bytes_arg(a + 1, &n);
  if (fd < 0) {
    api::ret_int(r, 0);
    return ret_errno(r + 1, EBADF);
  }
  if (fd == 0) api::flush_stdout(ctx);  // a prompt shows before the program blocks
  ssize_t got;
  do got = ::read(fd, p, n);
  while (got < 0 && errno == EINTR);
  api::ret_int(r, got < 0 ? 0 : got);
  ret_errno(r + 1, got < 0 ? errno : 0);
}

void pread_(vm::NativeCtx&, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  size_t n;
  uint8_t* p = bytes_arg(a + 1, &n);
  int64_t off = api::arg_int(a + 4);
  if (fd < 0 || off < 0) {
    api::ret_int(r, 0);
    return ret_errno(r + 1, fd < 0 ? EBADF : EINVAL);
  }
  ssize_t got;
  do got = ::pread(fd, p, n, off);
  while (got < 0 && errno == EINTR);
  api::ret_int(r, got < 0 ? 0 : got);
  ret_errno(r + 1, got < 0 ? errno : 0);
}

// Writes all of [p, p+n) to fd; the standard output goes through the VM's
// buffer so that it stays ordered with print and fmt output.
void write_all(vm::NativeCtx& ctx, int fd, const uint8_t* p, size_t n, Slot* r) {
  if (fd < 0) {
    api::ret_int(r, 0);
    return ret_errno(r + 1, EBADF);
  }
  std::string_view s(reinterpret_cast<const char*>(p), n);
  if (fd == 1) {
    api::write_stdout(ctx, s);
    api::ret_int(r, static_cast<int64_t>(n));
    return ret_errno(r + 1, 0);
  }
  if (fd == 2) api::flush_stdout(ctx);
  size_t done = 0;
  while (done < n) {
    ssize_t w = ::write(fd, p + done, n - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      api::ret_int(r, static_cast<int64_t>(done));
      return ret_errno(r + 1, errno);
    }
    done += static_cast<size_t>(w);
  }
  api::ret_int(r, static_cast<int64_t>(done));
  ret_errno(r + 1, 0);
}

void write_(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  size_t n;
  uint8_t* p = bytes_arg(a + 1, &n);
  write_all(ctx, fd_arg(a), p, n, r);
}

void write_string(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string_view s = api::arg_string(a + 1);
  write_all(ctx, fd_arg(a), reinterpret_cast<const uint8_t*>(s.data()), s.size(), r);
}

void pwrite_(vm::NativeCtx&, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  size_t n;
  uint8_t* p = bytes_arg(a + 1, &n);
  int64_t off = api::arg_int(a + 4);
  if (fd < 0 || off < 0) {
    api::ret_int(r, 0);
    return ret_errno(r + 1, fd < 0 ? EBADF : EINVAL);
  }
  ssize_t w;
  do w = ::pwrite(fd, p, n, off);
  while (w < 0 && errno == EINTR);
  if (w == 0 && n > 0) {  // no progress: report it rather than loop
    api::ret_int(r, 0);
    return ret_errno(r + 1, EIO);
  }
  api::ret_int(r, w < 0 ? 0 : w);
  ret_errno(r + 1, w < 0 ? errno : 0);
}

void seek_(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  int64_t off = api::arg_int(a + 1), whence = api::arg_int(a + 2);
  if (fd < 0 || whence < 0 || whence > 2) {
    api::ret_int(r, 0);
    return ret_errno(r + 1, fd < 0 ? EBADF : EINVAL);
  }
  if (fd == 1) api::flush_stdout(ctx);
  off_t got = ::lseek(fd, off, static_cast<int>(whence));
  api::ret_int(r, got < 0 ? 0 : got);
  ret_errno(r + 1, got < 0 ? errno : 0);
}

void close_(vm::NativeCtx&, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  if (fd <= 2) return ret_errno(r, fd < 0 ? EBADF : 0);
  ret_errno(r, ::close(fd) == 0 || errno == EINTR ? 0 : errno);
}

void fsync_(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  if (fd < 0) return ret_errno(r, EBADF);
  if (fd == 1) api::flush_stdout(ctx);
  ret_errno(r, ::fsync(fd) == 0 ? 0 : errno);
}

void ftruncate_(vm::NativeCtx&, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  int64_t size = api::arg_int(a + 1);
  if (fd < 0) return ret_errno(r, EBADF);
  if (size < 0) return ret_errno(r, EINVAL);
  ret_errno(r, ::ftruncate(fd, size) == 0 ? 0 : errno);
}

void ret_stat(Slot* r, const struct stat& st, int e) {
  if (e != 0) {
    api::ret_int(r, 0);
    api::ret_int(r + 1, 0);
    api::ret_int(r + 2, 0);
    return ret_errno(r + 3, e);
  }
  api::ret_int(r, st.st_size);
  api::ret_int(r + 1, go_mode(st.st_mode));
  api::ret_int(r + 2, st.st_mtim.tv_sec);
  ret_errno(r + 3, 0);
}

void fstat_(vm::NativeCtx&, Slot* a, Slot* r) {
  struct stat st {};
  int fd = fd_arg(a);
  int e = fd < 0 ? EBADF : (::fstat(fd, &st) == 0 ? 0 : errno);
  ret_stat(r, st, e);
}

void stat_(vm::NativeCtx&, Slot* a, Slot* r) {
  struct stat st {};
  std::string p;
  int e;
  if (!c_path(a, &p))
    e = EINVAL;
  else if (api::arg_bool(a + 2))
    e = ::stat(p.c_str(), &st) == 0 ? 0 : errno;
  else
    e = ::lstat(p.c_str(), &st) == 0 ? 0 : errno;
  ret_stat(r, st, e);
}

void fchmod_(vm::NativeCtx&, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  int64_t mode = api::arg_int(a + 1);
  if (fd < 0) return ret_errno(r, EBADF);
  if (mode < 0 || mode > 07777) return ret_errno(r, EINVAL);
  ret_errno(r, ::fchmod(fd, static_cast<mode_t>(mode)) == 0 ? 0 : errno);
}

void fchdir_(vm::NativeCtx&, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  if (fd < 0) return ret_errno(r, EBADF);
  ret_errno(r, ::fchdir(fd) == 0 ? 0 : errno);
}

// The entries of an open directory, sorted by name, with Go's type bits.
void read_dir_fd(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  int fd = fd_arg(a);
  std::vector<std::pair<std::string, int64_t>> entries;
  int e = 0;
  int dfd = fd < 0 ? -1 : ::dup(fd);
  if (fd < 0) {
    e = EBADF;
  } else if (dfd < 0) {
    e = errno;
  } else if (DIR* d = ::fdopendir(dfd)) {
    ::rewinddir(d);
    errno = 0;
    while (struct dirent* ent = ::readdir(d)) {
      std::string name = ent->d_name;
      if (name == "." || name == "..") continue;
      uint32_t mode = 0;
      switch (ent->d_type) {
        case DT_DIR: mode = kModeDir; break;
        case DT_LNK: mode = kModeSymlink; break;
        case DT_FIFO: mode = kModeNamedPipe; break;
        case DT_SOCK: mode = kModeSocket; break;
        case DT_CHR: mode = kModeDevice | kModeCharDevice; break;
        case DT_BLK: mode = kModeDevice; break;
        case DT_REG: break;
        default: {
          struct stat st {};
          if (::fstatat(dfd, ent->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) mode = go_mode(st.st_mode) & ~0777u;
        }
      }
      entries.emplace_back(std::move(name), mode);
      errno = 0;
    }
    e = errno;
    ::closedir(d);
  } else {
    e = errno;
    ::close(dfd);
  }
  std::sort(entries.begin(), entries.end());
  std::vector<std::string> names;
  std::vector<int64_t> modes;
  if (e == 0) {
    for (auto& [n, m] : entries) {
      names.push_back(n);
      modes.push_back(m);
    }
  }
  api::ret_strings(ctx, r, names);
  api::ret_ints(ctx, r + 3, modes);
  ret_errno(r + 6, e);
}

void read_file(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string p;
  if (!c_path(a, &p)) {
    api::ret_bytes(ctx, r, "");
    return ret_errno(r + 3, EINVAL);
  }
  int fd;
  do fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int e = errno;
    api::ret_bytes(ctx, r, "");
    return ret_errno(r + 3, e);
  }
  std::string data;
  char buf[65536];
  int e = 0;
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      e = errno;
      break;
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  api::ret_bytes(ctx, r, e ? "" : data);
  ret_errno(r + 3, e);
}

void pipe_(vm::NativeCtx&, Slot*, Slot* r) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    api::ret_int(r, -1);
    api::ret_int(r + 1, -1);
    return ret_errno(r + 2, errno);
  }
  api::ret_int(r, fds[0]);
  api::ret_int(r + 1, fds[1]);
  ret_errno(r + 2, 0);
}

// ---- paths ----

void mkdir_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  int64_t perm = api::arg_int(a + 2);
  if (!c_path(a, &p) || perm < 0 || perm > 07777) return ret_errno(r, EINVAL);
  ret_errno(r, ::mkdir(p.c_str(), static_cast<mode_t>(perm)) == 0 ? 0 : errno);
}

// Go's Remove: unlink, else rmdir; rmdir's error unless it is ENOTDIR.
void remove_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  if (!c_path(a, &p)) return ret_errno(r, EINVAL);
  if (::unlink(p.c_str()) == 0) return ret_errno(r, 0);
  int e = errno;
  if (::rmdir(p.c_str()) == 0) return ret_errno(r, 0);
  if (errno != ENOTDIR) e = errno;
  ret_errno(r, e);
}

// Removes `path` below directory `dirfd` and everything in it; on failure
// sets *failed to the path that could not be removed.
int remove_all_at(int dirfd, const std::string& name, const std::string& path, std::string* failed, int depth) {
  if (::unlinkat(dirfd, name.c_str(), 0) == 0 || errno == ENOENT) return 0;
  int e = errno;
  if (e != EISDIR && e != EPERM && e != EACCES) {
    *failed = path;
    return e;
  }
  if (depth > 4096) {
    *failed = path;
    return ELOOP;
  }
  int fd = ::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return 0;
    if (errno == ENOTDIR || errno == ELOOP) {  // not a directory after all: unlink's error stands
      *failed = path;
      return e;
    }
    *failed = path;
    return errno;
  }
  DIR* d = ::fdopendir(fd);
  if (!d) {
    int e2 = errno;
    ::close(fd);
    *failed = path;
    return e2;
  }
  std::vector<std::string> names;
  while (struct dirent* ent = ::readdir(d)) {
    std::string n = ent->d_name;
    if (n != "." && n != "..") names.push_back(std::move(n));
  }
  int first = 0;
  for (const std::string& n : names) {
    std::string sub_failed;
    int e2 = remove_all_at(::dirfd(d), n, path + "/" + n, &sub_failed, depth + 1);
    if (e2 && !first) {
      first = e2;
      *failed = sub_failed;
    }
  }
  ::closedir(d);
  if (first) return first;
  if (::unlinkat(dirfd, name.c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT) return 0;
  *failed = path;
  return errno;
}

void remove_all(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string p;
  std::string failed;
  int e = c_path(a, &p) ? remove_all_at(AT_FDCWD, p, p, &failed, 0) : EINVAL;
  if (e == EINVAL && failed.empty()) failed = std::string(api::arg_string(a));
  api::ret_int(r, e);
  api::ret_string(ctx, r + 1, failed);
}

void rename_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string from, to;
  if (!c_path(a, &from) || !c_path(a + 2, &to)) return ret_errno(r, EINVAL);
  ret_errno(r, ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno);
}

void chmod_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  int64_t mode = api::arg_int(a + 2);
  if (!c_path(a, &p) || mode < 0 || mode > 07777) return ret_errno(r, EINVAL);
  ret_errno(r, ::chmod(p.c_str(), static_cast<mode_t>(mode)) == 0 ? 0 : errno);
}

void chown_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  int64_t uid = api::arg_int(a + 2), gid = api::arg_int(a + 3);
  if (!c_path(a, &p) || uid < -1 || uid > UINT32_MAX - 1 || gid < -1 || gid > UINT32_MAX - 1)
    return ret_errno(r, EINVAL);
  auto u = static_cast<uid_t>(uid), g = static_cast<gid_t>(gid);
  int rc = api::arg_bool(a + 4) ? ::chown(p.c_str(), u, g) : ::lchown(p.c_str(), u, g);
  ret_errno(r, rc == 0 ? 0 : errno);
}

void chtimes_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  if (!c_path(a, &p)) return ret_errno(r, EINVAL);
  struct timespec ts[2];
  ts[0].tv_sec = api::arg_int(a + 2);
  ts[0].tv_nsec = 0;
  ts[1].tv_sec = api::arg_int(a + 3);
  ts[1].tv_nsec = 0;
  ret_errno(r, ::utimensat(AT_FDCWD, p.c_str(), ts, 0) == 0 ? 0 : errno);
}

void symlink_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string from, to;
  if (!c_path(a, &from) || !c_path(a + 2, &to)) return ret_errno(r, EINVAL);
  ret_errno(r, ::symlink(from.c_str(), to.c_str()) == 0 ? 0 : errno);
}

void link_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string from, to;
  if (!c_path(a, &from) || !c_path(a + 2, &to)) return ret_errno(r, EINVAL);
  ret_errno(r, ::link(from.c_str(), to.c_str()) == 0 ? 0 : errno);
}

void readlink_(vm::NativeCtx& ctx, Slot* a, Slot* r) {
  std::string p;
  if (!c_path(a, &p)) {
    api::ret_string(ctx, r, "");
    return ret_errno(r + 2, EINVAL);
  }
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlink(p.c_str(), buf.data(), buf.size());
    if (n < 0) {
      int e = errno;
      api::ret_string(ctx, r, "");
      return ret_errno(r + 2, e);
    }
    if (static_cast<size_t>(n) < buf.size()) {
      buf.resize(static_cast<size_t>(n));
      break;
    }
    buf.resize(buf.size() * 2);
  }
  api::ret_string(ctx, r, buf);
  ret_errno(r + 2, 0);
}

void truncate_(vm::NativeCtx&, Slot* a, Slot* r) {
  std::string p;
  int64_t size = api::arg_int(a + 2);
  if (!c_path(a, &p) || size < 0) return ret_errno(r, EINVAL);
  ret_errno(r, ::truncate(p.c_str(), size) == 0 ? 0 : errno);
}

void random_(vm::NativeCtx&, Slot*, Slot* r) {
  thread_local std::mt19937 gen{std::random_device{}()};  // one per island thread
  api::ret_int(r, static_cast<uint32_t>(gen()));
}

constexpr NativeDef kNatives[] = {
    {"os.runtimeArgs", runtime_args},
    {"os.Exit", exit},
    {"os.Getenv", getenv},
    {"os.LookupEnv", lookup_env},
    {"os.setenv", setenv},
    {"os.unsetenv", unsetenv},
    {"os.Environ", environ_},
    {"os.Clearenv", clearenv_},
    {"os.strerror", strerror_},
    {"os.Getpid", getpid_},
    {"os.Getppid", getppid_},
    {"os.Getuid", getuid_},
    {"os.Geteuid", geteuid_},
    {"os.Getgid", getgid_},
    {"os.Getegid", getegid_},
    {"os.Getpagesize", getpagesize_},
    {"os.sysHostname", hostname},
    {"os.sysExecutable", executable},
    {"os.sysKill", kill_},
    {"os.sysGetwd", getwd},
    {"os.sysChdir", chdir_},
    {"os.sysOpen", open_},
    {"os.sysRead", read_},
    {"os.sysPread", pread_},
    {"os.sysWrite", write_},
    {"os.sysWriteString", write_string},
    {"os.sysPwrite", pwrite_},
    {"os.sysSeek", seek_},
    {"os.sysClose", close_},
    {"os.sysFsync", fsync_},
    {"os.sysFtruncate", ftruncate_},
    {"os.sysFstat", fstat_},
    {"os.sysStat", stat_},
    {"os.sysFchmod", fchmod_},
    {"os.sysFchdir", fchdir_},
    {"os.sysReadDirFd", read_dir_fd},
    {"os.sysReadFile", read_file},
    {"os.sysPipe", pipe_},
    {"os.sysMkdir", mkdir_},
    {"os.sysRemove", remove_},
    {"os.sysRemoveAll", remove_all},
    {"os.sysRename", rename_},
    {"os.sysChmod", chmod_},
    {"os.sysChown", chown_},
    {"os.sysChtimes", chtimes_},
    {"os.sysSymlink", symlink_},
    {"os.sysLink", link_},
    {"os.sysReadlink", readlink_},
    {"os.sysTruncate", truncate_},
    {"os.sysRandom", random_},
};

}  // namespace

std::span<const NativeDef> os_natives() { return kNatives; }

}  // namespace vo::stdlib
