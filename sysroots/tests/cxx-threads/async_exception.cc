// variant: exceptions
// An exception thrown in a std::async task reaches the caller through the future.
#include <future>
#include <iostream>
#include <stdexcept>

int main() {
  auto f = std::async(std::launch::async, []() -> int { throw std::runtime_error("from the task"); });
  try {
    (void)f.get();
  } catch (const std::runtime_error &e) {
    std::cout << "caught " << e.what() << std::endl;
  }
  return 0;
}
