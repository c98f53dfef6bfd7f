// fmt port check (C++): formats integers, floats, strings, containers of arguments, chrono-free
// dates and named arguments, and compares each result with what it must be.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <cstdio>
#include <string>
#include <vector>

static int failures = 0, checks = 0;

static void expect(const std::string &got, const char *want) {
  checks++;
  std::printf("%-28s %s\n", want, got == want ? "ok" : ("MISMATCH: " + got).c_str());
  if (got != want) failures++;
}

int main() {
  expect(fmt::format("{} + {} = {}", 2, 3, 5), "2 + 3 = 5");
  expect(fmt::format("{:08.3f}", 3.14159), "0003.142");
  expect(fmt::format("{:>6}|{:<6}|{:^6}", "r", "l", "c"), "     r|l     |  c   ");
  expect(fmt::format("{:#x} {:#o} {:#b}", 255, 8, 5), "0xff 010 0b101");
  expect(fmt::format("{:e}", 1234.5), "1.234500e+03");
  expect(fmt::format("{}", 0.1 + 0.2), "0.30000000000000004");
  expect(fmt::format("{}", std::vector<int>{1, 2, 3}), "[1, 2, 3]");
  expect(fmt::format("{name} is {age}", fmt::arg("name", "fmt"), fmt::arg("age", 9)), "fmt is 9");
  expect(fmt::format("{:+} {:+}", 7, -7), "+7 -7");
  expect(fmt::format("{:L}", 1234567), "1234567");
  std::string long_one = fmt::format("{:->40}", "");
  expect(std::to_string(long_one.size()), "40");
  try {
    (void)fmt::format(fmt::runtime("{:d}"), "not a number");
    expect("no exception", "format_error");
  } catch (const fmt::format_error &) {
    expect("format_error", "format_error");
  }
  fmt::print("{} checks, {} failed\n", checks, failures);
  return failures != 0;
}
