// Tests of the Hub's settings, names and file choice, without a network: environment variables
// read as the Hugging Face tools read them, repository ids checked, cache link targets, and
// which files make a checkpoint (pickled weights refused with how to convert them).
#include <QtTest>

#include "common/InputError.h"
#include "hub/HubCache.h"
#include "hub/HubFileFetch.h"
#include "hub/HubNames.h"
#include "hub/HubRepoFiles.h"
#include "hub/HubSettings.h"
#include "support/TestSupport.h"

namespace {

QProcessEnvironment environment(const QList<QPair<QString, QString>>& variables) {
  QProcessEnvironment env;
  env.insert(QStringLiteral("HOME"), QStringLiteral("/home/ada"));
  for (const auto& [name, value] : variables) env.insert(name, value);
  return env;
}

QString inputErrorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const twb::InputError& error) {
    return error.message();
  }
  return QString();
}

}  // namespace

class TestHubNames : public QObject {
  Q_OBJECT

 private slots:
  void defaultsFollowTheHuggingFaceTools() {
    const twb::HubSettings s = twb::HubSettings::fromEnvironment(environment({}));
    QCOMPARE(s.endpoint, QStringLiteral("https://huggingface.co"));
    QCOMPARE(s.cacheDir, QStringLiteral("/home/ada/.cache/huggingface/hub"));
    QCOMPARE(s.tokenFile, QStringLiteral("/home/ada/.cache/huggingface/token"));
    QVERIFY(s.token.isEmpty());
    QVERIFY(!s.offline);
  }

  void cacheFolderPrecedence() {
    using twb::HubSettings;
    QCOMPARE(HubSettings::fromEnvironment(environment({{"XDG_CACHE_HOME", "/x"}})).cacheDir,
             QStringLiteral("/x/huggingface/hub"));
    QCOMPARE(
        HubSettings::fromEnvironment(environment({{"XDG_CACHE_HOME", "/x"}, {"HF_HOME", "~/hf"}}))
            .cacheDir,
        QStringLiteral("/home/ada/hf/hub"));
    QCOMPARE(HubSettings::fromEnvironment(environment({{"HF_HOME", "/h"}, {"HF_HUB_CACHE", "/c"}}))
                 .cacheDir,
             QStringLiteral("/c"));
  }

  void endpointTokenAndOfflineFromTheEnvironment() {
    QTemporaryDir home;
    twb::test::writeFile(home, QStringLiteral("token"), "hf_fromfile\n");
    twb::HubSettings s =
        twb::HubSettings::fromEnvironment(environment({{"HF_HOME", home.path()},
                                                       {"HF_ENDPOINT", "http://mirror.test/hf/"},
                                                       {"HF_HUB_OFFLINE", "1"}}));
    QCOMPARE(s.endpoint, QStringLiteral("http://mirror.test/hf"));
    QCOMPARE(s.token, QStringLiteral("hf_fromfile"));
    QVERIFY(s.offline);
    s = twb::HubSettings::fromEnvironment(environment(
        {{"HF_HOME", home.path()}, {"HF_TOKEN", "hf_fromenv"}, {"HF_HUB_OFFLINE", "0"}}));
    QCOMPARE(s.token, QStringLiteral("hf_fromenv"));
    QVERIFY(!s.offline);
  }

  void repoIdsAreChecked() {
    for (const char* good : {"bert-base-uncased", "FacebookAI/xlm-roberta-base", "a/b.c_d-e"})
      QVERIFY2(inputErrorOf([&] { twb::checkRepoId(QString::fromLatin1(good)); }).isEmpty(), good);
    for (const char* bad :
         {"", "a/b/c", "../etc", "a b", "org/na--me", "-x", "org/", "x.", "a\\b", "org/name?x"}) {
      const QString message = inputErrorOf([&] { twb::checkRepoId(QString::fromLatin1(bad)); });
      QVERIFY2(message.contains(QLatin1Char('\'') + QString::fromLatin1(bad) + QLatin1Char('\'')),
               bad);
    }
    QVERIFY(!inputErrorOf([] { twb::checkRevision(QStringLiteral("refs/../x")); }).isEmpty());
    QVERIFY(inputErrorOf([] { twb::checkRevision(QStringLiteral("refs/pr/1")); }).isEmpty());
    QCOMPARE(twb::repoFolderName(QStringLiteral("org/name")), QStringLiteral("models--org--name"));
  }

  void revisionsAreOneUrlSegment() {
    const QUrl url = twb::hubUrl(QStringLiteral("https://hub.test"),
                                 {QStringLiteral("api"), QStringLiteral("refs/pr/1")});
    QCOMPARE(url.toEncoded(), QByteArray("https://hub.test/api/refs%2Fpr%2F1"));
    QVERIFY(!inputErrorOf([] { twb::hubUrl(QStringLiteral("ftp://x"), {}); }).isEmpty());
  }

  void snapshotLinksAreRelative() {
    QCOMPARE(twb::relativeBlobTarget(QStringLiteral("config.json"), QStringLiteral("e1")),
             QStringLiteral("../../blobs/e1"));
    QCOMPARE(twb::relativeBlobTarget(QStringLiteral("a/b/c.txt"), QStringLiteral("e1")),
             QStringLiteral("../../../../blobs/e1"));
    QCOMPARE(twb::normalizeEtag("W/\"abc\""), QStringLiteral("abc"));
    QCOMPARE(twb::normalizeEtag("\"abc\""), QStringLiteral("abc"));
  }

  void checkpointFilesAreChosen() {
    const twb::HubRepoFiles chosen = twb::chooseCheckpointFiles(
        {"README.md", "config.json", "model.safetensors", "pytorch_model.bin", "vocab.txt",
         "tokenizer.json", "merges.txt", "tf_model.h5"},
        QStringLiteral("org/m"));
    QCOMPARE(chosen.files, QStringList({"config.json", "tokenizer.json", "vocab.txt", "merges.txt",
                                        "model.safetensors"}));
    const twb::HubRepoFiles sharded = twb::chooseCheckpointFiles(
        {"config.json", "model.safetensors.index.json", "spiece.model"}, QStringLiteral("org/m"));
    QCOMPARE(sharded.shardIndex, QStringLiteral("model.safetensors.index.json"));
    QVERIFY(!inputErrorOf([] {
               twb::chooseCheckpointFiles({"model.safetensors"}, "org/m");
             }).isEmpty());
  }

  void pickledOrForeignWeightsAreRefused() {
    const QString pickle = inputErrorOf([] {
      twb::chooseCheckpointFiles({"config.json", "pytorch_model.bin", "vocab.txt"}, "org/old");
    });
    QVERIFY2(pickle.contains(QLatin1String("pytorch_model.bin")) &&
                 pickle.contains(QLatin1String("pickle")) &&
                 pickle.contains(QLatin1String("safe_serialization=True")) &&
                 pickle.contains(QLatin1String("org/old")),
             qPrintable(pickle));
    const QString tf = inputErrorOf([] {
      twb::chooseCheckpointFiles({"config.json", "tf_model.h5"}, "org/tf");
    });
    QVERIFY2(tf.contains(QLatin1String("from_tf=True")), qPrintable(tf));
  }

  void shardIndexesNameSafeFiles() {
    const QStringList shards = twb::shardFiles(
        R"({"weight_map":{"a":"m-2.safetensors","b":"m-1.safetensors","c":"m-1.safetensors"}})",
        QStringLiteral("index"));
    QCOMPARE(shards, QStringList({"m-1.safetensors", "m-2.safetensors"}));
    QVERIFY_THROWS_EXCEPTION(twb::RunError,
                             twb::shardFiles(R"({"weight_map":{"a":"../../x"}})", "index"));
  }
};

QTEST_GUILESS_MAIN(TestHubNames)
#include "test_hub_names.moc"
