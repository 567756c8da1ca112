#include "text/SentencePieceTokenizer.h"

#include <QFileInfo>
#include <QLibrary>
#include <QThread>

#include "common/InputError.h"
#include "text/PluginLoader.h"

namespace twb {
namespace {

constexpr int kAbiVersion = 1;  // TWB_SP_ABI_VERSION of plugins/sentencepiece

// The plugin's entry points, resolved once.
struct Api {
  int (*abi)();
  int (*train)(const char*, char*, int);
  void* (*load)(const char*, char*, int);
  void (*free)(void*);
  int (*vocabSize)(const void*);
  int (*pieceToId)(const void*, const char*);
  int (*idToPiece)(const void*, int, char*, int);
  int (*encode)(const void*, const char*, int*, int);
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
    resolve(lib, "twb_sp_piece_to_id", a.pieceToId);
    resolve(lib, "twb_sp_id_to_piece", a.idToPiece);
    resolve(lib, "twb_sp_encode", a.encode);
    resolve(lib, "twb_sp_decode", a.decode);
    return a;
  }();
  return instance;
}

}  // namespace

QString SentencePieceTokenizer::train(const SentencePieceTraining& o) {
  if (o.inputFile.contains(QLatin1Char(' ')) || o.modelPrefix.contains(QLatin1Char(' ')))
    throw RunError("sentencepiece training paths must not contain spaces: " +
                   o.modelPrefix.toStdString());
  const QString flags =
      QStringLiteral(
          "--input=%1 --model_prefix=%2 --vocab_size=%3 --model_type=%4 --character_coverage=%5 "
          "--pad_id=0 --unk_id=1 --bos_id=-1 --eos_id=-1 --control_symbols=<cls>,<sep>,<mask> "
          "--hard_vocab_limit=false --num_threads=%6 --input_sentence_size=200000 "
          "--shuffle_input_sentence=true --minloglevel=2")
          .arg(o.inputFile, o.modelPrefix)
          .arg(o.vocabSize)
          .arg(o.modelType)
          .arg(o.characterCoverage)
          .arg(qMax(1, QThread::idealThreadCount()));
  char error[1024] = {};
  if (api().train(flags.toUtf8().constData(), error, sizeof error) != 0)
    throw RunError(QStringLiteral("sentencepiece training on %1 failed: %2")
                       .arg(o.inputFile, QString::fromUtf8(error))
                       .toStdString());
  return o.modelPrefix + QStringLiteral(".model");
}

std::unique_ptr<SentencePieceTokenizer> SentencePieceTokenizer::load(const QString& modelPath) {
  if (!QFileInfo::exists(modelPath))
    throw InputError(modelPath, 0, 0, QStringLiteral("no such sentencepiece model"));
  char error[1024] = {};
  void* handle =
      api().load(QFileInfo(modelPath).absoluteFilePath().toUtf8().constData(), error, sizeof error);
  if (!handle)
    throw InputError(modelPath, 0, 0,
                     QStringLiteral("not a sentencepiece model: ") + QString::fromUtf8(error));
  return std::unique_ptr<SentencePieceTokenizer>(new SentencePieceTokenizer(handle, modelPath));
}

SentencePieceTokenizer::SentencePieceTokenizer(void* handle, const QString& path)
    : handle_(handle), path_(path) {
  auto id = [this](const char* piece) { return api().pieceToId(handle_, piece); };
  specials_.pad = id("<pad>");
  specials_.unk = id("<unk>");
  specials_.cls = id("<cls>");
  specials_.sep = id("<sep>");
  specials_.mask = id("<mask>");
}

SentencePieceTokenizer::~SentencePieceTokenizer() { api().free(handle_); }

std::vector<int> SentencePieceTokenizer::encode(const QString& text) const {
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

QString SentencePieceTokenizer::decode(const std::vector<int>& ids) const {
  QByteArray out(static_cast<int>(ids.size()) * 8 + 16, '\0');
  int n = api().decode(handle_, ids.data(), static_cast<int>(ids.size()), out.data(),
                       static_cast<int>(out.size()));
  if (n >= out.size()) {
    out.resize(n + 1);
    n = api().decode(handle_, ids.data(), static_cast<int>(ids.size()), out.data(), n + 1);
  }
  return QString::fromUtf8(out.constData(), qMax(n, 0));
}

QString SentencePieceTokenizer::piece(int id) const {
  char buffer[256] = {};
  const int n = api().idToPiece(handle_, id, buffer, sizeof buffer);
  return n < 0 ? QString() : QString::fromUtf8(buffer);
}

int SentencePieceTokenizer::vocabSize() const { return api().vocabSize(handle_); }
SpecialIds SentencePieceTokenizer::specials() const { return specials_; }

}  // namespace twb
