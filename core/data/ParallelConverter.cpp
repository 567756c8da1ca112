#include "data/ParallelConverter.h"

#include <QDir>
#include <QFileInfo>

#include "common/InputError.h"
#include "data/CldrReader.h"
#include "data/GettextReader.h"
#include "data/UdhrReader.h"

namespace twb {

ParallelCorpus convertParallelSource(const ConversionRecipe& recipe, const QString& packageRoot,
                                     const QString& id, QStringList* notes) {
  const QString path = QDir(packageRoot).filePath(recipe.file);
  if (!QFileInfo(path).isDir())
    throw RunError(QStringLiteral("%1: folder not found in the package (has the package changed?)")
                       .arg(path)
                       .toStdString());
  ParallelCorpus corpus;
  try {
    switch (recipe.format) {
      case ConversionRecipe::Format::UdhrHtml:
        corpus = readUdhr(path, notes);
        break;
      case ConversionRecipe::Format::CldrAnnotations:
        corpus = readCldrNames(path, notes);
        break;
      case ConversionRecipe::Format::GettextMo:
        corpus = readGettextCorpus(path, recipe.domain, notes);
        break;
      default:
        throw RunError(QStringLiteral("%1 is not a parallel corpus").arg(id).toStdString());
    }
  } catch (const InputError& error) {
    // A file of the package is not as the reader expects: the user's input is not at fault.
    throw RunError(QStringLiteral("%1: %2 (has the package changed?)")
                       .arg(error.file(), error.message())
                       .toStdString());
  }
  corpus.id = id;
  if (corpus.size(corpus.pivot) == 0)
    throw RunError(
        QStringLiteral("%1: no English text (has the package changed?)").arg(path).toStdString());
  dropRepeatedTexts(corpus);
  return corpus;
}

}  // namespace twb
