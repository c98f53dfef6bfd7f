// variant: exceptions
// Exceptions: across frames, destructors during unwinding, rethrow, exception_ptr, catch (...).
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

struct Guard {
  std::string name;
  ~Guard() { std::cout << "~" << name << '\n'; }
};

struct MyError : std::runtime_error {
  int code;
  MyError(int c) : std::runtime_error("my error"), code(c) {}
};

[[gnu::noinline]] static void deep(int n) {
  Guard g{"deep" + std::to_string(n)};
  if (n == 0) throw MyError(7);
  deep(n - 1);
}

int main() {
  try {
    deep(2);
  } catch (const MyError &e) {
    std::cout << "caught " << e.what() << " code " << e.code << '\n';
  }
  try {
    try {
      throw std::out_of_range("inner");
    } catch (const std::exception &e) {
      std::cout << "rethrowing " << e.what() << '\n';
      throw;
    }
  } catch (const std::out_of_range &e) {
    std::cout << "caught again " << e.what() << '\n';
  }
  std::exception_ptr p;
  try {
    throw 42;
  } catch (...) {
    p = std::current_exception();
  }
  try {
    std::rethrow_exception(p);
  } catch (int v) {
    std::cout << "from exception_ptr " << v << '\n';
  }
  try {
    std::string s("abc");
    (void)s.at(10);
  } catch (...) {
    std::cout << "catch (...) of a libc++ throw\n";
  }
  std::cout << "uncaught " << std::uncaught_exceptions() << '\n';
  return 0;
}
