// iostream, string, vector, map, unordered_map, sstream, algorithm, chrono, new[]/delete[].
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

int main() {
  std::vector<int> v{5, 3, 9, 1, 7};
  std::sort(v.begin(), v.end());
  std::cout << "sorted:";
  for (int x : v) std::cout << ' ' << x;
  std::cout << '\n';
  std::string s = "Hello";
  s += ", C++";
  std::cout << s << " (" << s.size() << ")\n";
  std::map<std::string, int> m{{"b", 2}, {"a", 1}, {"c", 3}};
  for (const auto &[k, val] : m) std::cout << k << '=' << val << ' ';
  std::cout << '\n';
  std::unordered_map<int, std::string> u;
  for (int i = 0; i < 100; i++) u[i] = std::to_string(i * i);
  std::cout << "u[12]=" << u[12] << " size=" << u.size() << '\n';
  std::ostringstream os;
  os << 42 << ' ' << 3.5 << ' ' << std::hex << 255;
  std::istringstream is("7 8 9");
  int a, b, c;
  is >> a >> b >> c;
  std::cout << os.str() << " / " << a + b + c << '\n';
  auto t0 = std::chrono::steady_clock::now();
  auto t1 = std::chrono::steady_clock::now();
  auto wall = std::chrono::system_clock::now().time_since_epoch();
  std::cout << "steady monotonic: " << (t1 >= t0) << ", after 2020: " << (std::chrono::duration_cast<std::chrono::seconds>(wall).count() > 1577836800) << '\n';
  int *arr = new int[1000];
  for (int i = 0; i < 1000; i++) arr[i] = i;
  long sum = 0;
  for (int i = 0; i < 1000; i++) sum += arr[i];
  delete[] arr;
  std::cout << "sum=" << sum << '\n';
  auto it = std::find(v.begin(), v.end(), 7);
  std::cout << "found 7 at " << (it - v.begin()) << std::endl;
  return 0;
}
