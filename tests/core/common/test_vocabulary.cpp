// Tests of Vocabulary: every status, stage, arm, setting and family reads back from its name, a
// word of no vocabulary is refused, and an older store's "cancelled" reads as interrupted.
#include <QtTest>

#include "common/Vocabulary.h"

namespace vocab = twb::vocab;

class TestVocabulary : public QObject {
  Q_OBJECT

  // Each value of E reads back from its name, and the names are distinct and all listed.
  template <class E>
  void roundTrips(std::initializer_list<E> values) {
    QStringList seen;
    for (E value : values) {
      const QString name = vocab::name(value);
      QVERIFY2(!name.isEmpty(), "a value without a name");
      QVERIFY2(!seen.contains(name), qPrintable(name));
      seen << name;
      QCOMPARE(vocab::parse<E>(name), std::optional<E>(value));
      QVERIFY(vocab::is(name, value));
    }
    QCOMPARE(vocab::names<E>(), seen);
  }

  template <class E>
  void refuses(const QString& word) {
    QVERIFY2(!vocab::parse<E>(word).has_value(), qPrintable(word));
  }

 private slots:
  void eachValueRoundTripsThroughItsName() {
    using vocab::RunStatus;
    roundTrips({RunStatus::Pending, RunStatus::Running, RunStatus::Finished, RunStatus::Failed,
                RunStatus::Interrupted});
    roundTrips({vocab::Stage::Pretrain, vocab::Stage::Intermediate, vocab::Stage::Target});
    roundTrips({vocab::Arm::Baseline, vocab::Arm::Transfer});
    roundTrips({vocab::Setting::Target, vocab::Setting::ZeroShot});
    roundTrips({vocab::Family::Bert, vocab::Family::Roberta, vocab::Family::Xlnet});
  }

  // What the store and experiment files hold: the names must never change.
  void namesAreTheStoredWords() {
    QCOMPARE(vocab::names<vocab::RunStatus>(),
             QStringList({"pending", "running", "finished", "failed", "interrupted"}));
    QCOMPARE(vocab::names<vocab::Stage>(), QStringList({"pretrain", "intermediate", "target"}));
    QCOMPARE(vocab::names<vocab::Arm>(), QStringList({"baseline", "transfer"}));
    QCOMPARE(vocab::names<vocab::Setting>(), QStringList({"target", "zero-shot"}));
    QCOMPARE(vocab::names<vocab::Family>(), QStringList({"bert", "roberta", "xlnet"}));
  }

  void unknownNamesAreRefused() {
    refuses<vocab::RunStatus>(QStringLiteral("done"));
    refuses<vocab::RunStatus>(QStringLiteral("Finished"));  // names are exact: no case folding
    refuses<vocab::RunStatus>(QString());
    refuses<vocab::Stage>(QStringLiteral("eval"));
    refuses<vocab::Stage>(QStringLiteral("zero-shot"));  // another vocabulary's word
    refuses<vocab::Arm>(QStringLiteral("control"));
    refuses<vocab::Setting>(QStringLiteral("zeroshot"));
    refuses<vocab::Family>(QStringLiteral("xlm-roberta"));  // a Hugging Face model_type
    refuses<vocab::Family>(QStringLiteral(" bert"));
    QVERIFY(!vocab::is(QStringLiteral("transfer "), vocab::Arm::Transfer));
  }

  // Older stores wrote "cancelled" for a stopped run: it reads as interrupted, is never written
  // and is not listed.
  void cancelledReadsAsInterrupted() {
    QCOMPARE(vocab::parse<vocab::RunStatus>(QStringLiteral("cancelled")),
             std::optional<vocab::RunStatus>(vocab::RunStatus::Interrupted));
    QVERIFY(vocab::is(QStringLiteral("cancelled"), vocab::RunStatus::Interrupted));
    QCOMPARE(vocab::name(vocab::RunStatus::Interrupted), QStringLiteral("interrupted"));
    QVERIFY(!vocab::names<vocab::RunStatus>().contains(QStringLiteral("cancelled")));
  }
};

QTEST_GUILESS_MAIN(TestVocabulary)
#include "test_vocabulary.moc"
