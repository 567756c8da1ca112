#include "setup/DatasetFetcher.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <exception>
#include <utility>

#include "common/InputError.h"
#include "data/Catalog.h"

namespace twb {

// What the pool thread and the fetcher share. owner is cleared under the mutex when the fetcher
// goes, so the pool thread never posts to a deleted object.
struct DatasetFetcher::Shared {
  QMutex mutex;
  DatasetFetcher* owner = nullptr;
  std::atomic<bool> cancelled{false};

  // Runs call on the GUI thread, with the owner, if there still is one.
  template <typename Call>
  void post(Call call) {
    QMutexLocker lock(&mutex);
    if (!owner) return;
    DatasetFetcher* target = owner;
    QMetaObject::invokeMethod(
        target, [target, call = std::move(call)]() { call(target); }, Qt::QueuedConnection);
  }
};

namespace {

QString describe(const std::exception& error) {
  if (const auto* input = dynamic_cast<const InputError*>(&error)) return input->message();
  return QString::fromStdString(error.what());
}

}  // namespace

DatasetFetcher::DatasetFetcher(QObject* parent)
    : QObject(parent), shared_(std::make_shared<Shared>()) {
  shared_->owner = this;
}

DatasetFetcher::~DatasetFetcher() {
  shared_->cancelled = true;
  QMutexLocker lock(&shared_->mutex);
  shared_->owner = nullptr;
}

void DatasetFetcher::fetch(const QStringList& ids, const QString& dataDir) {
  if (running_) return;
  running_ = true;
  shared_->cancelled = false;
  future_ = QtConcurrent::run([shared = shared_, ids, dataDir]() { run(shared, ids, dataDir); });
}

void DatasetFetcher::cancel() { shared_->cancelled = true; }

void DatasetFetcher::run(const std::shared_ptr<Shared>& shared, const QStringList& ids,
                         const QString& dataDir) {
  const Catalog catalog(dataDir);
  const double count = ids.isEmpty() ? 1.0 : double(ids.size());
  for (int i = 0; i < ids.size() && !shared->cancelled; ++i) {
    const QString id = ids[i];
    const double done = i / count;
    shared->post([id, done](DatasetFetcher* owner) {
      Q_EMIT owner->progressed(id, DatasetFetcher::tr("Fetching %1…").arg(id), done);
    });
    try {
      if (!catalog.isFetched(id)) {
        catalog.fetch(id, [shared, id, done, count](const QString& line, double fraction) {
          const double overall = fraction < 0 ? done : done + fraction / count;
          shared->post([id, line, overall](DatasetFetcher* owner) {
            Q_EMIT owner->progressed(id, line, overall);
          });
        });
      }
      shared->post([id](DatasetFetcher* owner) { Q_EMIT owner->fetched(id); });
    } catch (const std::exception& error) {
      const QString message = describe(error);
      shared->post([id, message](DatasetFetcher* owner) { Q_EMIT owner->failed(id, message); });
    } catch (...) {  // nothing may leave a pool thread: it would end the program
      shared->post([id](DatasetFetcher* owner) {
        Q_EMIT owner->failed(id, DatasetFetcher::tr("failed with an unknown error"));
      });
    }
  }
  const bool cancelled = shared->cancelled;
  shared->post([cancelled](DatasetFetcher* owner) {
    owner->running_ = false;
    Q_EMIT owner->finished(cancelled);
  });
}

}  // namespace twb
