// HubModelFetcher: downloads one Hub model into the Hugging Face cache on a pool thread,
// reporting its progress to the GUI thread.
#pragma once

#include <QFuture>
#include <QObject>
#include <QString>
#include <memory>

namespace twb {

// fetch() returns at once; fetchHubModel runs through QtConcurrent::run and reports back as
// queued signals, so the GUI thread never waits on the network. cancel() sets a flag the
// download polls every 50 ms; the partial file stays in the cache for the next fetch to resume.
// Exactly one of fetched, failed or cancelled ends each fetch. Destroying the fetcher cancels a
// download under way and detaches from it: it reports to nobody.
class HubModelFetcher : public QObject {
  Q_OBJECT
 public:
  explicit HubModelFetcher(QObject* parent = nullptr);
  ~HubModelFetcher() override;

  bool isRunning() const { return running_; }
  QString repo() const { return repo_; }  // of the fetch under way or last run
  QString revision() const { return revision_; }

 public Q_SLOTS:
  // Ignored while a fetch is under way.
  void fetch(const QString& repo, const QString& revision);
  void cancel();

 Q_SIGNALS:
  // Bytes of the whole fetch (total: as the Hub announced them) and the file being fetched.
  void progressed(const QString& file, int fileIndex, int fileCount, qint64 done, qint64 total);
  void fetched(const QString& snapshotDir);
  void failed(const QString& message);
  void cancelled();

 private:
  struct Shared;
  static void run(const std::shared_ptr<Shared>& shared, const QString& repo,
                  const QString& revision);

  std::shared_ptr<Shared> shared_;
  QFuture<void> future_;
  bool running_ = false;
  QString repo_;
  QString revision_;
};

}  // namespace twb
