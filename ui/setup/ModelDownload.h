// ModelDownload: whether a Hub model is in the Hugging Face cache, and a Download button with
// progress and Cancel that fetches it ahead of a run.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace twb {

class HubModelFetcher;

// A word-wrapped status line over a row of Download, Cancel and a progress bar (MB done of the
// total). Errors go to the status line, in words. One download runs at a time; it goes on when
// another model is chosen, and its end is reported when that model is shown again.
class ModelDownload : public QWidget {
  Q_OBJECT
 public:
  explicit ModelDownload(QWidget* parent = nullptr);
  ~ModelDownload() override;

  // The model to show: repo at revision, about downloadBytes to fetch (0: not known). An empty
  // repo shows nothing (the widget hides itself).
  void setModel(const QString& repo, const QString& revision, qint64 downloadBytes);
  // The snapshot folder when the model shown is in the cache; empty otherwise.
  QString cachedFolder() const { return cached_; }

 public Q_SLOTS:
  void refresh();  // looks at the cache again
  void download();
  void cancel();

 Q_SIGNALS:
  void cacheChanged();  // a download ended with a model in the cache

 private:
  bool showsFetch() const;  // the download under way is that of the model shown
  void onProgress(const QString& file, int fileIndex, int fileCount, qint64 done, qint64 total);
  void onEnded(const QString& message);

  QString repo_;
  QString revision_;
  qint64 downloadBytes_ = 0;
  QString cached_;
  QLabel* status_ = nullptr;
  QPushButton* download_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  HubModelFetcher* fetcher_ = nullptr;
};

}  // namespace twb
