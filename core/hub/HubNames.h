// HubNames: checks of repository ids, revisions and file names before they become URLs and paths.
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace twb {

// Accepts "org/name" or "name" of letters, digits, '.', '_' and '-' as the Hub does (at most 96
// characters, no "--" or "..", not starting or ending with '-' or '.'); throws InputError naming
// the id otherwise.
void checkRepoId(const QString& repo);

// A branch, tag or commit ("main", "v1.0", "refs/pr/3"); throws InputError otherwise.
void checkRevision(const QString& revision);

// A full commit hash: 40 lower-case hexadecimal digits.
bool isCommitHash(const QString& text);

// A file name from the Hub that is safe to join under a folder: relative, '/'-separated, no "."
// or ".." parts, no backslash or control characters.
bool isSafeRelativePath(const QString& path);

// endpoint followed by the segments, each percent-encoded ("refs/pr/1" as one segment becomes
// "refs%2Fpr%2F1"). Throws InputError when endpoint is not an http(s) URL.
QUrl hubUrl(const QString& endpoint, const QStringList& segments);

// The repository's folder in the cache: "models--org--name".
QString repoFolderName(const QString& repo);

}  // namespace twb
