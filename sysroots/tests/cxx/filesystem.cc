// preopen: /sandbox
// std::filesystem over a preopened directory: create, iterate, copy, rename, remove, status.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

namespace fs = std::filesystem;

int main() {
  fs::path dir = "/sandbox/d";
  std::cout << "create: " << fs::create_directory(dir) << '\n';
  std::ofstream(dir / "a.txt") << "alpha\n";
  std::ofstream(dir / "b.txt") << "beta beta\n";
  fs::create_directory(dir / "sub");
  std::vector<std::string> names;
  for (const auto &e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string() + (e.is_directory() ? "/" : ""));
  std::sort(names.begin(), names.end());
  for (const auto &n : names) std::cout << "entry " << n << '\n';
  fs::copy_file(dir / "a.txt", dir / "sub" / "c.txt");
  std::cout << "copied size: " << fs::file_size(dir / "sub" / "c.txt") << '\n';
  fs::rename(dir / "b.txt", dir / "sub" / "b2.txt");
  std::cout << "renamed: " << fs::exists(dir / "b.txt") << fs::exists(dir / "sub" / "b2.txt") << '\n';
  auto st = fs::status(dir / "sub");
  std::cout << "sub is dir: " << (st.type() == fs::file_type::directory) << ", a is regular: " << fs::is_regular_file(dir / "a.txt") << '\n';
  std::error_code ec;
  (void)fs::status(dir / "missing", ec);
  std::cout << "missing: " << (ec == std::errc::no_such_file_or_directory) << '\n';
  std::cout << "removed: " << fs::remove_all(dir) << ", left: " << fs::exists(dir) << '\n';
  return 0;
}
