#include "common/InputError.h"

namespace twb {
namespace {
std::string format(const QString& file, int line, int column, const QString& message) {
  QString where = file;
  if (line > 0) where += QStringLiteral(":%1").arg(line);
  if (line > 0 && column > 0) where += QStringLiteral(":%1").arg(column);
  return (where.isEmpty() ? message : where + QStringLiteral(": ") + message).toStdString();
}
}  // namespace

InputError::InputError(const QString& file, int line, int column, const QString& message)
    : std::runtime_error(format(file, line, column, message)),
      file_(file),
      line_(line),
      column_(column),
      message_(message) {}

}  // namespace twb
