// InputError: a rejected user input, naming the file, line, column or key that is wrong.
#pragma once

#include <QString>
#include <stdexcept>

namespace twb {

// Thrown for bad YAML, bad datasets and bad checkpoints. Nothing has been stored when it is
// thrown: validation runs before the store is touched.
class InputError : public std::runtime_error {
 public:
  InputError(const QString& file, int line, int column, const QString& message);
  explicit InputError(const QString& message) : InputError(QString(), 0, 0, message) {}

  QString file() const { return file_; }
  int line() const { return line_; }  // 1-based; 0 when unknown
  int column() const { return column_; }
  QString message() const { return message_; }

 private:
  QString file_;
  int line_;
  int column_;
  QString message_;
};

// Any other failure of a run (NaN loss, I/O error): exit status 1 rather than 2.
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace twb
