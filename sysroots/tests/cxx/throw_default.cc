// exit: 134
// stderr: a C++ exception of type std::out_of_range was thrown, but this program was built without exception support
// The default variant: a throw (here from libc++ itself, and user code links too) ends the program.
#include <iostream>
#include <stdexcept>
#include <vector>

static void user_throw(int n) {
  if (n > 100) throw std::runtime_error("never");
}

int main(int argc, char **) {
  user_throw(argc);
  std::vector<int> v(3);
  std::cout << "before" << std::endl;
  return v.at(5);
}
