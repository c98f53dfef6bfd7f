// std::thread, mutex, condition_variable, async and atomic.
#include <atomic>
#include <condition_variable>
#include <future>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int main() {
  std::atomic<int> counter{0};
  std::mutex m;
  long total = 0;
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; t++)
    ts.emplace_back([&, t] {
      for (int i = 0; i < 1000; i++) {
        counter.fetch_add(1);
        std::lock_guard<std::mutex> lock(m);
        total += t;
      }
    });
  for (auto &t : ts) t.join();
  std::cout << "counter " << counter.load() << " total " << total << '\n';
  std::condition_variable cv;
  bool ready = false;
  int value = 0;
  std::thread producer([&] {
    std::lock_guard<std::mutex> lock(m);
    value = 99;
    ready = true;
    cv.notify_one();
  });
  {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return ready; });
  }
  producer.join();
  std::cout << "value " << value << '\n';
  auto f = std::async(std::launch::async, [] { return 6 * 7; });
  std::cout << "async " << f.get() << std::endl;
  return 0;
}
