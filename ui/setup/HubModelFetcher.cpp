#include "setup/HubModelFetcher.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <exception>
#include <utility>

#include "common/InputError.h"
#include "common/TaskState.h"
#include "hub/HubFetch.h"

namespace twb {

// What the pool thread and the fetcher share. owner is cleared under the mutex when the fetcher
// goes, so the pool thread never posts to a deleted object.
struct HubModelFetcher::Shared {
  QMutex mutex;
  HubModelFetcher* owner = nullptr;
  std::atomic<bool> cancelled{false};

  // Runs call on the GUI thread, with the owner, if there still is one.
  template <typename Call>
  void post(Call call) {
    QMutexLocker lock(&mutex);
    if (!owner) return;
    HubModelFetcher* target = owner;
    QMetaObject::invokeMethod(
        target, [target, call = std::move(call)]() { call(target); }, Qt::QueuedConnection);
  }
};

HubModelFetcher::HubModelFetcher(QObject* parent)
    : QObject(parent), shared_(std::make_shared<Shared>()) {
  shared_->owner = this;
}

HubModelFetcher::~HubModelFetcher() {
  shared_->cancelled = true;
  QMutexLocker lock(&shared_->mutex);
  shared_->owner = nullptr;
}

void HubModelFetcher::fetch(const QString& repo, const QString& revision) {
  if (running_) return;
  running_ = true;
  repo_ = repo;
  revision_ = revision;
  shared_->cancelled = false;
  future_ =
      QtConcurrent::run([shared = shared_, repo, revision]() { run(shared, repo, revision); });
}

void HubModelFetcher::cancel() { shared_->cancelled = true; }

void HubModelFetcher::run(const std::shared_ptr<Shared>& shared, const QString& repo,
                          const QString& revision) {
  // Each ending clears running_ on the GUI thread before it is announced.
  const auto end = [&shared](auto announce) {
    shared->post([announce = std::move(announce)](HubModelFetcher* owner) {
      owner->running_ = false;
      announce(owner);
    });
  };
  try {
    HubFetchOptions options;
    options.revision = revision;
    options.settings = HubSettings::fromEnvironment();
    options.cancelled = [&shared] { return shared->cancelled.load(); };
    options.progress = [&shared](const HubProgress& p) {
      shared->post([p](HubModelFetcher* owner) {
        Q_EMIT owner->progressed(p.file, p.fileIndex, p.fileCount, p.done, p.total);
      });
    };
    const HubFetchResult result = fetchHubModel(repo, options);
    end([dir = result.snapshotDir](HubModelFetcher* owner) { Q_EMIT owner->fetched(dir); });
  } catch (const Cancelled&) {
    end([](HubModelFetcher* owner) { Q_EMIT owner->cancelled(); });
  } catch (const InputError& error) {
    end([message = error.message()](HubModelFetcher* owner) { Q_EMIT owner->failed(message); });
  } catch (const std::exception& error) {
    end([message = QString::fromStdString(error.what())](HubModelFetcher* owner) {
      Q_EMIT owner->failed(message);
    });
  } catch (...) {  // nothing may leave a pool thread: it would end the program
    end([](HubModelFetcher* owner) { Q_EMIT owner->failed(tr("failed with an unknown error")); });
  }
}

}  // namespace twb
