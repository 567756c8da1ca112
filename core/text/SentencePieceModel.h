// SentencePieceModel: one loaded sentencepiece model, used through the plugin's C interface.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace twb {

// A thin owner of a plugin handle: ids and pieces exactly as sentencepiece gives them. The
// plugin is found and loaded on first use (PluginLoader); a missing or outdated plugin is a
// RunError.
class SentencePieceModel {
 public:
  // Throws InputError naming the file when it is missing or not a sentencepiece model.
  static std::unique_ptr<SentencePieceModel> load(const QString& modelPath);
  // Runs sentencepiece's trainer with its flags ("--input=... --model_prefix=..."); throws
  // RunError with sentencepiece's message (about `what`) on failure.
  static void train(const QString& flags, const QString& what);

  ~SentencePieceModel();
  SentencePieceModel(const SentencePieceModel&) = delete;
  SentencePieceModel& operator=(const SentencePieceModel&) = delete;

  std::vector<int> encodeIds(const QString& text) const;
  QStringList encodePieces(const QString& text) const;  // unknown text keeps its surface
  QString decodeIds(const std::vector<int>& ids) const;
  int pieceToId(const QString& piece) const;  // -1 when the piece is not in the model
  QString idToPiece(int id) const;            // empty for an id outside the model
  int size() const;
  int unkId() const;
  QString path() const { return path_; }

 private:
  SentencePieceModel(void* handle, const QString& path) : handle_(handle), path_(path) {}
  void* handle_;
  QString path_;
};

}  // namespace twb
