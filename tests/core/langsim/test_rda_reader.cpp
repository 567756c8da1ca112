// Tests of the .rda reader on files the test assembles byte by byte: a gzip-compressed XDR
// data frame with a factor, a numeric and a character column (symbol references included),
// an xz-compressed copy (the compression wals.rda uses), RDX3 headers, WALS-style frames, and
// damaged or unsupported files.
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <cmath>
#include <cstring>

#include "common/InputError.h"
#include "langsim/Decompress.h"
#include "langsim/RdaReader.h"
#include "langsim/WalsData.h"
#include "support/TestSupport.h"

namespace {

// R's SEXP flags: type | object bit | attribute bit | tag bit | (levels << 12).
constexpr int kObject = 1 << 8;
constexpr int kAttr = 1 << 9;
constexpr int kTag = 1 << 10;
constexpr int kAsciiLevels = 64 << 12;
constexpr int kNil = 254;

// Builds an XDR stream the way R's serialize() lays it out, symbols by reference once seen.
class Xdr {
 public:
  QByteArray bytes;

  void integer(qint32 value) {
    char buffer[4];
    qToBigEndian(value, buffer);
    bytes.append(buffer, 4);
  }
  void real(double value) {
    quint64 bits;
    std::memcpy(&bits, &value, 8);
    char buffer[8];
    qToBigEndian(bits, buffer);
    bytes.append(buffer, 8);
  }
  void charsxp(const QByteArray& text) {
    integer(9 | kAsciiLevels);
    integer(static_cast<qint32>(text.size()));
    bytes += text;
  }
  void naString() {
    integer(9);
    integer(-1);
  }
  void symbol(const QByteArray& name) {
    const qsizetype seen = symbols_.indexOf(name);
    if (seen >= 0) {
      integer(static_cast<qint32>(((seen + 1) << 8) | 255));  // REFSXP to the earlier symbol
      return;
    }
    symbols_ << name;
    integer(1);
    charsxp(name);
  }
  void strings(const QList<QByteArray>& values, int flags = 0) {
    integer(16 | flags);
    integer(static_cast<qint32>(values.size()));
    for (const QByteArray& value : values) value.isNull() ? naString() : charsxp(value);
  }
  // One tagged cell of a pairlist; the caller writes its value next, then the following cell.
  void cell(const QByteArray& tag) {
    integer(2 | kTag);
    symbol(tag);
  }
  void nil() { integer(kNil); }

  void header(int version) {
    bytes += version == 3 ? "RDX3\nX\n" : "RDX2\nX\n";
    integer(version);
    integer(0x040203);  // written by R 4.2.3
    integer(version == 3 ? 0x030500 : 0x020300);
    if (version == 3) {
      integer(5);
      bytes += "UTF-8";
    }
  }

 private:
  QList<QByteArray> symbols_;
};

const double kNaReal = [] {
  const quint64 bits = 0x7ff00000000007a2ULL;  // R's NA_real_
  double value;
  std::memcpy(&value, &bits, 8);
  return value;
}();

// save(df, file=) of a WALS-like frame: rows eng, ger, jpn; columns X81A (factor with an NA),
// latitude (double with an NA) and name (character).
QByteArray walsLikeRda(int version) {
  Xdr x;
  x.header(version);
  x.cell("df");
  x.integer(19 | kObject | kAttr);  // the data frame: a list of three columns
  x.integer(3);
  x.integer(13 | kObject | kAttr);  // factor
  x.integer(3);
  x.integer(2);
  x.integer(1);
  x.integer(INT_MIN);  // NA
  x.cell("levels");
  x.strings({"1 SOV", "2 SVO"});
  x.cell("class");
  x.strings({"factor"});
  x.nil();
  x.integer(14);  // latitude
  x.integer(3);
  x.real(52.0);
  x.real(52.5);
  x.real(kNaReal);
  x.strings({"English", "German", "Japanese"});
  x.cell("names");
  x.strings({"X81A.Order.of.Subject..Object.and.Verb", "latitude", "name"});
  x.cell("class");  // second time: a reference
  x.strings({"data.frame"});
  x.cell("row.names");
  x.strings({"eng", "ger", "jpn"});
  x.nil();
  x.nil();  // end of the top-level pairlist
  return x.bytes;
}

quint32 crc32(const QByteArray& data) {
  quint32 crc = 0xffffffffu;
  for (char byte : data) {
    crc ^= static_cast<quint8>(byte);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A gzip member around qCompress's deflate data (its zlib header and checksum removed).
QByteArray gzip(const QByteArray& data) {
  const QByteArray zlib = qCompress(data, 9).mid(4);  // drop Qt's length prefix
  QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  out += zlib.mid(2, zlib.size() - 6);
  char trailer[8];
  qToLittleEndian(crc32(data), trailer);
  qToLittleEndian(static_cast<quint32>(data.size()), trailer + 4);
  out.append(trailer, 8);
  return out;
}

void appendLe32(QByteArray& out, quint32 value) {
  char buffer[4];
  qToLittleEndian(value, buffer);
  out.append(buffer, 4);
}

void appendVarint(QByteArray& out, quint64 value) {
  do {
    const quint8 byte = value & 0x7f;
    value >>= 7;
    out.append(char(value ? byte | 0x80 : byte));
  } while (value);
}

void padTo4(QByteArray& out, qsizetype from = 0) {
  while ((out.size() - from) % 4) out.append('\0');
}

// An .xz stream of one block holding data (< 64 KiB) as an uncompressed LZMA2 chunk, CRC32
// checks: what `xz` writes, minus the compression.
QByteArray xz(const QByteArray& data) {
  QByteArray out(
      "\xfd"
      "7zXZ\0",
      6);
  const QByteArray flags("\x00\x01", 2);  // check type 1: CRC32
  out += flags;
  appendLe32(out, crc32(flags));
  QByteArray block("\x02\x00\x21\x01\x00", 5);  // size (12 / 4 - 1), one filter: LZMA2
  padTo4(block);
  appendLe32(block, crc32(block));
  QByteArray chunk;
  chunk.append('\x01');  // an uncompressed chunk, dictionary reset
  chunk.append(char((data.size() - 1) >> 8));
  chunk.append(char((data.size() - 1) & 0xff));
  chunk += data;
  chunk.append('\0');  // end of LZMA2 data
  const quint64 unpadded = block.size() + chunk.size() + 4;
  const qsizetype blockStart = out.size();
  out += block + chunk;
  padTo4(out, blockStart);
  appendLe32(out, crc32(data));
  QByteArray index(1, '\0');
  appendVarint(index, 1);
  appendVarint(index, unpadded);
  appendVarint(index, static_cast<quint64>(data.size()));
  padTo4(index);
  appendLe32(index, crc32(index));
  out += index;
  QByteArray footer;
  appendLe32(footer, static_cast<quint32>(index.size() / 4 - 1));
  footer += flags;
  appendLe32(out, crc32(footer));
  out += footer + "YZ";
  return out;
}

}  // namespace

class RdaReaderTest : public QObject {
  Q_OBJECT

 private slots:
  void readsAGzipDataFrameWithAFactorAndNumbers() {
    QTemporaryDir dir;
    const QByteArray file = gzip(walsLikeRda(2));
    QCOMPARE(twb::detectCompression(file), twb::Compression::Gzip);
    const QString path = twb::test::writeFile(dir, QStringLiteral("df.rda"), file);
    const twb::RNamedObjects objects = twb::readRdaFile(path);
    QCOMPARE(objects.size(), 1);
    QCOMPARE(objects[0].first, QStringLiteral("df"));
    const twb::RObject& frame = *objects[0].second;
    QVERIFY(frame.inherits(QStringLiteral("data.frame")));  // "class" read through a reference
    QCOMPARE(frame.names(),
             (QStringList{"X81A.Order.of.Subject..Object.and.Verb", "latitude", "name"}));
    const twb::RObject& factor = *frame.items[0];
    QVERIFY(factor.isFactor());
    const QStringList labels = factor.asStrings();
    QCOMPARE(labels.mid(0, 2), (QStringList{"2 SVO", "1 SOV"}));
    QVERIFY(labels[2].isNull());  // NA
    const QVector<double> latitude = frame.item(QStringLiteral("latitude"))->asDoubles();
    QCOMPARE(latitude[0], 52.0);
    QCOMPARE(latitude[1], 52.5);
    QVERIFY(std::isnan(latitude[2]));
    QCOMPARE(frame.attribute(QStringLiteral("row.names"))->strings,
             (QStringList{"eng", "ger", "jpn"}));
  }

  void readsAnXzCompressedFile() {
    const QByteArray file = xz(walsLikeRda(2));
    QCOMPARE(twb::detectCompression(file), twb::Compression::Xz);
    QCOMPARE(twb::decompress(file, QStringLiteral("x")), walsLikeRda(2));
    const twb::RNamedObjects objects = twb::parseRda(file, QStringLiteral("x"));
    QCOMPARE(objects[0].second->item(QStringLiteral("latitude"))->doubles[1], 52.5);
    QByteArray damaged = file;
    damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 0x55);
    QVERIFY_THROWS_EXCEPTION(twb::InputError, twb::parseRda(damaged, QStringLiteral("bad.xz")));
  }

  void readsRdx3AndUncompressedFiles() {
    const twb::RNamedObjects objects = twb::parseRda(walsLikeRda(3), QStringLiteral("x"));
    QCOMPARE(objects.size(), 1);
    QCOMPARE(objects[0].second->item(QStringLiteral("name"))->strings.last(),
             QStringLiteral("Japanese"));
  }

  void turnsAWalsLikeFrameIntoLanguages() {
    const twb::WalsData wals = twb::walsFromR(
        twb::parseRda(gzip(walsLikeRda(2)), QStringLiteral("x")), QStringLiteral("x"));
    QCOMPARE(wals.languages.size(), 3);
    QCOMPARE(wals.featureNames.value(QStringLiteral("81A")),
             QStringLiteral("Order of Subject Object and Verb"));
    QCOMPARE(wals.languages[0].code, QStringLiteral("eng"));
    QCOMPARE(wals.languages[0].name, QStringLiteral("English"));
    QCOMPARE(wals.languages[0].features.value(QStringLiteral("81A")), QStringLiteral("2 SVO"));
    QCOMPARE(wals.languages[1].latitude, 52.5);
    QVERIFY(wals.languages[2].features.isEmpty());  // the NA is no feature value
    QVERIFY(std::isnan(wals.languages[2].latitude));
  }

  void rejectsDamagedAndUnsupportedFiles() {
    const QByteArray whole = walsLikeRda(2);
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::parseRda(whole.left(whole.size() - 9), QStringLiteral("cut")));
    QByteArray gz = gzip(whole);
    gz.truncate(gz.size() / 2);
    QVERIFY_THROWS_EXCEPTION(twb::InputError, twb::parseRda(gz, QStringLiteral("cut.gz")));
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::parseRda(QByteArray("BZh91AY&SY"), QStringLiteral("bz2")));
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::parseRda(QByteArray("hello"), QStringLiteral("text")));
    QByteArray badType = whole;
    badType[40] = char(99);  // the frame's type byte: no such SEXP type
    QVERIFY_THROWS_EXCEPTION(twb::InputError, twb::parseRda(badType, QStringLiteral("type")));
    try {
      twb::readRdaFile(QStringLiteral("/nonexistent/wals.rda"));
      QFAIL("no error for a missing file");
    } catch (const twb::InputError& error) {
      QCOMPARE(error.file(), QStringLiteral("/nonexistent/wals.rda"));
    }
  }

  // Found by fuzz_rda with UBSan: a long-vector length with its sign bit set was shifted left,
  // and a compact integer sequence beyond int (or NaN) was cast to int; both undefined
  // behaviour, now InputErrors.
  void rejectsLengthsAndSequencesOutOfRange() {
    Xdr longVector;
    longVector.header(2);
    longVector.cell("v");
    longVector.integer(13);  // an integer vector with a long length: -1, upper word, lower word
    longVector.integer(-1);
    longVector.integer(-1);
    longVector.integer(0);
    longVector.nil();
    twb::InputError error = twb::test::inputErrorOf(
        [&] { twb::parseRda(longVector.bytes, QStringLiteral("long.rda")); });
    QVERIFY2(error.message().contains(QLatin1String("vector length too large")), error.what());

    // ALTREP compact_intseq: class info (class, package, type), state (length, first, step).
    const auto sequence = [](double first, double step) {
      Xdr x;
      x.header(3);
      x.cell("s");
      x.integer(238);
      for (const char* name : {"compact_intseq", "base"}) {
        x.integer(2);
        x.symbol(name);
      }
      x.integer(2);
      x.integer(13);
      x.integer(1);
      x.integer(13);
      x.nil();
      x.integer(14);
      x.integer(3);
      for (double value : {3.0, first, step}) x.real(value);
      x.nil();  // no attributes
      x.nil();  // end of the top-level pairlist
      return twb::parseRda(x.bytes, QStringLiteral("seq.rda"));
    };
    QCOMPARE(sequence(5, 1).front().second->integers, (QVector<int>{5, 6, 7}));
    for (const auto& [first, step] : {std::pair{2e9, 1e9}, std::pair{std::nan(""), 1.0}}) {
      error = twb::test::inputErrorOf([&] { sequence(first, step); });
      QVERIFY2(error.message().contains(QLatin1String("outside the integer range")), error.what());
    }
  }

  void decompressGuardsItsOutputSize() {
    const QByteArray zeros(1 << 20, '\0');
    QCOMPARE(twb::decompress(gzip(zeros), QStringLiteral("z")), zeros);
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::decompress(gzip(zeros), QStringLiteral("z"), 1000));
  }
};

QTEST_GUILESS_MAIN(RdaReaderTest)
#include "test_rda_reader.moc"
