// Safetensors reader and writer: bit-exact round trips, hand-made files, malformed files.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <cstring>

#include "common/InputError.h"
#include "common/TorchApi.h"
#include "models/Safetensors.h"
#include "models/TaskModel.h"
#include "support/TestSupport.h"

using twb::InputError;
using twb::StateDict;

namespace {

bool sameBits(const torch::Tensor& a, const torch::Tensor& b) {
  return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() && a.nbytes() == b.nbytes() &&
         (a.nbytes() == 0 || std::memcmp(a.data_ptr(), b.data_ptr(), a.nbytes()) == 0);
}

// A file laid out by hand: 8-byte little-endian header length, JSON header, data.
QByteArray safetensorsBytes(const QByteArray& json, const QByteArray& data) {
  char length[8];
  qToLittleEndian<quint64>(static_cast<quint64>(json.size()), length);
  return QByteArray(length, 8) + json + data;
}

// Runs load on path and returns the InputError's text, or an empty string if nothing threw.
QString loadError(const QString& path) {
  try {
    twb::loadSafetensors(path);
  } catch (const InputError& error) {
    return QString::fromUtf8(error.what());
  }
  return QString();
}

}  // namespace

class SafetensorsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void roundTripsDtypesBitExactly() {
    QTemporaryDir dir;
    torch::manual_seed(3);
    torch::Tensor f32 = torch::randn({3, 4});
    f32[0][0] = std::numeric_limits<float>::quiet_NaN();
    f32[0][1] = -0.0f;
    f32[0][2] = std::numeric_limits<float>::infinity();
    f32[0][3] = std::numeric_limits<float>::denorm_min();
    StateDict tensors{
        {"encoder.weight", f32},
        {"big", torch::randn({250001})},  // pushes later offsets past 1e6
        {"ids", torch::tensor({std::int64_t(-1), std::int64_t(1) << 40, std::int64_t(7)})},
        {"i32", torch::tensor({-5, 6}, torch::kInt)},
        {"half", torch::randn({2, 3}).to(torch::kHalf)},
        {"bf16", torch::randn({5}).to(torch::kBFloat16)},
        {"f64", torch::randn({2}, torch::kDouble)},
        {"u8", torch::tensor({0, 200, 255}, torch::kByte)},
        {"flags", torch::tensor({true, false})},
        {"scalar", torch::tensor(2.5f)},
        {"empty", torch::zeros({0, 3})},
        {"transposed", torch::arange(6).view({2, 3}).t()},  // not contiguous
    };
    const twb::SafetensorsMetadata metadata{{"format", "pt"}, {"note", "grüße, \"quoted\""}};
    const QString path = dir.filePath("model.safetensors");
    twb::saveSafetensors(path, tensors, metadata);

    twb::SafetensorsMetadata readMetadata;
    const StateDict loaded = twb::loadSafetensors(path, &readMetadata);
    QCOMPARE(readMetadata.take("twb_data_sha256").size(), 64);  // the data's digest, added
    QCOMPARE(readMetadata, metadata);
    QCOMPARE(loaded.size(), tensors.size());
    for (const auto& [name, tensor] : tensors) {
      QVERIFY2(loaded.count(name) == 1, name.c_str());
      QVERIFY2(sameBits(loaded.at(name), tensor.contiguous()), name.c_str());
    }
    // Only the file itself is left behind: the temporary file was renamed into place.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"model.safetensors"});
  }

  void writesTheReferenceLayout() {
    QTemporaryDir dir;
    const QString path = dir.filePath("w.safetensors");
    twb::saveSafetensors(path, {{"a", torch::zeros({300000})}, {"b", torch::ones({2})}});
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const quint64 length = qFromLittleEndian<quint64>(bytes.constData());
    QCOMPARE(length % 8, quint64(0));
    QCOMPARE(quint64(bytes.size()), 8 + length + 300002 * 4);
    const QByteArray json = bytes.mid(8, int(length)).trimmed();
    // Offsets are written as integers, not as 1.2e+06.
    QVERIFY2(json.contains("[1200000,1200008]"), json.constData());
    QVERIFY(json.contains("\"dtype\":\"F32\""));
    QVERIFY(json.contains("\"shape\":[300000]"));
    const auto header = twb::readSafetensorsHeader(path);
    QCOMPARE(int(header.entries.size()), 2);
    QCOMPARE(header.entries[1].name, std::string("b"));
    QCOMPARE(header.entries[1].begin, std::int64_t(1200000));
  }

  // A checkpoint damaged after it was written (its header intact) was loaded as if whole: a
  // resume then trained on zeros. The data's SHA-256 in the header now finds it.
  void refusesDataDamagedAfterWriting() {
    QTemporaryDir dir;
    const QString path = dir.filePath("c.safetensors");
    twb::saveSafetensors(path, {{"w", torch::ones({1000})}});
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(file.size() - 400));
    file.write(QByteArray(400, '\0'));
    file.close();
    try {
      twb::loadSafetensors(path);
      QFAIL("damaged tensor data was loaded");
    } catch (const twb::InputError& e) {
      QVERIFY2(QString(e.what()).contains("damaged"), e.what());
    }
  }

  void readsAHandMadeFile() {
    QTemporaryDir dir;
    // F16 1.0 = 0x3C00, -2.0 = 0xC000; BF16 1.0 = 0x3F80; I32 -2; I64 3.
    const QByteArray json = R"({"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},)"
                            R"("b":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]},)"
                            R"("i":{"dtype":"I32","shape":[1,1],"data_offsets":[6,10]},)"
                            R"("l":{"dtype":"I64","shape":[],"data_offsets":[10,18]},)"
                            R"("__metadata__":{"format":"pt"}}    )";
    const QByteArray data = QByteArray::fromHex("003c00c0803ffeffffff0300000000000000");
    const QString path =
        twb::test::writeFile(dir, "hand.safetensors", safetensorsBytes(json, data));
    twb::SafetensorsMetadata metadata;
    const StateDict loaded = twb::loadSafetensors(path, &metadata);
    QCOMPARE(metadata.value("format"), QString("pt"));
    QVERIFY(torch::equal(loaded.at("h"), torch::tensor({1.0f, -2.0f}).to(torch::kHalf)));
    QVERIFY(torch::equal(loaded.at("b"), torch::tensor({1.0f}).to(torch::kBFloat16)));
    QVERIFY(torch::equal(loaded.at("i"), torch::tensor({-2}, torch::kInt).view({1, 1})));
    QCOMPARE(loaded.at("l").dim(), std::int64_t(0));
    QCOMPARE(loaded.at("l").item<std::int64_t>(), std::int64_t(3));
  }

  void rejectsTruncatedFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath("cut.safetensors");
    twb::saveSafetensors(path, {{"w", torch::randn({64})}});
    QFile file(path);
    QVERIFY(file.resize(file.size() - 10));
    const QString error = loadError(path);
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains("\"w\"") && error.contains("out of range"), qPrintable(error));
  }

  void rejectsMalformedFiles_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("complaint");
    QTest::newRow("too short") << QByteArray("abc") << "shorter than the 8-byte header length";
    QTest::newRow("garbage") << QByteArray("this is not a safetensors file at all")
                             << "bad header length";
    QTest::newRow("header past end")
        << safetensorsBytes("{}", "").replace(0, 1, "\x40") << "bad header length";
    QTest::newRow("not json") << safetensorsBytes("{\"a\": [1, 2", "") << "not valid JSON";
    QTest::newRow("unknown dtype")
        << safetensorsBytes(R"({"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}})", "x")
        << "unknown dtype \"Q4\"";
    QTest::newRow("offsets out of range")
        << safetensorsBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", "1234")
        << "out of range";
    QTest::newRow("size does not fit shape")
        << safetensorsBytes(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", "12345678")
        << "does not fit its shape";
    QTest::newRow("overlap") << safetensorsBytes(
                                    R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                    R"("b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}})",
                                    "123456")
                             << "overlap";
    QTest::newRow("negative shape")
        << safetensorsBytes(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", "1234")
        << "shape";
    QTest::newRow("metadata not strings")
        << safetensorsBytes(R"({"__metadata__":{"n":1}})", "") << "__metadata__";
  }

  void rejectsMalformedFiles() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, complaint);
    QTemporaryDir dir;
    const QString path = twb::test::writeFile(dir, "bad.safetensors", bytes);
    const QString error = loadError(path);
    QVERIFY2(!error.isEmpty(), "no InputError thrown");
    QVERIFY2(error.startsWith(path), qPrintable(error));
    QVERIFY2(error.contains(complaint), qPrintable(error));
  }

  void rejectsMissingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath("absent.safetensors");
    QVERIFY(loadError(path).contains(path));
  }

  void savesAndRestoresAModel() {
    QTemporaryDir dir;
    twb::ModelSpec spec;
    spec.arch = "bert";
    spec.layers = 1;
    spec.hidden = 16;
    spec.heads = 2;
    spec.ff = 32;
    const auto config = twb::EncoderConfig::fromSpec(spec, 30, 0);
    torch::manual_seed(1);
    twb::TaskModel original(config, twb::HeadKind::Classification, 3);
    torch::manual_seed(2);
    twb::TaskModel restored(config, twb::HeadKind::Classification, 3);
    original->eval();
    restored->eval();
    const QString path = dir.filePath("model.safetensors");
    twb::saveSafetensors(path, original->state(), {{"arch", "bert"}});
    restored->loadState(twb::loadSafetensors(path));

    const torch::Tensor ids = torch::randint(1, 30, {2, 5});
    const torch::Tensor mask = torch::ones({2, 5}, torch::kLong);
    const torch::Tensor types = torch::zeros({2, 5}, torch::kLong);
    QVERIFY(torch::equal(original(ids, mask, types), restored(ids, mask, types)));
  }
};

QTEST_GUILESS_MAIN(SafetensorsTest)
#include "test_safetensors.moc"
