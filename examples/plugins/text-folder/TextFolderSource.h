// TextFolderSource: a dataset as a folder of .txt files, one subfolder per label.
#pragma once

#include <twb/sdk/DataSource.h>

#include <QObject>

class TextFolderSource : public QObject, public twb::sdk::DataSource {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID TwbDataSource_iid)
  Q_INTERFACES(twb::sdk::DataSource)

 public:
  QString name() const override;
  QString description() const override;
  bool read(const QString& path, twb::sdk::Table* table, QString* error) const override;
};
