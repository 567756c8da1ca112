// DatasetFetcher: fetches catalog datasets on a pool thread, reporting to the GUI thread.
#pragma once

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <memory>

namespace twb {

// fetch() returns at once; Catalog::fetch runs through QtConcurrent::run and its progress comes
// back as queued signals, so the GUI thread never waits on a download. Datasets already on disk
// (or brought by an earlier one's package) are skipped. cancel() stops before the next dataset;
// one under way cannot be interrupted. Destroying the fetcher detaches it: a fetch under way
// finishes on its own and reports to nobody.
class DatasetFetcher : public QObject {
  Q_OBJECT
 public:
  explicit DatasetFetcher(QObject* parent = nullptr);
  ~DatasetFetcher() override;

  bool isRunning() const { return running_; }

 public Q_SLOTS:
  // Ignored while a fetch is under way.
  void fetch(const QStringList& ids, const QString& dataDir);
  void cancel();

 Q_SIGNALS:
  // fraction: of the whole request in [0, 1]; line: the catalog's latest message.
  void progressed(const QString& id, const QString& line, double fraction);
  void fetched(const QString& id);
  void failed(const QString& id, const QString& message);
  void finished(bool cancelled);

 private:
  struct Shared;
  static void run(const std::shared_ptr<Shared>& shared, const QStringList& ids,
                  const QString& dataDir);

  std::shared_ptr<Shared> shared_;
  QFuture<void> future_;
  bool running_ = false;
};

}  // namespace twb
