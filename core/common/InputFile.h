// InputFile: reads a user's input file whole, refusing what is not a regular file or too big.
#pragma once

#include <sys/types.h>

#include <QByteArray>
#include <QString>

namespace twb {

constexpr qint64 kMiB = qint64{1} << 20;

// An experiment YAML is a few kilobytes; yaml-cpp keeps about 100 bytes per node besides.
constexpr qint64 kExperimentFileCap = 1 * kMiB;
// A dataset or other text file. Reading keeps the bytes, their UTF-16 copy (twice the size),
// the parsed cells and the examples: a 100 MB TSV peaked at 0.93 GB, about 9 times the file,
// so 512 MiB costs about 4.5 GiB and leaves the rest of a 24 GiB machine to tokenizing and
// training. A text corpus larger than that should be sampled before it is given here.
constexpr qint64 kTextFileCap = 512 * kMiB;
// A JSON file (config.json, tokenizer.json, a `twb models run` batch). The largest tokenizers
// on the Hub are about 35 MB; a QJsonDocument holds several times its text.
constexpr qint64 kJsonFileCap = 128 * kMiB;
// One text given to `twb tokenize`: a book is a few MiB.
constexpr qint64 kSingleTextCap = 64 * kMiB;

// The file's bytes. what names the kind of input in messages ("an experiment", "a dataset").
// The path is checked before it is opened, symbolic links followed: InputError naming the file
// when it is missing, unreadable, not a regular file (a directory, FIFO, device or socket is
// never opened, so reading cannot block), or larger than cap bytes.
QByteArray readInputFile(const QString& path, qint64 cap, const QString& what);

// Standard input up to end of file; InputError when it holds more than cap bytes.
QByteArray readStandardInput(qint64 cap, const QString& what);

// "a directory", "a FIFO (named pipe)", "a character device", ...: what a stat() mode that is
// not a regular file is, for messages.
QString describeFileType(mode_t mode);

// "512 MiB", "1.5 GiB", "300 bytes": a size for messages.
QString describeSize(qint64 bytes);

}  // namespace twb
