// Fifo: mkfifo, and a watchdog thread that releases a blocked reader by opening the write end.
#include "support/Fifo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <chrono>

namespace twb::test {

Fifo::Fifo(const QString& path, int unblockAfterMs) : path_(path) {
  const QByteArray name = QFile::encodeName(path);
  created_ = ::mkfifo(name.constData(), 0600) == 0;
  if (!created_) return;
  watchdog_ = std::thread([this, name, unblockAfterMs] {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(unblockAfterMs);
    while (!done_ && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // Without a reader this fails (ENXIO); with a blocked one it lets it see end of file.
    while (!done_) {
      const int fd = ::open(name.constData(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) ::close(fd);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
}

Fifo::~Fifo() {
  done_ = true;
  if (watchdog_.joinable()) watchdog_.join();
  QFile::remove(path_);
}

}  // namespace twb::test
