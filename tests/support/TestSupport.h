// TestSupport: small helpers the suites share for writing their own fixtures.
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace twb::test {

// Writes bytes to dir/name (creating sub-folders) and returns the absolute path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes);

}  // namespace twb::test
