#include "text/SentencePieceModel.h"

#include <QFileInfo>
#include <QLibrary>

#include "common/InputError.h"
#include "text/PluginLoader.h"

namespace twb {
namespace {

constexpr int kAbiVersion = 2;  // TWB_SP_ABI_VERSION of plugins/sentencepiece

// The plugin's entry points, resolved once.
struct Api {
  int (*abi)();
  int (*train)(const char*, char*, int);
  void* (*load)(const char*, char*, int);
  void (*free)(void*);
  int (*vocabSize)(const void*);
  int (*unkId)(const void*);
  int (*pieceToId)(const void*, const char*);
  int (*idToPiece)(const void*, int, char*, int);
  int (*encode)(const void*, const char*, int*, int);
  int (*encodePieces)(const void*, const char*, char*, int);
  int (*decode)(const void*, const int*, int, char*, int);
};

template <typename F>
void resolve(QLibrary& lib, const char* symbol, F& fn) {
  fn = reinterpret_cast<F>(lib.resolve(symbol));
  if (!fn)
    throw RunError(QStringLiteral("plugin %1 has no %2").arg(lib.fileName(), symbol).toStdString());
}

const Api& api() {
  static const Api instance = [] {
    QLibrary& lib = loadPlugin(QStringLiteral("twb_sentencepiece"));
    Api a{};
    resolve(lib, "twb_sp_abi_version", a.abi);
    if (a.abi() != kAbiVersion)
      throw RunError(QStringLiteral("plugin %1 has interface version %2, expected %3")
                         .arg(lib.fileName())
                         .arg(a.abi())
                         .arg(kAbiVersion)
                         .toStdString());
    resolve(lib, "twb_sp_train", a.train);
    resolve(lib, "twb_sp_load", a.load);
    resolve(lib, "twb_sp_free", a.free);
    resolve(lib, "twb_sp_vocab_size", a.vocabSize);
    resolve(lib, "twb_sp_unk_id", a.unkId);
    resolve(lib, "twb_sp_piece_to_id", a.pieceToId);
    resolve(lib, "twb_sp_id_to_piece", a.idToPiece);
    resolve(lib, "twb_sp_encode", a.encode);
    resolve(lib, "twb_sp_encode_pieces", a.encodePieces);
    resolve(lib, "twb_sp_decode", a.decode);
    return a;
  }();
  return instance;
}

}  // namespace

std::unique_ptr<SentencePieceModel> SentencePieceModel::load(const QString& modelPath) {
  if (!QFileInfo(modelPath).isFile())
    throw InputError(modelPath, 0, 0, QStringLiteral("no such sentencepiece model"));
  char error[1024] = {};
  void* handle =
      api().load(QFileInfo(modelPath).absoluteFilePath().toUtf8().constData(), error, sizeof error);
  if (!handle)
    throw InputError(modelPath, 0, 0,
                     QStringLiteral("not a sentencepiece model: ") + QString::fromUtf8(error));
  return std::unique_ptr<SentencePieceModel>(new SentencePieceModel(handle, modelPath));
}

void SentencePieceModel::train(const QString& flags, const QString& what) {
  char error[1024] = {};
  if (api().train(flags.toUtf8().constData(), error, sizeof error) != 0)
    throw RunError(QStringLiteral("sentencepiece training on %1 failed: %2")
                       .arg(what, QString::fromUtf8(error))
                       .toStdString());
}

SentencePieceModel::~SentencePieceModel() { api().free(handle_); }

std::vector<int> SentencePieceModel::encodeIds(const QString& text) const {
  const QByteArray utf8 = text.toUtf8();
  std::vector<int> ids(utf8.size() + 8);
  int n = api().encode(handle_, utf8.constData(), ids.data(), static_cast<int>(ids.size()));
  if (n > static_cast<int>(ids.size())) {
    ids.resize(n);
    n = api().encode(handle_, utf8.constData(), ids.data(), n);
  }
  ids.resize(qMax(n, 0));
  return ids;
}

QStringList SentencePieceModel::encodePieces(const QString& text) const {
  const QByteArray utf8 = text.toUtf8();
  QByteArray out(utf8.size() * 2 + 64, '\0');
  int n = api().encodePieces(handle_, utf8.constData(), out.data(), static_cast<int>(out.size()));
  if (n > out.size()) {
    out.resize(n);
    n = api().encodePieces(handle_, utf8.constData(), out.data(), n);
  }
  QStringList pieces;
  for (const QByteArray& p : out.left(qMax(n, 0)).split('\0')) pieces << QString::fromUtf8(p);
  pieces.removeLast();  // every piece ends with a NUL, so the split leaves one empty tail
  return pieces;
}

QString SentencePieceModel::decodeIds(const std::vector<int>& ids) const {
  QByteArray out(static_cast<int>(ids.size()) * 8 + 16, '\0');
  int n = api().decode(handle_, ids.data(), static_cast<int>(ids.size()), out.data(),
                       static_cast<int>(out.size()));
  if (n >= out.size()) {
    out.resize(n + 1);
    n = api().decode(handle_, ids.data(), static_cast<int>(ids.size()), out.data(), n + 1);
  }
  return QString::fromUtf8(out.constData(), qMax(n, 0));
}

int SentencePieceModel::pieceToId(const QString& piece) const {
  return api().pieceToId(handle_, piece.toUtf8().constData());
}

QString SentencePieceModel::idToPiece(int id) const {
  QByteArray buffer(256, '\0');
  int n = api().idToPiece(handle_, id, buffer.data(), static_cast<int>(buffer.size()));
  if (n >= buffer.size()) {
    buffer.resize(n + 1);
    n = api().idToPiece(handle_, id, buffer.data(), n + 1);
  }
  return n < 0 ? QString() : QString::fromUtf8(buffer.constData(), n);
}

int SentencePieceModel::size() const { return api().vocabSize(handle_); }
int SentencePieceModel::unkId() const { return api().unkId(handle_); }

}  // namespace twb
