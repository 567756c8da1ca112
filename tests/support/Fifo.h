// Fifo: a named pipe for tests that must be refused, with a watchdog so a reader that blocks on
// it fails the test instead of hanging it.
#pragma once

#include <QString>
#include <atomic>
#include <thread>

namespace twb::test {

// Creates a FIFO at path. Should anything open it for reading and block, the watchdog opens
// its write end after unblockAfterMs and closes it, so the reader sees end of file.
class Fifo {
 public:
  explicit Fifo(const QString& path, int unblockAfterMs = 3000);
  ~Fifo();
  Fifo(const Fifo&) = delete;
  Fifo& operator=(const Fifo&) = delete;

  bool created() const { return created_; }
  const QString& path() const { return path_; }

 private:
  QString path_;
  bool created_ = false;
  std::atomic<bool> done_{false};
  std::thread watchdog_;
};

}  // namespace twb::test
