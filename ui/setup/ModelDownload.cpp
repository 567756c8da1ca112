#include "setup/ModelDownload.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/InputError.h"
#include "hub/HubFetch.h"
#include "setup/HubModelFetcher.h"
#include "setup/SetupValues.h"

namespace twb {
namespace {

constexpr int kProgressSteps = 1000;

QString megabytes(qint64 bytes) { return QLocale().toString(double(bytes) / 1e6, 'f', 0); }

}  // namespace

ModelDownload::ModelDownload(QWidget* parent)
    : QWidget(parent), fetcher_(new HubModelFetcher(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("modelStatus"));
  status_->setWordWrap(true);
  layout->addWidget(status_);

  auto* row = new QHBoxLayout;
  download_ = new QPushButton(tr("Download"), this);
  download_->setObjectName(QStringLiteral("downloadModel"));
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setObjectName(QStringLiteral("cancelDownload"));
  cancel_->hide();
  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("downloadProgress"));
  progress_->setRange(0, kProgressSteps);
  progress_->hide();
  row->addWidget(download_);
  row->addWidget(cancel_);
  row->addWidget(progress_, 1);
  row->addStretch();
  layout->addLayout(row);

  connect(download_, &QPushButton::clicked, this, &ModelDownload::download);
  connect(cancel_, &QPushButton::clicked, this, &ModelDownload::cancel);
  connect(fetcher_, &HubModelFetcher::progressed, this, &ModelDownload::onProgress);
  connect(fetcher_, &HubModelFetcher::fetched, this, [this] {
    onEnded(QString());
    Q_EMIT cacheChanged();
  });
  connect(fetcher_, &HubModelFetcher::failed, this,
          [this](const QString& message) { onEnded(tr("Download failed: %1").arg(message)); });
  connect(fetcher_, &HubModelFetcher::cancelled, this, [this] {
    onEnded(tr("Download cancelled. What came stays in the cache: Download resumes it."));
  });
  hide();
}

ModelDownload::~ModelDownload() = default;

void ModelDownload::setModel(const QString& repo, const QString& revision, qint64 downloadBytes) {
  repo_ = repo;
  revision_ = revision.isEmpty() ? QStringLiteral("main") : revision;
  downloadBytes_ = downloadBytes;
  setVisible(!repo_.isEmpty());
  refresh();
}

bool ModelDownload::showsFetch() const {
  return fetcher_->isRunning() && fetcher_->repo() == repo_ && fetcher_->revision() == revision_;
}

void ModelDownload::refresh() {
  cached_.clear();
  if (repo_.isEmpty()) return;
  const bool fetching = showsFetch();
  cancel_->setVisible(fetching);
  progress_->setVisible(fetching);
  download_->setVisible(!fetching);
  if (fetching) return;  // the status line follows the download's progress

  const HubSettings settings = HubSettings::fromEnvironment();
  try {
    cached_ = cachedSnapshot(repo_, revision_, settings);
  } catch (const InputError& error) {
    status_->setText(error.message());
    download_->setEnabled(false);
    return;
  }
  if (!cached_.isEmpty()) {
    status_->setText(tr("Downloaded: in the cache, ready to use."));
    status_->setToolTip(QDir::toNativeSeparators(cached_));
    download_->hide();
    return;
  }
  status_->setToolTip(
      tr("Hugging Face cache: %1").arg(QDir::toNativeSeparators(settings.cacheDir)));
  const QString size = downloadBytes_ > 0 ? tr("about %1").arg(formatByteSize(downloadBytes_))
                                          : tr("its size shows when it starts");
  if (settings.offline) {
    status_->setText(
        tr("Not downloaded (%1), and HF_HUB_OFFLINE is set: neither Download nor Start can "
           "fetch it.")
            .arg(size));
    download_->setEnabled(false);
    return;
  }
  status_->setText(
      tr("Not downloaded yet (%1). Start fetches it too; Download gets it now.").arg(size));
  download_->setEnabled(!fetcher_->isRunning());
  download_->setToolTip(fetcher_->isRunning()
                            ? tr("Another download is under way: %1").arg(fetcher_->repo())
                            : tr("Fetch %1 into the Hugging Face cache").arg(repo_));
}

void ModelDownload::download() {
  if (repo_.isEmpty() || fetcher_->isRunning()) return;
  fetcher_->fetch(repo_, revision_);
  progress_->setValue(0);
  progress_->setFormat(tr("starting…"));
  cancel_->setEnabled(true);
  refresh();
  status_->setText(tr("Asking the Hub for the files of %1…").arg(repo_));
}

void ModelDownload::cancel() {
  fetcher_->cancel();
  cancel_->setEnabled(false);
  status_->setText(tr("Cancelling…"));
}

void ModelDownload::onProgress(const QString& file, int fileIndex, int fileCount, qint64 done,
                               qint64 total) {
  if (!showsFetch()) return;
  progress_->setValue(
      total > 0 ? int(qBound(qint64(0), done * kProgressSteps / total, qint64(kProgressSteps)))
                : 0);
  progress_->setFormat(total > 0 ? tr("%1 of %2 MB").arg(megabytes(done), megabytes(total))
                                 : tr("%1 MB").arg(megabytes(done)));
  if (cancel_->isEnabled())
    status_->setText(
        tr("Downloading %1 (file %2 of %3)…").arg(file).arg(fileIndex + 1).arg(fileCount));
}

// A download ended: message says how when it did not bring the model (shown only when the
// model that was downloading is the one shown).
void ModelDownload::onEnded(const QString& message) {
  const bool shown = fetcher_->repo() == repo_ && fetcher_->revision() == revision_;
  cancel_->setEnabled(true);
  refresh();
  if (shown && !message.isEmpty()) status_->setText(message);
}

}  // namespace twb
