// ByteLevel: GPT-2's byte-to-character table and its pre-tokenization regex, as RoBERTa uses them.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace twb::bytelevel {

// The printable character that stands for a byte: printable Latin-1 bytes stand for themselves,
// the others (controls, space, NBSP, soft hyphen) for U+0100 and up, in byte order, so that a
// space reads as "Ġ" (U+0120) and a newline as "Ċ" (U+010A).
QChar charOfByte(unsigned char byte);
// The byte a character stands for, or -1 when the character is not in the table.
int byteOfChar(QChar c);

// The UTF-8 bytes of text, each written as its character.
QString encode(const QString& text);
// The inverse of encode, decoded as UTF-8 with invalid sequences replaced by U+FFFD. A character
// outside the table is kept as its own UTF-8 bytes.
QString decode(const QString& byteChars);

// Splits text as GPT-2's pattern does:
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// where \s is Unicode's White_Space property. The pieces concatenate to the text.
QStringList preTokenize(const QString& text);

}  // namespace twb::bytelevel
